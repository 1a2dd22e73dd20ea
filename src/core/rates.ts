// Rates, growth, rankings and the 表扬/提醒 rules of the bulletin (docs/domain.md §9). Pure: figures in, figures out.
// An empty denominator gives null ("—" when shown), never NaN or Infinity.

import { INDICATORS, SURVEY, annexOfSheet, type IndicatorKey } from '../catalogue.js';
import { compiledInForce, evaluateRates } from './evaluate.js';
import type { SurveyRate } from '../survey-schema.js';

/** A share: numerator over denominator; `value` is null when the denominator is 0 (nothing to measure). */
export interface Rate {
  num: number;
  den: number;
  value: number | null;
}

export function rate(num: number, den: number): Rate {
  return { num, den, value: den > 0 && Number.isFinite(num) ? num / den : null };
}

/** Growth against the baseline year: the increase, the baseline (this year − increase) and the per cent. */
export interface Growth {
  current: number;
  increase: number;
  base: number;
  /** increase / base; null when the baseline is 0 or less (a per cent of nothing says nothing). */
  percent: number | null;
}

export function growth(current: number, increase: number): Growth {
  const base = tidy(current - increase);
  return { current, increase, base, percent: base > 0 ? increase / base : null };
}

const tidy = (n: number): number => Math.round(n * 1e4) / 1e4;

/** The rates the plan sets (or asks to report) per unit, in the order the bulletin shows them: the survey's. */
export const rateKeys = (): readonly RateKey[] => SURVEY.survey.rates.map((r) => r.key);
export type RateKey = string;

/** A rate of the survey in force (its goal, clause, words and what it counts). */
export const rateOf = (key: RateKey): SurveyRate => SURVEY.survey.rates.find((r) => r.key === key)!;

/** One branch of a unit as the rates see it: its level and, when it returned, its own 附件1 figures. */
export interface RateBranch {
  level: string;
  /** The branch's own 附件1 figures used in the roll-up; null when nothing usable came from it. */
  annex1: Partial<Record<IndicatorKey, number | null>> | null;
}

/** What a unit's rates rest on: the merge's totals for its subtree and its branches (own figures, level). */
export interface RateInputs {
  annex1: Record<IndicatorKey, number>;
  annex2: Record<IndicatorKey, number>;
  branches: readonly RateBranch[];
}

export interface UnitRate extends Rate {
  /** How many branches the rate rests on (returned branches of the levels it is about). */
  basis: number;
  /** How many branches of those levels the unit has, returned or not: basis < expected means partial returns. */
  expected: number;
}

/** A unit's rates: the numerators and denominators of the survey's rates, evaluated on its totals and branches. */
export function unitRates(u: RateInputs): Record<RateKey, UnitRate> {
  const onSheet = (figures: { annex1: Partial<Record<IndicatorKey, number | null>>; annex2?: Partial<Record<IndicatorKey, number | null>> }) =>
    (sheet: string, key: string): number | null => {
      const annex = annexOfSheet(sheet);
      return annex === null ? null : (figures[annex]?.[key] ?? null);
    };
  const rates = evaluateRates(compiledInForce(), {
    figure: onSheet(u),
    branches: u.branches.map((b) => ({ level: b.level, figure: b.annex1 === null ? null : onSheet({ annex1: b.annex1 }) })),
  });
  return Object.fromEntries(rateKeys().map((k) => [k, { ...rate(rates[k]!.num, rates[k]!.den), basis: rates[k]!.basis, expected: rates[k]!.expected }]));
}

export type Attainment = 'met' | 'near' | 'far' | 'none';

/** Against a goal: met at or above it, near within `near` (a share, 0.1 = 10 points) below it, far beyond. */
export function attainment(value: number | null, goal: number | null, near: number): Attainment {
  if (value === null || goal === null) return 'none';
  if (value >= goal - 1e-9) return 'met';
  return goal - value <= near + 1e-9 ? 'near' : 'far';
}

