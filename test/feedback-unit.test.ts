// rc-org feedback's pure parts, called directly: --due, the deadline words, the file-name guess, which annex a
// finding is about (moved tables, renamed sheets, CSV rows), the values carried into a correction form, and the
// action decided per branch from the collection status; issue 18's letters (the root never writes to itself, 由谁督促,
// a file that cannot be opened, two versions by cell, explained warnings acknowledged, plurals).
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/catalogue.js';
import { finding, type ReturnResult } from '../src/core/finding.js';
import type { CollectionStatus } from '../src/core/status.js';
import { deadlinePhrase, deadlineWords, letterFor, parseDue, problemClause, reasonFor, rootTodo } from '../src/feedback/letters.js';
import { chaseRows, messagesText } from '../src/feedback/outputs.js';
import { csvText } from '../src/io/table.js';
import { annexOf, guessBranch, planFeedback, problemOf, returnedValues } from '../src/feedback/plan.js';
import { defaultRegistry } from '../src/registry/default.js';
import { word } from '../src/words.js';

const registry = defaultRegistry();
const nanguan = registry.byCode.get('220102')!;
const at = (sheet: string | null, cell: string | null, indicator: ReturnResult['findings'][number]['indicator'] = null) => ({
  file: 'f.xlsx',
  sheet,
  cell,
  indicator,
});

function ret(over: Partial<ReturnResult> = {}): ReturnResult {
  const figures = { annex1: { ...emptyFigures(), adultMembers: 6400, volunteers: 1200 }, annex2: { ...emptyFigures(), volunteers: 200 } };
  return {
    file: 'f.xlsx',
    sha256: 'x',
    kind: 'form',
    org: { code: '220102', name: '南关区', level: 'county' },
    year: 2021,
    baselineYear: 2020,
    findings: [],
    figures,
    ...over,
  };
}

describe('--due', () => {
  it.each([
    ['2021-12-31', '2021-12-31'],
    ['2021/12/31', '2021-12-31'],
    ['2021-1-5', '2021-01-05'],
    ['２０２１－１２－３１', '2021-12-31'],
    ['2021年12月31日', '2021-12-31'],
    ['2021-02-30', null],
    ['2021-13-01', null],
    ['12/31', null],
    ['tomorrow', null],
    ['', null],
  ])('%s → %s', (text, expected) => expect(parseDue(text)).toBe(expected));

  it('is said in the message and on the form, or "as soon as possible" without one', () => {
    expect(deadlinePhrase('2021-12-31', 'zh')).toBe('于 12 月 31 日前');
    expect(deadlinePhrase('2022-01-05', 'en')).toBe('by 5 January 2022');
    expect(deadlinePhrase(null, 'zh')).toBe('尽快');
    expect(deadlineWords('2021-12-31', 'zh')).toBe('2021 年 12 月 31 日前');
    expect(deadlineWords(null, 'zh')).toBeNull();
  });
});

describe('which branch a file of no branch came from, by its name', () => {
  const candidates = registry.orgs;
  it.each([
    ['returns/德惠市红十字会报表.xlsx', '220183'],
    ['2021_220102_xx.xlsx', '220102'],
    ['长春市南关区红十字会2021.xlsx', '220102'], // the full name beats 长春市
    ['长春市报表.xlsx', '220100'],
    ['报表(终).xlsx', null],
    ['朝阳区报表.xlsx', '220104'],
    ['2202021.xlsx', null], // a code inside a longer number is not that code
  ])('%s → %s', (file, code) => expect(guessBranch(file, candidates)?.code ?? null).toBe(code));
});

