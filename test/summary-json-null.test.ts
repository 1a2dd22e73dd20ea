// summary.json's totals are null for a node none of whose branches sent a usable return (issue 18): `rc-org report`
// reads them (and still reads the 0s of files written before), and refuses a null where figures were received.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../src/catalogue.js';
import { defaultRules } from '../src/core/rates.js';
import { SetupError } from '../src/messages.js';
import { buildModel } from '../src/report/model.js';
import { parseSummary } from '../src/report/summary.js';
import { fixturePath } from './helpers.js';

// 示例省 990000: 甲市 990100 and 乙市 990200 with returns, 丙市 990300 with nothing usable (fixtures/report/…/README).
const FIXTURE = 'fixtures/report/small-registry-2021/summary.json';
type Json = Record<string, any>;
const raw = (): Json => JSON.parse(readFileSync(fixturePath(FIXTURE), 'utf8'));
const nulls = (): Record<string, null> => Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null]));
const file = '/x/summary.json';

/** The codes of the problems parseSummary reports, or [] when it reads the file. */
function problemsOf(json: Json): string[] {
  try {
    parseSummary(json, file);
    return [];
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    return e.problems.map((p) => p.code);
  }
}

describe('parseSummary with null totals', () => {
  it.each([
    ['the fixture as written before issue 18 (丙市: 0s)', (_j: Json): void => undefined, []],
    ['丙市 (nothing received): null for every total', (j: Json): void => void Object.assign(j.totals['990300'], { annex1: nulls(), annex2: nulls() }), []],
    ['丙市: one null 附件1 total', (j: Json): void => void (j.totals['990300'].annex1.volunteers = null), []],
    ['甲市 (returns received): a null 附件1 total', (j: Json): void => void (j.totals['990100'].annex1.volunteers = null), ['report-totals-mismatch']],
    ['丙市: a total that is not 0 though nothing was received', (j: Json): void => void (j.totals['990300'].annex1.volunteers = 3), ['report-totals-mismatch']],
    ['丙市: a total in words', (j: Json): void => void (j.totals['990300'].annex1.volunteers = '—'), ['report-summary-invalid']],
  ] as const)('%s', (_what, edit, want) => {
    const j = raw();
    edit(j);
    expect(problemsOf(j)).toEqual(want);
  });

  it('a summary with null totals still makes a model (nothing received: no figures, not 0s)', () => {
    const j = raw();
    Object.assign(j.totals['990300'], { annex1: nulls(), annex2: nulls() });
    const m = buildModel([{ dir: '/x', file, summary: parseSummary(j, file) }], { rules: defaultRules(), now: new Date(2022, 0, 10) });
    const bing = m.units.find((u) => u.code === '990300')!;
    expect(bing.returned).toBe(0);
    expect(bing.annex1).toBeNull();
  });
});