export function median(values: readonly number[]): number | null {
  const v = values
    .filter(Number.isFinite)
    .slice()
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Fewer units than this with data are not ranked: first of one, or of two, says nothing (docs/domain.md §9; the survey's bulletin.minRanked). */
export const minRanked = (): number => SURVEY.survey.bulletin.minRanked;

/**
 * Competition ranking ("1, 2, 2, 4"), highest first: items whose value is null (nothing returned, nothing to
 * measure) get no rank and are not counted; with fewer than minRanked() values, nobody is ranked.
 */
export function rankings<T>(items: readonly T[], valueOf: (t: T) => number | null): (number | null)[] {
  const values = items.map(valueOf);
  const ranked = values.filter((v) => v !== null && Number.isFinite(v)).length;
  if (ranked < minRanked()) return values.map(() => null);
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : 1 + values.filter((o) => o !== null && Number.isFinite(o) && o > v + 1e-12).length));
}

/**
 * A yes/no indicator of one branch (a rate resting on a single branch, e.g. one county's 理顺管理体制): a fact to be
 * stated, not a rate to be shown as 0.0% or ranked.
 */
export const isFact = (r: UnitRate): boolean => r.basis === 1 && (r.den === 1 || r.den === 0);

// ── words for figures (the page and the document share them) ──

/** One formatter for every figure: `toLocaleString` with options builds a new one per call (~0.1 s a 3,000-branch report). */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 5,783 · 16,357.5 · "—" for null. */
export function formatNumber(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return NUMBER_FORMAT.format(n);
}

/** 7.7% · "—" for null. */
export function formatPercent(v: number | null, digits = 1): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

/** +414 / −12 / 0, with the sign always written. */
export function formatSigned(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (n > 0) return `+${formatNumber(n)}`;
  if (n < 0) return `−${formatNumber(-n)}`;
  return '0';
}

export function formatSignedPercent(v: number | null, digits = 1): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const p = (v * 100).toFixed(digits);
  return v > 0 ? `+${p}%` : v < 0 ? `−${p.slice(1)}%` : `${p}%`;
}

// ── 表扬 and 提醒: rules the office can read and change (docs/domain.md §9) ──

/** The rows whose growth the bulletin shows: those the survey marks `growth`. */
export const growthKeys = (): readonly GrowthKey[] => INDICATORS.filter((i) => i.growth).map((i) => i.key);
export type GrowthKey = IndicatorKey;

export interface BulletinRules {
  /** The goal per rate (a share, 1 = 100 %); null: no goal, the rate is only reported. */
  goals: Record<RateKey, number | null>;
  /** How far below a goal still counts as "near" (a share: 0.1 = 10 points). */
  near: number;
  praise: {
    /** Of the growth rows (8–14), how many must grow faster (per cent) than the median unit. */
    minGrowthAboveMedian: number;
  };
  remind: {
    goalMissed: boolean;
    decrease: boolean;
    missingReturns: boolean;
  };
  /** "By when" in the 提示函. */
  deadline: string;
}


/** The bulletin's rules as the survey sets them: its goals, how near is near, what earns praise, the reply deadline. */
export function defaultRules(): BulletinRules {
  const b = SURVEY.survey.bulletin;
  return {
    goals: Object.fromEntries(SURVEY.survey.rates.map((r) => [r.key, r.goal])),
    near: b.near,
    praise: { minGrowthAboveMedian: b.minGrowthAboveMedian },
    remind: { goalMissed: true, decrease: true, missingReturns: true },
    deadline: b.deadline,
  };
}

/** Why a branch has no usable return, in the terms of what it must do about it. */
export type ReturnProblem = 'missing' | 'unreadable' | 'correct' | 'versions' | 'form';

