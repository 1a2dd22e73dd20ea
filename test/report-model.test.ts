// The bulletin for a small made-up registry (fixtures/report/small-registry-2021, see its README): rates, rankings
// and rule texts against values worked out by hand, and summary.json files that are foreign, edited or empty.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../src/core/rates.js';
import { SetupError } from '../src/messages.js';
import { renderHtml } from '../src/report/html.js';
import { buildModel, provinceRows, type ReportModel } from '../src/report/model.js';
import { orderYears, parseSummary, type LoadedSummary } from '../src/report/summary.js';
import { letterText, listLine, provinceParagraph } from '../src/report/words.js';
import { fixturePath } from './helpers.js';

const FIXTURE = 'fixtures/report/small-registry-2021/summary.json';
const raw = (): Record<string, any> => JSON.parse(readFileSync(fixturePath(FIXTURE), 'utf8'));
const loaded = (json: unknown = raw(), dir = '/x/2021'): LoadedSummary => ({
  dir,
  file: `${dir}/summary.json`,
  summary: parseSummary(json, `${dir}/summary.json`),
});
const model = (years: LoadedSummary[] = [loaded()]): ReportModel => buildModel(years, { rules: defaultRules(), now: new Date(2022, 0, 10) });

const unitOf = (m: ReportModel, code: string) => m.units.find((u) => u.code === code)!;

