// Issue 18, the bulletin's words on the small made-up registry (fixtures/report/small-registry-2021) edited to each
// situation: null totals for a unit with nothing usable (merge since issue 18) and the older 0s, a file that cannot
// be opened, two versions, the scope words of a city and of a 州, English counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../src/core/rates.js';
import { SetupError } from '../src/messages.js';
import { renderHtml } from '../src/report/html.js';
import { buildModel, provinceRows, scopeWordsOf, type ReportModel } from '../src/report/model.js';
import { parseSummary } from '../src/report/summary.js';
import { letterText, listLine, provinceParagraph, quantity, sectionTitles } from '../src/report/words.js';
import { fixturePath } from './helpers.js';

const raw = (): Record<string, any> => JSON.parse(readFileSync(fixturePath('fixtures/report/small-registry-2021/summary.json'), 'utf8'));
const model = (json: unknown = raw()): ReportModel =>
  buildModel([{ dir: '/x', file: '/x/summary.json', summary: parseSummary(json, '/x/summary.json') }], { rules: defaultRules(), now: new Date(2022, 0, 10) });
const unit = (m: ReportModel, code: string) => m.units.find((u) => u.code === code)!;
const nullTotals = (t: any): void => {
  for (const k of Object.keys(t.annex1)) t.annex1[k] = null;
  for (const k of Object.keys(t.annex2)) t.annex2[k] = null;
};

describe('a unit with no usable return (item 8)', () => {
  it('summary.json with null totals for it is read; the page shows "—" with 未收到报表, never 0', () => {
    const j = raw();
    nullTotals(j.totals['990300']); // 丙市: nothing usable from it or its county
    const m = model(j);
    expect(unit(m, '990300').annex1).toBeNull();
    expect(unit(m, '990300').growth).toBeNull();
    const html = renderHtml(m);
    const row = /<tr data-unit="990300"><td class="name"><bdi>丙市[\s\S]*?<\/tr>/.exec(html.slice(html.indexOf('<section id="goals">')))![0];
    expect(row.match(/data-no-return/g)!.length).toBe(5);
    expect(row).toContain('未收到报表');
    expect(row).not.toMatch(/>0(\.0%)?</);
  });

  it('older files with 0s for it give the same page', () => {
    // the charts' SVG carries ids numbered per drawing: compared without them
    const page = (m: ReportModel): string => renderHtml(m).replace(/<svg[\s\S]*?<\/svg>/g, '<svg/>');
    const older = page(model());
    const j = raw();
    nullTotals(j.totals['990300']);
    expect(page(model(j))).toBe(older);
    expect(older).toContain('丙市');
  });

  it('a root with nothing usable: every row of the 附件1 table is "—"/未收到报表', () => {
    const j = raw();
    for (const b of j.branches) {
      b.status = 'missing';
      b.figures = null;
      b.files = [];
    }
    for (const t of Object.values<any>(j.totals)) {
      nullTotals(t);
      t.statuses = { passed: 0, warnings: 0, resubmit: 0, 'by-summary': 0, missing: t.expected };
    }
    const m = model(j);
    expect(provinceRows(m).every((r) => r.current === null && r.growth === null && r.completed === null)).toBe(true);
    const province = renderHtml(m).split('<section id="province">')[1]!.split('</section>')[0]!;
    expect(province.match(/data-no-return/g)!.length).toBe(14);
    expect(province).not.toMatch(/<td class="num">0<\/td>/);
  });

  it('a null total where a branch under it did report is refused (exit 2), naming the total', () => {
    const j = raw();
    nullTotals(j.totals['990100']); // 甲市 did report
    let e: unknown;
    try {
      model(j);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SetupError);
    expect((e as SetupError).problems[0]!.code).toBe('report-totals-mismatch');
    expect((e as SetupError).problems[0]!.params).toMatchObject({ code: '990100', total: '—' });
  });
});

