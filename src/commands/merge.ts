import { resolve } from 'node:path';
import { planMerge, type MergePlan } from '../core/merge-plan.js';
import { rollup, type SummaryNode } from '../core/rollup.js';
import { collectionStatus, stateByCode, statusCounts, type CollectionStatus } from '../core/status.js';
import type { Finding } from '../core/finding.js';
import { prettyJsonChunks, writeChunks } from '../io/json.js';
import { prepareOutput, releaseOutput, writeBatch } from '../io/output.js';
import { assertOutFolder } from '../io/out-folder.js';
import { MAX_REASONS, SetupError, findingText, joinReasons, type Lang } from '../messages.js';
import { word } from '../words.js';
import { summaryJson, writeLongCsv, type SummaryJson } from '../merge/outputs.js';
import { summaryFileName, writeSummaryWorkbook } from '../merge/summary-workbook.js';
import type { PoolOptions } from '../read/pool.js';
import { loadSignKey } from '../io/sign-key.js';
import { prewarmReaders } from '../read/pool.js';
import { loadRegistry } from '../registry/load.js';
import type { Registry } from '../registry/types.js';
import { loadExcelJS } from '../issued-form/form.js';
import { loadBaseline } from '../engine/baseline-load.js';
import { checkPaths } from '../engine/check-returns.js';
import { noticesOf, type ValidateReport } from './validate.js';
import { mergeReportFile } from './report.js';

export interface MergeOptions extends PoolOptions {
  cwd: string;
  paths: string[];
  out: string;
  year?: number;
  orgs?: string;
  baseline?: string;
  /** --sign-key FILE: verify each identity's signature, and sign the summaries written. */
  signKey?: string;
  force?: boolean;
  lang?: Lang;
  /** --under CODE: merge that branch's subtree only. */
  under?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface MergeReport {
  summary: SummaryJson;
  nodes: SummaryNode[];
  plan: MergePlan;
  status: CollectionStatus;
  registry: Registry;
  notices: ValidateReport['notices'];
  outDir: string;
  written: string[];
}

/** Why a branch has its status, as one text for a cell: each finding with its cell, joined without doubled stops. */
export function reasonsText(findings: readonly Finding[], lang: Lang): string {
  const shown = findings.slice(0, MAX_REASONS).map((f) => findingText(f, lang));
  if (findings.length > MAX_REASONS) shown.push(word('moreFindings', lang)(findings.length - MAX_REASONS));
  return joinReasons(shown, lang);
}

export const SUMMARY_JSON = 'summary.json';
/** summary.json's long arrays, written item by item (one entry per branch and per input file at national scale). */
export const SUMMARY_STREAMED = ['branches', 'sources'] as const;
export const LONG_CSV = 'summary-long.csv';

export async function runMerge(opts: MergeOptions): Promise<MergeReport> {
  const lang = opts.lang ?? 'zh';
  const dir = resolve(opts.cwd, opts.out);
  await assertOutFolder(dir, opts.out);
  prewarmReaders(opts); // the readers load exceljs while the registry is read
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const baseline = await loadBaseline(opts.baseline, opts.cwd, registry);
  const signKey = loadSignKey(opts.signKey, opts.cwd);
  // --out is checked and locked before any input is read: a bad --out, or another run writing there, fails at once.
  await prepareOutput(dir, { force: opts.force ?? false, requireEmptyDir: true });
  try {
    return await mergeInto(dir, registry, baseline, signKey, opts, lang);
  } finally {
    releaseOutput(dir);
  }
}

async function mergeInto(
  dir: string,
  registry: Registry,
  baseline: Awaited<ReturnType<typeof loadBaseline>>,
  signKey: Uint8Array | null,
  opts: MergeOptions,
  lang: Lang,
): Promise<MergeReport> {
  // exceljs (for writing) loads while the readers work: after them, the main thread would load it with a core idle.
  const excel = loadExcelJS();
  excel.catch(() => undefined); // awaited below; a run that stops earlier never asks
  // Files inside --out are earlier outputs of merge itself (`merge . --out 汇总`, run again with --force): never inputs.
  const run = await checkPaths({ ...opts, registry, baseline: baseline?.figures ?? null, outputDir: dir, signKey });
  const year = run.year ?? opts.year;
  if (year === undefined) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const plan = planMerge(run.returns, registry);
  const nodes = rollup(registry, plan.contributions, plan.exclusions, baseline?.figures ?? null, run.scope);
  const status = collectionStatus(run.returns, registry, run.scope);
  const summary = summaryJson(year, run.baselineYear, nodes, plan, { status, registry, baseline: baseline?.figures ?? null });
  // From here on nothing refers to the per-file results (`run.returns`): a national run's 30,000 of them can go
  // while the outputs are written, which is when merge's memory peaks.
  const { scope, baselineYear } = run;
  const notices = noticesOf(run, lang);

  const ExcelJS = await excel;
  const written = await writeBatch(
    dir,
    [
      ...nodes.map((node) => ({
        name: summaryFileName(year, node),
        write: async (path: string) => {
          const members = new Set(node.expected);
          await writeSummaryWorkbook(
            ExcelJS,
            {
              node,
              registry,
              year,
              baselineYear,
              details: node.parts.map((code) => ({ code, figures: plan.contributions.get(code)!.figures, file: plan.contributions.get(code)!.file })),
              sources: plan.sources.filter((s) => (s.code !== null && members.has(s.code)) || (s.code === null && node.code === scope)),
              branches: node.expected.flatMap((code) => stateByCode(status).get(code) ?? []),
              counts: statusCounts(status, registry, node.code),
              unattributed: node.code === scope ? status.unattributed : [],
              reasonsOf: (findings) => reasonsText(findings, lang),
              lang,
              signKey,
            },
            path,
          );
        },
      })),
      { name: SUMMARY_JSON, write: (path: string) => writeChunks(path, prettyJsonChunks({ ...summary }, SUMMARY_STREAMED)) },
      { name: LONG_CSV, write: (path: string) => writeLongCsv(registry, plan, path) },
      mergeReportFile(summary, dir), // the bulletin's page (issue 12)
    ],
    { force: opts.force ?? false, requireEmptyDir: true },
  );
  return { summary, nodes, plan, status, registry, notices, outDir: dir, written };
}

/** 1 when any file was left out for errors; the summaries are still written, marked incomplete. */
export const mergeExitCode = (r: MergeReport): number => (r.plan.exclusions.length > 0 ? 1 : 0);
