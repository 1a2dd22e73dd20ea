import { ExprError, compile, evaluate, type Checked, type Env, type ExprType, type Scope, type Value } from './expr.js';
import { SURVEY, perSurvey } from '../catalogue.js';
import type { Survey, SurveyIndicator, SurveyRate, SurveyRule } from '../survey-schema.js';

// A definition's expressions, compiled once against its own keys, and evaluated on a branch's figures (rules) or a
// unit's totals and branches (rates). Pure: figures in, hits and rates out.

/** A {name} or {name:sheet} in a rule's message (filled in by ruleWords, below). */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)(?::([A-Za-z][A-Za-z0-9_]*))?\}/g;

export interface CompiledRule {
  readonly rule: SurveyRule;
  readonly when: Checked;
  readonly params: readonly { name: string; value: Checked }[];
}

export interface CompiledRate {
  readonly rate: SurveyRate;
  readonly numerator: Checked;
  readonly denominator: Checked;
}

export interface CompiledSurvey {
  readonly survey: Survey;
  readonly rules: readonly CompiledRule[];
  readonly rates: readonly CompiledRate[];
}

/** An expression that did not compile, with the definition path it sits at (rules[3].when). */
export interface ExpressionProblem {
  path: (string | number)[];
  error: ExprError;
}

function scopes(s: Survey): { rule: (each: boolean) => Scope; rate: Scope } {
  const sheets = new Set(s.sheets.map((x) => x.key));
  const indicators = new Set(s.indicators.map((x) => x.key));
  const levels = new Set(s.levels.map((x) => x.key));
  return {
    rule: (each) => ({ sheets, indicators, levels, baseline: true, aggregates: false, current: each }),
    rate: { sheets, indicators, levels, baseline: false, aggregates: true, current: false },
  };
}

/** Compile every expression of the definition; problems are collected, not thrown, so all are reported at once. */
export function compileSurvey(s: Survey): { compiled: CompiledSurvey; problems: ExpressionProblem[] } {
  const problems: ExpressionProblem[] = [];
  const sc = scopes(s);
  const one = (text: string, scope: Scope, want: ExprType, path: (string | number)[]): Checked | null => {
    try {
      return compile(text, scope, want);
    } catch (e) {
      if (e instanceof ExprError) {
        problems.push({ path, error: e });
        return null;
      }
      throw e;
    }
  };
  const rules: CompiledRule[] = [];
  s.rules.forEach((rule, i) => {
    const scope = sc.rule(rule.forEach !== undefined);
    const when = one(rule.when, scope, 'boolean', ['rules', i, 'when']);
    const params = rule.params.map((p, j) => ({ name: p.name, value: one(p.value, scope, 'number', ['rules', i, 'params', j, 'value']) }));
    if (when && params.every((p) => p.value)) rules.push({ rule, when, params: params as CompiledRule['params'] });
  });
  const rates: CompiledRate[] = [];
  s.rates.forEach((rate, i) => {
    const numerator = one(rate.numerator, sc.rate, 'number', ['rates', i, 'numerator']);
    const denominator = one(rate.denominator, sc.rate, 'number', ['rates', i, 'denominator']);
    if (numerator && denominator) rates.push({ rate, numerator, denominator });
  });
  return { compiled: { survey: s, rules, rates }, problems };
}

/** The placeholders of a message template that are neither a param of the rule nor a built-in name. */
export function unknownPlaceholders(template: string, params: ReadonlySet<string>, sheets: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, name, sheet] = m;
    const builtin = (name === 'label' && (sheet === undefined || sheets.has(sheet))) || (name === 'baselineYear' && sheet === undefined);
    if (!builtin && !(sheet === undefined && params.has(name!))) bad.push(whole);
  }
  return bad;
}

// ── rules ──

/** One branch's figures as the rules see them. */
export interface BranchFigures {
  level: string;
  /** A figure by sheet key and indicator key ('baseline' for the baseline year's); null when missing or unreadable. */
  figure(sheet: string, key: string): number | null;
  baselineYear: number;
}

export interface SurveyRuleHit {
  rule: string;
  code: string;
  severity: SurveyRule['severity'];
  sheet: string;
  key: string;
  params: Record<string, Value>;
}

/** The indicators a rule is asked about at a level: the one it names, or each one its forEach selects. */
function targets(s: Survey, rule: SurveyRule, level: string): SurveyIndicator[] {
  if (rule.levels && !rule.levels.includes(level)) return [];
  if (!rule.forEach) return s.indicators.filter((i) => i.key === rule.indicator);
  const { entry, kinds } = rule.forEach;
  return s.indicators.filter((i) => i.levels.includes(level) && (entry === undefined || i.entry === entry) && (kinds === undefined || kinds.includes(i.kind)));
}