describe('small made-up registry: 甲市 all in, 乙市 one county missing, 丙市 nothing usable, 丁管委会 special', () => {
  const m = model();

  it('has the units directly under the province, in tree order, with their status counts', () => {
    expect(m.units.map((u) => u.name)).toEqual(['甲市', '乙市', '丙市', '丁管委会']);
    expect(unitOf(m, '990100').statuses).toEqual({ passed: 3, warnings: 0, resubmit: 0, 'by-summary': 1, missing: 0 });
    expect(unitOf(m, '990200').statuses).toEqual({ passed: 1, warnings: 1, resubmit: 0, 'by-summary': 0, missing: 1 });
    expect(unitOf(m, '990300').statuses).toEqual({ passed: 0, warnings: 0, resubmit: 1, 'by-summary': 0, missing: 1 });
    expect(unitOf(m, '99S001').statuses).toEqual({ passed: 1, warnings: 0, resubmit: 0, 'by-summary': 0, missing: 0 });
    expect(unitOf(m, '990300').outstanding).toEqual([
      { code: '990300', name: '丙市', status: 'missing', problem: 'missing', count: 0, files: [], byName: false },
      { code: '990301', name: '丙一县', status: 'resubmit', problem: 'correct', count: 1, files: ['2021_990301_丙一县.xlsx'], byName: false },
    ]);
    // its own return apart from the ones under it: a unit is never among its own 所属单位
    expect(unitOf(m, '990300').own).toMatchObject({ code: '990300', problem: 'missing' });
    expect(unitOf(m, '990300').below.map((o) => o.code)).toEqual(['990301']);
    expect(unitOf(m, '990200').own).toBeNull();
    expect(m.province.statuses).toEqual({ passed: 6, warnings: 1, resubmit: 1, 'by-summary': 1, missing: 2 });
  });

  it('computes every rate as worked out by hand, with the branches it rests on', () => {
    const a = unitOf(m, '990100').rates; // counties 甲一/甲二/甲三 returned; city 甲市 due and completed
    expect([a.countyReformed!.num, a.countyReformed!.den, a.countyReformed!.value]).toEqual([3, 3, 1]);
    expect([a.countyPartyGroup!.num, a.countyPartyGroup!.den]).toEqual([2, 3]);
    expect([a.supervisory!.num, a.supervisory!.den, a.supervisory!.basis]).toEqual([4, 4, 4]);
    expect([a.election!.num, a.election!.den, a.election!.value]).toEqual([3, 3, 1]);
    expect([a.volunteerTeams!.num, a.volunteerTeams!.den]).toEqual([3, 3]);

    const b = unitOf(m, '990200').rates; // only 乙一县 returned (2 teams); 乙市 has no supervisory board; nothing due
    expect([b.countyReformed!.value, b.countyReformed!.basis]).toEqual([0, 1]);
    expect([b.supervisory!.num, b.supervisory!.den, b.supervisory!.value]).toEqual([1, 2, 0.5]);
    expect(b.election).toEqual({ num: 0, den: 0, value: null, basis: 2, expected: 3 }); // nothing due for election: "—"
    expect(b.volunteerTeams!.value).toBe(0);

    for (const r of Object.values(unitOf(m, '990300').rates)) expect([r.value, r.basis]).toEqual([null, 0]); // no returns
    for (const r of Object.values(unitOf(m, '99S001').rates)) expect(r.value).toBeNull(); // no county, no city

    const p = m.province.rates; // 4 counties and 2 cities returned
    expect([p.countyReformed!.num, p.countyReformed!.den]).toEqual([3, 4]);
    expect([p.countyPartyGroup!.num, p.countyPartyGroup!.den]).toEqual([2, 4]);
    expect([p.supervisory!.num, p.supervisory!.den]).toEqual([5, 6]);
    expect([p.election!.num, p.election!.den]).toEqual([3, 3]);
    expect([p.volunteerTeams!.num, p.volunteerTeams!.den]).toEqual([3, 4]);
  });

  it('ranks like with like, only three or more with data, and never a unit with nothing returned', () => {
    // supervisory boards: only 甲市 and 乙市 have data — two are not ranked (no "第 1 名" of two)
    expect(m.units.map((u) => u.rateRanks.supervisory)).toEqual([null, null, null, null]);
    expect(m.units.map((u) => u.rateRanks.election)).toEqual([null, null, null, null]);
    // grassroots growth: 甲市 14/56 = 25 %, 乙市 −1/21 = −4.8 %, 丁管委会 0/5 = 0 %
    expect(m.units.map((u) => u.growth?.grassrootsOrgs!.percent ?? null)).toEqual([0.25, -1 / 21, null, 0]);
    expect(m.units.map((u) => u.growthRanks.grassrootsOrgs)).toEqual([1, 3, null, 2]);
    expect(m.units.map((u) => u.growthRanks.groupMembers)).toEqual([1, 1, null, 1]); // all 0 %: a tie
    expect(unitOf(m, '990300').growth).toBeNull();
  });

  it('puts 甲市 on the praise list and 乙市, 丙市 on the reminder list, each with the rule that put it there', () => {
    // why each unit is listed, as data: the rule, and the figures the sentence is made from
    expect(m.praise.map((e) => [e.name, e.hits])).toEqual([
      [
        '甲市',
        [
          {
            rule: 'goals-and-growth',
            goalsMet: ['countyReformed', 'supervisory', 'election', 'volunteerTeams'],
            aboveMedian: ['grassrootsOrgs', 'adultMembers', 'youthMembers', 'volunteerOrgs'],
            of: 7,
            needed: 4,
          },
        ],
      ],
    ]);
    expect(m.remind.map((e) => [e.name, e.hits])).toEqual([
      [
        '乙市',
        [
          { rule: 'below-returns', outstanding: 1, returned: 2 },
          { rule: 'goal-missed', rate: 'countyReformed', value: 0, goal: 1, gap: 1 },
          { rule: 'goal-missed', rate: 'supervisory', value: 0.5, goal: 1, gap: 0.5 },
          { rule: 'goal-missed', rate: 'volunteerTeams', value: 0, goal: 1, gap: 1 },
          { rule: 'decrease', indicator: 'grassrootsOrgs', increase: -1, percent: expect.closeTo(-1 / 21, 9) },
          { rule: 'decrease', indicator: 'adultMembers', increase: -5, percent: expect.closeTo(-5 / 155, 9) },
        ],
      ],
      [
        '丙市',
        [
          { rule: 'own-return', problem: 'missing', count: 0 },
          { rule: 'below-returns', outstanding: 1, returned: 0 },
        ],
      ],
    ]);
    // the one whole sample of a list line: a one-county yes/no said as a fact with its basis, a partial rate says so
    expect(listLine(m.remind[0]!, m)).toBe(
      '乙市：所属 2 个单位中尚有 1 个未报送或需重报；2 个县（市、区）中已报送的 1 个尚未理顺管理体制；' +
        '设立监事会的市、县 1 个，占 50.0%，低于全部设立的目标。此比率仅据 3 个市、县级单位中已报送的 2 个计算；' +
        '2 个县（市、区）中已报送的 1 个志愿服务队不足 3 支；基层组织比 2020 年减少 1 个（−4.8%）；成人会员比 2020 年减少 5 人（−3.2%）。',
    );
    for (const e of [...m.praise, ...m.remind]) expect(listLine(e, m)).not.toMatch(/【|规则|(^|[^\d])0\.0%|全部未报/);
    expect(m.remind.find((e) => e.name === '丁管委会')).toBeUndefined(); // complete, no goal to miss, no decrease
  });

  it('drafts a 提示函 per lagging unit: one paragraph per point, each naming the unit’s own problem, with a deadline', () => {
    const b = letterText(m.remind[0]!, unitOf(m, '990200'), m);
    expect(b.to).toBe('乙市红十字会');
    // an opening, one paragraph per hit, and the 整改 closing a missed goal asks for
    expect(b.body).toHaveLength(1 + m.remind[0]!.hits.length + 1);
    expect(b.body[1]).toContain('乙二县'); // below-returns names who is outstanding
    expect(b.body.at(-1)).toContain('收到本函后 15 个工作日内');
    expect(b.body.at(-1)).toContain('示例省红十字会');
    // 丙市 did not send its own return: it is told to send it, and to chase 丙一县 — never itself (the words of a
    // whole letter are read once per language, in test/bulletin-text.e2e.test.ts)
    const c = letterText(m.remind[1]!, unitOf(m, '990300'), m);
    expect(c.says).toEqual([
      { rule: 'opening' },
      { rule: 'own-return', problem: 'missing', count: 0 },
      { rule: 'below-returns', outstanding: 1, returned: expect.any(Number) as unknown },
    ]);
    expect(c.body[2]).toContain('丙一县');
    expect(c.body[2]).not.toContain('丙市');
  });

  it("writes the province paragraph with the merge's totals", () => {
    expect(provinceParagraph(m)).toContain('截至 2021 年 12 月 31 日，全省 11 个单位已报送 8 个（其中由汇总表代报 1 个，需重报 1 个，未报送 2 个）。');
    expect(provinceParagraph(m)).toContain('红十字会基层组织 105 个，比 2020 年增加 15 个，增长 16.7%');
    const rows = provinceRows(m);
    expect(rows[7]).toMatchObject({ no: 8, current: 105, growth: { base: 90, increase: 15 } });
    expect(rows[1]).toMatchObject({ no: 2, current: 1, growth: null, completed: 1 }); // completed elections, not a change
  });

  it('renders a page with every section, every name, and no NaN / undefined / Infinity', () => {
    const html = renderHtml(m);
    for (const id of ['status', 'province', 'goals', 'growth', 'lists', 'letters', 'annex']) expect(html).toContain(`<section id="${id}">`);
    for (const n of ['甲市', '乙市', '丙市', '丁管委会', '乙二县', '丙一县']) expect(html).toContain(n);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:\/\/(?!www\.w3\.org)/);
    // 丙市 and 乙市 are marked incomplete in the rates table
    expect(html.match(/class="incomplete-mark"/g)!.length).toBeGreaterThanOrEqual(3);
  });
});

