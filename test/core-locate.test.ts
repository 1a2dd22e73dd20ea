// Finding the annex tables by their labels (src/core/locate.ts), the identity pairs (src/identity.ts), and
// checkWorkbook over plain workbooks built here (src/core/form.ts). No xlsx files.
import { describe, expect, it } from 'vitest';
import { ANNEX_TITLES, INDICATORS, TABLE_HEADER, appliesTo, indicatorOf, labelOf, type Annex, type IndicatorKey, type Level, VALUE_COLUMN, itemRow } from '../src/catalogue.js';
import { checkWorkbook } from '../src/core/form.js';
import type { ReturnResult } from '../src/core/finding.js';
import { address, columnLetter, identityPairs, indexSheet, locateTable, tableRange, type LocatedTable } from '../src/core/locate.js';
import { identityChecksum, identityRows, readIdentity, type Identity } from '../src/identity.js';
import type { PlainCell, PlainSheet, PlainValue, PlainWorkbook } from '../src/core/plain.js';
import { defaultRegistry } from '../src/registry/default.js';

const registry = defaultRegistry();

/** The cell a figure was read from: as recorded for a moved table, else where the template put it. */
function figureCell(result: ReturnResult, annex: Annex, key: IndicatorKey): string {
  return result.cells?.[annex]?.[key] || `${ANNEX_TITLES[annex].label}!${VALUE_COLUMN}${itemRow(indicatorOf(key).no)}`;
}
const s = (v: string): PlainValue => ({ t: 's', v });
const n = (v: number): PlainValue => ({ t: 'n', v });

interface SheetOptions {
  name?: string;
  /** Rows inserted above the table. */
  down?: number;
  /** Columns inserted left of the table. */
  right?: number;
  /** Rows (by number) whose label is left out. */
  dropLabels?: number[];
  /** Only these rows get a label (the rest of the table is not there). */
  onlyLabels?: number[];
  header?: readonly string[] | null;
  values?: Partial<Record<IndicatorKey, PlainValue>>;
  notes?: Partial<Record<IndicatorKey, string>>;
  level?: Level;
}

/** An annex sheet as the template lays it out: label A1, title A2, branch A3, header A4:E4, items A5:E18. */
function annexSheet(annex: Annex, o: SheetOptions = {}): PlainSheet {
  const dr = o.down ?? 0;
  const dc = o.right ?? 0;
  const cells: PlainCell[] = [];
  const put = (row: number, col: number, value: PlainValue) => cells.push({ row: row + dr, col: col + dc, value });
  put(1, 1, s(ANNEX_TITLES[annex].label));
  put(2, 1, s(ANNEX_TITLES[annex].title));
  put(3, 1, s('填报单位：长春市南关区红十字会（代码 220102，县级）    统计年度：2021 年'));
  const header = o.header === undefined ? [...TABLE_HEADER, '计量单位', '说明（可选）'] : o.header;
  header?.forEach((h, i) => put(4, i + 1, s(h)));
  for (const ind of INDICATORS) {
    const r = 4 + ind.no;
    put(r, 1, n(ind.no));
    const labelled = o.onlyLabels ? o.onlyLabels.includes(ind.no) : !(o.dropLabels ?? []).includes(ind.no);
    if (labelled) put(r, 2, s(labelOf(ind, annex)));
    const applies = appliesTo(ind, o.level ?? 'county');
    const v = o.values?.[ind.key] ?? (applies ? n(ind.kind === 'flag' ? 0 : 10) : s('—'));
    put(r, 3, v);
    put(r, 4, s(ind.unit));
    const note = o.notes?.[ind.key];
    if (note !== undefined) put(r, 5, s(note));
  }
  return { name: o.name ?? ANNEX_TITLES[annex].label, state: 'visible', cells };
}

const NANGUAN: Identity = {
  format: 'rc-org/1',
  kind: 'form',
  code: '220102',
  name: '南关区',
  level: 'county',
  parent: '220100',
  year: 2021,
  baselineYear: 2020,
  templateVersion: '2021.1',
};

