import { LONG_CSV_HEADER } from '../core/summary-layout.js';
import { stringify } from 'csv-stringify/sync';
import { INDICATORS, SURVEY, labelOf, type Figures, type IndicatorKey, type Level } from '../catalogue.js';
import type { Finding, ReturnFigures, ReturnResult } from '../core/finding.js';
import type { MergePlan } from '../core/merge-plan.js';
import { exclusionReasons } from '../messages.js';
import type { SummaryNode } from '../core/rollup.js';
import { BRANCH_STATUSES, statusCounts, type BranchStatus, type CollectionStatus } from '../core/status.js';
import type { Registry } from '../registry/types.js';
import { neutralise } from '../text-safety.js';
import { csvFields, csvOptions } from '../io/table.js';
import { GENERATOR } from '../version.js';
import { writeChunks } from '../io/json.js';

// summary.json and the long-format CSV: plain data, built from the plan and the roll-up (pure but for writeLongCsv).

/** Bumped whenever the shape changes; readers (rc-org report) refuse a schema they do not know. */
export const SUMMARY_SCHEMA = 2;

/** One expected branch of the run: its status, its files, why, and the figures the roll-up used. */
export interface BranchJson {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  status: BranchStatus;
  files: string[];
  via: string | null;
  findings: Finding[];
  figures: ReturnFigures | null;
  baseline: Figures | null;
  /** What the used return wrote in its 说明 column, per annex and row; only when it wrote something. */
  notes?: ReturnResult['notes'];
}

export interface SummaryJson {
  schema: typeof SUMMARY_SCHEMA;
  generator: string;
  year: number;
  baselineYear: number;
  /** The code of the run's root (the registry's root, or --under CODE). */
  scope: string;
  /** The survey definition the figures were collected with: a later year's merge reads them through it (issue 20). */
  survey: SummarySurvey;
  totals: Record<
    string,
    {
      name: string;
      level: Level;
      /** null for every indicator when none of the node's branches sent a usable return (`returned` 0). */
      annex1: Record<IndicatorKey, number | null>;
      annex2: Record<IndicatorKey, number | null>;
      complete: boolean;
      missing: string[];
      incrementBasis: SummaryNode['incrementBasis'];
      withoutBaseline: string[];
      returned: number;
      expected: number;
      excluded: string[];
      /** Branches of this subtree per collection status; they add up to `expected`. */
      statuses: Record<BranchStatus, number>;
    }
  >;
  branches: BranchJson[];
  unattributed: CollectionStatus['unattributed'];
  /** `reasons` are always in Chinese (summary.json is the same whatever --lang); `findings` are the data. */
  excluded: { file: string; code: string | null; reasons: string[]; findings: Finding[] }[];
  sources: { file: string; sha256: string; code: string | null; used: boolean }[];
  reconciliations: {
    summaryFile: string;
    code: string;
    agreed: boolean;
    compared: string[];
    differences: MergePlan['reconciliations'][number]['differences'];
  }[];
}

export interface SummarySurvey {
  id: string;
  version: string;
  /** SHA-256 of the definition file. */
  sha256: string;
  /** Its rows, in order: what each key of the figures is. */
  indicators: { key: string; no: number; label: string; increaseLabel: string; unit: string; kind: string }[];
}

/** The survey in force, as summary.json records it. */
export function summarySurvey(): SummarySurvey {
  return {
    id: SURVEY.survey.id,
    version: SURVEY.survey.version,
    sha256: SURVEY.sha256,
    indicators: INDICATORS.map((i) => ({ key: i.key, no: i.no, label: i.annex1, increaseLabel: i.annex2, unit: i.unit, kind: i.kind })),
  };
}

export interface SummaryJsonContext {
  status: CollectionStatus;
  registry: Registry;
  baseline: ReadonlyMap<string, Figures> | null;
}