describe('data from the file is escaped in the page', () => {
  it('a branch name with markup is shown as text', () => {
    const j = raw();
    const name = '<img src=x onerror=alert(1)>&"县';
    j.branches.find((b: any) => b.code === '990202').name = name;
    const html = renderHtml(model([loaded(j)]));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;县');
  });
});

describe('bad summary.json', () => {
  const refused = (j: unknown): SetupError => {
    try {
      parseSummary(j, 'summary.json');
    } catch (e) {
      expect(e).toBeInstanceOf(SetupError);
      return e as SetupError;
    }
    throw new Error('accepted');
  };

  it.each([
    ['written by an older rc-org (no schema)', (j: any) => delete j.schema, 'report-schema-unknown', { found: '—', expected: 2 }],
    ['of a newer version', (j: any) => (j.schema = 3), 'report-schema-unknown', { found: '3' }],
    ['with a field missing', (j: any) => delete j.branches[2].status, 'report-summary-invalid', { path: 'branches.2.status', found: 'missing' }],
    [
      'with a number written as text',
      (j: any) => (j.totals['990100'].annex1.grassrootsOrgs = '70'),
      'report-summary-invalid',
      { path: 'totals.990100.annex1.grassrootsOrgs', found: '"70"', expected: 'number' },
    ],
    ['with an unknown status', (j: any) => (j.branches[1].status = 'ok'), 'report-summary-invalid', { path: 'branches.1.status' }],
    [
      'with a total that does not add up to its branches',
      (j: any) => (j.totals['990100'].annex1.grassrootsOrgs = 71),
      'report-totals-mismatch',
      { code: '990100', total: 71, sum: 70 },
    ],
    ['with status counts that do not add up', (j: any) => (j.totals['990000'].statuses.passed = 7), 'report-totals-mismatch', { code: '990000' }],
    ['with a branch whose parent is not in the file', (j: any) => (j.branches[3].parent = '123456'), 'report-summary-inconsistent', {}],
  ])('is refused when %s', (_what, edit, code, params) => {
    const j = raw();
    edit(j);
    const e = refused(j);
    expect(e.problems[0]!.code).toBe(code);
    expect(e.problems[0]!.params).toMatchObject(params);
  });

  it.each([[[1, 2]], [null], ['text']])('is refused when it is not an object: %j', (j) => {
    expect(refused(j).problems[0]!.code).toBe('report-schema-unknown');
  });

  it('two folders of the same year are refused; years are put in order', () => {
    const a = loaded(raw(), '/x/a');
    const b = loaded(raw(), '/x/b');
    expect(() => orderYears([a, b])).toThrow(SetupError);
    const j = raw();
    j.year = 2020;
    const older = loaded(j, '/x/2020');
    expect(orderYears([a, older]).map((y) => y.summary.year)).toEqual([2020, 2021]);
  });
});

