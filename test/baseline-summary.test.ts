// Last year's summary.json as this year's baseline (issue 20, "year to year"): rows carried through `previous`, new
// rows without a baseline, dropped rows named, another survey's summary refused. Table-driven over the pure reader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SURVEY, withSurvey, type SurveyInForce } from '../src/catalogue.js';
import { baselineFromSummary } from '../src/core/baseline.js';
import { defaultRegistry } from '../src/registry/default.js';
import { surveySchema } from '../src/survey-schema.js';
import { repoRoot } from './helpers.js';

const registry = defaultRegistry();
const y2022: SurveyInForce = {
  survey: surveySchema.parse(JSON.parse(readFileSync(join(repoRoot, 'fixtures/survey-2022/organisation-2022.json'), 'utf8'))),
  source: 'organisation-2022.json',
  sha256: 'x',
};

/** A 2021 summary.json as merge writes it, cut down to what the baseline reads. */
const summary2021 = (over: Record<string, unknown> = {}) => ({
  schema: 2,
  survey: {
    id: 'jilin-organisation-system',
    version: '2021.1',
    sha256: 'y',
    indicators: BUILT_IN_SURVEY.survey.indicators.map((i) => ({ key: i.key, label: i.rows[0]!.label })),
  },
  branches: [
    { code: '220102', figures: { annex1: { volunteerOrgs: 4, volunteers: 300, countyReformed: 1, serviceHours: 1e13 }, annex2: {} } },
    { code: '220103', figures: null },
    { code: '999999', figures: { annex1: { volunteers: 5 }, annex2: {} } },
  ],
  ...over,
});

describe('baselineFromSummary', () => {
  it('under the 2022 form: renamed rows through previous, new rows without a figure, dropped rows named', async () => {
    const read = await withSurvey(y2022, () => baselineFromSummary(summary2021(), registry));
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    // 220103 sent nothing usable last year, 999999 is not in this year's registry: neither is a baseline row.
    expect([...read.figures.keys()]).toEqual(['220102']);
    const f = read.figures.get('220102')!;
    expect(f.volunteerTeams).toBe(4); // volunteerOrgs in 2021
    expect(f.volunteers).toBe(300);
    expect(f.serviceHours).toBeNull(); // beyond the ceiling: no figure at all
    expect([f.aedPoints, f.firstAidTrained, f.townshipBranch]).toEqual([null, null, null]);
    expect(f).not.toHaveProperty('countyReformed');
    expect(read.added).toEqual(['乡镇（街道）已建立红十字会数', '应急救护设备（AED）配置点数', '应急救护培训人数']);
    expect(read.dropped).toEqual(['县级红十字会理顺管理体制数']);
  });

  it('under the same form: every row carried, nothing added or dropped', () => {
    const read = baselineFromSummary(summary2021(), registry);
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.figures.get('220102')!.volunteerOrgs).toBe(4);
    expect([read.added, read.dropped]).toEqual([[], []]);
  });

  it('a summary from before summaries named their survey: its figures keys are last year’s rows', async () => {
    const read = await withSurvey(y2022, () => baselineFromSummary(summary2021({ survey: undefined }), registry));
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.figures.get('220102')!.volunteerTeams).toBe(4);
    expect(read.dropped).toEqual(['countyReformed']);
  });

  it.each([
    ['another survey', summary2021({ survey: { id: 'liaoning-organisation-system' } }), 'baseline-other-survey'],
    ['not schema 2', summary2021({ schema: 1 }), 'baseline-summary-unreadable'],
    ['no branches', { schema: 2 }, 'baseline-summary-unreadable'],
    ['not an object', [1, 2], 'baseline-summary-unreadable'],
  ])('%s: refused as %s', (_what, raw, code) => {
    const read = baselineFromSummary(raw, registry);
    expect('problems' in read && read.problems.map((p) => p.code)).toEqual([code]);
  });
});
