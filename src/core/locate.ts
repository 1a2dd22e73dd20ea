import { ANNEXES, ANNEX_TITLES, INDICATORS, SHEETS, labelOf, layoutColumn, perSurvey, type Annex, type IndicatorKey, indicatorOf, FORM_LAYOUT } from '../catalogue.js';
import type { PlainSheet, PlainValue, PlainWorkbook } from './plain.js';
import { cellText } from './values.js';

// Find the annex tables by their row labels, not by fixed addresses (docs/domain.md §5). Pure.

// Plain ASCII needs no NFKC (most cells are numbers typed as text or codes): skip the costly part.
const ASCII = /^[\x00-\x7f]*$/;
const normalize = (s: string): string => (ASCII.test(s) ? s : s.normalize('NFKC')).replace(/[\s\u3000]+/g, '');
// Every form repeats the same few hundred label texts, and each is normalised once per annex: remember short
// ones (bounded, so a batch of odd files cannot grow it without end).
const MEMO_MAX_ENTRIES = 4096;
const MEMO_MAX_LENGTH = 64;
const memo = new Map<string, string>();
export function normalizeLabel(s: string): string {
  if (s.length > MEMO_MAX_LENGTH) return normalize(s);
  let out = memo.get(s);
  if (out === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    out = normalize(s);
    memo.set(s, out);
  }
  return out;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const address = (col: number, row: number): string => `${columnLetter(col)}${row}`;

export interface LocatedTable {
  annex: Annex;
  sheet: string;
  labelCol: number;
  valueCol: number;
  noteCol: number | null;
  /** The row of each indicator's label; missing labels are absent. */
  rows: Partial<Record<IndicatorKey, number>>;
  moved: boolean;
}

export interface SheetIndex {
  sheet: PlainSheet;
  get: (row: number, col: number) => PlainValue | undefined;
}

export function indexSheet(sheet: PlainSheet): SheetIndex {
  const map = new Map<number, PlainValue>();
  for (const c of sheet.cells) map.set(c.row * 100_000 + c.col, c.value);
  return { sheet, get: (row, col) => map.get(row * 100_000 + col) };
}

// Labels must match whole; 附件1 and 附件2 labels differ (…数 / …增加数), so they never mix.
const LABELS = perSurvey(
  (): Record<Annex, Map<string, IndicatorKey>> => ({
    annex1: new Map(INDICATORS.map((i) => [normalizeLabel(labelOf(i, 'annex1')), i.key])),
    annex2: new Map(INDICATORS.map((i) => [normalizeLabel(labelOf(i, 'annex2')), i.key])),
  }),
);
/** Half the rows (at most 7) must be found by label for a sheet to count as the table. */
const minLabelsForTable = (): number => Math.min(7, Math.ceil(INDICATORS.length / 2));
const VALUE_HEADERS = perSurvey(() => new Set(ANNEXES.map((a) => normalizeLabel(SHEETS[a].header[layoutColumn('value') - 1] ?? ''))));
const NOTE_HEADER = perSurvey(() => normalizeLabel(FORM_LAYOUT.columns.find((c) => c.key === 'note')!.header).slice(0, 2));
const EXPECTED = perSurvey(() => ({ labelCol: layoutColumn('label'), valueCol: layoutColumn('value'), firstRow: FORM_LAYOUT.rows.firstItem }));

export function locateTable(sheets: readonly SheetIndex[], annex: Annex): LocatedTable | null {
  let best: { idx: SheetIndex; found: { key: IndicatorKey; row: number; col: number }[] } | null = null;
  for (const idx of sheets) {
    if (idx.sheet.name === FORM_LAYOUT.identitySheet) continue;
    const found: { key: IndicatorKey; row: number; col: number }[] = [];
    const seen = new Set<IndicatorKey>();
    for (const c of idx.sheet.cells) {
      if (c.value.t !== 's') continue;
      const key = LABELS()[annex].get(normalizeLabel(c.value.v));
      if (key && !seen.has(key)) {
        seen.add(key);
        found.push({ key, row: c.row, col: c.col });
      }
    }
    if (found.length >= minLabelsForTable() && (!best || found.length > best.found.length)) best = { idx, found };
  }
  if (!best) return null;

  const colCounts = new Map<number, number>();
  for (const f of best.found) colCounts.set(f.col, (colCounts.get(f.col) ?? 0) + 1);
  const labelCol = [...colCounts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const inCol = best.found.filter((f) => f.col === labelCol);
  const firstRow = Math.min(...inCol.map((f) => f.row));

  // The header sits just above the first label; read the value and 说明 columns from it when it is there.
  let valueCol = labelCol + 1;
  let noteCol: number | null = null;
  for (let r = firstRow - 1; r >= Math.max(1, firstRow - 3); r--) {
    for (let c = 1; c <= labelCol + 10; c++) {
      const t = normalizeLabel(cellText(best.idx.get(r, c)));
      if (VALUE_HEADERS().has(t)) valueCol = c;
      else if (t.startsWith(NOTE_HEADER()) && noteCol === null) noteCol = c;
    }
  }
  const rows = Object.fromEntries(inCol.map((f) => [f.key, f.row])) as Partial<Record<IndicatorKey, number>>;
  const inTemplateRows = inCol.every((f) => f.row === EXPECTED().firstRow + indicatorOf(f.key).no - 1);
  const moved = best.idx.sheet.name !== ANNEX_TITLES[annex].label || labelCol !== EXPECTED().labelCol || valueCol !== EXPECTED().valueCol || !inTemplateRows;
  return { annex, sheet: best.idx.sheet.name, labelCol, valueCol, noteCol, rows, moved };
}

export function tableRange(t: LocatedTable): string {
  const rows = Object.values(t.rows) as number[];
  return `${address(Math.min(t.labelCol, t.valueCol) - 1 || 1, Math.min(...rows))}:${address(Math.max(t.valueCol, t.noteCol ?? 0), Math.max(...rows))}`;
}

/** The key/value pairs of the hidden identity sheet, or null when there is none. */
export function identityPairs(wb: PlainWorkbook): Map<string, string> | null {
  const sheet =
    wb.sheets.find((s) => s.name === FORM_LAYOUT.identitySheet) ??
    wb.sheets.find((s) => s.state !== 'visible' && s.cells.some((c) => c.col === 1 && c.value.t === 's' && c.value.v === 'format'));
  if (!sheet) return null;
  const idx = indexSheet(sheet);
  const pairs = new Map<string, string>();
  for (const c of sheet.cells) {
    if (c.col !== 1 || c.value.t !== 's') continue;
    pairs.set(c.value.v.trim(), cellText(idx.get(c.row, 2)));
  }
  return pairs;
}
