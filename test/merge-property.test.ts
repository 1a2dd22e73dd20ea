// Property-based tests of the merge (fast-check), for random registries and random figures.
//
// Pure level (planMerge + rollup + summaryJson/longCsv on ReturnResult objects built here):
//   1. the order of the input files changes no output;
//   2. every total is the sum of its parts (and of its children's totals), and who is returned / missing /
//      left out adds up to who is expected;
//   3. merging the city summaries (plus the branches under no city) gives the same provincial and city figures
//      as merging the raw files;
//   4. a summary given with some of its branches' files lists exactly the differing figures.
// The end-to-end half (the built CLI) is merge-property.e2e.test.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATORS, appliesTo, type Figures, type IndicatorKey, type Level } from '../src/catalogue.js';
import { finding, type ReturnFigures, type ReturnResult } from '../src/core/finding.js';
import { planMerge } from '../src/core/merge-plan.js';
import { rollup, summaryOrgs, type SummaryNode } from '../src/core/rollup.js';
import { summaryJson } from '../src/merge/outputs.js';
import { collectionStatus } from '../src/core/status.js';
import { subtree } from '../src/registry/build.js';
import type { Org, Registry } from '../src/registry/types.js';
import { KEYS, rowsOf, longCsv, registryOf } from './merge-support.js';

// ── random worlds ───────────────────────────────────────────────────────────────────────────────────────────

/** A random registry; the row order (and so the sibling order) is random too. */
const registryArb = fc
  .record({
    counties: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
    specials: fc.integer({ min: 0, max: 2 }),
    direct: fc.integer({ min: 0, max: 2 }),
  })
  .map(rowsOf)
  .chain((rows) => fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))
  .map(registryOf);

const value = (kind: string, increment: boolean, derived: boolean): fc.Arbitrary<number> => {
  if (kind === 'flag') return fc.integer({ min: increment && derived ? -1 : 0, max: 1 });
  if (kind === 'count') return increment ? fc.integer({ min: -5000, max: 5000 }) : fc.integer({ min: 0, max: 1_000_000 });
  // hours in hundredths: sums stay clear of the 1e-4 rounding the roll-up applies
  return (increment ? fc.integer({ min: -1_000_000, max: 1_000_000 }) : fc.integer({ min: 0, max: 100_000_000 })).map((n) => n / 100);
};

const figuresArb = (level: Level, increment: boolean): fc.Arbitrary<Figures> =>
  fc.record(
    Object.fromEntries(INDICATORS.map((i) => [i.key, appliesTo(i, level) ? value(i.kind, increment, i.derived) : fc.constant(null)])),
  );

/** A baseline row: present or not; within it, an applicable cell may be blank. */
const baselineArb = (level: Level): fc.Arbitrary<Figures | null> =>
  fc.option(
    fc.record(
      Object.fromEntries(
        INDICATORS.map((i) => [i.key, appliesTo(i, level) ? fc.option(value(i.kind, false, false), { freq: 6 }) : fc.constant(null)]),
      ) as Record<IndicatorKey, fc.Arbitrary<number | null>>,
    ),
    { freq: 4 },
  );

type Status = 'ok' | 'warning' | 'error' | 'missing';
interface OrgData {
  status: Status;
  /** Part of a multi-branch CSV return (several results share one file name). */
  inCsv: boolean;
  figures: ReturnFigures;
  baseline: Figures | null;
}

const orgDataArb = (level: Level): fc.Arbitrary<OrgData> =>
  fc.record({
    status: fc.constantFrom<Status>('ok', 'ok', 'ok', 'warning', 'error', 'missing'),
    inCsv: fc.boolean(),
    figures: fc.record({ annex1: figuresArb(level, false), annex2: figuresArb(level, true) }),
    baseline: baselineArb(level),
  });

interface World {
  registry: Registry;
  data: Map<string, OrgData>;
  baseline: Map<string, Figures> | null;
  returns: ReturnResult[];
}

function returnOf(org: Org, d: OrgData): ReturnResult | null {
  if (d.status === 'missing') return null;
  const file = d.inCsv ? 'returns/批量.csv' : `returns/${org.code}_${org.name}.xlsx`;
  const where = { file, sheet: '附件1', cell: 'C12', indicator: 'grassrootsOrgs' as const };
  const findings =
    d.status === 'error'
      ? [finding('value-not-number', where, { label: '红十字会基层组织数', found: 'abc' })]
      : d.status === 'warning'
        ? [finding('volunteer-teams-below-plan', { ...where, cell: 'C17', indicator: 'volunteerOrgs' }, { found: 2, required: 3 })]
        : [];
  return {
    file,
    sha256: `sha-${file}-${org.code}`,
    kind: d.inCsv ? 'csv' : 'form',
    org: { code: org.code, name: org.name, level: org.level },
    year: 2021,
    baselineYear: 2020,
    findings,
    figures: d.figures,
  };
}

