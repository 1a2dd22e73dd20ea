import { INDICATORS, emptyFigures, labelOf, indicatorOf } from '../catalogue.js';
import type { Identity } from '../identity.js';
import type { PlainWorkbook } from './plain.js';
import { subtree } from '../registry/build.js';
import type { Registry } from '../registry/types.js';
import { DETAIL_HEADER_ROW, DETAIL_SHEET, STATUS_DATA_SHEET, TOTAL_ROW_CODE } from './summary-layout.js';
import { isMessageCode, severityOf, type MessageCode, type Severity } from './finding-codes.js';
import { BRANCH_STATUSES, type BranchStatus } from './status.js';
import { columnRef } from './columns.js';
import { finding, type CarriedStatus, type Finding, type ReturnFigures } from './finding.js';
import { address, indexSheet, locateTable } from './locate.js';
import { cellText, readCell, VALUE_CEILING } from './values.js';

// A summary workbook written by `rc-org merge`, read back so it can stand for its subtree upstream. Pure.

export interface SummaryPart {
  code: string;
  figures: ReturnFigures;
  file: string;
}

const tidy = (n: number): number => Math.round(n * 1e4) / 1e4;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** A survey rule's words carried with its finding: both languages, text only. */
function carriedWords(v: unknown): { zh: string; en: string } | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.zh === 'string' && typeof o.en === 'string' ? { zh: o.zh, en: o.en } : null;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/**
 * One carried finding, kept only when it is one rc-org knows (its severity is the catalogue's, not the cell's), or
 * one of a survey rule that carries its own words (its severity as carried).
 */
