import { ANNEXES, INDICATORS, SHEETS, SURVEY, perSurvey, type Annex, type IndicatorKey } from '../catalogue.js';
import { normalizeLabel } from './locate.js';

// Which indicator a CSV/xlsx column holds, from its header: the row's label on a sheet, SHEETNAME-N (附件1-3),
// sheetkey.key (annex1.volunteers), one of the indicator's aliases, or — where `bare` allows — its key or number
// alone. Every word comes from the survey in force.

export interface ColumnRef {
  annex: Annex;
  key: IndicatorKey;
}

interface ColumnWords {
  /** Whole headers: labels, aliases, sheetkey.key. */
  byHeader: Map<string, ColumnRef>;
  /** Each sheet's name, normalised, and its annex (for SHEETNAME-N), longest first (附件10 before 附件1). */
  sheetNames: [string, Annex][];
  byKey: Map<string, IndicatorKey>;
  byNo: Map<string, IndicatorKey>;
}

const WORDS = perSurvey((): ColumnWords => {
  const byHeader = new Map<string, ColumnRef>();
  const add = (header: string, ref: ColumnRef): void => {
    const h = normalizeLabel(header);
    if (!byHeader.has(h)) byHeader.set(h, ref);
  };
  for (const i of INDICATORS)
    for (const annex of ANNEXES) {
      add(annex === 'annex1' ? i.annex1 : i.annex2, { annex, key: i.key });
      for (const sep of ['.', '_', '-']) add(`${SHEETS[annex].key}${sep}${i.key}`.toLowerCase(), { annex, key: i.key });
    }
  // An alias names the current figure (annex1): the column a clerk's own table calls it.
  for (const i of INDICATORS) for (const a of i.aliases) add(a, { annex: 'annex1', key: i.key });
  return {
    byHeader,
    sheetNames: ANNEXES.map((a): [string, Annex] => [normalizeLabel(SHEETS[a].name), a]).sort((a, b) => b[0].length - a[0].length),
    byKey: new Map(INDICATORS.map((i) => [i.key.toLowerCase(), i.key])),
    byNo: new Map(INDICATORS.map((i) => [String(i.no), i.key])),
  };
});

/** `bare` decides what a bare key or number (no sheet named) means: the current sheet in a baseline, nothing in a return. */
export function columnRef(header: string, bare: Annex | null): ColumnRef | null {
  const w = WORDS();
  const h = normalizeLabel(header);
  const whole = w.byHeader.get(h) ?? w.byHeader.get(h.toLowerCase());
  if (whole) return whole;
  // SHEETNAME-N: the longest sheet name the header starts with, then an optional separator and the row number.
  for (const [name, annex] of w.sheetNames) {
    const numbered = h.startsWith(name) ? /^[-_—－.]?(\d{1,3})$/.exec(h.slice(name.length)) : null;
    if (!numbered) continue;
    const key = w.byNo.get(String(Number(numbered[1])));
    return key ? { annex, key } : null;
  }
  if (bare) {
    const key = w.byKey.get(h.toLowerCase()) ?? w.byNo.get(h);
    if (key) return { annex: bare, key };
  }
  return null;
}

/** The column a sheet's row N is called in a CSV (附件1-3). */
export const columnName = (annex: Annex, no: number): string => `${SHEETS[annex].name}-${no}`;

/** How a message names a column of several accepted headers: the first Chinese one and the first English one (代码 / code). */
export function columnHint(names: readonly string[]): string {
  const zh = names.find((n) => /[^\x00-\x7f]/.test(n));
  const en = names.find((n) => !/[^\x00-\x7f]/.test(n));
  return [...new Set([zh ?? names[0]!, en ?? names[0]!])].join(' / ');
}

/** Headers of the branch-code column and of the year column. */
export const codeColumnNames = (): readonly string[] => SURVEY.survey.columns.code;
export const yearColumnNames = (): readonly string[] => SURVEY.survey.columns.year;