const strayReturn = (): ReturnResult => ({
  file: 'returns/坏文件.xlsx',
  sha256: 'sha-stray',
  kind: 'form',
  org: null,
  year: null,
  findings: [finding('file-unreadable', { file: 'returns/坏文件.xlsx', sheet: null, cell: null, indicator: null }, { reason: 'not a zip' })],
  figures: null,
});

const worldArb: fc.Arbitrary<World> = registryArb.chain((registry) =>
  fc
    .record({ data: fc.tuple(...registry.orgs.map((o) => orgDataArb(o.level))), stray: fc.boolean(), useBaseline: fc.boolean() })
    .map(({ data, stray, useBaseline }) => {
      const byCode = new Map(registry.orgs.map((o, i) => [o.code, data[i]!]));
      const baseline = useBaseline ? new Map([...byCode].filter(([, d]) => d.baseline !== null).map(([c, d]) => [c, d.baseline!])) : null;
      const returns = registry.orgs.map((o) => returnOf(o, byCode.get(o.code)!)).filter((r): r is ReturnResult => r !== null);
      if (stray) returns.push(strayReturn());
      return { registry, data: byCode, baseline, returns };
    }),
);

function merged(w: Pick<World, 'registry' | 'baseline'>, inputs: readonly ReturnResult[]) {
  const plan = planMerge(inputs, w.registry);
  const nodes = rollup(w.registry, plan.contributions, plan.exclusions, w.baseline);
  const ctx = { status: collectionStatus(inputs, w.registry, w.registry.root.code), registry: w.registry, baseline: w.baseline };
  return { plan, nodes, ctx, json: summaryJson(2021, 2020, nodes, plan, ctx), csv: longCsv(w.registry, plan) };
}

/** A summary workbook as summary-read gives it back: its 明细 rows (the branches' own figures). */
function summaryReturn(
  node: SummaryNode,
  contributions: ReadonlyMap<string, { figures: ReturnFigures; file: string }>,
  tamper?: (code: string, f: ReturnFigures) => ReturnFigures,
): ReturnResult {
  const file = `summaries/2021_${node.code}_${node.name}_汇总.xlsx`;
  return {
    file,
    sha256: `sha-${file}`,
    kind: 'summary',
    org: { code: node.code, name: node.name, level: node.level },
    year: 2021,
    baselineYear: 2020,
    findings: [],
    figures: null,
    parts: node.parts.map((code) => {
      const c = contributions.get(code)!;
      return { code, figures: tamper ? tamper(code, c.figures) : c.figures, file: c.file };
    }),
  };
}

const DERIVED = new Set<string>(KEYS.filter((k) => k !== 'cityElectionDue' && k !== 'countyElectionDue'));
const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** The increment one branch adds to 附件2, computed here from the definition (docs/domain.md §2, §4). */
function increment(key: IndicatorKey, f: ReturnFigures, base: Figures | undefined): number {
  const a1 = f.annex1[key] ?? null;
  const b = base?.[key];
  if (DERIVED.has(key) && base && b !== null && b !== undefined && a1 !== null) return a1 - b;
  return f.annex2[key] ?? 0;
}

const clone = <T>(x: T): T => structuredClone(x);
/** RC_ORG_FC_SCALE=20 runs the pure properties 20× as often (for a longer hunt than the default suite). */
const runs = (n: number): number => Math.round(n * (Number(process.env.RC_ORG_FC_SCALE) || 1));

// ── 1–4: pure properties ────────────────────────────────────────────────────────────────────────────────────