function identitySheet(rows: [string, string][], o: { name?: string; state?: PlainSheet['state']; numericYear?: boolean } = {}): PlainSheet {
  const cells: PlainCell[] = [{ row: 1, col: 1, value: s('rc-org 单位标识：请勿修改 (branch identity: do not edit)') }];
  rows.forEach(([k, v], i) => {
    cells.push({ row: i + 2, col: 1, value: s(k) });
    cells.push({ row: i + 2, col: 2, value: o.numericYear && (k === 'year' || k === 'baselineYear') ? n(Number(v)) : s(v) });
  });
  return { name: o.name ?? 'rcorg_identity', state: o.state ?? 'veryHidden', cells };
}

const locate = (sheets: PlainSheet[], annex: Annex): LocatedTable | null => locateTable(sheets.map(indexSheet), annex);
const rowsFrom = (first: number, skip: number[] = []): Partial<Record<IndicatorKey, number>> =>
  Object.fromEntries(INDICATORS.filter((i) => !skip.includes(i.no)).map((i) => [i.key, first + i.no - 1]));

describe('columnLetter / address', () => {
  it.each([
    [1, 'A'],
    [3, 'C'],
    [26, 'Z'],
    [27, 'AA'],
    [30, 'AD'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ] as const)('column %i is %s', (col, letter) => {
    expect(columnLetter(col)).toBe(letter);
  });
  it('address(3, 16) is C16', () => expect(address(3, 16)).toBe('C16'));
});

describe('locateTable: by the labels, wherever the table sits', () => {
  const cases: [string, PlainSheet[], Annex, LocatedTable | null, string | null][] = [
    [
      '附件1 in the template position',
      [annexSheet('annex1')],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5), moved: false },
      'A5:E18',
    ],
    [
      '附件2 in the template position',
      [annexSheet('annex2')],
      'annex2',
      { annex: 'annex2', sheet: '附件2', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5), moved: false },
      'A5:E18',
    ],
    [
      'moved down by 2 rows and onto another sheet name',
      [annexSheet('annex1', { name: 'Sheet1', down: 2 })],
      'annex1',
      { annex: 'annex1', sheet: 'Sheet1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(7), moved: true },
      'A7:E20',
    ],
    [
      'only the sheet renamed',
      [annexSheet('annex2', { name: '成效统计' })],
      'annex2',
      { annex: 'annex2', sheet: '成效统计', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5), moved: true },
      'A5:E18',
    ],
    [
      'only 2 rows inserted above',
      [annexSheet('annex1', { down: 2 })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(7), moved: true },
      'A7:E20',
    ],
    [
      'a column inserted on the left',
      [annexSheet('annex1', { right: 1 })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 3, valueCol: 4, noteCol: 6, rows: rowsFrom(5), moved: true },
      'B5:F18',
    ],
    [
      'value header written with full-width brackets',
      [annexSheet('annex1', { header: ['序号', '工作事项', '个（人、小时）', '计量单位', '说明'] })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5), moved: false },
      'A5:E18',
    ],
    [
      'value column swapped with the unit column (read from the header)',
      [annexSheet('annex1', { header: ['序号', '工作事项', '计量单位', '个(人、小时)', '说明（可选）'] })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 4, noteCol: 5, rows: rowsFrom(5), moved: true },
      'A5:E18',
    ],
    [
      'no header: the value is next to the label, no note column',
      [annexSheet('annex1', { header: null })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: null, rows: rowsFrom(5), moved: false },
      'A5:C18',
    ],
    [
      'a label missing in the middle',
      [annexSheet('annex1', { dropLabels: [8] })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5, [8]), moved: false },
      'A5:E18',
    ],
    [
      'a label missing in the first row: the table has not moved',
      [annexSheet('annex1', { dropLabels: [1] })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5, [1]), moved: false },
      'A6:E18',
    ],
    [
      '7 labels are enough',
      [annexSheet('annex1', { onlyLabels: [1, 2, 3, 4, 5, 6, 7] })],
      'annex1',
      { annex: 'annex1', sheet: '附件1', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(5, [8, 9, 10, 11, 12, 13, 14]), moved: false },
      'A5:E11',
    ],
    ['a sheet with only 5 labels is not the table', [annexSheet('annex1', { onlyLabels: [1, 2, 3, 4, 5] })], 'annex1', null, null],
    ['6 labels are not enough', [annexSheet('annex1', { onlyLabels: [9, 10, 11, 12, 13, 14] })], 'annex1', null, null],
    ['附件1 labels are not 附件2 labels', [annexSheet('annex2')], 'annex1', null, null],
    ['附件2 labels are not 附件1 labels', [annexSheet('annex1')], 'annex2', null, null],
    ['no sheets', [], 'annex1', null, null],
    [
      'the fuller of two candidate sheets wins',
      [annexSheet('annex1', { name: '草稿', onlyLabels: [1, 2, 3, 4, 5, 6, 7] }), annexSheet('annex1', { name: '正式', down: 1 })],
      'annex1',
      { annex: 'annex1', sheet: '正式', labelCol: 2, valueCol: 3, noteCol: 5, rows: rowsFrom(6), moved: true },
      'A6:E19',
    ],
    ['the identity sheet is never the table', [{ ...annexSheet('annex1'), name: 'rcorg_identity', state: 'veryHidden' }], 'annex1', null, null],
  ];
  it.each(cases)('%s', (_what, sheets, annex, expected, range) => {
    const t = locate(sheets, annex);
    expect(t).toEqual(expected);
    if (t) expect(tableRange(t)).toBe(range);
  });

  it('labels written with stray and full-width spaces still match', () => {
    const sheet = annexSheet('annex1');
    for (const c of sheet.cells) if (c.col === 2 && c.value.t === 's' && c.row >= 5) c.value = s(` ${c.value.v.slice(0, 3)}\u3000${c.value.v.slice(3)} `);
    expect(locate([sheet], 'annex1')?.rows).toEqual(rowsFrom(5));
  });
});