/** summary.json: data, not words — byte-identical whatever --lang (messages are rendered at the edges only). */
export function summaryJson(year: number, baselineYear: number, nodes: readonly SummaryNode[], plan: MergePlan, ctx: SummaryJsonContext): SummaryJson {
  const { status, registry, baseline } = ctx;
  const statusesOf = (code: string): Record<BranchStatus, number> => {
    const counts = statusCounts(status, registry, code);
    return Object.fromEntries(BRANCH_STATUSES.map((k) => [k, counts[k]])) as Record<BranchStatus, number>;
  };
  return {
    schema: SUMMARY_SCHEMA,
    generator: GENERATOR,
    year,
    baselineYear,
    scope: status.scope,
    survey: summarySurvey(),
    totals: Object.fromEntries(
      nodes.map((n) => [
        n.code,
        {
          name: n.name,
          level: n.level,
          annex1: n.annex1,
          annex2: n.annex2,
          complete: n.complete,
          missing: n.missing,
          incrementBasis: n.incrementBasis,
          withoutBaseline: n.withoutBaseline,
          returned: n.parts.length,
          expected: n.expected.length,
          excluded: n.excluded.map((e) => e.file),
          statuses: statusesOf(n.code),
        },
      ]),
    ),
    branches: status.branches.map((b): BranchJson => {
      const org = registry.byCode.get(b.code)!;
      return {
        code: b.code,
        name: org.name,
        level: org.level,
        parent: org.parent,
        status: b.status,
        files: b.files,
        via: b.via,
        findings: b.findings,
        figures: plan.contributions.get(b.code)?.figures ?? null,
        baseline: baseline?.get(b.code) ?? null,
        ...(plan.contributions.get(b.code)?.notes ? { notes: plan.contributions.get(b.code)!.notes } : {}),
      };
    }),
    unattributed: status.unattributed,
    excluded: plan.exclusions.map((e) => ({ file: e.file, code: e.code, reasons: exclusionReasons(e.findings, 'zh'), findings: e.findings })),
    sources: plan.sources.map((s) => ({ file: s.file, sha256: s.sha256, code: s.code, used: s.used })),
    reconciliations: plan.reconciliations.map((r) => ({
      summaryFile: r.summaryFile,
      code: r.code,
      agreed: r.differences.length === 0,
      compared: r.compared,
      differences: r.differences,
    })),
  };
}

/**
 * The long CSV: header, then one record per branch, annex and indicator, in registry order, neutralised. At national
 * scale it is close to a million lines, and stringifying each record on its own took ~0.5 s a 3,000-branch merge: each
 * branch's and each indicator's fields are quoted once, by csv-stringify, and the lines put together from those pieces
 * and the value (a number, which no CSV quotes). test/long-csv-property.test.ts holds it to the records stringified
 * one by one (`longCsvRecords` in test/merge-support.ts).
 */
export async function writeLongCsv(registry: Registry, plan: MergePlan, path: string): Promise<void> {
  const end = '\r\n';
  const options = csvOptions(end);
  const indicatorFields = (['annex1', 'annex2'] as const).map((annex) => ({
    annex,
    fields: INDICATORS.map((ind) => ({ key: ind.key, text: csvFields([annex, ind.key, labelOf(ind, annex)], options) })),
  }));
  const lines = function* (): Generator<string> {
    yield '\ufeff' + stringify([[...LONG_CSV_HEADER]], options);
    for (const org of registry.orgs) {
      const c = plan.contributions.get(org.code);
      if (!c) continue;
      const who = csvFields([org.code, org.name, org.level, org.parent ?? ''], options);
      const source = csvFields([c.via ? `${c.via} → ${c.file}` : c.file], options);
      for (const { annex, fields } of indicatorFields) {
        for (const f of fields) yield `${who},${f.text},${neutralise(c.figures[annex][f.key] ?? null)},${source}${end}`;
      }
    }
  };
  await writeChunks(path, lines());
}
