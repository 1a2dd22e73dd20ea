// Issue 18, the bulletin's text end to end: fixtures/bulletin-2021 (a 长春市 year) merged as 长春市's clerk
// (--under 220100) and as the province, then `rc-org report --pdf` (and `--lang en`); the page read in Chromium (its
// DOM and text), the PDF per page with pdftotext. Asserts the scope words, the letters in the words of each unit's own
// problem, the rates said as facts or with their basis, no machine text, relative paths, "—"/未收到报表 for units
// with nothing usable, no near-empty PDF page, and the English page.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findBrowser } from '../src/report/pdf.js';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

const browser = findBrowser();
if (!browser) throw new Error('This test needs Chromium: apt-get install chromium (.ci/run does), or set CHROME_PATH.');

const work = tempDir('rc-org-bulletin-text-');
const fixture = copyFixture('fixtures/bulletin-2021', work, 'bulletin-2021');
let context: BrowserContext;
const pages: Record<'city' | 'province' | 'english', Page> = {} as never;
const summaries: Record<'city' | 'province', any> = {} as never;

function run(args: string[]): void {
  const r = spawnCli(args, { cwd: work, timeoutMs: 180_000 });
  // merge exits 1 here: the year has returns with errors, which is what the scenario is about
  expect(r.code === 0 || (args[0] === 'merge' && r.code === 1), `${args.join(' ')}\n${r.stderr}`).toBe(true);
}

/** Each page of a PDF as pdftotext gives it (one call per page, as a reader checking page by page would). */
function pdfPages(pdf: string): string[] {
  const n = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
  return Array.from({ length: n }, (_, i) => spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }).stdout);
}
const lines = (text: string): number => text.split('\n').filter((l) => l.trim() !== '').length;

beforeAll(async () => {
  const returns = join(fixture, 'returns');
  const baseline = join(fixture, 'baseline-2020.csv');
  run(['merge', returns, '--under', '220100', '--baseline', baseline, '--out', 'city']);
  run(['merge', returns, '--baseline', baseline, '--out', 'province']);
  run(['report', 'city', '--out', 'city-report', '--pdf']);
  run(['report', 'province', '--out', 'province-report', '--pdf']);
  run(['report', 'city', '--out', 'city-report-en', '--pdf', '--lang', 'en']);
  summaries.city = JSON.parse(readFileSync(join(work, 'city', 'summary.json'), 'utf8'));
  summaries.province = JSON.parse(readFileSync(join(work, 'province', 'summary.json'), 'utf8'));
  context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: browser, headless: true, args: CHROMIUM_FLAGS });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  for (const [key, dir] of [
    ['city', 'city-report'],
    ['province', 'province-report'],
    ['english', 'city-report-en'],
  ] as const) {
    pages[key] = await context.newPage();
    await pages[key].goto(pathToFileURL(join(work, dir, 'report.html')).href, { waitUntil: 'load' });
  }
}, 600_000);

afterAll(async () => {
  await context?.close();
});

const text = (p: Page, selector = 'body'): Promise<string> => p.locator(selector).first().innerText();
const items = (p: Page, selector: string): Promise<string[]> => p.locator(selector).allInnerTexts();
const letter = (p: Page, code: string): Promise<string> => p.locator(`section#letters article[data-unit="${code}"]`).innerText();

describe('item 2: the scope words follow the root of the run', () => {
  it('a 长春市 run says 全市 and 各县（市、区）, never 全省 — in the headings, the text and the PDF', async () => {
    const p = pages.city;
    expect(await items(p, 'section > h2')).toEqual([
      '一、报送情况',
      '二、全市总体情况',
      '三、对照工作目标',
      '四、发展情况',
      '五、表扬与提醒',
      '六、提示函',
      '附：数据与来源',
    ]);
    const body = await text(p);
    expect(body).not.toContain('全省');
    expect(await text(p, 'section#province > p')).toMatch(/^截至 2021 年 12 月 31 日，全市 12 个单位已报送 8 个（/);
    expect(await text(p, '#goals-text')).toContain('全市理顺管理体制的县 5 个，占 71.4%，低于全部理顺的目标。');
    expect(await text(p, 'section#goals tr.total td')).toMatch(/^全市/);
    expect(await text(p, 'section#goals ul.rule')).toContain('排名只在各县（市、区）中有数据的单位之间进行');
    const pdf = pdfPages(join(work, 'city-report', 'report.pdf')).join('\n');
    expect(pdf).toContain('二、全市总体情况');
    expect(pdf).not.toContain('全省');
  });

  it('the province run says 全省 and 各市（州）', async () => {
    const p = pages.province;
    expect(await text(p, 'section#province > h2')).toBe('二、全省总体情况');
    expect(await text(p, 'section#province > p')).toMatch(/^截至 2021 年 12 月 31 日，全省 71 个单位已报送 8 个（/);
    expect(await text(p, 'section#goals ul.rule')).toContain('排名只在各市（州）中有数据的单位之间进行');
  });
});