describe('identity pairs and their checksum', () => {
  const tamper = (rows: [string, string][], key: string, value: string): [string, string][] =>
    rows.map(([k, v]): [string, string] => [k, k === key ? value : v]);
  const good = identityRows(NANGUAN);

  it('identityRows: the nine fields, then the checksum', () => {
    expect(good.map(([k]) => k)).toEqual(['format', 'kind', 'code', 'name', 'level', 'parent', 'year', 'baselineYear', 'templateVersion', 'checksum']);
    expect(good.at(-1)).toEqual(['checksum', identityChecksum(NANGUAN)]);
    expect(identityChecksum(NANGUAN)).toMatch(/^[0-9a-f]{16}$/);
  });

  const cases: [string, PlainWorkbook, ReturnType<typeof readIdentity>][] = [
    ['good checksum', { sheets: [annexSheet('annex1'), identitySheet(good)] }, { status: 'ok', identity: NANGUAN }],
    ['good checksum, years saved as numbers', { sheets: [identitySheet(good, { numericYear: true })] }, { status: 'ok', identity: NANGUAN }],
    [
      'hidden identity sheet renamed: found by its "format" row',
      { sheets: [identitySheet(good, { name: 'Sheet3', state: 'hidden' })] },
      { status: 'ok', identity: NANGUAN },
    ],
    [
      'code edited, checksum kept',
      { sheets: [identitySheet(tamper(good, 'code', '220103'))] },
      { status: 'edited', identity: { ...NANGUAN, code: '220103' }, detail: '' },
    ],
    [
      'year edited, checksum kept',
      { sheets: [identitySheet(tamper(good, 'year', '2020'))] },
      { status: 'edited', identity: { ...NANGUAN, year: 2020 }, detail: '' },
    ],
    ['checksum edited', { sheets: [identitySheet(tamper(good, 'checksum', '0000000000000000'))] }, { status: 'edited', identity: NANGUAN, detail: '' }],
    ['checksum removed', { sheets: [identitySheet(good.filter(([k]) => k !== 'checksum'))] }, { status: 'edited', identity: NANGUAN, detail: '' }],
    ['level not a level', { sheets: [identitySheet(tamper(good, 'level', '县级'))] }, { status: 'edited', identity: null, detail: 'level' }],
    ['year not a number', { sheets: [identitySheet(tamper(good, 'year', '二〇二一'))] }, { status: 'edited', identity: null, detail: 'year' }],
    ['code row removed', { sheets: [identitySheet(good.filter(([k]) => k !== 'code'))] }, { status: 'missing' }],
    ['no identity sheet', { sheets: [annexSheet('annex1')] }, { status: 'missing' }],
    ['a visible renamed sheet is not the identity', { sheets: [identitySheet(good, { name: 'Sheet3', state: 'visible' })] }, { status: 'missing' }],
  ];
  it.each(cases)('%s', (_what, wb, expected) => {
    expect(readIdentity(identityPairs(wb))).toEqual(expected);
  });

  it('identityPairs reads column A → column B, and null without an identity sheet', () => {
    const pairs = identityPairs({ sheets: [identitySheet(good)] });
    expect(pairs?.get('code')).toBe('220102');
    expect(pairs?.get('checksum')).toBe(identityChecksum(NANGUAN));
    expect(identityPairs({ sheets: [annexSheet('annex1')] })).toBeNull();
  });

  it('a re-signed identity for another branch has a good checksum but a different one', () => {
    const other = identityRows({ ...NANGUAN, code: '220103', name: '宽城区' });
    expect(other.at(-1)![1]).not.toBe(good.at(-1)![1]);
    expect(readIdentity(new Map(other))).toEqual({ status: 'ok', identity: { ...NANGUAN, code: '220103', name: '宽城区' } });
  });
});