describe('merge properties (pure: planMerge + rollup)', () => {
  it('the order of the input files changes no output', () => {
    const arb = worldArb.chain((w) => {
      // Mix in summaries for some cities (possibly disagreeing with the raw files), so reconciliations and
      // summary-only branches are in play too; then shuffle everything.
      const raw = merged(w, w.returns);
      const cities = summaryOrgs(w.registry).filter((o) => o.parent !== null);
      return fc.tuple(fc.subarray(cities.map((c) => c.code)), fc.boolean(), fc.subarray(w.returns.map((_, i) => i))).chain(([withSummary, tamper, dropped]) => {
        const summaries = raw.nodes
          .filter((n) => withSummary.includes(n.code))
          .map((n) =>
            summaryReturn(
              n,
              raw.plan.contributions,
              tamper ? (code, f) => ({ ...f, annex1: { ...f.annex1, adultMembers: (f.annex1.adultMembers ?? 0) + code.length } }) : undefined,
            ),
          );
        // Leave out some raw files, so the summaries alone speak for some branches.
        const inputs = [...w.returns.filter((_, i) => !dropped.includes(i)), ...summaries];
        return fc.tuple(fc.constant(w), fc.constant(inputs), fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }));
      });
    });
    fc.assert(
      fc.property(arb, ([w, inputs, shuffled]) => {
        const a = merged(w, clone(inputs));
        const b = merged(w, clone(shuffled));
        const c = merged(w, clone([...inputs].reverse()));
        for (const other of [b, c]) {
          expect(other.json).toEqual(a.json);
          expect(JSON.stringify(other.json)).toBe(JSON.stringify(a.json)); // same key and list order too
          expect(other.csv).toBe(a.csv);
          expect(other.nodes).toEqual(a.nodes);
          expect(Object.fromEntries(other.plan.contributions)).toEqual(Object.fromEntries(a.plan.contributions));
          expect(other.plan.sources).toEqual(a.plan.sources);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('every total is the sum of its parts and of its children; returned + missing + left out = expected', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { plan, nodes } = merged(w, w.returns);
        const nodeBy = new Map(nodes.map((n) => [n.code, n]));
        expect(nodes.map((n) => n.code)).toEqual(w.registry.orgs.filter((o) => o.parent === null || o.children.length > 0).map((o) => o.code));
        for (const n of nodes) {
          const members = subtree(w.registry, n.code).map((o) => o.code);
          expect(n.expected).toEqual(members);
          const returned = members.filter((c) => {
            const d = w.data.get(c)!;
            return d.status === 'ok' || d.status === 'warning';
          });
          const errors = members.filter((c) => w.data.get(c)!.status === 'error');
          const missing = members.filter((c) => w.data.get(c)!.status === 'missing');
          expect(n.parts).toEqual(returned);
          expect(n.missing).toEqual(missing);
          expect(
            n.excluded
              .map((e) => e.code)
              .filter((c) => c !== null)
              .sort(),
          ).toEqual([...errors].sort());
          expect(n.excluded.some((e) => e.code === null)).toBe(n.parent === null && w.returns.some((r) => r.org === null));
          expect(n.returnedWithWarnings).toEqual(returned.filter((c) => w.data.get(c)!.status === 'warning'));
          expect(n.complete).toBe(missing.length === 0 && n.excluded.length === 0);

          for (const key of KEYS) {
            // nothing received, nothing summed: no totals at all rather than 0s
            if (n.parts.length === 0) {
              expect([n.annex1[key], n.annex2[key]], `${n.code} ${key} with no parts`).toEqual([null, null]);
              continue;
            }
            // the sum of its parts (never null: NaN is near nothing)
            const s1 = n.parts.reduce((acc, c) => acc + (w.data.get(c)!.figures.annex1[key] ?? 0), 0);
            const s2 = n.parts.reduce((acc, c) => acc + increment(key, w.data.get(c)!.figures, w.baseline?.get(c)), 0);
            expect(near(n.annex1[key] ?? NaN, s1), `${n.code} annex1.${key}: ${n.annex1[key]} vs ${s1}`).toBe(true);
            expect(near(n.annex2[key] ?? NaN, s2), `${n.code} annex2.${key}: ${n.annex2[key]} vs ${s2}`).toBe(true);
            // own figures + the children's totals (a child with children has a node of its own)
            const org = w.registry.byCode.get(n.code)!;
            const own = (c: string, annex: 'annex1' | 'annex2'): number => {
              const contrib = plan.contributions.get(c);
              if (!contrib) return 0;
              return annex === 'annex1' ? (contrib.figures.annex1[key] ?? 0) : increment(key, contrib.figures, w.baseline?.get(c));
            };
            for (const annex of ['annex1', 'annex2'] as const) {
              const viaChildren = own(n.code, annex) + org.children.reduce((acc, c) => acc + (nodeBy.get(c)?.[annex][key] ?? own(c, annex)), 0);
              expect(near(n[annex][key] ?? NaN, viaChildren), `${n.code} ${annex}.${key} via children`).toBe(true);
            }
          }
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('merging the city summaries gives the same provincial (and city) figures as merging the raw files', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), (w, giveErrorFilesToo) => {
        const raw = merged(w, w.returns);
        const cityNodes = raw.nodes.filter((n) => n.parent !== null);
        const underCity = new Set(cityNodes.flatMap((n) => n.expected));
        const summaries = cityNodes.map((n) => summaryReturn(n, raw.plan.contributions));
        // The province office has the city summaries and the forms of the branches under no city
        // (its own, the special units, counties it runs directly) — and maybe the bad county files too.
        const rest = w.returns.filter((r) => !r.org || !underCity.has(r.org.code) || (giveErrorFilesToo && r.findings.some((f) => f.severity === 'error')));
        const viaSummaries = merged(w, [...clone(summaries), ...clone(rest)]);
        for (const n of raw.nodes) {
          const m = viaSummaries.nodes.find((x) => x.code === n.code)!;
          expect(m.annex1, `${n.code} annex1`).toEqual(n.annex1);
          expect(m.annex2, `${n.code} annex2`).toEqual(n.annex2);
          expect(m.parts).toEqual(n.parts);
          expect(m.incrementBasis).toBe(n.incrementBasis);
        }
        expect(viaSummaries.plan.reconciliations).toEqual([]);
      }),
      { numRuns: runs(200) },
    );
  });

  it('a summary given with some of its branch files: every difference listed, agreement when none, branch files win', () => {
    const arb = worldArb
      .filter((w) => w.registry.orgs.some((o) => o.level === 'city'))
      .chain((w) => {
        const raw = merged(w, w.returns);
        const city = raw.nodes.find((n) => n.parent !== null && n.parts.length > 0);
        const cells = (city?.parts ?? []).flatMap((code) => (['annex1', 'annex2'] as const).flatMap((annex) => KEYS.map((key) => `${code}|${annex}|${key}`)));
        return fc.tuple(
          fc.constant(w),
          fc.constant(raw),
          fc.constant(city),
          // which of the summary's branches also come as files, and which figures the summary got wrong
          fc.subarray(city?.parts ?? []),
          fc.subarray(cells, { maxLength: Math.min(6, cells.length) }),
        );
      });
    fc.assert(
      fc.property(arb, ([w, raw, city, given, wrong]) => {
        if (!city) return;
        const bump = (code: string, f: ReturnFigures): ReturnFigures => {
          const g = clone(f);
          for (const t of wrong) {
            const [c, annex, key] = t.split('|') as [string, 'annex1' | 'annex2', IndicatorKey];
            if (c === code) g[annex][key] = (g[annex][key] ?? 0) + 1;
          }
          return g;
        };
        const summary = summaryReturn(city, raw.plan.contributions, bump);
        const files = w.returns.filter((r) => r.org && given.includes(r.org.code));
        const m = merged(w, [summary, ...files]);
        if (given.length === 0) {
          expect(m.plan.reconciliations).toEqual([]);
          return;
        }
        expect(m.plan.reconciliations).toHaveLength(1);
        const rec = m.plan.reconciliations[0]!;
        expect(rec.code).toBe(city.code);
        expect(rec.compared).toEqual(city.parts.filter((c) => given.includes(c)));
        const want = wrong
          .map((t) => t.split('|') as [string, 'annex1' | 'annex2', IndicatorKey])
          .filter(([c]) => given.includes(c))
          .map(([code, annex, key]) => {
            const inFile = w.data.get(code)!.figures[annex][key];
            return { code, annex, key, inSummary: (inFile ?? 0) + 1, inFile, file: files.find((r) => r.org!.code === code)!.file };
          });
        const order = (d: { code: string; annex: string; key: string }): string =>
          `${city.parts.indexOf(d.code).toString().padStart(3, '0')}|${d.annex}|${(KEYS as readonly string[]).indexOf(d.key)
            .toString()
            .padStart(2, '0')}`;
        const got = rec.differences;
        expect(got.map(order)).toEqual([...got.map(order)].sort()); // listed in summary order, then annex, then row
        expect(got).toEqual([...want].sort((a, b) => order(a).localeCompare(order(b))));
        const j = summaryJson(2021, 2020, m.nodes, m.plan, m.ctx);
        expect(j.reconciliations[0]!.agreed).toBe(want.length === 0);
        // the branch files' figures are the ones used
        for (const code of given) expect(m.plan.contributions.get(code)!.figures).toEqual(w.data.get(code)!.figures);
      }),
      { numRuns: runs(150) },
    );
  });
});

// ── end to end: one round through the built CLI ────────────────────────────────────────────────────────────

/** Deterministic figures from a seed, clean under every rule validate checks (cf. scripts/make-fixtures.mjs). */
