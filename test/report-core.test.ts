// The bulletin's pure core (src/core/rates.ts) and the --rules reader, table-driven.
import { describe, expect, it } from 'vitest';
import {
  defaultRules,
  growthKeys,
  rateKeys,
  applyRules,
  attainment,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedPercent,
  growth,
  isFact,
  median,
  rankings,
  rate,
  unitRates,
  type GrowthKey,
  type Rate,
  type RateKey,
  type RuleUnit,
} from '../src/core/rates.js';
import { INDICATOR_KEYS, type IndicatorKey } from '../src/catalogue.js';
import { rulesFrom } from '../src/report/rules.js';
import { SetupError } from '../src/messages.js';

describe('rate', () => {
  it.each([
    [3, 4, 0.75],
    [0, 4, 0],
    [4, 4, 1],
    [0, 0, null], // nothing to measure
    [5, 0, null], // never Infinity
    [Number.NaN, 3, null],
  ])('%s / %s → %s', (num, den, value) => {
    expect(rate(num, den).value).toBe(value);
  });
});

describe('growth', () => {
  it.each([
    // current, increase → base, percent
    [5783, 414, 5369, 414 / 5369],
    [20, -1, 21, -1 / 21],
    [5, 0, 5, 0],
    [3, 3, 0, null], // from nothing: no per cent
    [0, 0, 0, null],
    [2, 5, -3, null], // a negative baseline (hand-edited data) gives no per cent either
    [4800.5, 720.25, 4080.25, 720.25 / 4080.25],
  ])('current %s, increase %s → base %s, percent %s', (current, increase, base, percent) => {
    const g = growth(current, increase);
    expect(g.base).toBe(base);
    if (percent === null) expect(g.percent).toBeNull();
    else expect(g.percent).toBeCloseTo(percent, 12);
  });
});

describe('attainment', () => {
  it.each([
    [1, 1, 0.1, 'met'],
    [0.95, 1, 0.1, 'near'],
    [0.9, 1, 0.1, 'near'],
    [0.89, 1, 0.1, 'far'],
    [0, 1, 0.1, 'far'],
    [null, 1, 0.1, 'none'],
    [0.5, null, 0.1, 'none'],
    [0.8, 0.8, 0, 'met'],
  ] as const)('%s against %s (near %s) → %s', (value, goal, near, expected) => {
    expect(attainment(value, goal, near)).toBe(expected);
  });
});

describe('median and rankings', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[3, 1], 2],
    [[5, 1, 3], 3],
    [[0.25, -0.0476, 0], 0],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [
      [0.5, 1, null, 0.5, 0],
      [2, 1, null, 2, 4],
    ], // competition ranking, nulls unranked
    [
      [null, null],
      [null, null],
    ],
    [
      [0, 0, 0],
      [1, 1, 1],
    ],
    [
      [1, null, null], // one unit with data is not "第 1 名"
      [null, null, null],
    ],
    [
      [0.5, 1, null],
      [null, null, null], // two are not ranked either (docs/domain.md §9: at least three)
    ],
  ])('rankings of %j are %j', (values, expected) => {
    expect(rankings(values, (v) => v)).toEqual(expected);
  });
});

describe('formatting never prints NaN, Infinity or undefined', () => {
  it.each([
    [formatNumber(5783), '5,783'],
    [formatNumber(2337536.5), '2,337,536.5'],
    [formatNumber(null), '—'],
    [formatNumber(Number.NaN), '—'],
    [formatPercent(414 / 5369), '7.7%'],
    [formatPercent(null), '—'],
    [formatPercent(Number.POSITIVE_INFINITY), '—'],
    [formatSigned(414), '+414'],
    [formatSigned(-12), '−12'],
    [formatSigned(0), '0'],
    [formatSignedPercent(-1 / 21), '−4.8%'],
    [formatSignedPercent(0.25), '+25.0%'],
    [formatSignedPercent(null), '—'],
  ])('%s is %s', (got, expected) => {
    expect(got).toBe(expected);
  });
});

const totals = (over: Partial<Record<IndicatorKey, number>>): Record<IndicatorKey, number> =>
  ({ ...Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0])), ...over }) as Record<IndicatorKey, number>;

