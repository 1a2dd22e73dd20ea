import { INDICATORS, appliesTo, type Annex, type Figures, type IndicatorKey, type Level } from '../src/catalogue.js';
import type { MessageCode, Params } from '../src/core/finding-codes.js';
import { HOURS_PER_YEAR } from '../src/messages.js';

// The Jilin 2021 cross-row rules as the code ran them before they moved into templates/jilin-2021.json as
// expressions (issue 20): named functions over plain figures, each returning the hits it finds. rc-org no longer runs
// them; they are the oracle test/survey-definition.test.ts holds the definition's rules to, and the tables of
// test/core-schema-rules.test.ts and test/plan-figures.test.ts describe the rules through them.

/** Volunteer service teams a county branch should have (工作方案 二(三)14). */
export const VOLUNTEER_TEAMS_PER_COUNTY = 3;
/** About 10 hours a week: more per registered volunteer is worth a phone call. */
export const IMPLAUSIBLE_HOURS_PER_VOLUNTEER = 500;
/** An increment above this many times the baseline (or the floor, when the baseline is small) is a jump. */
export const JUMP_FACTOR = 5;
export const JUMP_FLOOR = 10;

export interface RuleHit {
  code: MessageCode;
  annex: Annex;
  key: IndicatorKey;
  params: Params;
}

export interface RuleContext {
  level: Level;
  annex1: Figures;
  annex2: Figures;
  /** The baseline year's 附件1 figures for this branch, when a baseline was given. */
  baseline: Figures | null;
  baselineYear: number;
  /** Rows whose values could not be read: rules skip them. */
  unreadable: ReadonlySet<string>;
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));
const num = (ctx: RuleContext, annex: Annex, key: IndicatorKey): number | null => (ctx.unreadable.has(`${annex}.${key}`) ? null : (ctx[annex][key] ?? null));

export function hoursPerVolunteer(ctx: RuleContext): RuleHit[] {
  const hours = num(ctx, 'annex1', 'serviceHours');
  const volunteers = num(ctx, 'annex1', 'volunteers');
  if (hours === null || volunteers === null || hours <= 0) return [];
  // Hours with nobody to serve them: no "per volunteer" figure to quote (it would be ∞).
  if (volunteers === 0) return [{ code: 'hours-without-volunteers', annex: 'annex1', key: 'serviceHours', params: { hours: fmt(hours) } }];
  const per = hours / volunteers;
  if (per <= IMPLAUSIBLE_HOURS_PER_VOLUNTEER) return []; // the common case: no message, so nothing to format
  const params = { hours: fmt(hours), volunteers: fmt(volunteers), perVolunteer: fmt(Math.round(per * 10) / 10), limit: fmt(IMPLAUSIBLE_HOURS_PER_VOLUNTEER) };
  const code = per > HOURS_PER_YEAR ? 'hours-beyond-year' : 'hours-implausible';
  return [{ code, annex: 'annex1', key: 'serviceHours', params }];
}

export function electionsCompletedAboveDue(ctx: RuleContext): RuleHit[] {
  return INDICATORS.filter((i) => !i.derived && appliesTo(i, ctx.level)).flatMap((i): RuleHit[] => {
    const due = num(ctx, 'annex1', i.key);
    const completed = num(ctx, 'annex2', i.key);
    return due !== null && completed !== null && completed > due
      ? [{ code: 'election-completed-above-due', annex: 'annex2', key: i.key, params: { label1: i.annex1, label2: i.annex2, due, completed } }]
      : [];
  });
}

export function countyVolunteerTeams(ctx: RuleContext): RuleHit[] {
  const teams = num(ctx, 'annex1', 'volunteerOrgs');
  return ctx.level === 'county' && teams !== null && teams < VOLUNTEER_TEAMS_PER_COUNTY
    ? [{ code: 'volunteer-teams-below-plan', annex: 'annex1', key: 'volunteerOrgs', params: { found: teams, required: VOLUNTEER_TEAMS_PER_COUNTY } }]
    : [];
}

/** With a baseline: derived increments must equal 附件1 minus the baseline; without one, only decreases are flagged. */
export function increments(ctx: RuleContext): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const i of INDICATORS) {
    if (!i.derived || !appliesTo(i, ctx.level)) continue;
    const inc = num(ctx, 'annex2', i.key);
    if (inc === null) continue;
    const current = num(ctx, 'annex1', i.key);
    const base = ctx.baseline?.[i.key] ?? null;
    if (base !== null && current !== null) {
      const expected = current - base;
      if (Math.abs(inc - expected) > 1e-6) {
        hits.push({
          code: 'increment-mismatch',
          annex: 'annex2',
          key: i.key,
          params: { label: i.annex2, found: fmt(inc), current: fmt(current), baseline: fmt(base), baselineYear: ctx.baselineYear, expected: fmt(expected) },
        });
        continue;
      }
      if (i.kind !== 'flag' && inc > JUMP_FACTOR * Math.max(base, JUMP_FLOOR)) {
        hits.push({
          code: 'increment-jump',
          annex: 'annex2',
          key: i.key,
          params: { label: i.annex2, found: fmt(inc), baseline: fmt(base), factor: JUMP_FACTOR },
        });
      }
    }
    if (inc < 0) hits.push({ code: 'increment-decrease', annex: 'annex2', key: i.key, params: { label: i.annex2, found: fmt(inc) } });
  }
  return hits;
}

export const CROSS_ROW_RULES = [hoursPerVolunteer, electionsCompletedAboveDue, countyVolunteerTeams, increments] as const;

export function runRules(ctx: RuleContext): RuleHit[] {
  return CROSS_ROW_RULES.flatMap((rule) => rule(ctx));
}
