import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATORS, LEVELS, labelOf, type Figures, type IndicatorKey, type Level } from '../src/catalogue.js';
import { columnRef } from '../src/core/columns.js';
import type { RateInputs } from '../src/core/rates.js';
import { runRules, type RuleContext } from './jilin-2021-rules.js';
import { addAnnexSheet } from '../src/issued-form/annex-sheet.js';
import { message } from '../src/messages.js';
import { evaluateRates, evaluateRules, ruleWords, type SurveyRuleHit } from '../src/core/evaluate.js';
import { builtInSurvey } from '../src/survey/load.js';
import { jilinUnitRates } from './jilin-2021-plan.js';

// templates/jilin-2021.json is the Jilin 2021 form, and the commands read the form from it (src/catalogue.ts). What
// is still code — the cross-row rules and the rates are functions in src/core, some words in src/report — must agree
// with the file: the rules and rates (functions in the code, expressions in the file) are evaluated both ways on
// tables of figures and must give the same verdicts, and the code's tables are compared with the file's fields.

const { survey: def, compiled } = builtInSurvey();

describe('jilin-2021.json agrees with what is still code, field by field', () => {
  it('sheets: print settings are those the form writer sets', () => {
    const wb = new ExcelJS.Workbook();
    for (const s of def.sheets) {
      const ws = addAnnexSheet(wb, { annex: s.key as 'annex1', heading: 'x', baselineYear: 2020, applies: () => true, mode: 'input' });
      const p = ws.pageSetup;
      expect({
        paperSize: p.paperSize,
        orientation: p.orientation,
        fitToWidth: p.fitToWidth,
        fitToHeight: p.fitToHeight,
        horizontalCentered: p.horizontalCentered,
        margins: p.margins,
      }).toEqual(s.print);
      expect(ws.name).toBe(s.name);
    }
  });

  it('indicators: the CSV reader takes each row label, sheet.key and 附件N-row to that indicator', () => {
    for (const ind of def.indicators)
      for (const r of ind.rows) {
        const sheetName = def.sheets.find((s) => s.key === r.sheet)!.name;
        for (const header of [r.label, `${r.sheet}.${ind.key}`, `${sheetName}-${r.row}`])
          expect(columnRef(header, null), header).toEqual({ annex: r.sheet, key: ind.key });
      }
  });
});

// ── rules: the same verdicts ──

const KEYS: IndicatorKey[] = INDICATORS.map((i) => i.key);
const figuresOf = (values: readonly (number | null)[]): Figures => Object.fromEntries(KEYS.map((k, i) => [k, values[i] ?? null]));

/** What test/jilin-2021-rules.ts formats with (not exported): its `fmt`. */
const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

function bothWays(ctx: RuleContext): { code: ReturnType<typeof runRules>; def: SurveyRuleHit[] } {
  const figure = (sheet: string, key: string): number | null => {
    if (sheet === 'baseline') return ctx.baseline?.[key] ?? null;
    if (ctx.unreadable.has(`${sheet}.${key}`)) return null;
    return (sheet === 'annex1' ? ctx.annex1 : ctx.annex2)[key] ?? null;
  };
  return { code: runRules(ctx), def: evaluateRules(compiled, { level: ctx.level, figure, baselineYear: ctx.baselineYear }) };
}

/** The hits of both, as comparable rows: code, sheet, row, and each figure quoted as the code's message has it. */
function expectSameVerdicts(ctx: RuleContext): void {
  const { code, def: mine } = bothWays(ctx);
  const label = (key: string, sheet: string): string =>
    labelOf(
      INDICATORS.find((i) => i.key === key)!,
      sheet as 'annex1',
    );
  const row = (code: string, sheet: string, key: string, params: Record<string, unknown>): string =>
    JSON.stringify([code, sheet, key, Object.entries(params).sort(([a], [b]) => a.localeCompare(b))]);
  const fromCode = code.map((h) => row(h.code, h.annex, h.key, h.params));
  const fromDef = mine.map((h) => {
    const codeHit = code.find((c) => c.code === h.code && c.annex === h.sheet && c.key === h.key);
    // The figures the definition computes, written as the code writes them (its own numbers raw, fmt'd strings fmt'd).
    const params: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(h.params)) {
      const codeValue = codeHit?.params[name];
      params[name] = typeof codeValue === 'string' && typeof v === 'number' ? fmt(v) : v;
    }
    // Names the definition's message takes from the row itself: {label}, {label:annex1}, {baselineYear}.
    for (const name of Object.keys(codeHit?.params ?? {})) {
      if (name === 'label') params.label = label(h.key, h.sheet);
      if (name === 'label1') params.label1 = label(h.key, 'annex1');
      if (name === 'label2') params.label2 = label(h.key, 'annex2');
      if (name === 'baselineYear') params.baselineYear = ctx.baselineYear;
    }
    return row(h.code, h.sheet, h.key, params);
  });
  expect(fromDef.sort()).toEqual(fromCode.sort());
}