describe('an empty year (nobody returned)', () => {
  it('says plainly what it rests on, and shows no chart without data and no NaN', () => {
    const j = raw();
    for (const b of j.branches) {
      b.status = 'missing';
      b.figures = null;
      b.files = [];
    }
    for (const t of Object.values<any>(j.totals)) {
      for (const k of Object.keys(t.annex1)) t.annex1[k] = 0;
      for (const k of Object.keys(t.annex2)) t.annex2[k] = 0;
      t.statuses = { passed: 0, warnings: 0, resubmit: 0, 'by-summary': 0, missing: t.expected };
    }
    const m = model([loaded(j)]);
    const html = renderHtml(m);
    expect(html).toContain('本年度尚未收到任何可用的报表');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html.match(/data-chart="growth"/g)).toBeNull(); // no empty chart: a sentence instead
    expect(html.match(/data-chart-empty="growth"/g)!.length).toBe(7);
    expect(m.praise).toEqual([]);
    expect(m.remind.map((e) => e.name)).toEqual(['甲市', '乙市', '丙市', '丁管委会']);
    expect(provinceParagraph(m)).toContain('全省 11 个单位已报送 0 个');
  });
});

describe('trend', () => {
  it("two years give a trend section with both years' figures", () => {
    const older = raw();
    older.year = 2020;
    older.baselineYear = 2019;
    // 甲一县 had 5 fewer grassroots organisations: its own figure and every total above it
    older.branches.find((b: any) => b.code === '990101').figures.annex1.grassrootsOrgs -= 5;
    older.totals['990100'].annex1.grassrootsOrgs -= 5;
    older.totals['990000'].annex1.grassrootsOrgs -= 5;
    const m = model(orderYears([loaded(), loaded(older, '/x/2020')]));
    expect(m.year).toBe(2021);
    expect(m.trend.map((y) => [y.year, y.annex1!.grassrootsOrgs])).toEqual([
      [2020, 100],
      [2021, 105],
    ]);
    const html = renderHtml(m);
    expect(html).toContain('<section id="trend">');
    expect(html.match(/data-chart="trend"/g)!.length).toBe(7);
    expect(html).toContain('2020 年</th><th>2021 年</th>');
  });
});