describe('which annex a finding is about', () => {
  it('by the recorded cell of a moved table or a CSV row, by the sheet, by the label, by the CSV column', () => {
    const moved = ret({ cells: { annex1: { volunteers: 'Sheet1!C17' }, annex2: { volunteers: '调查表2!C20' } } });
    expect(annexOf(moved, finding('value-blank', at('Sheet1', 'C17', 'volunteers'), { label: '红十字会注册志愿者数' }))).toBe('annex1');
    expect(annexOf(moved, finding('increment-mismatch', at('调查表2', 'C20', 'volunteers'), {}))).toBe('annex2');
    const csv = ret({ kind: 'csv', cells: { annex1: { adultMembers: 'CSV!L2' }, annex2: { adultMembers: 'CSV!Z2' } } });
    const p = problemOf(csv, finding('value-not-number', at('CSV', 'L2', 'adultMembers'), { found: '约6400' }), 'zh');
    expect([p.annex, p.cell, p.source, p.found]).toEqual(['annex1', '附件1!C14', 'CSV!L2', '填的是“约6400”']);
    expect(
      returnedValues(ret({ ...csv, findings: [finding('value-not-number', at('CSV', 'L2', 'adultMembers'), { found: '约6400' })] }), nanguan).texts.annex1,
    ).toEqual({ adultMembers: '约6400' });
    expect(annexOf(ret(), finding('value-blank', at('附件2', 'C16', 'volunteers'), {}))).toBe('annex2');
    expect(annexOf(ret(), finding('row-missing', at('改名了', null, 'volunteers'), { label: '红十字会注册志愿者数' }))).toBe('annex1');
    expect(annexOf(ret(), finding('csv-missing-column', at('CSV', null, 'volunteers'), { column: '附件2-12' }))).toBe('annex2');
    expect(annexOf(ret(), finding('sheet-missing', at(null, null), { annex: '附件2' }))).toBe('annex2');
    expect(annexOf(ret(), finding('file-truncated', at(null, null), {}))).toBeNull();
  });

  it("puts a problem of a moved table at the template's cell, and says where it was found", () => {
    const moved = ret({ cells: { annex1: { volunteers: 'Sheet1!C17' } } });
    const p = problemOf(moved, finding('value-blank', at('Sheet1', 'C17', 'volunteers'), { label: '红十字会注册志愿者数' }), 'zh');
    expect(p).toMatchObject({ annex: 'annex1', no: 12, label: '红十字会注册志愿者数', cell: '附件1!C16', source: 'Sheet1!C17', found: '未填写' });
    expect(problemClause(p, 'zh')).toBe('附件1 第 12 行“红十字会注册志愿者数”未填写，本级适用此项，请填写（没有的填 0，不要留空）');
  });
});

describe('the values carried into the correction form', () => {
  it('numbers as read, unreadable values as typed, a filled grey row as typed, the 说明 notes', () => {
    const r = ret({
      notes: { annex2: { volunteers: '含新注册' } },
      findings: [
        finding('value-not-number', at('附件1', 'C13', 'groupMembers'), { found: '十二' }),
        finding('value-date', at('附件1', 'C15', 'youthMembers'), { found: '2021-01-12' }),
        finding('formula-no-result', at('附件1', 'C17', 'volunteerOrgs'), { formula: 'A1+1' }),
        finding('not-applicable-filled', at('附件1', 'C6', 'cityElectionDue'), { found: '1' }),
      ],
    });
    const v = returnedValues(r, nanguan);
    expect(v.values.annex1).toEqual({ adultMembers: 6400, volunteers: 1200 });
    expect(v.values.annex2).toEqual({ volunteers: 200 });
    expect(v.texts.annex1).toEqual({ groupMembers: '十二', youthMembers: '2021-01-12', volunteerOrgs: '=A1+1', cityElectionDue: '1' });
    expect(v.notes.annex2).toEqual({ volunteers: '含新注册' });
  });
});

