// CSV returns: bytes → text (src/io/text.ts), text → table (src/io/table.ts), table → findings
// (src/core/csv-return.ts). Findings point at sheet 'CSV' and the A1-style cell of the CSV grid.
import { describe, expect, it } from 'vitest';
import { INDICATORS, emptyFigures, type Figures, type IndicatorKey } from '../src/catalogue.js';
import { CSV_SHEET, checkCsvReturn } from '../src/core/csv-return.js';
import type { Finding } from '../src/core/finding.js';
import { decodeText } from '../src/io/text.js';
import { findingMessage } from '../src/messages.js';
import type { PlainTable } from '../src/core/plain.js';
import { parseCsvTable } from '../src/io/table.js';
import { defaultRegistry } from '../src/registry/default.js';

const registry = defaultRegistry();

// GB18030 (GBK) double-byte codes of the few Chinese characters these CSVs use, as Excel on Chinese Windows
// writes them. Hard-coded so the test does not depend on an encoder.
const GB18030: Record<string, [number, number]> = {
  代: [0xb4, 0xfa],
  码: [0xc2, 0xeb],
  年: [0xc4, 0xea],
  度: [0xb6, 0xc8],
  附: [0xb8, 0xbd],
  件: [0xbc, 0xfe],
  十: [0xca, 0xae],
  二: [0xb6, 0xfe],
  红: [0xba, 0xec],
  字: [0xd7, 0xd6],
  会: [0xbb, 0xe1],
  注: [0xd7, 0xa2],
  册: [0xb2, 0xe1],
  志: [0xd6, 0xbe],
  愿: [0xd4, 0xb8],
  者: [0xd5, 0xdf],
  数: [0xca, 0xfd],
};
function gb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (GB18030[ch]) out.push(...GB18030[ch]);
    else throw new Error(`no GB18030 code for ${ch} in the test table`);
  }
  return Uint8Array.from(out);
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf8Bom = (text: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);

describe('decodeText', () => {
  it('the hard-coded GB18030 bytes are what a GB18030 decoder reads as those characters', () => {
    expect(new TextDecoder('gb18030').decode(gb18030('代码,年度,附件1-12,红十字会注册志愿者数,十二'))).toBe('代码,年度,附件1-12,红十字会注册志愿者数,十二');
    expect([...gb18030('代码')]).toEqual([0xb4, 0xfa, 0xc2, 0xeb]);
  });

  const cases: [string, Uint8Array, { text: string; encoding: 'utf-8' | 'gb18030'; bom: boolean }][] = [
    ['UTF-8', utf8('代码,年度\n'), { text: '代码,年度\n', encoding: 'utf-8', bom: false }],
    ['UTF-8 with BOM', utf8Bom('代码,年度\n'), { text: '代码,年度\n', encoding: 'utf-8', bom: true }],
    ['GB18030', gb18030('代码,年度\r\n'), { text: '代码,年度\r\n', encoding: 'gb18030', bom: false }],
    ['ASCII only', utf8('code,year\n'), { text: 'code,year\n', encoding: 'utf-8', bom: false }],
    ['empty', new Uint8Array(), { text: '', encoding: 'utf-8', bom: false }],
    ['only a BOM', Uint8Array.from([0xef, 0xbb, 0xbf]), { text: '', encoding: 'utf-8', bom: true }],
  ];
  it.each(cases)('%s', (_what, bytes, expected) => {
    expect(decodeText(bytes)).toEqual(expected);
  });
});