describe('checkWorkbook over plain workbooks', () => {
  const FILE = 'in/南关区.xlsx';
  const where = (f: { code: string; severity: string; sheet: string | null; cell: string | null; indicator: string | null }) => ({
    code: f.code,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    indicator: f.indicator,
  });
  const wb = (...sheets: PlainSheet[]): PlainWorkbook => ({ sheets });
  const id = identitySheet(identityRows(NANGUAN));

  it('the template as issued, filled: no findings, figures and cells as read', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2'), id), { registry, baseline: null });
    expect(r.findings).toEqual([]);
    expect(r.org).toEqual({ code: '220102', name: '南关区', level: 'county' });
    expect([r.year, r.baselineYear, r.kind]).toEqual([2021, 2020, 'form']);
    expect(r.figures?.annex1.volunteers).toBe(10);
    expect(r.figures?.annex1.cityPartyGroup).toBeNull();
    expect(r.cells).toBeUndefined();
    expect(figureCell(r, 'annex1', 'volunteers')).toBe('附件1!C16');
    expect(figureCell(r, 'annex2', 'serviceHours')).toBe('附件2!C18');
  });

  it('a table moved down by 2 rows onto another sheet: a notice, values read from the moved cells', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1', { name: 'Sheet1', down: 2, values: { volunteers: s('十二') } }), annexSheet('annex2'), id), {
      registry,
      baseline: null,
    });
    expect(r.findings.map(where)).toEqual([
      { code: 'table-moved', severity: 'notice', sheet: 'Sheet1', cell: null, indicator: null },
      { code: 'value-not-number', severity: 'error', sheet: 'Sheet1', cell: 'C18', indicator: 'volunteers' },
    ]);
    expect(r.findings[0]!.params).toEqual({ annex: '附件1', sheet: 'Sheet1', range: 'A7:E20', expectedSheet: '附件1', expectedRange: 'A5:E18' });
    expect(figureCell(r, 'annex1', 'volunteers')).toBe('Sheet1!C18');
    expect(figureCell(r, 'annex2', 'volunteers')).toBe('附件2!C16');
  });

  it('a missing label: row-missing for that row, no value-blank, no table-moved', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1', { dropLabels: [8] }), annexSheet('annex2'), id), { registry, baseline: null });
    expect(r.findings.map(where)).toEqual([{ code: 'row-missing', severity: 'error', sheet: '附件1', cell: null, indicator: 'grassrootsOrgs' }]);
    expect(r.findings[0]!.params).toEqual({ no: 8, label: '红十字会基层组织数' });
    expect(r.figures?.annex1.grassrootsOrgs).toBeNull();
  });

  it('the first row label missing: row-missing only (the table has not moved)', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2', { dropLabels: [1] }), id), { registry, baseline: null });
    expect(r.findings.map(where)).toEqual([{ code: 'row-missing', severity: 'error', sheet: '附件2', cell: null, indicator: 'countyReformed' }]);
  });

  it('a sheet with only 5 labels: sheet-missing, and its rows are not reported one by one', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2', { onlyLabels: [1, 2, 3, 4, 5] }), id), { registry, baseline: null });
    expect(r.findings.map(where)).toEqual([{ code: 'sheet-missing', severity: 'error', sheet: null, cell: null, indicator: null }]);
    expect(r.findings[0]!.params).toEqual({ annex: '附件2', title: '组织体系建设年工作成效统计表' });
  });

  it('a bad checksum: identity-edited on the identity sheet, nothing else read', () => {
    const bad = identitySheet(identityRows(NANGUAN).map(([k, v]): [string, string] => [k, k === 'name' ? '朝阳区' : v]));
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2'), bad), { registry, baseline: null });
    expect(r.findings.map(where)).toEqual([{ code: 'identity-edited', severity: 'error', sheet: 'rcorg_identity', cell: null, indicator: null }]);
    expect([r.org, r.figures]).toEqual([null, null]);
  });

  it('no identity: identity-missing', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2')), { registry, baseline: null });
    expect(r.findings.map(where)).toEqual([{ code: 'identity-missing', severity: 'error', sheet: null, cell: null, indicator: null }]);
  });

  it('a good checksum for a code not in the registry: identity-unknown', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), identitySheet(identityRows({ ...NANGUAN, code: '990101', name: '某区' }))), {
      registry,
      baseline: null,
    });
    expect(r.findings.map(where)).toEqual([{ code: 'identity-unknown', severity: 'error', sheet: null, cell: null, indicator: null }]);
    expect(r.findings[0]!.params).toEqual({ code: '990101', name: '某区' });
  });

  it('a good checksum that disagrees with the registry: identity-mismatch, still read', () => {
    const r = checkWorkbook(FILE, 'abc', wb(annexSheet('annex1'), annexSheet('annex2'), identitySheet(identityRows({ ...NANGUAN, parent: '220000' }))), {
      registry,
      baseline: null,
    });
    expect(r.findings.map(where)).toEqual([{ code: 'identity-mismatch', severity: 'error', sheet: null, cell: null, indicator: null }]);
    expect(r.findings[0]!.params).toEqual({ found: '220102 南关区 county ↑220000', expected: '220102 南关区 county ↑220100' });
    expect(r.figures).not.toBeNull();
  });

  it('the 说明 column explains a warning, found by its header', () => {
    const r = checkWorkbook(
      FILE,
      'abc',
      wb(annexSheet('annex1', { values: { volunteerOrgs: n(2) }, notes: { volunteerOrgs: '正在组建' } }), annexSheet('annex2'), id),
      { registry, baseline: null },
    );
    expect(r.findings.map((f) => ({ ...where(f), explanation: f.explanation }))).toEqual([
      { code: 'volunteer-teams-below-plan', severity: 'warning', sheet: '附件1', cell: 'C17', indicator: 'volunteerOrgs', explanation: '正在组建' },
    ]);
  });
});
