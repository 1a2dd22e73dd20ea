// Which indicator a column holds, from its header (src/core/columns.ts), and the baseline table
// (src/core/baseline.ts): figures per branch, or problems each with the right line.
import { describe, expect, it } from 'vitest';
import { INDICATORS, emptyFigures, type Figures } from '../src/catalogue.js';
import { parseBaselineTable, type BaselineProblem } from '../src/core/baseline.js';
import { columnRef, type ColumnRef } from '../src/core/columns.js';
import { parseCsvTable } from '../src/io/table.js';
import { defaultRegistry } from '../src/registry/default.js';

const registry = defaultRegistry();

describe('columnRef: header → indicator', () => {
  const a1 = (key: ColumnRef['key']): ColumnRef => ({ annex: 'annex1', key });
  const a2 = (key: ColumnRef['key']): ColumnRef => ({ annex: 'annex2', key });
  const cases: [string, ColumnRef['annex'] | null, ColumnRef | null][] = [
    // by key: only where a bare key has a meaning (a baseline is 附件1)
    ['volunteers', 'annex1', a1('volunteers')],
    ['VOLUNTEERS', 'annex1', a1('volunteers')],
    [' serviceHours ', 'annex1', a1('serviceHours')],
    ['volunteers', 'annex2', a2('volunteers')],
    ['volunteers', null, null],
    ['volunteer', 'annex1', null],
    // annex1.key
    ['annex1.volunteers', null, a1('volunteers')],
    ['annex2.serviceHours', null, a2('serviceHours')],
    ['Annex2_ServiceHours', null, a2('serviceHours')],
    ['annex1-countyReformed', null, a1('countyReformed')],
    ['annex2.volunteers', 'annex1', a2('volunteers')],
    ['annex1.nope', 'annex1', null],
    ['annex3.volunteers', null, null],
    // 附件1-N
    ['附件1-12', null, a1('volunteers')],
    ['附件2-3', null, a2('countyElectionDue')],
    ['附件2-2', null, a2('cityElectionDue')],
    ['附件1-1', null, a1('countyReformed')],
    ['附件1-14', null, a1('serviceHours')],
    ['附件1-01', null, a1('countyReformed')],
    ['附件1－12', null, a1('volunteers')], // full-width hyphen
    ['附件1_12', null, a1('volunteers')],
    ['附件1.12', null, a1('volunteers')],
    ['附件1—12', null, a1('volunteers')],
    ['附件 1 - 12', null, a1('volunteers')],
    ['附件１-１２', null, a1('volunteers')], // full-width digits
    ['附件112', null, a1('volunteers')],
    ['附件1-12', 'annex2', a1('volunteers')], // an explicit annex wins over the bare default
    ['附件1-15', null, null],
    ['附件1-0', null, null],
    ['附件3-1', null, null],
    // N
    ['12', 'annex1', a1('volunteers')],
    ['1', 'annex1', a1('countyReformed')],
    ['14', 'annex2', a2('serviceHours')],
    ['12', null, null],
    ['15', 'annex1', null],
    ['0', 'annex1', null],
    // Chinese label
    ['红十字会注册志愿者数', null, a1('volunteers')],
    ['红十字会注册志愿者增加数', null, a2('volunteers')],
    ['红十字会注册志愿者增加数', 'annex1', a2('volunteers')],
    [' 红十字会注册志愿者数 ', null, a1('volunteers')],
    ['红十字会\u3000注册志愿者数', null, a1('volunteers')],
    ['市级红十字会应换届数', null, a1('cityElectionDue')],
    ['县级红十字会应换届个数', null, a1('countyElectionDue')],
    ['县级红十字会完成换届增加数', null, a2('countyElectionDue')],
    ['红十字会志愿服务总时长', null, a1('serviceHours')],
    ['红十字会志愿服务总时长增加数', null, a2('serviceHours')],
    ['红十字会注册志愿者', null, null], // part of a label
    ['注册志愿者数', 'annex1', null],
    // other columns
    ['code', 'annex1', null],
    ['代码', 'annex1', null],
    ['说明', null, null],
    ['', 'annex1', null],
  ];
  it.each(cases)('%j (bare %s)', (header, bare, expected) => {
    expect(columnRef(header, bare)).toEqual(expected);
  });

  it('every 附件1/附件2 label maps to its own row', () => {
    for (const ind of INDICATORS) {
      expect(columnRef(ind.annex1, null)).toEqual({ annex: 'annex1', key: ind.key });
      expect(columnRef(ind.annex2, null)).toEqual({ annex: 'annex2', key: ind.key });
      expect(columnRef(`附件1-${ind.no}`, null)).toEqual({ annex: 'annex1', key: ind.key });
      expect(columnRef(`annex2.${ind.key}`, null)).toEqual({ annex: 'annex2', key: ind.key });
    }
  });
});