// Letters and lists are checked by what they say (data-hits, data-says: rule, problem, counts, indicators), and by
// the parameters they must name; one whole letter per language is read word for word (WHOLE_LETTER_*).
const hits = async (p: Page, list: string, code: string): Promise<unknown[]> =>
  JSON.parse((await p.locator(`#${list} li[data-unit="${code}"]`).getAttribute('data-hits'))!) as unknown[];
const says = (p: Page, code: string): Promise<any[]> =>
  p.locator(`section#letters article[data-unit="${code}"] p[data-says]`).evaluateAll((ps) => ps.map((x) => JSON.parse(x.getAttribute('data-says'))));
const saying = (p: Page, code: string, rule: string): Promise<string> =>
  p.locator(`section#letters article[data-unit="${code}"] p[data-says*='"rule":"${rule}"']`).first().innerText();
const rulesOf = (tags: any[]): string[] => tags.map((t) => (t.rule === 'own-return' ? `own-return:${t.problem}` : t.rule === 'closing' ? `closing:${t.after}` : t.rule));

const WHOLE_LETTER_ZH = [
  '提示函（草稿）',
  '绿园区红十字会：',
  '根据 2021 年度组织体系建设统计汇总情况，现将你会有关情况提示如下：',
  '你会尚未理顺管理体制，工作方案一（二）1要求“县级红十字会全部理顺管理体制”。',
  '你会尚未设立监事会，工作方案二（一）2要求“市、县级红十字会全部设立监事会”。',
  '请对照工作方案认真研究，采取措施加以推进，并于收到本函后 15 个工作日内将整改情况书面报送长春市红十字会。',
].join('\n');