const ctx = (level: Level, a1: (number | null)[], a2: (number | null)[], base: (number | null)[] | null, unreadable: string[] = []): RuleContext => ({
  level,
  annex1: figuresOf(a1),
  annex2: figuresOf(a2),
  baseline: base ? figuresOf(base) : null,
  baselineYear: 2020,
  unreadable: new Set(unreadable),
});

//            1  2  3  4  5  6  7   8    9    10    11   12   13   14
const A1 = [1, 0, 1, 0, 1, 0, 1, 12, 30, 500, 200, 80, 4, 2000];
const A2 = [1, 0, 1, 0, 0, 0, 0, 2, 5, 50, 20, 10, 1, 300];
const BASE = [0, 0, 0, 0, 1, 0, 1, 10, 25, 450, 180, 70, 3, 1700];
const put = (xs: readonly (number | null)[], at: number, v: number | null): (number | null)[] => xs.map((x, i) => (i === at - 1 ? v : x));

/** Situations, each meant to set off (or just miss) one rule of test/jilin-2021-rules.ts. */
const SITUATIONS: [string, RuleContext][] = [
  ['a clean county form with a baseline', ctx('county', A1, A2, BASE)],
  ['a clean county form without a baseline', ctx('county', A1, A2, null)],
  ['hours without volunteers', ctx('county', put(A1, 12, 0), A2, null)],
  ['hours beyond a year per volunteer', ctx('city', put(put(A1, 12, 1), 14, 9000), A2, null)],
  ['hours exactly a year per volunteer (implausible, not beyond)', ctx('city', put(put(A1, 12, 1), 14, 8760), A2, null)],
  ['hours implausible per volunteer', ctx('province', put(put(A1, 12, 3), 14, 1600.5), A2, null)],
  ['hours exactly at the usual limit', ctx('province', put(put(A1, 12, 2), 14, 1000), A2, null)],
  ['negative volunteers with hours', ctx('county', put(A1, 12, -5), A2, null)],
  ['hours unreadable', ctx('county', put(A1, 12, 0), A2, null, ['annex1.serviceHours'])],
  ['city election completed above due', ctx('city', put(A1, 2, 0), put(A2, 2, 1), null)],
  ['county election completed above due', ctx('county', put(A1, 3, 0), put(A2, 3, 1), null)],
  ['county election above due on a city form (row does not apply)', ctx('city', put(A1, 3, 0), put(A2, 3, 1), null)],
  ['county with 2 volunteer teams', ctx('county', put(A1, 13, 2), A2, null)],
  ['city with 2 volunteer teams (no rule for cities)', ctx('city', put(A1, 13, 2), A2, null)],
  ['county with unreadable volunteer teams', ctx('county', put(A1, 13, 0), A2, null, ['annex1.volunteerOrgs'])],
  ['increment mismatch', ctx('county', A1, put(A2, 8, 7), BASE)],
  ['increment mismatch that is also negative (reported once)', ctx('county', A1, put(A2, 9, -3), BASE)],
  ['decrease that matches the baseline', ctx('county', put(A1, 10, 400), put(A2, 10, -50), BASE)],
  ['decrease without a baseline', ctx('special', A1, put(A2, 11, -4), null)],
  ['decrease with the baseline row missing', ctx('county', A1, put(A2, 11, -4), put(BASE, 11, null))],
  ['decrease with this year unreadable', ctx('county', A1, put(A2, 11, -4), BASE, ['annex1.youthMembers'])],
  ['jump over five times the baseline', ctx('county', put(A1, 9, 225), put(A2, 9, 200), BASE)],
  ['jump over the floor of 10', ctx('county', put(put(A1, 13, 64), 14, 2000), put(A2, 13, 61), BASE)],
  ['jump exactly at five times (no warning)', ctx('county', put(A1, 13, 53), put(A2, 13, 50), BASE)],
  ['yes/no row goes from 0 to 1 (no jump for flags)', ctx('county', put(A1, 1, 1), put(A2, 1, 1), BASE)],
  ['increment within rounding', ctx('county', put(A1, 14, 2000.0000001), A2, BASE)],
  ['everything missing', ctx('county', Array(14).fill(null), Array(14).fill(null), null)],
  [
    'everything unreadable',
    ctx(
      'county',
      A1,
      A2,
      BASE,
      KEYS.flatMap((k) => [`annex1.${k}`, `annex2.${k}`]),
    ),
  ],
];