/** A unit as the rules see it. */
export interface RuleUnit {
  code: string;
  rates: Record<RateKey, Rate>;
  growth: Record<GrowthKey, Growth>;
  /** The unit's own branch when it has no usable return (what is wrong with it, how many cells), else null. */
  own: { problem: ReturnProblem; count: number } | null;
  /** Branches under the unit (never the unit itself) with no usable return (未报送 + 需重报). */
  below: number;
  /** Branches with a usable return. */
  returned: number;
  /** The 说明 text of a decrease, per row, when every branch whose row went down explained it. */
  explained?: Partial<Record<GrowthKey, string>>;
}

/** Why a unit is on a list: the rule, and the figures that decided it. */
export type RuleHit =
  | { rule: 'goals-and-growth'; goalsMet: RateKey[]; aboveMedian: GrowthKey[]; of: number; needed: number }
  | { rule: 'goal-missed'; rate: RateKey; value: number; goal: number; gap: number }
  | { rule: 'decrease'; indicator: GrowthKey; increase: number; percent: number | null }
  | { rule: 'decrease-explained'; indicator: GrowthKey; increase: number; percent: number | null; explanation: string }
  | { rule: 'own-return'; problem: ReturnProblem; count: number }
  | { rule: 'below-returns'; outstanding: number; returned: number };

export interface Verdict {
  code: string;
  praise: RuleHit[];
  remind: RuleHit[];
  /** Decreases the unit explained in its 说明 column: acknowledged, not reminded of. */
  noted: RuleHit[];
}

/** Apply the rules to every unit. Medians are over units that returned something. */
export function applyRules(units: readonly RuleUnit[], rules: BulletinRules): Verdict[] {
  const medians = Object.fromEntries(
    growthKeys().map((k) => [
      k,
      median(
        units
          .filter((u) => u.returned > 0)
          .map((u) => u.growth[k]!.percent)
          .filter((p): p is number => p !== null),
      ),
    ]),
  ) as Record<GrowthKey, number | null>;
  return units.map((u) => {
    const remind: RuleHit[] = [];
    const noted: RuleHit[] = [];
    if (rules.remind.missingReturns && u.own) remind.push({ rule: 'own-return', problem: u.own.problem, count: u.own.count });
    if (rules.remind.missingReturns && u.below > 0) remind.push({ rule: 'below-returns', outstanding: u.below, returned: u.returned });
    const goalsMet: RateKey[] = [];
    if (u.returned > 0) {
      for (const k of rateKeys()) {
        const goal = rules.goals[k] ?? null;
        const value = u.rates[k]!.value;
        if (goal === null || value === null) continue;
        if (value >= goal - 1e-9) goalsMet.push(k);
        else if (rules.remind.goalMissed) remind.push({ rule: 'goal-missed', rate: k, value, goal, gap: goal - value });
      }
      if (rules.remind.decrease) {
        for (const k of growthKeys()) {
          if (u.growth[k]!.increase >= 0) continue;
          const explanation = u.explained?.[k];
          const hit = { indicator: k, increase: u.growth[k]!.increase, percent: u.growth[k]!.percent };
          if (explanation) noted.push({ rule: 'decrease-explained', ...hit, explanation });
          else remind.push({ rule: 'decrease', ...hit });
        }
      }
    }
    const praise: RuleHit[] = [];
    if (remind.length === 0 && u.returned > 0 && u.own === null && u.below === 0) {
      const aboveMedian = growthKeys().filter((k) => u.growth[k]!.percent !== null && medians[k] !== null && u.growth[k]!.percent > medians[k]! + 1e-12);
      const goalsMissed = rateKeys().some((k) => rules.goals[k] !== null && u.rates[k]!.value !== null && !goalsMet.includes(k));
      if (!goalsMissed && aboveMedian.length >= rules.praise.minGrowthAboveMedian) {
        praise.push({ rule: 'goals-and-growth', goalsMet, aboveMedian, of: growthKeys().length, needed: rules.praise.minGrowthAboveMedian });
      }
    }
    return { code: u.code, praise, remind, noted };
  });
}
