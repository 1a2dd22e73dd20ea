import { INDICATORS, SURVEY, emptyFigures, indicatorOf, type Figures } from '../catalogue.js';
import { findColumn, type PlainTable } from './plain.js';
import type { MessageCode, Params } from './finding-codes.js';
import type { Registry } from '../registry/types.js';
import { codeColumnNames, columnHint, columnRef } from './columns.js';
import { readText, VALUE_CEILING } from './values.js';

// The baseline year's 附件1 figures, one row per branch, checked like a registry: clear messages with line. Pure.

export interface BaselineProblem {
  code: MessageCode;
  line: number | null;
  params: Params;
}

export function parseBaselineTable(table: PlainTable, registry: Registry): { figures: Map<string, Figures> } | { problems: BaselineProblem[] } {
  const problems: BaselineProblem[] = [];
  const codeCol = findColumn(table.header, codeColumnNames());
  if (codeCol < 0) problems.push({ code: 'baseline-missing-column', line: table.headerLine, params: { column: columnHint(codeColumnNames()) } });
  const cols = new Map<number, (typeof INDICATORS)[number]['key']>();
  table.header.forEach((h, i) => {
    const ref = columnRef(h, 'annex1');
    if (ref?.annex === 'annex1') cols.set(i, ref.key);
  });
  for (const ind of INDICATORS) {
    if (![...cols.values()].includes(ind.key))
      problems.push({ code: 'baseline-missing-column', line: table.headerLine, params: { column: `${ind.no} ${ind.annex1}` } });
  }
  if (problems.length > 0) return { problems };

  const figures = new Map<string, Figures>();
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const code = (row.cells[codeCol] ?? '').trim();
    if (!registry.byCode.has(code)) {
      problems.push({ code: 'baseline-unknown-code', line: row.line, params: { code } });
      continue;
    }
    const seen = firstLine.get(code);
    if (seen !== undefined) {
      problems.push({ code: 'baseline-duplicate-code', line: row.line, params: { code, other: seen } });
      continue;
    }
    firstLine.set(code, row.line);
    const f = emptyFigures();
    for (const [col, key] of cols) {
      const r = readText(row.cells[col] ?? '');
      // Beyond the ceiling is no figure at all (values.ts): said as a bad number, never summed.
      if (r.kind === 'number' && Math.abs(r.value) <= VALUE_CEILING[indicatorOf(key).kind]) f[key] = r.value;
      else if (r.kind !== 'blank')
        problems.push({ code: 'baseline-bad-number', line: row.line, params: { column: table.header[col] ?? key, found: (row.cells[col] ?? '').trim() } });
    }
    figures.set(code, f);
  }
  return problems.length > 0 ? { problems } : { figures };
}

/** A baseline read from last year's summary.json, and what the two forms do not share. */
export interface SummaryBaseline {
  figures: Map<string, Figures>;
  /** This year's rows with no figure last year (new indicators): their labels. */
  added: string[];
  /** Last year's rows this year's form no longer has (dropped indicators): their labels. */
  dropped: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const ownValue = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/**
 * Last year's summary.json (rc-org merge) as the baseline: each branch's own figures of the current sheet, keyed by
 * this year's indicators through their `previous` key, so a renamed row still finds last year's figure and a new one
 * has none (its increase is then what the branch entered; the report shows no growth for it). Branches this year's
 * registry does not list are passed over. Pure.
 */
export function baselineFromSummary(raw: unknown, registry: Registry): SummaryBaseline | { problems: BaselineProblem[] } {
  if (!isRecord(raw) || ownValue(raw, 'schema') !== 2 || !Array.isArray(ownValue(raw, 'branches')))
    return { problems: [{ code: 'baseline-summary-unreadable', line: null, params: {} }] };
  const survey = ownValue(raw, 'survey');
  const surveyId = isRecord(survey) && typeof ownValue(survey, 'id') === 'string' ? (ownValue(survey, 'id') as string) : null;
  if (surveyId !== null && surveyId !== SURVEY.survey.id)
    return { problems: [{ code: 'baseline-other-survey', line: null, params: { found: surveyId, expected: SURVEY.survey.id } }] };
  // Last year's rows: as the summary lists them (since issue 20), or the keys its figures carry.
  const lastYear = new Map<string, string>();
  const listed = isRecord(survey) && Array.isArray(ownValue(survey, 'indicators')) ? (ownValue(survey, 'indicators') as unknown[]) : [];
  for (const i of listed) if (isRecord(i) && typeof i.key === 'string') lastYear.set(i.key, typeof i.label === 'string' ? i.label : i.key);

  const figures = new Map<string, Figures>();
  for (const b of ownValue(raw, 'branches') as unknown[]) {
    if (!isRecord(b) || typeof b.code !== 'string' || !registry.byCode.has(b.code) || !isRecord(b.figures)) continue;
    const own = ownValue(b.figures, 'annex1');
    if (!isRecord(own)) continue;
    if (listed.length === 0) for (const k of Object.keys(own)) if (!lastYear.has(k)) lastYear.set(k, k);
    const f = emptyFigures();
    for (const ind of INDICATORS) {
      if (ind.previous === null) continue;
      const v = ownValue(own, ind.previous);
      if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= VALUE_CEILING[ind.kind]) f[ind.key] = v;
    }
    figures.set(b.code, f);
  }
  const carried = new Set(INDICATORS.flatMap((i) => (i.previous === null ? [] : [i.previous])));
  return {
    figures,
    added: INDICATORS.filter((i) => i.previous === null || (lastYear.size > 0 && !lastYear.has(i.previous))).map((i) => i.annex1),
    dropped: [...lastYear].filter(([k]) => !carried.has(k)).map(([, label]) => label),
  };
}