// ── baseline ─────────────────────────────────────────────────────────────────

const csv = (text: string) => parseCsvTable(new TextEncoder().encode(text));
const HEADERS = {
  key: INDICATORS.map((i) => i.key),
  number: INDICATORS.map((i) => String(i.no)),
  annexNo: INDICATORS.map((i) => `附件1-${i.no}`),
  dotted: INDICATORS.map((i) => `annex1.${i.key}`),
  label: INDICATORS.map((i) => i.annex1),
};
const VALUES = ['1', '0', '1', '0', '1', '0', '1', '20', '5', '1000', '2000', '100', '3', '1000.5'];
const figuresOf = (vals: readonly (number | null)[]): Figures => Object.fromEntries(INDICATORS.map((i, k) => [i.key, vals[k] ?? null]));
const EXPECTED_220102 = figuresOf([1, 0, 1, 0, 1, 0, 1, 20, 5, 1000, 2000, 100, 3, 1000.5]);

describe('parseBaselineTable: good tables', () => {
  const cases: [string, string, Map<string, Figures>][] = [
    ['headed by key', `code,${HEADERS.key.join(',')}\n220102,${VALUES.join(',')}\n`, new Map([['220102', EXPECTED_220102]])],
    ['headed by number, 代码', `代码,${HEADERS.number.join(',')}\n220102,${VALUES.join(',')}\n`, new Map([['220102', EXPECTED_220102]])],
    ['headed by 附件1-N, 单位代码', `单位代码,${HEADERS.annexNo.join(',')}\n220102,${VALUES.join(',')}\n`, new Map([['220102', EXPECTED_220102]])],
    ['headed by annex1.key', `Code,${HEADERS.dotted.join(',')}\n220102,${VALUES.join(',')}\n`, new Map([['220102', EXPECTED_220102]])],
    [
      'headed by Chinese label, name column ignored',
      `行政区划代码,名称,${HEADERS.label.join(',')}\n220102,南关区,${VALUES.join(',')}\n`,
      new Map([['220102', EXPECTED_220102]]),
    ],
    [
      'columns in another order',
      `${[...HEADERS.key].reverse().join(',')},code\n${[...VALUES].reverse().join(',')},220102\n`,
      new Map([['220102', EXPECTED_220102]]),
    ],
    [
      'loose numbers, dashes and blanks',
      `code,${HEADERS.key.join(',')}\n220100,—,0,,1,,1,-,"1,234",５,１２,0,0,0,0\n`,
      new Map([['220100', figuresOf([null, 0, null, 1, null, 1, null, 1234, 5, 12, 0, 0, 0, 0])]]),
    ],
    [
      'two branches',
      `code,${HEADERS.key.join(',')}\n220102,${VALUES.join(',')}\n220000,${Array(14).fill('7').join(',')}\n`,
      new Map([
        ['220102', EXPECTED_220102],
        ['220000', figuresOf(Array(14).fill(7))],
      ]),
    ],
    ['no rows', `code,${HEADERS.key.join(',')}\n`, new Map()],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(parseBaselineTable(csv(text), registry)).toEqual({ figures: expected });
  });

  it('an annex1 and an annex2 column for the same row: the annex2 one is ignored', () => {
    const text = `code,${HEADERS.key.join(',')},附件2-12\n220102,${VALUES.join(',')},99\n`;
    expect(parseBaselineTable(csv(text), registry)).toEqual({ figures: new Map([['220102', EXPECTED_220102]]) });
  });

  it('emptyFigures has every key, null', () => {
    expect(Object.values(emptyFigures())).toEqual(Array(14).fill(null));
  });
});

