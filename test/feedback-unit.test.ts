// rc-org feedback's pure parts, called directly: --due, the deadline words, the file-name guess, which annex a
// finding is about (moved tables, renamed sheets, CSV rows), the values carried into a correction form, and the
// action decided per branch from the collection status.
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/catalogue.js';
import { finding, type ReturnResult } from '../src/core/finding.js';
import type { CollectionStatus } from '../src/core/status.js';
import { deadlinePhrase, deadlineWords, letterFor, parseDue, problemClause } from '../src/feedback/letters.js';
import { annexOf, guessBranch, planFeedback, problemOf, returnedValues } from '../src/feedback/plan.js';
import { defaultRegistry } from '../src/registry/default.js';

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