describe('what each branch is to do', () => {
  const status = (branches: CollectionStatus['branches']): CollectionStatus => ({ scope: '220100', branches, unattributed: [] });
  const opts = { year: 2021, baselineYear: 2020, lang: 'zh' as const, blankForMissing: false };
  const b = (code: string, s: CollectionStatus['branches'][number]['status'], files: string[] = [], via: string | null = null) => ({
    code,
    status: s,
    files,
    via,
    findings: [],
  });

  it.each([
    [
      'an error in a cell → its form back, corrected in place',
      [ret({ findings: [finding('value-blank', at('附件1', 'C14', 'adultMembers'), {})] })],
      b('220102', 'resubmit', ['f.xlsx']),
      'correct',
    ],
    [
      'an unexplained warning → its form back',
      [ret({ findings: [finding('volunteer-teams-below-plan', at('附件1', 'C17', 'volunteerOrgs'), {})] })],
      b('220102', 'warnings', ['f.xlsx']),
      'correct',
    ],
    [
      "last year's form → a fresh blank form",
      [ret({ year: 2020, figures: null, findings: [finding('identity-wrong-year', at(null, null), { found: 2020, expected: 2021 })] })],
      b('220102', 'resubmit', ['f.xlsx']),
      'fresh-form',
    ],
    [
      'two files → which is final',
      [ret({ findings: [finding('duplicate-org', at(null, null), {})] }), ret({ file: 'g.xlsx', findings: [finding('duplicate-org', at(null, null), {})] })],
      b('220102', 'resubmit', ['f.xlsx', 'g.xlsx']),
      'choose-file',
    ],
    [
      'a summary with errors → send it again',
      [ret({ kind: 'summary', org: { code: '220100', name: '长春市', level: 'city' }, findings: [finding('summary-mismatch', at(null, null), {})] })],
      b('220100', 'resubmit', ['f.xlsx']),
      'resend-summary',
    ],
    [
      'the same bytes twice with an error → one return, corrected',
      [
        ret({ findings: [finding('value-blank', at('附件1', 'C14', 'adultMembers'), {})] }),
        ret({ file: 'copy/f.xlsx', findings: [finding('value-blank', at('附件1', 'C14', 'adultMembers'), {})] }),
      ],
      b('220102', 'resubmit', ['f.xlsx', 'copy/f.xlsx']),
      'correct',
    ],
    ['passed', [ret()], b('220102', 'passed', ['f.xlsx']), 'none'],
    ['covered by a summary', [], b('220102', 'by-summary', ['s.xlsx'], 's.xlsx'), 'none'],
    ["with warnings carried up in a summary → the summary's sender passes them on", [], b('220102', 'warnings', ['s.xlsx'], 's.xlsx'), 'none'],
    ['nothing received', [], b('220102', 'missing'), 'report'],
  ] as const)('%s', (_, returns, state, action) => {
    const plan = planFeedback(returns as readonly ReturnResult[], status([state]), registry, opts);
    expect(plan.branches[0]!.action).toBe(action);
    expect(plan.branches[0]!.outputs).toEqual(
      action === 'correct'
        ? [`2021_${state.code}_${registry.byCode.get(state.code)!.name}_退回修改.xlsx`]
        : action === 'fresh-form'
          ? [`2021_${state.code}_南关区_组织体系建设统计表.xlsx`]
          : [],
    );
  });

  it('a missing county in a city run gets its own message; a fresh form is only for a file that cannot be used', () => {
    const plan = planFeedback([], status([b('220100', 'passed', ['c.xlsx']), b('220102', 'missing')]), registry, opts);
    expect(plan.branches.map((x) => [x.chasedBy, x.chases])).toEqual([
      [null, []],
      [null, []],
    ]);
    expect(letterFor(plan.branches[1]!, { lang: 'zh', year: 2021, due: null, contact: null }, registry)).toBe(
      '长春市南关区红十字会：截至目前尚未收到你会 2021 年度的《组织体系建设统计表》。请尽快报送。',
    );
  });

  it("in a province run, a missing county is named in its city's message instead", () => {
    const plan = planFeedback(
      [],
      { scope: '220000', branches: [b('220000', 'passed', ['p.xlsx']), b('220100', 'passed', ['c.xlsx']), b('220102', 'missing')], unattributed: [] },
      registry,
      opts,
    );
    expect(plan.branches.map((x) => [x.org.code, x.chasedBy, x.chases])).toEqual([
      ['220000', null, []],
      ['220100', null, ['220102']],
      ['220102', '220100', []],
    ]);
    const ctx = { lang: 'zh' as const, year: 2021, due: '2021-12-31', contact: '王芳' };
    expect(letterFor(plan.branches[2]!, ctx, registry)).toBeNull();
    expect(letterFor(plan.branches[1]!, ctx, registry)).toBe(
      '长春市红十字会：截至目前尚未收到你会所辖 1 个单位的《组织体系建设统计表》：南关区。请督促其于 12 月 31 日前报送（或报送你会的汇总表）。联系人：王芳。',
    );
  });
});

