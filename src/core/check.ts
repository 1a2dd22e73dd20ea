import { INDICATORS, annexOfSheet, appliesTo, emptyFigures, labelOf, type Annex, type Figures, type IndicatorKey, type Level, indicatorOf } from '../catalogue.js';
import type { MessageCode, Params } from './finding-codes.js';
import { finding, type Finding, type ReturnFigures } from './finding.js';
import { capQuoted } from '../text-safety.js';
import { compiledInForce, evaluateRules, ruleParams, ruleWords } from './evaluate.js';
import { schemaFor, allowedFlags } from './schema.js';
import { VALUE_CEILING, type CellReading } from './values.js';

// Checking one branch's figures, whatever file they came from (workbook or CSV row). Pure.

export interface Entry {
  annex: Annex;
  key: IndicatorKey;
  sheet: string;
  cell: string;
  reading: CellReading;
  /** What the branch wrote in the row's 说明 cell, if anything. */
  note: string;
}

export interface CheckContext {
  file: string;
  level: Level;
  baseline: Figures | null;
  baselineYear: number;
}

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** The units that mean the row's own unit when typed after a number (3支 on a 个 row is the count it asks for). */
const SAME_UNIT: Record<string, readonly string[]> = { 个: ['个', '支', '家', '所'], 人: ['人', '名'], 小时: ['小时', '时', 'h', 'H'] };
/** Words for "none" (and "yes") that a branch types instead of a figure. */
const NONE_WORDS = new Set(['无', '没有', '否', '无此项', '暂无', '空', '零', 'none', 'no', 'n/a', 'na']);
const YES_WORDS = new Set(['是', '有', 'yes']);
const ind = indicatorOf;

/** What a check gathers as it goes. */
interface CheckState {
  ctx: CheckContext;
  findings: Finding[];
  figures: ReturnFigures;
  /** `annex.key` of every row already reported (or missing): a later phase says nothing more about it. */
  unreadable: Set<string>;
  /** Each entry by `annex.key`. */
  byId: Map<string, Entry>;
}

type NumberReading = Extract<CellReading, { kind: 'number' }>;
type NotNumberReading = Extract<CellReading, { kind: 'not-number' }>;

/** Turn readings into figures and findings: cell shape first, then the zod schema, then the cross-row rules. */
export function checkEntries(
  entries: readonly Entry[],
  ctx: CheckContext,
  missing: ReadonlySet<string> = new Set(),
): { findings: Finding[]; figures: ReturnFigures } {
  const state: CheckState = {
    ctx,
    findings: [],
    figures: { annex1: emptyFigures(), annex2: emptyFigures() },
    unreadable: new Set<string>(missing),
    byId: new Map(entries.map((e) => [`${e.annex}.${e.key}`, e])),
  };
  for (const e of entries) readEntry(state, e);
  checkSchema(state);
  clearNotApplicable(state.figures, ctx.level);
  checkRules(state);
  return { findings: state.findings, figures: state.figures };
}

const placeOf = (ctx: CheckContext, e: Entry) => ({ file: ctx.file, sheet: e.sheet, cell: e.cell, indicator: e.key });

/** A row whose cell could not be read as a figure: reported once, and left out of the later phases. */
function reportUnreadable(state: CheckState, e: Entry, code: MessageCode, params: Params): void {
  state.unreadable.add(`${e.annex}.${e.key}`);
  state.findings.push(finding(code, placeOf(state.ctx, e), params));
}

/** Phase 1, the cell's shape: a figure taken, or why it could not be. */
function readEntry(state: CheckState, e: Entry): void {
  const r = e.reading;
  const label = labelOf(ind(e.key), e.annex);
  switch (r.kind) {
    case 'blank':
      // "/" or "-" on a row that applies: the branch said "not applicable" where a figure is asked for.
      if (r.dash !== undefined && appliesTo(ind(e.key), state.ctx.level)) reportUnreadable(state, e, 'value-dash', { label, found: r.dash });
      break;
    case 'number':
      readNumber(state, e, r, label);
      break;
    case 'not-number':
      reportNotNumber(state, e, r, label);
      break;
    case 'date':
      reportUnreadable(state, e, 'value-date', { label, found: r.found });
      break;
    case 'formula-no-result':
      reportUnreadable(state, e, 'formula-no-result', { label, formula: r.formula });
      break;
    case 'formula-error':
      reportUnreadable(state, e, 'formula-error', { label, formula: r.formula, found: r.found });
      break;
  }
}

