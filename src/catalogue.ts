import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Survey, SurveyLevel, SurveySheet } from './survey-schema.js';

// The survey in force: the form's indicators, levels, sheets and layout, as the rest of the code reads them. None of
// it is written here — it all comes from a survey definition (issue 20): the built-in one, templates/jilin-2021.json,
// unless a command was given --survey FILE, in which case the command puts that one in force for its run
// (`useSurvey`). The exports below are live bindings: every module that imports them sees the survey in force.
//
// The code knows the *kinds* of things only: a form has a current sheet (figures as they stand, called annex1 in the
// code) and an increase sheet (change against the baseline year, annex2); an indicator is a yes/no flag, a count or
// hours; a level is the root, a branch level or a special unit.

export type Level = string;
/** flag: 0/1 about the branch itself; count: whole number; hours: decimal hours. */
export type ValueKind = 'flag' | 'count' | 'hours';

/** The two sheets of a form by role: annex1 holds the current figures, annex2 the increases (sheet names come from the definition). */
export const ANNEXES = ['annex1', 'annex2'] as const;
export type Annex = (typeof ANNEXES)[number];
const ROLE_OF: Record<Annex, SurveySheet['role']> = { annex1: 'current', annex2: 'increase' };

export interface Indicator {
  readonly no: number;
  readonly key: string;
  /** Its label on the current sheet and on the increase sheet, verbatim. */
  readonly annex1: string;
  readonly annex2: string;
  readonly unit: string;
  /** What the unit column beside the table says on each sheet. */
  readonly unitText: Readonly<Record<Annex, string>>;
  readonly kind: ValueKind;
  readonly levels: readonly Level[];
  /** Whether the increase figure is the current one minus the baseline (false for an entered row such as completed elections). */
  readonly derived: boolean;
  /** Whether the bulletin shows its growth. */
  readonly growth: boolean;
  /** Its key in the previous year's definition (null: new this year). */
  readonly previous: string | null;
  readonly en: string;
  readonly nouns?: { readonly one: string; readonly many: string; readonly title: string };
  /** Further CSV column headers that mean it. */
  readonly aliases: readonly string[];
}

export type IndicatorKey = string;
/** One annex's figures: a number per indicator, or null where nothing was reported / not applicable. */
export type Figures = Record<IndicatorKey, number | null>;

/** The survey in force, and which file it came from. */
export interface SurveyInForce {
  readonly survey: Survey;
  /** A path, or 'built-in'. */
  readonly source: string;
  /** SHA-256 of the definition's bytes. */
  readonly sha256: string;
}

export type FormLayout = Survey['layout'] & { readonly paper: { readonly size: number; readonly orientation: 'portrait' | 'landscape' } };

// Live bindings of the survey in force, set only by useSurvey.
export let SURVEY: SurveyInForce;
export let LEVELS: readonly Level[];
export let LEVEL_LABELS: Readonly<Record<Level, { zh: string; en: string }>>;
export let LEVEL_INFO: readonly SurveyLevel[];
export let INDICATORS: readonly Indicator[];
export let INDICATOR_KEYS: readonly IndicatorKey[];
export let ANNEX_TITLES: Readonly<Record<Annex, { label: string; title: string }>>;
export let SHEETS: Readonly<Record<Annex, SurveySheet>>;
export let TABLE_HEADER: readonly string[];
/** The year the increments are counted against, unless a form or --baseline-year says otherwise. */
export let DEFAULT_BASELINE_YEAR: number;
/** The form's version, written into every identity and checked on every return. */
export let TEMPLATE_VERSION: string;
/** Where each part of a sheet sits, how wide the columns are, what the fill-in instructions say. */
export let FORM_LAYOUT: FormLayout;
export let VALUE_COLUMN: string;

let byKey = new Map<string, Indicator>();

function indicatorsOf(s: Survey): Indicator[] {
  const sheetKey = (annex: Annex) => s.sheets.find((x) => x.role === ROLE_OF[annex])?.key;
  return [...s.indicators]
    .sort((a, b) => a.no - b.no)
    .map((i) => {
      const row = (annex: Annex) => i.rows.find((r) => r.sheet === sheetKey(annex)) ?? i.rows[0]!;
      return {
        no: i.no,
        key: i.key,
        annex1: row('annex1').label,
        annex2: row('annex2').label,
        unit: i.unit,
        unitText: { annex1: row('annex1').unitText, annex2: row('annex2').unitText },
        kind: i.kind,
        levels: i.levels,
        derived: i.entry === 'derived',
        growth: i.growth,
        previous: i.previous === undefined ? i.key : i.previous,
        en: i.en,
        ...(i.nouns ? { nouns: i.nouns } : {}),
        aliases: i.aliases ?? [],
      };
    });
}