describe('rules: the expressions of jilin-2021.json give the verdicts of test/jilin-2021-rules.ts', () => {
  it.each(SITUATIONS)('%s', (_, c) => expectSameVerdicts(c));

  it('the situations set off every rule of the definition', () => {
    const fired = new Set(SITUATIONS.flatMap(([, c]) => bothWays(c).def.map((h) => h.rule)));
    expect([...fired].sort()).toEqual(def.rules.map((r) => r.key).sort());
  });

  it('random figures: the same verdicts', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -20, max: 20 }),
      fc.integer({ min: -100_000, max: 1_000_000 }),
      // Decimals as forms hold them (hours to a tenth or a hundredth). Not any double: a fraction of a volunteer
      // below hours/1.8e308 makes the code's hours-per-volunteer Infinity (a "∞" warning), where the language says
      // "nothing to compute"; a fractional count is an error of its own long before that.
      fc.integer({ min: -10_000_000, max: 100_000_000 }).map((n) => n / 10),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
      fc.constantFrom(0, 1, 3, 8760, 500, 10, 50),
    );
    const figs = fc.array(value, { minLength: 14, maxLength: 14 });
    fc.assert(
      fc.property(
        fc.constantFrom(...LEVELS),
        figs,
        figs,
        fc.option(figs, { nil: null }),
        fc.subarray(
          KEYS.flatMap((k) => [`annex1.${k}`, `annex2.${k}`]),
          { maxLength: 4 },
        ),
        (level, a1, a2, base, unreadable) => expectSameVerdicts(ctx(level, a1, a2, base, unreadable)),
      ),
      { numRuns: 3000 },
    );
  });

  it('messages: the definition’s templates say what src/messages.ts says', () => {
    let compared = 0;
    for (const [, c] of SITUATIONS) {
      const { code, def: mine } = bothWays(c);
      for (const h of mine) {
        const codeHit = code.find((x) => x.code === h.code && x.annex === h.sheet && x.key === h.key)!;
        for (const lang of ['zh', 'en'] as const) expect(ruleWords(def, h, c.baselineYear)[lang]).toBe(message(codeHit.code, codeHit.params, lang));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });
});

// ── rates: the same figures ──

describe('rates: the numerators and denominators of jilin-2021.json give the rates the code computed before (test/jilin-2021-plan.ts)', () => {
  const totals = fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 14, maxLength: 14 });
  const branch = fc.record({
    level: fc.constantFrom(...LEVELS),
    annex1: fc.option(
      fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 })), { minLength: 14, maxLength: 14 }).map((v) => figuresOf(v)),
      { nil: null },
    ),
  });

  const compare = (u: RateInputs): void => {
    const code = jilinUnitRates(u);
    const mine = evaluateRates(compiled, {
      figure: (sheet, key) => (sheet === 'annex1' ? u.annex1 : u.annex2)[key] ?? null,
      branches: u.branches.map((b) => ({
        level: b.level,
        figure: b.annex1 ? (sheet, key) => (sheet === 'annex1' ? (b.annex1![key] ?? null) : null) : null,
      })),
    });
    expect(mine).toEqual(JSON.parse(JSON.stringify(code)));
  };

  it('a unit with nothing due and no branches: every rate "nothing to measure"', () => {
    compare({ annex1: figuresOf(Array(14).fill(0)) as RateInputs['annex1'], annex2: figuresOf(Array(14).fill(0)) as RateInputs['annex2'], branches: [] });
  });

  it('random units', () => {
    fc.assert(
      fc.property(totals, totals, fc.array(branch, { maxLength: 12 }), (a1, a2, branches) =>
        compare({ annex1: figuresOf(a1) as RateInputs['annex1'], annex2: figuresOf(a2) as RateInputs['annex2'], branches }),
      ),
      { numRuns: 2000 },
    );
  });
});
