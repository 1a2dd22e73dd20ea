import { ANNEX_TITLES, INDICATORS } from '../catalogue.js';
import { findColumn, type PlainTable, type PlainWorkbook } from './plain.js';
import { FEEDBACK_LIST_HEADERS, LONG_CSV_HEADER } from './summary-layout.js';
import type { Registry } from '../registry/types.js';
import { codeColumnNames, columnRef } from './columns.js';
import { normalizeLabel } from './locate.js';

// What a file that is not a return is, from its content (never its name): rc-org's own outputs, a baseline
// file, or the issued form saved as CSV/ODS (which lost the identity and 附件2). Pure.

export type Recognised =
  | { kind: 'own-output'; what: 'summary-long' | 'summary-json' | 'report' | 'feedback-list' }
  | { kind: 'baseline' }
  | { kind: 'form-export'; code: string | null };

/** Does a header row start with one of rc-org's own list headers? */
const startsWith = (head: readonly string[], own: readonly string[]): boolean => own.every((h, i) => head[i]?.trim().toLowerCase() === h.toLowerCase());
const FEEDBACK_HEADS = (['zh', 'en'] as const).flatMap((l) => [
  FEEDBACK_LIST_HEADERS[l].chase,
  FEEDBACK_LIST_HEADERS[l].feedback,
  FEEDBACK_LIST_HEADERS[l].unattributed,
]);

/** One of feedback's lists (催报名单, feedback.csv), by its header row. */
export function isFeedbackList(head: readonly string[]): boolean {
  return FEEDBACK_HEADS.some((h) => startsWith(head, h));
}

/** A workbook rc-org wrote that is not a form: feedback's 催报名单.xlsx (every sheet one of its lists). */
export function recogniseOwnWorkbook(wb: PlainWorkbook): Recognised | null {
  const heads = wb.sheets.map((s) =>
    s.cells
      .filter((c) => c.row === 1)
      .sort((a, b) => a.col - b.col)
      .map((c) => (c.value.t === 's' ? c.value.v : '')),
  );
  return heads.length > 0 && heads.every(isFeedbackList) ? { kind: 'own-output', what: 'feedback-list' } : null;
}

const FORM_CODE = /代码\s*[:：]?\s*(\d{4,12})/;

/** The issued form's text (title, row labels, "代码 220112"), as a CSV or ODS export keeps it. */
export function formExportCode(text: string): { code: string | null } | null {
  const flat = normalizeLabel(text);
  const title = flat.includes(ANNEX_TITLES.annex1.title) || flat.includes(ANNEX_TITLES.annex2.title);
  const labels = INDICATORS.filter((i) => flat.includes(normalizeLabel(i.annex1)) || flat.includes(normalizeLabel(i.annex2))).length;
  if (!title && labels < INDICATORS.length / 2) return null;
  if (!title && !FORM_CODE.test(text)) return null;
  return { code: FORM_CODE.exec(text)?.[1] ?? null };
}

/** A CSV in the returns that is not a CSV return: rc-org's long CSV, a baseline, or the form saved as CSV. */
export function recogniseCsv(table: PlainTable, text: string): Recognised | null {
  const head = table.header.map((h) => h.trim().toLowerCase());
  if (startsWith(head, LONG_CSV_HEADER.slice(0, 6))) return { kind: 'own-output', what: 'summary-long' };
  if (isFeedbackList(table.header)) return { kind: 'own-output', what: 'feedback-list' };
  const codeCol = findColumn(table.header, codeColumnNames());
  const refs = table.header.map((h) => columnRef(h, null));
  const annex2 = refs.some((r) => r?.annex === 'annex2');
  const asBaseline = table.header.filter((h) => columnRef(h, 'annex1') !== null).length;
  // A CSV return names both annexes; a baseline has one figure per row (附件1 of the baseline year).
  if (codeCol >= 0 && !annex2 && asBaseline >= INDICATORS.length / 2) return { kind: 'baseline' };
  if (codeCol < 0) {
    const form = formExportCode(text);
    if (form) return { kind: 'form-export', code: form.code };
  }
  return null;
}

/** A file skipped for its extension that rc-org itself wrote (summary.json, a report page). */
export function recogniseOwnOutput(text: string): Recognised | null {
  const start = text.trimStart();
  if (start.startsWith('{')) {
    if (/"generator"\s*:\s*"rc-org/.test(start) || (/"totals"\s*:/.test(start) && /"baselineYear"\s*:/.test(start)))
      return { kind: 'own-output', what: 'summary-json' };
    return null;
  }
  if (/<html|<!doctype html/i.test(start) && /rc-org/.test(start)) return { kind: 'own-output', what: 'report' };
  return null;
}

/** The registry's branch for a code a form export names, if any. */
export function exportOrg(registry: Registry, code: string | null): { code: string; name: string; level: import('../catalogue.js').Level } | null {
  const org = code ? registry.byCode.get(code) : undefined;
  return org ? { code: org.code, name: org.name, level: org.level } : null;
}

/** Characters rc-org's own file names replace with "_" (issued-form's safeFileName): a name is compared as written. */
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * The branch a file's name says it is from, when the name carries a registry code followed by that same
 * branch's name: rc-org's own naming (2021_220103_宽城区_组织体系建设统计表.xlsx) or "220103_宽城区…". Only for
 * a file whose content could not be read (its identity is then unknowable); anything less certain is null: a code
 * alone, a name alone, a code with another branch's name, a branch outside the run's scope, another year's name.
 */
export function branchFromFileName(
  file: string,
  registry: Registry,
  inScope: (code: string) => boolean,
  year: number | null,
): { code: string; name: string; level: import('../catalogue.js').Level } | null {
  const stem = (file.split(/[\\/]/).pop() ?? '').normalize('NFKC').replace(/\.[^.]*$/u, '');
  const readings: { year: number | null; rest: string }[] = [];
  const withYear = /^(\d{4})[\s_-]+(.*)$/su.exec(stem);
  if (withYear) readings.push({ year: Number(withYear[1]), rest: withYear[2]! });
  readings.push({ year: null, rest: stem });
  for (const reading of readings) {
    const head = /^([0-9A-Za-z]+)(.*)$/su.exec(reading.rest);
    const org = head ? registry.byCode.get(head[1]!) : undefined;
    if (!head || !org) continue;
    const after = head[2]!.replace(/^[\s_-]*/u, '');
    const names = [org.fullName, org.name].map((n) => n.normalize('NFKC').replace(UNSAFE_IN_FILE_NAMES, '_')).filter((n) => n.length >= 2);
    // The code found, the rest must agree: its own name right after it, in scope, and this run's year if one is named.
    if (!names.some((n) => after.startsWith(n))) return null;
    if (!inScope(org.code)) return null;
    if (reading.year !== null && year !== null && reading.year !== year) return null;
    return { code: org.code, name: org.name, level: org.level };
  }
  return null;
}