function carriedFinding(x: unknown): Finding | null {
  if (!x || typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  if (typeof o.code !== 'string') return null;
  const said = carriedWords(o.said);
  const known = isMessageCode(o.code);
  if (!known && (!said || !SEVERITIES.includes(o.severity as Severity))) return null;
  const code = o.code as Finding['code'];
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const params = o.params && typeof o.params === 'object' ? (o.params as Finding['params']) : {};
  return {
    code,
    severity: known ? severityOf(o.code as MessageCode) : (o.severity as Severity),
    ...(said ? { said } : {}),
    file: str(o.file) ?? '',
    sheet: str(o.sheet),
    cell: str(o.cell),
    indicator: str(o.indicator),
    params,
    ...(typeof o.explanation === 'string' ? { explanation: o.explanation } : {}),
  };
}

/** The hidden status sheet a summary carries up (absent in summaries written before issue 10). */
export function readCarriedStatuses(wb: PlainWorkbook, inScope: ReadonlySet<string>): CarriedStatus[] | undefined {
  const sheet = wb.sheets.find((s) => s.name === STATUS_DATA_SHEET);
  if (!sheet) return undefined;
  const idx = indexSheet(sheet);
  const rows = [...new Set(sheet.cells.filter((c) => c.row > 1).map((c) => c.row))].sort((a, b) => a - b);
  const out: CarriedStatus[] = [];
  for (const r of rows) {
    const code = cellText(idx.get(r, 1));
    const status = cellText(idx.get(r, 2)) as BranchStatus;
    if (!inScope.has(code) || !BRANCH_STATUSES.includes(status)) continue;
    const files = parseJson(cellText(idx.get(r, 3)));
    const findings = parseJson(cellText(idx.get(r, 4)));
    out.push({
      code,
      status,
      files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [],
      findings: Array.isArray(findings) ? findings.map(carriedFinding).filter((f): f is Finding => f !== null) : [],
    });
  }
  return out;
}

export function readSummary(
  file: string,
  wb: PlainWorkbook,
  identity: Identity,
  registry: Registry,
): { parts: SummaryPart[]; findings: Finding[]; statuses?: CarriedStatus[] } {
  const findings: Finding[] = [];
  const sheet = wb.sheets.find((s) => s.name === DETAIL_SHEET);
  if (!sheet)
    return {
      parts: [],
      findings: [finding('sheet-missing', { file, sheet: null, cell: null, indicator: null }, { annex: DETAIL_SHEET, title: DETAIL_SHEET })],
    };
  const idx = indexSheet(sheet);
  const headerCells = sheet.cells.filter((c) => c.row === DETAIL_HEADER_ROW);
  const cols = new Map<number, ReturnType<typeof columnRef>>();
  for (const c of headerCells) cols.set(c.col, columnRef(cellText(c.value), null));
  const inScope = new Set(subtree(registry, identity.code).map((o) => o.code));
  const parts: SummaryPart[] = [];
  const rows = [...new Set(sheet.cells.filter((c) => c.row > DETAIL_HEADER_ROW).map((c) => c.row))].sort((a, b) => a - b);
  let totalRow: number | null = null;
  for (const r of rows) {
    const code = cellText(idx.get(r, 1));
    if (code === TOTAL_ROW_CODE) {
      totalRow = r;
      break;
    }
    if (!inScope.has(code)) {
      findings.push(finding('identity-unknown', { file, sheet: DETAIL_SHEET, cell: address(1, r), indicator: null }, { code, name: cellText(idx.get(r, 2)) }));
      continue;
    }
    const figures: ReturnFigures = { annex1: emptyFigures(), annex2: emptyFigures() };
    for (const [col, ref] of cols) {
      if (!ref) continue;
      const reading = readCell(idx.get(r, col));
      const ceiling = VALUE_CEILING[indicatorOf(ref.key).kind];
      if (reading.kind === 'number' && Math.abs(reading.value) > ceiling) {
        findings.push(
          finding(
            'value-implausible',
            { file, sheet: DETAIL_SHEET, cell: address(col, r), indicator: ref.key },
            { label: labelOf(indicatorOf(ref.key), ref.annex), found: cellText(idx.get(r, col)), limit: ceiling.toLocaleString('en-US') },
          ),
        );
      } else if (reading.kind === 'number') figures[ref.annex][ref.key] = reading.value;
      else if (reading.kind !== 'blank')
        findings.push(
          finding(
            'value-not-number',
            { file, sheet: DETAIL_SHEET, cell: address(col, r), indicator: ref.key },
            { label: labelOf(indicatorOf(ref.key), ref.annex), found: cellText(idx.get(r, col)) },
          ),
        );
    }
    parts.push({ code, figures, file: cellText(idx.get(r, 5)) });
  }

  // The totals on 附件1/附件2 must be the sums of the detail: an edited summary is not trusted.
  const sheets = wb.sheets.map(indexSheet);
  for (const annex of ['annex1', 'annex2'] as const) {
    const t = locateTable(sheets, annex);
    if (!t) continue;
    const s = sheets.find((x) => x.sheet.name === t.sheet)!;
    for (const ind of INDICATORS) {
      const row = t.rows[ind.key];
      if (row === undefined) continue;
      const shown = readCell(s.get(row, t.valueCol));
      if (shown.kind !== 'number') continue;
      const sum = tidy(parts.reduce((acc, p) => acc + (p.figures[annex][ind.key] ?? 0), 0));
      if (Math.abs(sum - shown.value) > 1e-6) {
        findings.push(
          finding(
            'summary-mismatch',
            { file, sheet: t.sheet, cell: address(t.valueCol, row), indicator: ind.key },
            { detail: `${labelOf(ind, annex)}：合计 ${shown.value}，明细之和 ${sum}` },
          ),
        );
      }
    }
  }
  if (totalRow === null && parts.length === 0)
    findings.push(finding('sheet-missing', { file, sheet: DETAIL_SHEET, cell: null, indicator: null }, { annex: DETAIL_SHEET, title: DETAIL_SHEET }));
  const statuses = readCarriedStatuses(wb, inScope);
  return { parts, findings, ...(statuses ? { statuses } : {}) };
}