describe('issue 18: letters about the addressee’s own work', () => {
  const ctx = { lang: 'zh' as const, year: 2021, due: '2021-12-31', contact: null };
  const en = { ...ctx, lang: 'en' as const };
  const opts = { year: 2021, baselineYear: 2020, lang: 'zh' as const, blankForMissing: false };
  const state = (code: string, s: CollectionStatus['branches'][number]['status'], files: string[] = [], findings: ReturnResult['findings'] = []) => ({
    code,
    status: s,
    files,
    via: null,
    findings,
  });
  const KUANCHENG = 'returns/2021_220103_宽城区_组织体系建设统计表.xlsx';
  const truncated = finding('file-truncated', { file: KUANCHENG, sheet: null, cell: null, indicator: null }, {});
  const damaged = (org: ReturnResult['org']): ReturnResult =>
    ret({ file: KUANCHENG, org, year: null, baselineYear: undefined, figures: null, findings: [truncated] });

  it('the root never writes to itself: its missing return is the clerk’s to-do, not a message or a chase row', () => {
    const cs: CollectionStatus = {
      scope: '220000',
      branches: [state('220000', 'missing'), state('220100', 'passed', ['c.xlsx']), state('220102', 'missing'), state('220200', 'missing')],
      unattributed: [],
    };
    const plan = planFeedback([], cs, registry, opts);
    const letters = new Map(plan.branches.flatMap((b) => (letterFor(b, ctx, registry) === null ? [] : [[b.org.code, letterFor(b, ctx, registry)!]])));
    expect([...letters.keys()]).toEqual(['220100', '220200']);
    expect([...letters.values()].some((m) => m.startsWith('吉林省红十字会'))).toBe(false);
    expect(rootTodo(plan, 'zh')).toBe('本级待办（吉林省红十字会）：本级报表尚未填报');
    expect(rootTodo(plan, 'en')).toBe('To do for your own office (吉林省红十字会): its own return has not been filled in yet');
    expect(reasonFor(plan.branches[0]!, 'zh')).toBe('本级报表尚未填报');
    // 由谁督促 on every row: a branch reporting to the root is followed up by the office running the command.
    expect(chaseRows(plan, registry, 'zh').slice(1)).toEqual([
      ['220102', '南关区', '220100', '长春市', '未报送', '未收到报表', '长春市'],
      ['220200', '吉林市', '220000', '吉林省', '未报送', '未收到报表', '吉林省（本级）'],
    ]);
    const text = messagesText(plan, letters, 'zh', rootTodo(plan, 'zh'));
    expect(text.split('\r\n').slice(0, 3)).toEqual(['\ufeff【本级待办（吉林省红十字会）：本级报表尚未填报】', '', '【220100 长春市 · 已报送·通过】']);
    expect(text).not.toContain('吉林省红十字会：');
    // No unit is asked to chase itself.
    for (const b of plan.branches) expect(b.chases).not.toContain(b.org.code);
  });

  it('a root that reported has no to-do; a root with problems keeps its correction form, as a to-do', () => {
    const passed = planFeedback([], { scope: '220100', branches: [state('220100', 'passed', ['c.xlsx'])], unattributed: [] }, registry, opts);
    expect(rootTodo(passed, 'zh')).toBeNull();
    const city = ret({ org: { code: '220100', name: '长春市', level: 'city' }, findings: [finding('value-blank', at('附件1', 'C14', 'adultMembers'), {})] });
    const plan = planFeedback([city], { scope: '220100', branches: [state('220100', 'resubmit', ['f.xlsx'])], unattributed: [] }, registry, opts);
    expect(plan.branches[0]!.outputs).toEqual(['2021_220100_长春市_退回修改.xlsx']);
    expect(letterFor(plan.branches[0]!, ctx, registry)).toBeNull();
    expect(rootTodo(plan, 'zh')).toBe('本级待办（长春市红十字会）：本级报表有 1 处需修改或核实，见 2021_220100_长春市_退回修改.xlsx');
    expect(chaseRows(plan, registry, 'zh')).toHaveLength(1); // the header only
  });

  // What attribution makes of a damaged file named as rc-org names it: 已报送·需重报, its only file unreadable. Both
  // shapes it may take — the file still without an identity, or tied to the branch with no figures.
  it.each([
    ['still without an identity', null],
    ['tied to the branch by its name', { code: '220103', name: '宽城区', level: 'county' as const }],
  ])('a branch whose only file cannot be opened (%s) is asked to send it again, not told it sent nothing', (_, org) => {
    const cs: CollectionStatus = { scope: '220100', branches: [state('220103', 'resubmit', [KUANCHENG], [truncated])], unattributed: [] };
    const plan = planFeedback([damaged(org)], cs, registry, opts);
    const b = plan.branches[0]!;
    expect([b.action, b.outputs, b.correction, b.blankForm]).toEqual(['resend-file', [], null, false]);
    const letter = letterFor(b, ctx, registry)!;
    expect(letter).toBe(
      '长春市宽城区红十字会：你会报送的文件“2021_220103_宽城区_组织体系建设统计表.xlsx”无法打开（文件不完整，可能是传送时中断了），请于 12 月 31 日前重新发送。',
    );
    expect(letter).not.toMatch(/尚未收到|未报送|退回的修改表|空白报表/);
    expect(letterFor(b, en, registry)).toBe(
      '长春市宽城区红十字会 (220103): the file you sent ("2021_220103_宽城区_组织体系建设统计表.xlsx") cannot be opened (it is incomplete, probably cut off in transfer). Please send it again by 31 December 2021.',
    );
    expect(chaseRows(plan, registry, 'zh')[1]).toEqual([
      '220103',
      '宽城区',
      '220100',
      '长春市',
      '已报送·需重报',
      '文件“2021_220103_宽城区_组织体系建设统计表.xlsx”无法打开（文件不完整，可能是传送时中断了），已请其重新发送',
      '长春市（本级）',
    ]);
    const text = messagesText(plan, new Map([[b.org.code, letter]]), 'zh');
    expect(text.split('\r\n')[0]).toBe('\ufeff【220103 宽城区 · 已报送·需重报】');
  });

  it('a file that opens but is last year’s form still gets a fresh blank form', () => {
    const old = ret({ year: 2020, figures: null, findings: [finding('identity-wrong-year', at(null, null), { found: 2020, expected: 2021 })] });
    const plan = planFeedback([old], { scope: '220100', branches: [state('220102', 'resubmit', ['f.xlsx'])], unattributed: [] }, registry, opts);
    expect(plan.branches[0]!.action).toBe('fresh-form');
  });

  it('two versions: the message names each differing cell with both files and their figures', () => {
    const a = ret({ file: 'returns/2021_220184_公主岭市_组织体系建设统计表.xlsx', sha256: 'a', org: { code: '220184', name: '公主岭市', level: 'county' } });
    a.figures!.annex1.adultMembers = 4000;
    a.findings = [finding('duplicate-org', at(null, null), {})];
    const b2 = ret({ file: 'returns/公主岭市-修改后.xlsx', sha256: 'b', org: a.org, notes: { annex1: { adultMembers: '含新发展会员' } } });
    b2.figures!.annex1.adultMembers = 4100;
    b2.figures!.annex2.adultMembers = 100;
    b2.findings = [finding('duplicate-org', at(null, null), {})];
    const cs: CollectionStatus = { scope: '220100', branches: [state('220184', 'resubmit', [a.file, b2.file])], unattributed: [] };
    const plan = planFeedback([b2, a], cs, registry, opts);
    const b = plan.branches[0]!;
    expect(b.action).toBe('choose-file');
    expect(b.differences.map((d) => [d.annex, d.no, d.column, d.values.map((v) => v.value)])).toEqual([
      ['annex1', 10, 'value', [4000, 4100]],
      ['annex1', 10, 'note', [null, '含新发展会员']],
      ['annex2', 10, 'value', [null, 100]],
    ]);
    expect(letterFor(b, ctx, registry)).toBe(
      '公主岭市红十字会：你会报送了 2 份不同的《组织体系建设统计表》：“2021_220184_公主岭市_组织体系建设统计表.xlsx”“公主岭市-修改后.xlsx”。' +
        '不同之处：附件1 第 10 行：2021_220184_公主岭市_组织体系建设统计表.xlsx 填 4,000，公主岭市-修改后.xlsx 填 4,100；' +
        '附件1 第 10 行“说明”：2021_220184_公主岭市_组织体系建设统计表.xlsx 未填，公主岭市-修改后.xlsx 填“含新发展会员”；' +
        '附件2 第 10 行：2021_220184_公主岭市_组织体系建设统计表.xlsx 未填，公主岭市-修改后.xlsx 填 100。' +
        '请确认哪一份是最终版，并于 12 月 31 日前只重新报送最终的那一份。',
    );
    expect(letterFor(b, en, registry)).toContain(
      'They differ at 附件1 row 10: 2021_220184_公主岭市_组织体系建设统计表.xlsx has 4,000, 公主岭市-修改后.xlsx has 4,100; ',
    );
  });

  it('explained warnings are acknowledged with their reasons, not asked about again', () => {
    const decrease = { ...finding('increment-decrease', at('附件2', 'C12', 'grassrootsOrgs'), { found: -2 }), explanation: '2所村小撤并，基层组织相应减少' };
    const blank = finding('value-blank', at('附件1', 'C13', 'groupMembers'), {});
    const plan = planFeedback(
      [ret({ findings: [decrease, blank] })],
      { scope: '220100', branches: [state('220102', 'resubmit', ['f.xlsx'])], unattributed: [] },
      registry,
      opts,
    );
    const b = plan.branches[0]!;
    expect(b.problems.map((p) => p.code)).toEqual(['value-blank']);
    expect(letterFor(b, ctx, registry)).toBe(
      '长春市南关区红十字会：你会报表有 1 处需修改：附件1 第 9 行“红十字会团体会员数”未填写，本级适用此项，请填写（没有的填 0，不要留空）。' +
        '请按退回的修改表（2021_220102_南关区_退回修改.xlsx，已标出这些单元格）于 12 月 31 日前更正后重新报送。' +
        '你会已在“说明”栏说明的情况不再核实：附件2 第 8 行“红十字会基层组织增加数”为 -2，比基准年减少（已说明：2所村小撤并，基层组织相应减少）。',
    );
  });

  it('counts and plurals: "1 point", "2 points", "1 branch"; Chinese "1 处"', () => {
    const one = ret({ findings: [finding('value-blank', at('附件1', 'C13', 'groupMembers'), {})] });
    const two = ret({
      findings: [finding('value-blank', at('附件1', 'C13', 'groupMembers'), {}), finding('value-blank', at('附件1', 'C15', 'youthMembers'), {})],
    });
    const letter = (r: ReturnResult, c: typeof ctx | typeof en) =>
      letterFor(
        planFeedback([r], { scope: '220100', branches: [state('220102', 'resubmit', ['f.xlsx'])], unattributed: [] }, registry, opts).branches[0]!,
        c,
        registry,
      )!;
    expect(letter(one, en)).toContain('has 1 point to correct: ');
    expect(letter(one, en)).toContain('Please correct it on the form sent back to you (2021_220102_南关区_退回修改.xlsx, where it is marked)');
    expect(letter(two, en)).toContain('has 2 points to correct: ');
    expect(letter(two, en)).toContain('Please correct them on the form');
    expect(letter(one, ctx)).toContain('你会报表有 1 处需修改：');
    const prov = planFeedback(
      [],
      {
        scope: '220000',
        branches: [state('220000', 'passed', ['p.xlsx']), state('220100', 'passed', ['c.xlsx']), state('220102', 'missing')],
        unattributed: [],
      },
      registry,
      opts,
    );
    expect(letterFor(prov.branches[1]!, en, registry)).toBe(
      '长春市红十字会 (220100): we have not yet received the returns of 1 branch under you: 南关区. Please see that it sends its return (or send your summary) by 31 December 2021.',
    );
    expect(word('errorCount', 'en')(1)).toBe('1 error');
    expect(word('feedbackTotals', 'en')({ expected: 1, passed: 0, warnings: 0, resubmit: 0, 'by-summary': 0, missing: 1, mustAct: 1 })).toContain(
      '1 branch must act.',
    );
  });
});