describe('unitRates', () => {
  it('counts only returned branches of the right level; nothing due for election gives "—"', () => {
    const r = unitRates({
      annex1: totals({ countyReformed: 1, countyPartyGroup: 0, countySupervisory: 1, citySupervisory: 0 }),
      annex2: totals({}),
      branches: [
        { level: 'city', annex1: { volunteerOrgs: 2 } },
        { level: 'county', annex1: { countyReformed: 1, volunteerOrgs: 3 } },
        { level: 'county', annex1: { countyReformed: 0, volunteerOrgs: 2 } },
        { level: 'county', annex1: null }, // missing: not in any denominator
        { level: 'special', annex1: { volunteerOrgs: 9 } },
      ],
    });
    // expected: the county (or city and county) branches of the unit, returned or not — 2 of 3 counties reported
    expect(r.countyReformed).toEqual({ num: 1, den: 2, value: 0.5, basis: 2, expected: 3 });
    expect(r.countyPartyGroup).toEqual({ num: 0, den: 2, value: 0, basis: 2, expected: 3 });
    expect(r.supervisory).toEqual({ num: 1, den: 3, value: 1 / 3, basis: 3, expected: 4 });
    expect(r.election).toEqual({ num: 0, den: 0, value: null, basis: 3, expected: 4 });
    expect(r.volunteerTeams).toEqual({ num: 1, den: 2, value: 0.5, basis: 2, expected: 3 });
    expect(rateKeys().map((k) => isFact(r[k]!))).toEqual([false, false, false, false, false]);
  });

  it("one county's own yes/no is a fact, not a rate: isFact", () => {
    const r = unitRates({
      annex1: totals({ countyReformed: 0 }),
      annex2: totals({}),
      branches: [{ level: 'county', annex1: { countyReformed: 0, volunteerOrgs: 2 } }],
    });
    expect(r.countyReformed).toEqual({ num: 0, den: 1, value: 0, basis: 1, expected: 1 });
    expect(isFact(r.countyReformed!)).toBe(true);
    expect(isFact(r.election!)).toBe(true); // nothing due: said as 本年度无应换届, not "—%"
    expect(isFact({ num: 1, den: 2, value: 0.5, basis: 2, expected: 2 })).toBe(false);
  });

  it('a unit with no county and no city (a special unit) has no rates at all', () => {
    const r = unitRates({ annex1: totals({}), annex2: totals({}), branches: [{ level: 'special', annex1: { volunteerOrgs: 1 } }] });
    for (const v of Object.values(r)) expect(v.value).toBeNull();
  });
});

const unit = (
  code: string,
  over: {
    rates?: Partial<Record<RateKey, number | null>>;
    growth?: Partial<Record<GrowthKey, [number, number]>>;
    below?: number;
    own?: RuleUnit['own'];
    returned?: number;
    explained?: RuleUnit['explained'];
  },
): RuleUnit => ({
  code,
  rates: Object.fromEntries(
    (['countyReformed', 'countyPartyGroup', 'supervisory', 'election', 'volunteerTeams'] as const).map((k) => {
      const v = over.rates?.[k] ?? null;
      return [k, { num: v ?? 0, den: v === null ? 0 : 1, value: v } satisfies Rate];
    }),
  ),
  growth: Object.fromEntries(growthKeys().map((k) => [k, growth(...(over.growth?.[k] ?? [10, 0]))])),
  own: over.own ?? null,
  below: over.below ?? 0,
  returned: over.returned ?? 3,
  explained: over.explained ?? {},
});

