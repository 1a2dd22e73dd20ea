import { describe, expect, it } from 'vitest';
import { BUILT_IN_SURVEY, INDICATORS, emptyFigures, withSurvey, type IndicatorKey } from '../src/catalogue.js';
import { FINDING_CODES, PARAM_KEYS, severityOf, type MessageCode } from '../src/core/finding-codes.js';
import { defaultRules, rateKeys, unitRates, type RateInputs } from '../src/core/rates.js';
import { VOLUNTEER_TEAMS_PER_COUNTY, countyVolunteerTeams } from './jilin-2021-rules.js';
import { MESSAGES, PARAM_WORDS } from '../src/messages.js';
import { rateDefinition, rateLabels } from '../src/report/words.js';

// The plan's figures and the finding codes are data of the core, each said once: the checks, the rates and the
// words that describe them all read the same table (issue 19, item 5).

const totals = (o: Partial<Record<IndicatorKey, number>>): Record<IndicatorKey, number> =>
  ({ ...Object.fromEntries(INDICATORS.map((i) => [i.key, 0])), ...o }) as Record<IndicatorKey, number>;

describe('the finding codes: one table in the core, words for exactly those codes in the language layer', () => {
  it('messages.ts has words for every code and no other', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(Object.keys(FINDING_CODES).sort());
  });

  it('a message entry carries words only: its severity is the core table’s', () => {
    for (const code of Object.keys(MESSAGES) as MessageCode[]) expect(Object.keys(MESSAGES[code]).sort(), code).toEqual(['en', 'zh']);
    expect([severityOf('hours-beyond-year'), severityOf('identity-from-file-name'), severityOf('value-loose')]).toEqual(['error', 'notice', 'notice']);
  });

  it.each(Object.keys(PARAM_KEYS))('the words of the %s parameters cover exactly its keys', (kind) => {
    const keys = PARAM_KEYS[kind as keyof typeof PARAM_KEYS] as readonly string[];
    expect(Object.keys(PARAM_WORDS[kind as keyof typeof PARAM_WORDS]).sort()).toEqual([...keys].sort());
  });
});

describe('volunteer teams per county: one figure for the return check, the rate and its words', () => {
  const short = VOLUNTEER_TEAMS_PER_COUNTY - 1;

  it('the return check asks for the figure and quotes it', () => {
    const ctx = { level: 'county' as const, annex1: { ...emptyFigures(), volunteerOrgs: short }, annex2: emptyFigures(), baseline: null, baselineYear: 2020 };
    expect(countyVolunteerTeams({ ...ctx, unreadable: new Set() })).toEqual([
      { code: 'volunteer-teams-below-plan', annex: 'annex1', key: 'volunteerOrgs', params: { found: short, required: VOLUNTEER_TEAMS_PER_COUNTY } },
    ]);
  });

  it('the rate counts a county at the figure and not one below it', () => {
    const inputs: RateInputs = {
      annex1: totals({}),
      annex2: totals({}),
      branches: [
        { level: 'county', annex1: { volunteerOrgs: VOLUNTEER_TEAMS_PER_COUNTY } },
        { level: 'county', annex1: { volunteerOrgs: short } },
      ],
    };
    expect(unitRates(inputs).volunteerTeams).toMatchObject({ num: 1, den: 2, basis: 2, expected: 2 });
  });

  it('the goal and the definition the report shows say the same figure', () => {
    expect(rateLabels().volunteerTeams!.goalZh).toContain(`至少建立 ${VOLUNTEER_TEAMS_PER_COUNTY} 支`);
    expect(rateDefinition('volunteerTeams', 'zh')).toBe(
      `已报送的县级单位中本级附件1 第13行不少于 ${VOLUNTEER_TEAMS_PER_COUNTY} 个的单位数 ÷ 已报送的县级单位数`,
    );
    expect(rateDefinition('volunteerTeams', 'en')).toContain(`at least ${VOLUNTEER_TEAMS_PER_COUNTY} in their own annex 1 row 13`);
  });
});

describe('the rate definitions are read from the expressions that compute the rates', () => {
  it.each([
    ['countyReformed', '附件1 第1行之和 ÷ 已报送的县级单位数', 'annex 1 row 1 summed ÷ county branches that reported'],
    ['supervisory', '附件1 第6、7行之和 ÷ 已报送的市级、县级单位数', 'annex 1 rows 6 and 7 summed ÷ city and county branches that reported'],
    [
      'election',
      '附件2 第2、3行之和 ÷ 附件1 第2、3行之和；除数为 0 时为“—”',
      'annex 2 rows 2 and 3 summed ÷ annex 1 rows 2 and 3 summed; "—" when the divisor is 0',
    ],
  ] as const)('%s', (k, zh, en) => {
    expect([rateDefinition(k, 'zh'), rateDefinition(k, 'en')]).toEqual([zh, en]);
  });

  it('a change to the definition changes the rate and its words together (supervisory over cities alone)', async () => {
    const survey = structuredClone(BUILT_IN_SURVEY.survey);
    Object.assign(survey.rates.find((r) => r.key === 'supervisory')!, { numerator: 'annex1.citySupervisory', denominator: 'count(city)', basis: ['city'] });
    await withSurvey({ ...BUILT_IN_SURVEY, survey }, () => {
      const r = unitRates({
        annex1: totals({ citySupervisory: 1, countySupervisory: 1 }),
        annex2: totals({}),
        branches: [
          { level: 'city', annex1: {} },
          { level: 'county', annex1: {} },
        ],
      }).supervisory;
      expect(r).toMatchObject({ num: 1, den: 1, basis: 1, expected: 1 });
      expect(rateDefinition('supervisory', 'zh')).toBe('附件1 第6行之和 ÷ 已报送的市级单位数');
    });
    expect(rateDefinition('supervisory', 'zh')).toBe('附件1 第6、7行之和 ÷ 已报送的市级、县级单位数');
  });

  it('the default goals are the plan’s', () => {
    expect(defaultRules().goals).toEqual(Object.fromEntries(rateKeys().map((k) => [k, BUILT_IN_SURVEY.survey.rates.find((r) => r.key === k)!.goal])));
    expect(defaultRules().goals).toEqual({ countyReformed: 1, countyPartyGroup: null, supervisory: 1, election: 1, volunteerTeams: 1 });
  });
});