// A return from a county branch: code, year, 附件1-1 … 附件1-14 (C … P), 附件2-1 … 附件2-14 (Q … AD).
const HEADER = ['代码', '年度', ...INDICATORS.map((i) => `附件1-${i.no}`), ...INDICATORS.map((i) => `附件2-${i.no}`)];
const COUNTY_A1 = ['1', '', '1', '', '1', '', '0', '20', '5', '1000', '2000', '100', '3', '1000'];
const COUNTY_A2 = ['0', '', '1', '', '1', '', '0', '2', '0', '100', '50', '10', '1', '100.5'];
const countyRow = (code = '220102', year = '2021'): string[] => [code, year, ...COUNTY_A1, ...COUNTY_A2];
const csvText = (rows: string[][], header: string[] = HEADER, eol = '\n'): string =>
  [header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
const check = (table: PlainTable, baseline: Map<string, Figures> | null = null) =>
  checkCsvReturn('in/returns.csv', 'f00d', table, { registry, baseline, baselineYear: 2020 });
const where = (f: Finding) => ({ code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell, indicator: f.indicator });

describe('parseCsvTable: the same table from UTF-8, UTF-8 with BOM and GB18030 bytes', () => {
  const text = csvText([countyRow(), countyRow('220103')]);
  const expected: PlainTable = {
    header: HEADER,
    headerLine: 1,
    rows: [
      { line: 2, cells: countyRow() },
      { line: 3, cells: countyRow('220103') },
    ],
  };
  it.each([
    ['UTF-8', utf8(text)],
    ['UTF-8 with BOM', utf8Bom(text)],
    ['GB18030, CRLF', gb18030(csvText([countyRow(), countyRow('220103')], HEADER, '\r\n'))],
  ] as const)('%s', (_what, bytes) => {
    expect(parseCsvTable(bytes)).toEqual(expected);
  });

  it('a GB18030 Chinese label header and a Chinese value survive', () => {
    const t = parseCsvTable(gb18030('代码,红十字会注册志愿者数\r\n220102,十二\r\n'));
    expect(t).toEqual({ header: ['代码', '红十字会注册志愿者数'], headerLine: 1, rows: [{ line: 2, cells: ['220102', '十二'] }] });
  });

  it('cells are trimmed, blank lines skipped but counted', () => {
    expect(parseCsvTable(utf8('\ncode , year\n\n 220102 ,2021\n,\n220103,2021\n'))).toEqual({
      header: ['code', 'year'],
      headerLine: 2,
      rows: [
        { line: 4, cells: ['220102', '2021'] },
        { line: 6, cells: ['220103', '2021'] },
      ],
    });
  });

  it('a row is numbered by the line it starts on, even when a quoted cell spans two lines', () => {
    const t = parseCsvTable(utf8('code,note\n220102,"第一行\n第二行"\n220103,x\n'));
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('an empty file has no header', () => {
    expect(parseCsvTable(new Uint8Array())).toEqual({ header: [], headerLine: 1, rows: [] });
  });
});

describe('checkCsvReturn: one changed cell → exactly this finding, at sheet CSV and its cell', () => {
  type Exp = { code: Finding['code']; severity: Finding['severity']; cell: string; indicator: IndicatorKey; params?: Record<string, unknown> };
  const cases: [string, string, string, Exp[]][] = [
    [
      '十二 in 附件1 row 10',
      '附件1-10',
      '十二',
      [{ code: 'value-not-number', severity: 'error', cell: 'L2', indicator: 'adultMembers', params: { found: '十二' } }],
    ],
    [
      '约300 in 附件1 hours',
      '附件1-14',
      '约300',
      [{ code: 'value-not-number', severity: 'error', cell: 'P2', indicator: 'serviceHours', params: { found: '约300' } }],
    ],
    [
      'full-width １２',
      '附件1-10',
      '１２',
      [{ code: 'value-loose', severity: 'notice', cell: 'L2', indicator: 'adultMembers', params: { found: '１２', value: '12' } }],
    ],
    [
      'thousands 1,234',
      '附件1-10',
      '1,234',
      [{ code: 'value-loose', severity: 'notice', cell: 'L2', indicator: 'adultMembers', params: { found: '1,234', value: '1234' } }],
    ],
    ['a plain number is not loose in a CSV', '附件1-10', '1234', []],
    [
      '12.5 in a count',
      '附件1-8',
      '12.5',
      [{ code: 'count-fractional', severity: 'error', cell: 'J2', indicator: 'grassrootsOrgs', params: { found: '12.5' } }],
    ],
    ['-3 in a 附件1 count', '附件1-8', '-3', [{ code: 'count-negative', severity: 'error', cell: 'J2', indicator: 'grassrootsOrgs', params: { found: '-3' } }]],
    ['blank in an applicable row', '附件1-8', '', [{ code: 'value-blank', severity: 'error', cell: 'J2', indicator: 'grassrootsOrgs' }]],
    ['— in an applicable row', '附件2-9', '—', [{ code: 'value-dash', severity: 'error', cell: 'Y2', indicator: 'groupMembers' }]],
    [
      '1 in a not-applicable row',
      '附件1-4',
      '1',
      [{ code: 'not-applicable-filled', severity: 'error', cell: 'F2', indicator: 'cityPartyGroup', params: { found: '1', level: 'county' } }],
    ],
    ['0 in a not-applicable row', '附件1-4', '0', []],
    [
      '2 in a flag',
      '附件1-1',
      '2',
      [{ code: 'flag-out-of-range', severity: 'error', cell: 'C2', indicator: 'countyReformed', params: { found: '2', allowed: '0 / 1' } }],
    ],
    [
      '-1 in a derived 附件2 flag',
      '附件2-1',
      '-1',
      [{ code: 'increment-decrease', severity: 'warning', cell: 'Q2', indicator: 'countyReformed', params: { found: '-1' } }],
    ],
    [
      '-1 in 附件2 row 3',
      '附件2-3',
      '-1',
      [{ code: 'flag-out-of-range', severity: 'error', cell: 'S2', indicator: 'countyElectionDue', params: { allowed: '0 / 1' } }],
    ],
    [
      '-5.5 hours in 附件2',
      '附件2-14',
      '-5.5',
      [{ code: 'increment-decrease', severity: 'warning', cell: 'AD2', indicator: 'serviceHours', params: { found: '-5.5' } }],
    ],
    [
      '2 volunteer teams',
      '附件1-13',
      '2',
      [{ code: 'volunteer-teams-below-plan', severity: 'warning', cell: 'O2', indicator: 'volunteerOrgs', params: { found: '2' } }],
    ],
    ['0 volunteers with hours', '附件1-12', '0', [{ code: 'hours-without-volunteers', severity: 'warning', cell: 'P2', indicator: 'serviceHours' }]],
    [
      'hours beyond a year',
      '附件1-14',
      '876001',
      [{ code: 'hours-beyond-year', severity: 'error', cell: 'P2', indicator: 'serviceHours', params: { perVolunteer: '8,760' } }],
    ],
  ];
  it.each(cases)('%s', (_what, column, value, expected) => {
    const row = countyRow();
    row[HEADER.indexOf(column)] = value;
    const [r, ...more] = check(parseCsvTable(utf8(csvText([row]))));
    expect(more).toEqual([]);
    expect(r!.findings.map(where)).toEqual(
      expected.map((e) => ({ code: e.code, severity: e.severity, sheet: CSV_SHEET, cell: e.cell, indicator: e.indicator })),
    );
    expected.forEach((e, i) => e.params && expect(r!.findings[i]!.params).toMatchObject(e.params));
    expect(r!.findings.every((f) => f.file === 'in/returns.csv')).toBe(true);
  });

  it('a CSV cell is always text: full-width digits are reported as full-width only, not as "stored as text"', () => {
    const row = countyRow();
    row[HEADER.indexOf('附件1-10')] = '１２';
    const [r] = check(parseCsvTable(utf8(csvText([row]))));
    expect(r!.findings.map((f) => [f.code, f.params.how])).toEqual([['value-loose', 'full-width']]);
    expect(findingMessage(r!.findings[0]!, 'zh')).toContain('（全角数字）');
    expect(findingMessage(r!.findings[0]!, 'en')).toContain('(full-width digits)');
  });
});

describe('checkCsvReturn: rows and columns', () => {
  it('a clean file of two branches: one result per row, figures, cells and year', () => {
    const rs = check(parseCsvTable(gb18030(csvText([countyRow(), countyRow('220103')], HEADER, '\r\n'))));
    expect(rs.map((r) => [r.org?.code, r.year, r.kind, r.sha256, r.findings])).toEqual([
      ['220102', 2021, 'csv', 'f00d', []],
      ['220103', 2021, 'csv', 'f00d', []],
    ]);
    expect(rs[0]!.figures?.annex1.volunteers).toBe(100);
    expect(rs[0]!.figures?.annex2.serviceHours).toBe(100.5);
    expect(rs[0]!.figures?.annex1.cityPartyGroup).toBeNull();
    expect(rs[1]!.cells?.annex1?.volunteers).toBe('CSV!N3');
    expect(rs[1]!.cells?.annex2?.serviceHours).toBe('CSV!AD3');
  });

  it('the finding in the second row points at row 3', () => {
    const bad = countyRow('220103');
    bad[HEADER.indexOf('附件1-12')] = '十二';
    const rs = check(parseCsvTable(utf8Bom(csvText([countyRow(), bad]))));
    expect(rs.map((r) => r.findings.map(where))).toEqual([
      [],
      [{ code: 'value-not-number', severity: 'error', sheet: 'CSV', cell: 'N3', indicator: 'volunteers' }],
    ]);
  });

  it('an unknown code: identity-unknown at the code cell, nothing else read', () => {
    const rs = check(parseCsvTable(utf8(csvText([countyRow(), countyRow('999999')]))));
    expect(rs[1]!.findings.map(where)).toEqual([{ code: 'identity-unknown', severity: 'error', sheet: 'CSV', cell: 'A3', indicator: null }]);
    expect(rs[1]!.findings[0]!.params).toEqual({ code: '999999', name: '' });
    expect([rs[1]!.org, rs[1]!.figures]).toEqual([null, null]);
  });

  it('no year column: year left to the run', () => {
    const header = HEADER.filter((h) => h !== '年度');
    const rs = check(parseCsvTable(utf8(csvText([countyRow().filter((_, i) => i !== 1)], header))));
    expect(rs.map((r) => [r.year, r.findings.length])).toEqual([[null, 0]]);
  });

  it('no code column: one csv-missing-column for the file', () => {
    const rs = check(parseCsvTable(utf8(csvText([countyRow()], ['名称', ...HEADER.slice(1)]))));
    expect(rs.map((r) => [r.org, r.figures, r.findings.map(where)])).toEqual([
      [null, null, [{ code: 'csv-missing-column', severity: 'error', sheet: 'CSV', cell: null, indicator: null }]],
    ]);
    expect(rs[0]!.findings[0]!.params).toEqual({ column: '代码 / code' });
  });

  it('no indicator column at all: one csv-missing-column for the file', () => {
    const rs = check(parseCsvTable(utf8('代码,年度,名称\n220102,2021,南关区\n')));
    expect(rs.map((r) => r.findings.map((f) => [f.code, f.params.column]))).toEqual([[['csv-missing-column', '附件1-1 … 附件2-14']]]);
  });

  it('only 附件1 columns: 14 csv-missing-column per row, no value-blank for 附件2', () => {
    const header = HEADER.slice(0, 16);
    const rs = check(parseCsvTable(utf8(csvText([countyRow().slice(0, 16), countyRow('220103').slice(0, 16)], header))));
    for (const r of rs) {
      expect(r.findings.map((f) => [f.code, f.sheet, f.cell, f.indicator, f.params.column])).toEqual(
        INDICATORS.map((i) => ['csv-missing-column', 'CSV', null, i.key, `附件2-${i.no}`]),
      );
      expect(r.figures?.annex2).toEqual(emptyFigures());
      expect(r.figures?.annex1.volunteers).toBe(100);
    }
  });

  it('headers by key and Chinese label work as well as 附件1-N', () => {
    const header = ['code', 'year', ...INDICATORS.map((i) => i.annex1), ...INDICATORS.map((i) => `annex2.${i.key}`)];
    const row = countyRow();
    row[13] = '十二'; // 附件1 volunteers, column N
    const [r] = check(parseCsvTable(utf8(csvText([row], header))));
    expect(r!.findings.map(where)).toEqual([{ code: 'value-not-number', severity: 'error', sheet: 'CSV', cell: 'N2', indicator: 'volunteers' }]);
  });

  it('with a baseline: an increment that is not 附件1 minus the baseline is an error at its cell', () => {
    const base = {
      ...emptyFigures(),
      ...Object.fromEntries(INDICATORS.map((i, k) => [i.key, Number(COUNTY_A1[k] || 0) - Number(COUNTY_A2[k] || 0)])),
    };
    const good = check(parseCsvTable(utf8(csvText([countyRow()]))), new Map([['220102', base]]));
    expect(good[0]!.findings).toEqual([]);
    const row = countyRow();
    row[HEADER.indexOf('附件2-12')] = '15';
    const [r] = check(parseCsvTable(utf8(csvText([row]))), new Map([['220102', base]]));
    expect(r!.findings.map(where)).toEqual([{ code: 'increment-mismatch', severity: 'error', sheet: 'CSV', cell: 'AB2', indicator: 'volunteers' }]);
    expect(r!.findings[0]!.params).toMatchObject({ found: '15', current: '100', baseline: '90', expected: '10', baselineYear: 2020 });
  });

  it('a row with a quoted two-line cell is placed at the line it starts on', () => {
    const header = [...HEADER, '说明'];
    const row1 = [...countyRow(), '第一行\n第二行'];
    const row2 = [...countyRow('220103'), ''];
    row1[HEADER.indexOf('附件1-10')] = '十二';
    const rs = check(parseCsvTable(utf8(csvText([row1, row2], header))));
    expect(rs[0]!.findings.map((f) => f.cell)).toEqual(['L2']);
  });
});