describe('applyRules', () => {
  const up = (n: number): [number, number] => [100 + n, n];
  const units = [
    unit('good', {
      rates: { countyReformed: 1, supervisory: 1, election: null, countyPartyGroup: 0.2 },
      growth: { grassrootsOrgs: up(30), groupMembers: up(30), adultMembers: up(30), youthMembers: up(30) },
    }),
    unit('short', { rates: { countyReformed: 0.95, supervisory: 0.5 }, growth: { volunteers: [90, -10] } }),
    unit('none', { returned: 0, below: 3, own: { problem: 'missing', count: 0 } }),
    unit('middle', { rates: { countyReformed: 1 }, growth: { grassrootsOrgs: up(1) } }),
  ];
  const more = [
    unit('noted', { rates: { countyReformed: 1 }, growth: { groupMembers: [23, -2] }, explained: { groupMembers: '2所村小撤并' } }),
    unit('to-correct', { returned: 0, own: { problem: 'correct', count: 2 } }),
  ];

  it('praises the unit with every goal met and growth above the median; reminds with the rule and the figures', () => {
    const v = applyRules(units, defaultRules());
    const by = new Map(v.map((x) => [x.code, x]));
    expect(by.get('good')!.praise).toEqual([
      {
        rule: 'goals-and-growth',
        goalsMet: ['countyReformed', 'supervisory'],
        aboveMedian: ['grassrootsOrgs', 'groupMembers', 'adultMembers', 'youthMembers'],
        of: 7,
        needed: 4,
      },
    ]);
    expect(by.get('good')!.remind).toEqual([]);
    const short = by.get('short')!;
    expect(short.praise).toEqual([]);
    expect(short.remind).toHaveLength(3);
    expect(short.remind[0]).toMatchObject({ rule: 'goal-missed', rate: 'countyReformed', value: 0.95, goal: 1 });
    expect((short.remind[0] as { gap: number }).gap).toBeCloseTo(0.05, 12);
    expect(short.remind[1]).toEqual({ rule: 'goal-missed', rate: 'supervisory', value: 0.5, goal: 1, gap: 0.5 });
    expect(short.remind[2]).toEqual({ rule: 'decrease', indicator: 'volunteers', increase: -10, percent: -0.1 });
    // nothing returned: reminded for it, never ranked on goals or growth
    // its own return and the ones under it are separate reasons: a unit is never asked to chase itself
    expect(by.get('none')!.remind).toEqual([
      { rule: 'own-return', problem: 'missing', count: 0 },
      { rule: 'below-returns', outstanding: 3, returned: 0 },
    ]);
    const extra = new Map(applyRules(more, defaultRules()).map((x) => [x.code, x]));
    expect(extra.get('to-correct')!.remind).toEqual([{ rule: 'own-return', problem: 'correct', count: 2 }]);
    // an explained decrease is acknowledged, not reminded of
    expect(extra.get('noted')!.remind).toEqual([]);
    expect(extra.get('noted')!.noted).toEqual([
      { rule: 'decrease-explained', indicator: 'groupMembers', increase: -2, percent: -0.08, explanation: '2所村小撤并' },
    ]);
    expect(by.get('middle')!.praise).toEqual([]); // goals met, but growth above the median in 1 row only
    expect(by.get('middle')!.remind).toEqual([]);
  });

  it('follows the rules it is given: lower bar for praise, reminders switched off, a goal changed', () => {
    const rules = rulesFrom({ praise: { minGrowthAboveMedian: 0 }, remind: { decrease: false, missingReturns: false }, goals: { supervisory: 0.5 } }, 'r.json');
    const v = new Map(applyRules(units, rules).map((x) => [x.code, x]));
    expect(v.get('middle')!.praise).toMatchObject([{ rule: 'goals-and-growth', aboveMedian: [], needed: 0 }]); // it is the median unit itself
    expect(v.get('none')!.remind).toEqual([]);
    expect(v.get('short')!.remind.map((h) => h.rule)).toEqual(['goal-missed']); // supervisory 50 % now meets its goal
  });
});

describe('--rules file', () => {
  it('keeps the defaults for what it leaves out', () => {
    expect(rulesFrom({}, 'r.json')).toEqual(defaultRules());
    expect(rulesFrom({ goals: { countyPartyGroup: 0.6 }, near: 0.05 }, 'r.json')).toMatchObject({
      goals: { ...defaultRules().goals, countyPartyGroup: 0.6 },
      near: 0.05,
    });
  });

  it.each([
    [{ goal: {} }, '(root)', 'goal'], // a typo is refused, not ignored
    [{ goals: { supervisory: 1.5 } }, 'goals.supervisory', '1'],
    [{ near: '10%' }, 'near', 'number'],
    [{ praise: { minGrowthAboveMedian: 2.5 } }, 'praise.minGrowthAboveMedian', 'int'],
    [[], '(root)', 'object'],
  ])('refuses %j at %s', (raw, path, detail) => {
    try {
      rulesFrom(raw, 'r.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SetupError);
      const p = (e as SetupError).problems[0]!;
      expect(p.code).toBe('report-rules-invalid');
      expect(p.params.path).toBe(path);
      expect(String(p.params.detail)).toContain(detail);
    }
  });
});
