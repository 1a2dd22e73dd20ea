import { INDICATORS, INDICATOR_KEYS, appliesTo, type Figures, type Indicator, type IndicatorKey, type Level } from '../catalogue.js';
import { subtree } from '../registry/build.js';
import type { Org, Registry } from '../registry/types.js';
import type { Finding, ReturnFigures, ReturnResult } from './finding.js';

// County → city → province: sum the own-level forms up the registry tree (docs/domain.md §4). Pure.

export interface Contribution {
  code: string;
  figures: ReturnFigures;
  status: 'ok' | 'warning';
  /** The file the figures came from, and the summary workbook that carried them, if any. */
  file: string;
  sha256: string;
  via?: string;
  /** What the branch wrote in the 说明 column (the bulletin acknowledges an explained decrease instead of asking again). */
  notes?: ReturnResult['notes'];
}

export interface Exclusion {
  file: string;
  code: string | null;
  /** The errors that left the file out, as data (the console and the writers say them in the run's language). */
  findings: Finding[];
}

/** A node's totals: null for every indicator when no branch of the node sent a usable return (never invented 0s). */
export type Totals = Record<IndicatorKey, number | null>;

export interface SummaryNode {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  annex1: Totals;
  annex2: Totals;
  /** How the 附件2 totals were made: against the baseline, from the branches' own figures, or both. */
  incrementBasis: 'baseline' | 'entered' | 'mixed';
  /** Branches whose own 附件2 figures were used because the baseline has no row (or cell) for them. */
  withoutBaseline: string[];
  /** Which rows mean something for this subtree (a row no branch in it reports stays "—"). */
  applicable: Record<IndicatorKey, boolean>;
  expected: string[];
  returnedOk: string[];
  returnedWithWarnings: string[];
  excluded: Exclusion[];
  missing: string[];
  complete: boolean;
  /** The branches summed here, in tree order. */
  parts: string[];
}

type Sums = Record<IndicatorKey, number>;
const zero = (): Sums => Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0]));
const unknown = (): Totals => Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null]));
// Sums are made in registry order and rounded, so file order never changes a figure.
const tidy = (n: number): number => Math.round(n * 1e4) / 1e4;

export function derivedIncrement(ind: Indicator, c: ReturnFigures, base: Figures | undefined): { value: number; usedBaseline: boolean } {
  const key = ind.key;
  const current = c.annex1[key] ?? null;
  const b = base?.[key];
  if (ind.derived && base && b !== null && b !== undefined && current !== null) return { value: current - b, usedBaseline: true };
  return { value: c.annex2[key] ?? 0, usedBaseline: false };
}

/** Which branches get a summary: the run's root (the registry's, or --under CODE) and every branch with children below it. */
export function summaryOrgs(registry: Registry, scope: string = registry.root.code): Org[] {
  return subtree(registry, scope).filter((o) => o.code === scope || o.children.length > 0);
}

export function rollup(
  registry: Registry,
  contributions: ReadonlyMap<string, Contribution>,
  exclusions: readonly Exclusion[],
  baseline: ReadonlyMap<string, Figures> | null,
  scope: string = registry.root.code,
): SummaryNode[] {
  return summaryOrgs(registry, scope).map((org) => {
    const members = subtree(registry, org.code);
    const memberCodes = new Set(members.map((m) => m.code));
    const annex1 = zero();
    const annex2 = zero();
    const parts: string[] = [];
    const withoutBaseline = new Set<string>();
    let usedBaseline = false;
    for (const m of members) {
      const c = contributions.get(m.code);
      if (!c) continue;
      parts.push(m.code);
      const base = baseline?.get(m.code);
      for (const ind of INDICATORS) {
        const key: IndicatorKey = ind.key;
        annex1[key] = (annex1[key] ?? 0) + (c.figures.annex1[key] ?? 0);
        if (baseline) {
          const inc = derivedIncrement(ind, c.figures, base);
          annex2[key] = (annex2[key] ?? 0) + inc.value;
          if (inc.usedBaseline) usedBaseline = true;
          // A row new this year has no baseline anywhere: that is said once (baseline-new-indicators), not per branch.
          else if (ind.derived && ind.previous !== null && appliesTo(ind, m.level)) withoutBaseline.add(m.code);
        } else annex2[key] = (annex2[key] ?? 0) + (c.figures.annex2[key] ?? 0);
      }
    }
    for (const key of INDICATOR_KEYS) {
      annex1[key] = tidy(annex1[key] ?? 0);
      annex2[key] = tidy(annex2[key] ?? 0);
    }
    // A file left out for errors still counts as returned when a summary covers its branch: it is listed, not counted.
    const excluded = exclusions.filter(
      (e) => (e.code !== null && memberCodes.has(e.code) && !contributions.has(e.code)) || (e.code === null && org.code === scope),
    );
    const excludedCodes = new Set(excluded.map((e) => e.code));
    const missing = members.filter((m) => !contributions.has(m.code) && !excludedCodes.has(m.code)).map((m) => m.code);
    const incrementBasis = !baseline || !usedBaseline ? 'entered' : withoutBaseline.size > 0 ? 'mixed' : 'baseline';
    return {
      code: org.code,
      name: org.name,
      level: org.level,
      parent: org.parent,
      // Nothing summed is nothing known: a node none of whose branches sent a usable return has no totals, not 0s.
      annex1: parts.length > 0 ? annex1 : unknown(),
      annex2: parts.length > 0 ? annex2 : unknown(),
      incrementBasis,
      withoutBaseline: members.filter((m) => withoutBaseline.has(m.code)).map((m) => m.code),
      applicable: Object.fromEntries(INDICATORS.map((i) => [i.key, members.some((m) => appliesTo(i, m.level))])),
      expected: members.map((m) => m.code),
      returnedOk: parts.filter((p) => contributions.get(p)!.status === 'ok'),
      returnedWithWarnings: parts.filter((p) => contributions.get(p)!.status === 'warning'),
      excluded,
      missing,
      complete: missing.length === 0 && excluded.length === 0,
      parts,
    };
  });
}