describe('parseBaselineTable: problems, each with its line', () => {
  const row = (code: string, vals: readonly string[] = VALUES) => `${code},${vals.join(',')}`;
  const head = `code,${HEADERS.key.join(',')}`;
  const withVal = (k: number, v: string) => VALUES.map((x, i) => (i === k ? v : x));
  const cases: [string, string, BaselineProblem[]][] = [
    ['unknown code', [head, row('220102'), row('999999')].join('\n'), [{ code: 'baseline-unknown-code', line: 3, params: { code: '999999' } }]],
    ['empty code', [head, row('220102'), row('')].join('\n'), [{ code: 'baseline-unknown-code', line: 3, params: { code: '' } }]],
    [
      'duplicate code',
      [head, row('220102'), row('220103'), row('220102')].join('\n'),
      [{ code: 'baseline-duplicate-code', line: 4, params: { code: '220102', other: 2 } }],
    ],
    [
      'a code three times',
      [head, row('220102'), row('220102'), row('220102')].join('\n'),
      [
        { code: 'baseline-duplicate-code', line: 3, params: { code: '220102', other: 2 } },
        { code: 'baseline-duplicate-code', line: 4, params: { code: '220102', other: 2 } },
      ],
    ],
    [
      'bad number',
      [head, row('220102'), row('220103', withVal(11, '十二'))].join('\n'),
      [{ code: 'baseline-bad-number', line: 3, params: { column: 'volunteers', found: '十二' } }],
    ],
    [
      'bad number, column named as written',
      [`代码,${HEADERS.annexNo.join(',')}`, row('220102', withVal(13, '约300'))].join('\n'),
      [{ code: 'baseline-bad-number', line: 2, params: { column: '附件1-14', found: '约300' } }],
    ],
    [
      'a date-like value',
      [head, row('220102', withVal(7, '2020/12/31'))].join('\n'),
      [{ code: 'baseline-bad-number', line: 2, params: { column: 'grassrootsOrgs', found: '2020/12/31' } }],
    ],
    [
      'missing column',
      [`code,${HEADERS.key.slice(0, 13).join(',')}`, row('220102', VALUES.slice(0, 13))].join('\n'),
      [{ code: 'baseline-missing-column', line: 1, params: { column: '14 红十字会志愿服务总时长' } }],
    ],
    [
      'missing code column',
      [HEADERS.key.join(','), VALUES.join(',')].join('\n'),
      [{ code: 'baseline-missing-column', line: 1, params: { column: '代码 / code' } }],
    ],
    [
      'missing column, header below a blank line',
      ['', `code,${HEADERS.key.filter((k) => k !== 'volunteers').join(',')}`].join('\n'),
      [{ code: 'baseline-missing-column', line: 2, params: { column: '12 红十字会注册志愿者数' } }],
    ],
    [
      '附件2 headers are not a baseline',
      [`code,${INDICATORS.map((i) => `附件2-${i.no}`).join(',')}`, row('220102')].join('\n'),
      INDICATORS.map((i) => ({ code: 'baseline-missing-column' as const, line: 1, params: { column: `${i.no} ${i.annex1}` } })),
    ],
    [
      'several problems, in line order',
      [head, row('999999'), row('220102'), row('220102'), row('220103', withVal(0, 'yes'))].join('\n'),
      [
        { code: 'baseline-unknown-code', line: 2, params: { code: '999999' } },
        { code: 'baseline-duplicate-code', line: 4, params: { code: '220102', other: 3 } },
        { code: 'baseline-bad-number', line: 5, params: { column: 'countyReformed', found: 'yes' } },
      ],
    ],
    [
      'lines count blank lines',
      [head, '', row('220102'), '', row('220102')].join('\n'),
      [{ code: 'baseline-duplicate-code', line: 5, params: { code: '220102', other: 3 } }],
    ],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(parseBaselineTable(csv(text), registry)).toEqual({ problems: expected });
  });
});