/** A number: taken unless beyond the ceiling or typed with another unit; a formula or a loose spelling is noted. */
function readNumber(state: CheckState, e: Entry, r: NumberReading, label: string): void {
  const ceiling = VALUE_CEILING[ind(e.key).kind];
  if (!Number.isFinite(r.value) || Math.abs(r.value) > ceiling) {
    reportUnreadable(state, e, 'value-implausible', { label, found: r.loose?.found ?? String(r.value), limit: ceiling.toLocaleString('en-US') });
    return;
  }
  if (r.loose?.unit !== undefined && appliesTo(ind(e.key), state.ctx.level)) {
    const rowUnit = ind(e.key).unit;
    if (!(SAME_UNIT[rowUnit] ?? [rowUnit]).includes(r.loose.unit)) {
      reportUnreadable(state, e, 'value-with-unit', { label, found: r.loose.found.trim(), unit: r.loose.unit, rowUnit, value: fmt(r.value) });
      return;
    }
  }
  state.figures[e.annex][e.key] = r.value;
  const at = placeOf(state.ctx, e);
  if (r.formula !== undefined) state.findings.push(finding('formula-used', at, { label, formula: r.formula, value: fmt(r.value) }));
  else if (r.loose)
    state.findings.push(
      finding('value-loose', at, {
        label,
        found: r.loose.found,
        how: r.loose.how.join(','),
        value: fmt(r.value),
      }),
    );
}

/** Text where a figure belongs: which kind of text it is decides the message. */
function reportNotNumber(state: CheckState, e: Entry, r: NotNumberReading, label: string): void {
  const { level } = state.ctx;
  const word = r.found.toLowerCase();
  const flag = ind(e.key).kind === 'flag';
  const code = !appliesTo(ind(e.key), level)
    ? 'not-applicable-filled'
    : r.split
      ? 'value-digits-split'
      : NONE_WORDS.has(word) || (flag && YES_WORDS.has(word))
        ? 'value-word'
        : 'value-not-number';
  reportUnreadable(state, e, code, {
    label,
    found: r.found,
    level: level,
    yes: flag && YES_WORDS.has(word) ? 1 : 0,
    flag: flag ? 1 : 0,
  });
}

/** Phase 2, the zod schema of the branch's level: each figure in its range, each row that applies filled. */
function checkSchema(state: CheckState): void {
  const { ctx, figures } = state;
  for (const annex of ['annex1', 'annex2'] as const) {
    const parsed = schemaFor(ctx.level, annex).safeParse(figures[annex]);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as IndicatorKey;
      const id = `${annex}.${key}`;
      if (state.unreadable.has(id)) continue; // already reported, or the row is missing
      const e = state.byId.get(id);
      if (!e) continue;
      const i = ind(key);
      const value = figures[annex][key] ?? null;
      reportUnreadable(state, e, issue.message as MessageCode, {
        label: labelOf(i, annex),
        found: value === null ? '' : fmt(value),
        unit: i.unit,
        level: ctx.level,
        allowed: allowedFlags(i, annex).join(' / '),
      });
    }
  }
}

/** A not-applicable row counts as nothing, whatever was typed there. */
function clearNotApplicable(figures: ReturnFigures, level: Level): void {
  for (const i of INDICATORS) {
    if (!appliesTo(i, level)) {
      figures.annex1[i.key] = null;
      figures.annex2[i.key] = null;
    }
  }
}

/** Phase 3, the cross-row rules over the figures read (rows reported unreadable sit out). */
function checkRules(state: CheckState): void {
  const { ctx, figures, byId } = state;
  const compiled = compiledInForce();
  const figure = (sheet: string, key: string): number | null => {
    if (sheet === 'baseline') return ctx.baseline?.[key] ?? null;
    const annex = annexOfSheet(sheet);
    return annex === null || state.unreadable.has(`${annex}.${key}`) ? null : (figures[annex][key] ?? null);
  };
  for (const h of evaluateRules(compiled, { level: ctx.level, figure, baselineYear: ctx.baselineYear })) {
    const annex = annexOfSheet(h.sheet);
    const e = annex === null ? undefined : byId.get(`${annex}.${h.key}`);
    if (!annex || !e) continue;
    // The rule's code, severity and words are the definition's (Jilin 2021's say what src/messages.ts says).
    const f: Finding = {
      code: h.code as Finding['code'],
      severity: h.severity,
      ...placeOf(ctx, e),
      params: ruleParams(compiled.survey, h, ctx.baselineYear),
      said: ruleWords(compiled.survey, h, ctx.baselineYear),
    };
    // 核实性审核: a warning the branch explained is still reported, marked explained.
    const note = e.note || byId.get(`${annex === 'annex1' ? 'annex2' : 'annex1'}.${h.key}`)?.note || '';
    if (f.severity === 'warning' && note) f.explanation = capQuoted(note); // from the file: capped like any quoted text
    state.findings.push(f);
  }
}