describe('a cut-off copy beside the whole return (attributed by its name)', () => {
  it('is that return, not a second version: the branch is asked about the whole return’s own problem', () => {
    const whole = ret({
      file: 'd/宽城区报表-重发.xlsx',
      sha256: 'whole',
      org: { code: '220103', name: '宽城区', level: 'county' },
      findings: [finding('hours-implausible', at('附件1', 'C18', 'serviceHours'), { hours: 1685400, volunteers: 2809, perVolunteer: 600, limit: 500 })],
    });
    const cut = ret({
      file: 'd/2021_220103_宽城区_组织体系建设统计表.xlsx',
      sha256: 'cut',
      org: whole.org,
      orgFrom: 'file-name',
      cutOffCopyOf: whole.file,
      figures: null,
      findings: [finding('file-truncated', at(null, null), {})],
    });
    const cs: CollectionStatus = {
      scope: '220100',
      branches: [{ code: '220103', status: 'warnings', files: [cut.file, whole.file], via: null, findings: whole.findings }],
      unattributed: [],
    };
    const b = planFeedback([cut, whole], cs, registry, { year: 2021, baselineYear: 2020, lang: 'zh', blankForMissing: false }).branches[0]!;
    expect([b.action, b.outputs, b.problems.map((p) => p.code), b.correction?.file]).toEqual([
      'correct',
      ['2021_220103_宽城区_退回修改.xlsx'],
      ['hours-implausible'],
      'd/宽城区报表-重发.xlsx',
    ]);
  });
});

describe("feedback's CSV lists (issue 19: one way of quoting)", () => {
  it('a line break, a lone LF or CR, a leading space and a formula in a field: every record parses back whole', () => {
    const rows = [
      ['代码', '单位', '电话'],
      ['220103', '宽城区\n红十字会', '=1+1'],
      ['220104', '朝阳区\r红十字会', ' 0431-1'],
      ['220105', '二道区', '+86\r\n0431'],
    ];
    const text = csvText(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    const back: string[][] = parseCsv(text.slice(1), {});
    expect(back.map((r) => r.length)).toEqual([3, 3, 3, 3]);
    expect(back[1]).toEqual(['220103', '宽城区\n红十字会', "'=1+1"]);
    expect(back[2]![1]).toBe('朝阳区\r红十字会');
    expect(back[2]![2]).toBe(' 0431-1');
    expect(back.every((r) => r.every((f) => !/^[=+\-@]/.test(f)))).toBe(true);
  });
});