/** Every rule of the definition on one branch's figures: a hit wherever a condition is true. */
export function evaluateRules(c: CompiledSurvey, f: BranchFigures): SurveyRuleHit[] {
  const hits: SurveyRuleHit[] = [];
  for (const r of c.rules) {
    for (const ind of targets(c.survey, r.rule, f.level)) {
      const env: Env = { figure: (sheet, key) => f.figure(sheet, key), current: ind.key };
      if (evaluate(r.when, env) !== true) continue;
      const params = Object.fromEntries(r.params.map((p) => [p.name, evaluate(p.value, env)]));
      hits.push({ rule: r.rule.key, code: r.rule.code, severity: r.rule.severity, sheet: r.rule.sheet, key: ind.key, params });
    }
  }
  return hits;
}

// ── rates ──

/** A unit as the rates see it: its totals, and its branches with their own figures. */
export interface UnitFigures {
  figure(sheet: string, key: string): number | null;
  branches: readonly { level: string; figure: ((sheet: string, key: string) => number | null) | null }[];
}

export interface RateValue {
  num: number;
  den: number;
  /** num / den; null when the denominator is 0 (nothing to measure). */
  value: number | null;
  /** Returned branches of the rate's basis levels, and all branches of those levels. */
  basis: number;
  expected: number;
}

export function evaluateRates(c: CompiledSurvey, u: UnitFigures): Record<string, RateValue> {
  const env: Env = {
    figure: (sheet, key) => u.figure(sheet, key),
    branches: u.branches.map((b) => ({
      level: b.level,
      returned: b.figure !== null,
      env: { figure: (sheet: string, key: string) => (b.figure ? b.figure(sheet, key) : null) },
    })),
  };
  const out: Record<string, RateValue> = {};
  for (const r of c.rates) {
    const num = evaluate(r.numerator, env) as number | null;
    const den = evaluate(r.denominator, env) as number | null;
    const basis = u.branches.filter((b) => b.figure !== null && r.rate.basis.includes(b.level)).length;
    const expected = u.branches.filter((b) => r.rate.basis.includes(b.level)).length;
    out[r.rate.key] = {
      num: num ?? 0,
      den: den ?? 0,
      value: num !== null && den !== null && den > 0 ? num / den : null,
      basis,
      expected,
    };
  }
  return out;
}

// ── the survey in force ──

/** The survey in force, compiled once (the loader has already compiled it without a problem). */
export const compiledInForce = perSurvey(() => compileSurvey(SURVEY.survey).compiled);

// ── messages ──

// A rule's message in a language, its placeholders filled from the hit: the definition holds the words (zh and en),
// so filling them in is plain data work and stays here, beside the hits.
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A hit's figures as its message quotes them (1,234 · 16,357.5 · — for unknown), and the baseline year where the message names it. */
export function ruleParams(s: Survey, hit: SurveyRuleHit, baselineYear: number): Record<string, string | number> {
  const rule = s.rules.find((r) => r.key === hit.rule);
  const shown: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(hit.params)) shown[k] = typeof v === 'number' ? NUMBER.format(v) : v === null ? '—' : String(v);
  if (rule && /\{baselineYear\}/.test(rule.message.zh + rule.message.en)) shown.baselineYear = baselineYear;
  // The row's labels, for advice that quotes them: on the rule's sheet, and on the current and the increase sheet.
  const ind = s.indicators.find((i) => i.key === hit.key);
  const labelOn = (role: 'current' | 'increase') => ind?.rows.find((r) => s.sheets.find((x) => x.key === r.sheet)?.role === role)?.label;
  const label = ind?.rows.find((r) => r.sheet === hit.sheet)?.label;
  for (const [name, value] of [['label', label], ['label1', labelOn('current')], ['label2', labelOn('increase')]] as const)
    if (value !== undefined && !(name in shown)) shown[name] = value;
  return shown;
}

/** A rule's message with its figures filled in: numbers as rc-org writes them (1,234 · 16,357.5). */
function fillMessage(s: Survey, hit: SurveyRuleHit, template: (m: SurveyRule['message']) => string, baselineYear: number): string {
  const rule = s.rules.find((r) => r.key === hit.rule);
  const ind = s.indicators.find((i) => i.key === hit.key);
  if (!rule || !ind) return '';
  return template(rule.message).replace(PLACEHOLDER, (whole, name: string, sheet: string | undefined) => {
    if (name === 'label' && sheet === undefined) return ind.rows.find((r) => r.sheet === hit.sheet)?.label ?? whole;
    if (name === 'label') return ind.rows.find((r) => r.sheet === sheet)?.label ?? whole;
    if (name === 'baselineYear') return String(baselineYear);
    if (!Object.hasOwn(hit.params, name)) return whole;
    const v = hit.params[name];
    return typeof v === 'number' ? NUMBER.format(v) : v === null || v === undefined ? '—' : String(v);
  });
}

/** A rule's message in both languages, its figures filled in: the definition's words, carried with the finding. */
export function ruleWords(s: Survey, hit: SurveyRuleHit, baselineYear: number): { zh: string; en: string } {
  return { zh: fillMessage(s, hit, (m) => m.zh, baselineYear), en: fillMessage(s, hit, (m) => m.en, baselineYear) };
}