describe('the letter in the words of the unit’s own problem (item 3)', () => {
  /** 丙市's county sent one file that cannot be opened; 丙市 itself is under the province. */
  const withCounty = (findings: unknown[], files: string[], status = 'resubmit'): ReportModel => {
    const j = raw();
    const county = j.branches.find((b: any) => b.code === '990301');
    county.findings = findings;
    county.files = files;
    county.status = status;
    j.totals['990300'].statuses = { passed: 0, warnings: 0, resubmit: status === 'resubmit' ? 1 : 0, 'by-summary': 0, missing: status === 'missing' ? 2 : 1 };
    // 丙一县 as a unit of its own: a run --under 丙市
    j.scope = '990300';
    j.branches = j.branches.filter((b: any) => b.code === '990300' || b.parent === '990300');
    j.branches.find((b: any) => b.code === '990300').parent = null;
    j.totals = { '990300': j.totals['990300'] };
    j.sources = [];
    return model(j);
  };

  it('a file that cannot be opened: asked to send it again, never told nothing arrived', () => {
    const m = withCounty(
      [{ code: 'file-truncated', severity: 'error', file: '/home/clerk/收件/2021_990301_丙一县.xlsx', sheet: null, cell: null, indicator: null, params: {} }],
      ['/home/clerk/收件/2021_990301_丙一县.xlsx'],
    );
    const e = m.remind.find((x) => x.code === '990301')!;
    expect(e.hits).toEqual([{ rule: 'own-return', problem: 'unreadable', count: 0 }]);
    expect(listLine(e, m)).toMatch(/^丙一县：/);
    const l = letterText(e, unit(m, '990301'), m);
    expect(l.to).toBe('丙一县红十字会');
    expect(l.says).toEqual([{ rule: 'opening' }, { rule: 'own-return', problem: 'unreadable', count: 0 }]);
    // the file by its own name, never the clerk's folder
    expect(l.body[1]).toContain('“2021_990301_丙一县.xlsx”');
    expect(l.body.join('')).not.toMatch(/\/home/);
  });

  it('cells to correct are counted: the letter says the unit has 2 cells to correct', () => {
    const f = (cell: string) => ({ code: 'value-not-number', severity: 'error', file: 'a.xlsx', sheet: '附件1', cell, indicator: 'groupMembers', params: {} });
    const m = withCounty([f('C13'), f('C14')], ['a.xlsx']);
    const e = m.remind.find((x) => x.code === '990301')!;
    // what the letter is about, as data (the words of a whole letter are read in test/bulletin-text.e2e.test.ts)
    expect(e.hits).toEqual([{ rule: 'own-return', problem: 'correct', count: 2 }]);
    expect(unit(m, '990301').own).toMatchObject({ status: 'resubmit', problem: 'correct', count: 2, files: ['a.xlsx'] });
    const l = letterText(e, unit(m, '990301'), m);
    expect(l.body).toHaveLength(2); // the opening and the one point: no 整改 or chasing paragraph
    expect(l.body[1]).toContain('2');
  });

  it('the scope words of a city run: 全市, 各县（市、区）', () => {
    const m = withCounty([], [], 'missing');
    expect(m.scopeWords).toEqual({ whole: '全市', parts: '各县（市、区）', part: '县（市、区）' });
    expect(sectionTitles(m).province).toBe('二、全市总体情况');
    expect(provinceParagraph(m)).toMatch(/^截至 2021 年 12 月 31 日，全市 2 个单位/);
  });
});

describe('scope words from the root (item 2)', () => {
  it.each([
    ['吉林省', 'city', { whole: '全省', parts: '各市（州）', part: '市（州）' }],
    ['长春市', 'county', { whole: '全市', parts: '各县（市、区）', part: '县（市、区）' }],
    ['延边朝鲜族自治州', 'county', { whole: '全州', parts: '各县（市、区）', part: '县（市、区）' }],
    ['公主岭市', 'special', { whole: '全市', parts: '各单位', part: '单位' }],
  ])('%s (units under it: %s)', (name, level, words) => {
    expect(scopeWordsOf(name, level)).toEqual(words);
  });
});

describe('English counts (item 10)', () => {
  it.each([
    ['volunteerOrgs', 1, '1 volunteer service team'],
    ['volunteerOrgs', 3, '3 volunteer service teams'],
    ['adultMembers', 1, '1 adult member'],
    ['serviceHours', 1, '1 hour of volunteer service'],
    ['volunteers', 1200, '1,200 registered volunteers'],
  ] as const)('%s %d: %s', (key, n, said) => {
    expect(quantity(key, n, 'en')).toBe(said);
  });

  it('the English page of the small registry has its headings and the letters in English', () => {
    const html = renderHtml(model(), 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h2>2. The province as a whole</h2>');
    expect(html).toContain(
      'Your ' + '2021 return on organisation-system building has not been received. Please send it within 15 working days of receiving this letter.',
    );
    expect(html).not.toMatch(/一、|提示函|报送情况/);
  });
});