describe('item 3: the lists and the 提示函 speak of each unit’s own problem', () => {
  it('a return to correct: its own return, N cells, asked of nobody else, no 整改 report', async () => {
    const p = pages.city;
    expect(await hits(p, 'remind', '220104')).toEqual([{ rule: 'own-return', problem: 'correct', count: 1 }]);
    expect(rulesOf(await says(p, '220104'))).toEqual(['opening', 'own-return:correct']);
    expect((await says(p, '220104'))[1]).toMatchObject({ count: 1 });
  });

  it('nothing received: asked to send it by the deadline; a return that cannot be opened: asked to send it again — as summary.json has it', async () => {
    const p = pages.city;
    expect(await hits(p, 'remind', '220182')).toEqual([{ rule: 'own-return', problem: 'missing', count: 0 }]);
    expect(rulesOf(await says(p, '220182'))).toEqual(['opening', 'own-return:missing']);
    expect(await saying(p, '220182', 'own-return')).toContain('15 个工作日');
    // 宽城区 sent a damaged file carrying rc-org's name: tied to it by the name (item 4), it is told the file cannot
    // be opened — never that nothing arrived
    expect(summaries.city.branches.find((b: any) => b.code === '220103').status).toBe('resubmit');
    expect(await hits(p, 'remind', '220103')).toEqual([{ rule: 'own-return', problem: 'unreadable', count: 0 }]);
    expect(rulesOf(await says(p, '220103'))).toEqual(['opening', 'own-return:unreadable']);
    expect(await saying(p, '220103', 'own-return')).toContain('2021_220103_宽城区_组织体系建设统计表.xlsx');
    expect(await text(p, 'section#status tr[data-unit="220103"] td.names:last-child')).toBe('本级（按文件名认定）');
    expect(await text(p, 'table.sources')).toContain('220103 宽城区（按文件名认定）');
  });

  it('two versions: the unit is asked to choose one, naming both files', async () => {
    expect(rulesOf(await says(pages.city, '220184'))).toEqual(['opening', 'own-return:versions']);
    const l = await saying(pages.city, '220184', 'own-return');
    for (const file of ['2021_220184_公主岭市_组织体系建设统计表.xlsx', '公主岭市-修改后.xlsx']) expect(l).toContain(file);
  });

  it('a goal lagged: each goal missed, then a closing asking for a written report by the deadline (the whole Chinese letter)', async () => {
    const p = pages.city;
    const goals = [
      { rule: 'goal-missed', rate: 'countyReformed', value: 0, goal: 1, gap: 1 },
      { rule: 'goal-missed', rate: 'supervisory', value: 0, goal: 1, gap: 1 },
    ];
    expect(await hits(p, 'remind', '220106')).toEqual(goals);
    expect(await says(p, '220106')).toEqual([{ rule: 'opening' }, ...goals, { rule: 'closing', after: 'goal-missed' }]);
    expect((await letter(p, '220106')).replace(/\n+/g, '\n').split('\n长春市红十字会')[0]).toBe(WHOLE_LETTER_ZH);
  });

  it('an unexplained decrease is asked about; an explained one is acknowledged with its reason, not asked again', async () => {
    const p = pages.city;
    const decrease = { rule: 'decrease', indicator: 'adultMembers', increase: -120, percent: expect.closeTo(-0.021, 3) as unknown };
    expect(await hits(p, 'remind', '220102')).toEqual([decrease]);
    expect(await says(p, '220102')).toEqual([{ rule: 'opening' }, decrease, { rule: 'closing', after: 'decrease' }]);
    expect(await p.locator('#remind li[data-unit="220122"]').count()).toBe(0);
    expect(await p.locator('section#letters article[data-unit="220122"]').count()).toBe(0);
    const explanation = '2所村小撤并，基层组织相应减少';
    expect(await hits(p, 'noted', '220122')).toEqual([
      { rule: 'decrease-explained', indicator: 'grassrootsOrgs', increase: -2, percent: expect.any(Number) as unknown, explanation },
    ]);
    expect(await text(p, '#noted li[data-unit="220122"]')).toContain(explanation);
    // the explanation reaches the report through summary.json (merge passes the 说明 column through)
    expect(summaries.city.branches.find((b: any) => b.code === '220122').notes).toEqual({ annex2: { grassrootsOrgs: explanation } });
  });

  it('a unit is never among its own 所属单位, never asked to chase itself, never "全部未报" when it reported', async () => {
    for (const [p, summary] of [
      [pages.city, summaries.city],
      [pages.province, summaries.province],
    ] as const) {
      for (const code of await p.locator('section#letters article').evaluateAll((as) => as.map((a) => a.getAttribute('data-unit')!))) {
        if (!rulesOf(await says(p, code)).includes('below-returns')) continue;
        const name = summary.branches.find((b: any) => b.code === code).name as string;
        expect(await saying(p, code, 'below-returns')).not.toContain(`${name}（`);
      }
      for (const li of await items(p, '#remind li')) expect(li).not.toContain('全部未报');
    }
    // 吉林市 sent nothing: told to send its own return and to chase its nine counties — not itself
    const says吉林 = await says(pages.province, '220200');
    expect(rulesOf(says吉林)).toEqual(['opening', 'own-return:missing', 'below-returns']);
    expect(says吉林[2]).toMatchObject({ outstanding: 9 });
    expect(await saying(pages.province, '220200', 'below-returns')).toContain('昌邑区（未报送）');
    expect(await saying(pages.province, '220200', 'below-returns')).not.toContain('吉林市（');
    // the status table names a unit's own missing return as 本级, never by its own name in its own row
    expect(await text(pages.province, 'section#status tr[data-unit="220200"] td.names')).toMatch(/^本级、昌邑区/);
  });
});

describe('item 5: rates that mean something', () => {
  it("one county's yes/no is said as a fact: no 0.0%（0/1）, no rank", async () => {
    const p = pages.city;
    expect(await text(p, 'section#goals tr[data-unit="220106"] td[data-rate="countyReformed"]')).toBe('尚未理顺管理体制');
    expect(await text(p, 'section#goals tr[data-unit="220106"] td[data-rate="supervisory"]')).toBe('尚未设立监事会');
    expect(await text(p, 'section#goals tr[data-unit="220102"] td[data-rate="countyReformed"]')).toBe('已理顺管理体制');
    const countyCells = await items(p, 'section#goals tr[data-unit]:not(.total) td[data-rate]');
    expect(countyCells.length).toBe(11 * 5);
    for (const c of countyCells) expect(c).not.toMatch(/%|第 \d+ 名/);
    expect(await p.locator('section#goals small.rank').count()).toBe(0);
  });

  it('a rate on partial returns says so in a sentence of its own', async () => {
    expect(await text(pages.city, '#goals-text')).toContain('此比率仅据 11 个县（市、区）中已报送的 7 个计算。');
    expect(await text(pages.province, '#goals-text')).toContain(
      '全省理顺管理体制的县 5 个，占 71.4%，低于全部理顺的目标。此比率仅据 60 个县（市、区）中已报送的 7 个计算。',
    );
  });

  it('长春市, alone with data in the province run, is not "第 1 名" anywhere', async () => {
    const p = pages.province;
    expect(await p.locator('small.rank').count()).toBe(0);
    expect(await text(p)).not.toMatch(/第 \d+ 名/);
    expect(await text(p, 'section#goals tr[data-unit="220100"] td[data-rate="countyReformed"]')).toMatch(/^71\.4%/);
  });
});

