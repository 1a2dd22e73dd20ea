// The Jilin 2021 plan's rates as the code computed them before they moved into templates/jilin-2021.json (issue 20):
// the oracle test/survey-definition.test.ts holds the definition's numerators and denominators to, on random units.
import type { Annex, IndicatorKey, Level } from '../src/catalogue.js';
import { rate, type RateBranch, type RateInputs, type UnitRate } from '../src/core/rates.js';

export const JILIN_RATE_KEYS = ['countyReformed', 'countyPartyGroup', 'supervisory', 'election', 'volunteerTeams'] as const;
type RateKey = (typeof JILIN_RATE_KEYS)[number];
const VOLUNTEER_TEAMS_PER_COUNTY = 3;

/**
 * What a rate counts: a sum of rows of one annex over the unit's subtree, or the unit's branches of some levels that
 * sent a usable return (those whose own row reaches a figure, when `atLeast` says so).
 */
type RateCount =
  { kind: 'sum'; annex: Annex; rows: readonly IndicatorKey[] } | { kind: 'reported'; levels: readonly Level[]; atLeast?: { row: IndicatorKey; min: number } };

/** A rate of the plan: what it counts over what, the branches it is about, and the plan's goal for it. */
interface RatePlan {
  num: RateCount;
  den: RateCount;
  /** The levels of branch the rate is about: its basis is those of them that reported, of all it expects. */
  about: readonly Level[];
  /** The plan's goal, a share (1 = 100 %); null: the rate is only reported. */
  goal: number | null;
  /** The clause of the 工作方案 that sets it. */
  clause: string;
}

const sum = (annex: Annex, ...rows: IndicatorKey[]): RateCount => ({ kind: 'sum', annex, rows });
const reported = (levels: Level[], atLeast?: { row: IndicatorKey; min: number }): RateCount => ({ kind: 'reported', levels, ...(atLeast ? { atLeast } : {}) });
const COUNTY: Level[] = ['county'];
const CITY_AND_COUNTY: Level[] = ['city', 'county'];

/**
 * The plan's rates, each once: the report computes them from this table (unitRates), and says how each is computed
 * from it too (src/report/words.ts, rateDefinition).
 */
export const JILIN_RATE_PLAN: Record<RateKey, RatePlan> = {
  countyReformed: { num: sum('annex1', 'countyReformed'), den: reported(COUNTY), about: COUNTY, goal: 1, clause: '一（二）1' },
  countyPartyGroup: { num: sum('annex1', 'countyPartyGroup'), den: reported(COUNTY), about: COUNTY, goal: null, clause: '一（二）2' },
  supervisory: {
    num: sum('annex1', 'citySupervisory', 'countySupervisory'),
    den: reported(CITY_AND_COUNTY),
    about: CITY_AND_COUNTY,
    goal: 1,
    clause: '二（一）2',
  },
  election: {
    num: sum('annex2', 'cityElectionDue', 'countyElectionDue'),
    den: sum('annex1', 'cityElectionDue', 'countyElectionDue'),
    about: CITY_AND_COUNTY,
    goal: 1,
    clause: '一（二）1',
  },
  volunteerTeams: {
    num: reported(COUNTY, { row: 'volunteerOrgs', min: VOLUNTEER_TEAMS_PER_COUNTY }),
    den: reported(COUNTY),
    about: COUNTY,
    goal: 1,
    clause: '二（三）14',
  },
};

/** What one count of the plan comes to for a unit; `returned` are its branches that sent a usable return. */
function counted(c: RateCount, u: RateInputs, returned: readonly RateBranch[]): number {
  if (c.kind === 'sum') return c.rows.reduce((total, row) => total + (u[c.annex][row] ?? 0), 0);
  const { levels, atLeast } = c;
  return returned.filter((b) => levels.includes(b.level) && (!atLeast || (b.annex1![atLeast.row] ?? 0) >= atLeast.min)).length;
}

export function jilinUnitRates(u: RateInputs): Record<RateKey, UnitRate> {
  const returned = u.branches.filter((b) => b.annex1 !== null);
  const rates = JILIN_RATE_KEYS.map((k): [RateKey, UnitRate] => {
    const plan = JILIN_RATE_PLAN[k];
    const about = (branches: readonly RateBranch[]): number => branches.filter((b) => plan.about.includes(b.level)).length;
    return [k, { ...rate(counted(plan.num, u, returned), counted(plan.den, u, returned)), basis: about(returned), expected: about(u.branches) }];
  });
  return Object.fromEntries(rates) as Record<RateKey, UnitRate>;
}