/** Put a definition in force (the command's --survey, or the built-in one). It has passed the loader's checks. */
export function useSurvey(s: SurveyInForce): void {
  const survey = s.survey;
  SURVEY = s;
  LEVEL_INFO = survey.levels;
  LEVELS = survey.levels.map((l) => l.key);
  LEVEL_LABELS = Object.fromEntries(survey.levels.map((l) => [l.key, { zh: l.zh, en: l.en }]));
  INDICATORS = indicatorsOf(survey);
  INDICATOR_KEYS = INDICATORS.map((i) => i.key);
  byKey = new Map(INDICATORS.map((i) => [i.key, i]));
  const sheet = (annex: Annex): SurveySheet => survey.sheets.find((x) => x.role === ROLE_OF[annex]) ?? survey.sheets[0]!;
  SHEETS = { annex1: sheet('annex1'), annex2: sheet('annex2') };
  ANNEX_TITLES = {
    annex1: { label: SHEETS.annex1.name, title: SHEETS.annex1.title },
    annex2: { label: SHEETS.annex2.name, title: SHEETS.annex2.title },
  };
  TABLE_HEADER = SHEETS.annex1.header;
  DEFAULT_BASELINE_YEAR = survey.baselineYear;
  TEMPLATE_VERSION = survey.version;
  const print = SHEETS.annex1.print;
  FORM_LAYOUT = { ...survey.layout, paper: { size: print.paperSize, orientation: print.orientation } };
  VALUE_COLUMN = FORM_LAYOUT.columns.find((c) => c.key === 'value')!.letter;
}

/** The survey in force while `run` runs (a command's --survey), then the one before it again. */
export async function withSurvey<T>(s: SurveyInForce | null | undefined, run: () => T | Promise<T>): Promise<T> {
  if (!s || s === SURVEY) return run();
  const before = SURVEY;
  useSurvey(s);
  try {
    return await run();
  } finally {
    useSurvey(before);
  }
}

/** The definition rc-org ships: templates/jilin-2021.json (from src/ one folder up, from dist/src/ two). */
export const BUILT_IN_SURVEY_FILE = 'jilin-2021.json';

export function builtInSurveyText(): string {
  for (const rel of [`../templates/${BUILT_IN_SURVEY_FILE}`, `../../templates/${BUILT_IN_SURVEY_FILE}`]) {
    try {
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      // not at this depth
    }
  }
  throw new Error(`rc-org is incomplete: templates/${BUILT_IN_SURVEY_FILE} is missing`);
}

const builtInText = builtInSurveyText();
/** The shipped definition; its own tests hold it to every check of the loader (src/survey/load.ts). */
export const BUILT_IN_SURVEY: SurveyInForce = {
  // Not parsed with zod here: every start-up (even --help) would load it. The shipped file is held to every check
  // of the loader by its tests (test/survey-definition.test.ts, test/survey-load.test.ts).
  survey: JSON.parse(builtInText) as Survey,
  source: 'built-in',
  sha256: createHash('sha256').update(builtInText, 'utf8').digest('hex'),
};
useSurvey(BUILT_IN_SURVEY);

/** A table made from the survey in force, made again only when another survey is put in force. */
export function perSurvey<T>(make: () => T): () => T {
  let made: { for: SurveyInForce; value: T } | null = null;
  return () => {
    if (made?.for !== SURVEY) made = { for: SURVEY, value: make() };
    return made.value;
  };
}

/** The column number (A = 1) of a part of the form's table: no, label, value, unit, note. */
export function layoutColumn(key: FormLayout['columns'][number]['key']): number {
  const letter = FORM_LAYOUT.columns.find((c) => c.key === key)!.letter;
  return [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The row of a key of the survey in force (keys come from it, so there always is one). */
export function indicatorOf(key: IndicatorKey): Indicator {
  return byKey.get(key)!;
}

/** The form's sheet of a sheet key of the definition (null for a key that is not a sheet). */
export function annexOfSheet(sheetKey: string): Annex | null {
  return SHEETS.annex1.key === sheetKey ? 'annex1' : SHEETS.annex2.key === sheetKey ? 'annex2' : null;
}

export function isIndicatorKey(key: string): boolean {
  return byKey.has(key);
}

export function appliesTo(ind: Indicator, level: Level): boolean {
  return ind.levels.includes(level);
}

export function emptyFigures(): Figures {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null]));
}

/** A level's word in a language (the key itself for a level the survey does not name). */
export function levelWord(level: Level, lang: 'zh' | 'en'): string {
  return LEVEL_LABELS[level]?.[lang] ?? level;
}

/** A level's role: the root (the issuing level), a branch level, or special units outside the administrative levels. */
export function levelRole(level: Level): SurveyLevel['role'] | null {
  return LEVEL_INFO.find((l) => l.key === level)?.role ?? null;
}

/** A level's place in the hierarchy: a parent has a lower rank than its children. */
export function levelRank(level: Level): number {
  return LEVEL_INFO.find((l) => l.key === level)?.rank ?? Number.MAX_SAFE_INTEGER;
}

export function labelOf(ind: Indicator, annex: Annex): string {
  return annex === 'annex1' ? ind.annex1 : ind.annex2;
}

/** The lines the definition prints under a sheet, with the baseline year filled in. */
export function sheetNotes(annex: Annex, baselineYear: number): string[] {
  return SHEETS[annex].notes.map((n) => n.replaceAll('{baselineYear}', String(baselineYear)));
}

/** The 说明 line(s) under the increase sheet, as in the definition; the baseline year is the variable part. */
export const annex2Note = (baselineYear: number): string => sheetNotes('annex2', baselineYear).join('\n');

/** The sheet row of item `no` (1-based, as numbered on the form). */
export const itemRow = (no: number): number => FORM_LAYOUT.rows.firstItem + no - 1;
/** The last item row: one row per indicator. */
export const lastItemRow = (): number => itemRow(INDICATORS.length);