describe('item 1: no machine text in the page body; provenance with relative paths', () => {
  it('no rule id, no 【规则】, no summary.json, no program name or version', async () => {
    for (const p of [pages.city, pages.province]) {
      const body = await text(p);
      expect(body).not.toMatch(/【|规则：|summary\.json|rc-org|\d+\.\d+\.\d+|missing-returns|goal-missed|goals-and-growth/);
    }
  });

  it('the appendix lists each source file relative to the returns folder, with its SHA-256; report.html holds no absolute path', async () => {
    const rows = await pages.city.locator('table.sources tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
    expect(rows).toContain('二道区报表（最终版）.xlsx');
    expect(rows).toContain('2021_220122_农安县_组织体系建设统计表.xlsx');
    const source = summaries.city.sources.find((s: any) => s.file.endsWith('二道区报表（最终版）.xlsx'));
    expect(await text(pages.city, 'table.sources')).toContain(source.sha256.slice(0, 12));
    for (const dir of ['city-report', 'province-report', 'city-report-en']) {
      const html = readFileSync(join(work, dir, 'report.html'), 'utf8');
      expect(html).not.toContain(work);
      expect(html).not.toContain(fixture);
    }
  });
});

describe('item 8: a unit with no usable return is "—" with 未收到报表, never zeros', () => {
  it('in the rates, growth and data tables', async () => {
    const p = pages.province;
    for (const section of ['goals', 'growth']) {
      const cells = await items(p, `section#${section} tr[data-unit="220200"] td.num`);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.replace(/\s+/g, '')).toBe('—未收到报表');
    }
    expect(await text(pages.city, 'section#growth tr[data-unit="220182"]')).toContain('未收到报表');
  });
});

describe('item 6: the PDF has no near-empty page', () => {
  it.each(['city-report', 'province-report', 'city-report-en'])('%s/report.pdf: every page but the last has at least six lines', (dir) => {
    const each = pdfPages(join(work, dir, 'report.pdf'));
    expect(each.length).toBeGreaterThan(3);
    each.slice(0, -1).forEach((page, i) => expect(lines(page), `page ${i + 1}: ${page}`).toBeGreaterThanOrEqual(6));
  });
});

const WHOLE_LETTER_EN = [
  'Reminder letter (draft)',
  '朝阳区红十字会:',
  'From the 2021 survey of organisation-system building, the following concern your branch:',
  'Your return has 1 cell to correct. Please correct it on the correction form sent back to you and send the return again.',
].join('\n');

describe('item 10: --lang en draws the page and the PDF in English', () => {
  it('headings, sentences and counts in English, singular and plural right', async () => {
    const p = pages.english;
    expect(await p.locator('html').getAttribute('lang')).toBe('en');
    expect(await items(p, 'section > h2')).toEqual([
      '1. Returns',
      '2. The city as a whole',
      "3. Against the plan's goals",
      '4. Growth',
      '5. Praise and reminders',
      '6. Reminder letters',
      'Annex: data and sources',
    ]);
    expect(await hits(p, 'remind', '220104')).toEqual([{ rule: 'own-return', problem: 'correct', count: 1 }]);
    expect((await letter(p, '220104')).replace(/\n+/g, '\n').split('\n长春市红十字会')[0]).toBe(WHOLE_LETTER_EN);
    expect(await text(p, 'section#province > p')).toContain('55 volunteer service teams, up 6 volunteer service teams on 2020');
    expect(await text(p, '#goals-text')).toContain('The city: 5 counties have the management system in order (71.4%), below the goal of 100%.');
    expect(await text(p, 'section#goals tr[data-unit="220106"] td[data-rate="countyReformed"]')).toBe('management system not yet in order');
    // no Chinese words of the page's own: what is left is names of places and files, and the branches' own notes
    const body = (await text(p))
      .replace(/\S*\.xlsx/g, '')
      .replace(/[\u4e00-\u9fff]+(区|县|市|州)(红十字会)?/g, '')
      .replace(/2所村小撤并，基层组织相应减少/g, '');
    expect(body.match(/[\u4e00-\u9fff]+/g) ?? []).toEqual([]);
    const pdf = pdfPages(join(work, 'city-report-en', 'report.pdf')).join('\n');
    expect(pdf).toContain("3. Against the plan's goals");
    expect(pdf).not.toContain('对照工作目标');
  });
});
