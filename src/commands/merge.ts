import { resolve } from 'node:path';
import { planMerge, type MergePlan } from '../core/merge-plan.js';
import { rollup, type SummaryNode } from '../core/rollup.js';
import { collectionStatus, type CollectionStatus } from '../core/status.js';
import { prettyJsonChunks, writeChunks } from '../io/json.js';
import { writeBatch } from '../io/output.js';
import { SetupError, type Lang } from '../messages.js';
import { summaryJson, writeLongCsv, type SummaryJson } from '../merge/outputs.js';
import { summaryFileName, writeSummaryWorkbook } from '../merge/summary-workbook.js';
import type { PoolOptions } from '../read/pool.js';
import { loadRegistry } from '../registry/load.js';
import type { Registry } from '../registry/types.js';
import { loadExcelJS } from '../template/form.js';
import { loadBaseline } from '../validate/baseline-load.js';
import { checkPaths } from '../validate/engine.js';
import { noticesOf, type ValidateReport } from './validate.js';

export interface MergeOptions extends PoolOptions {
  cwd: string;
  paths: string[];
  out: string;
  year?: number;
  orgs?: string;
  baseline?: string;
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

/** A branch's line on the 报送情况 sheet, in the run's language (the reasons beside it are too). */
const STATUS_WORDS = {
  zh: { ok: '已报送', warning: '已报送（有警告）', excluded: '未采用（有错误）', missing: '未报送' },
  en: { ok: 'returned', warning: 'returned (warnings)', excluded: 'left out (errors)', missing: 'missing' },
} as const;

export const SUMMARY_JSON = 'summary.json';
export const LONG_CSV = 'summary-long.csv';

export async function runMerge(opts: MergeOptions): Promise<MergeReport> {
  const lang = opts.lang ?? 'zh';
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const baseline = await loadBaseline(opts.baseline, opts.cwd, registry);
  const dir = resolve(opts.cwd, opts.out);
  // Files inside --out are earlier outputs of merge itself (`merge . --out 汇总`, run again with --force): never inputs.
  const run = await checkPaths({ ...opts, registry, baseline: baseline?.figures ?? null, outputDir: dir });
  const year = run.year ?? opts.year;
  if (year === undefined) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const plan = planMerge(run.returns, registry, lang);
  const nodes = rollup(registry, plan.contributions, plan.exclusions, baseline?.figures ?? null, run.scope);
  const status = collectionStatus(run.returns, registry, run.scope);
  const summary = summaryJson(year, run.baselineYear, nodes, plan, { status, registry, baseline: baseline?.figures ?? null });

  const words = STATUS_WORDS[lang];
  const statusByCode = new Map<string, { status: string; file: string }>();
  for (const e of plan.exclusions) if (e.code) statusByCode.set(e.code, { status: words.excluded, file: `${e.file}：${e.reasons.join('；')}` });
  for (const [code, c] of plan.contributions) statusByCode.set(code, { status: c.status === 'ok' ? words.ok : words.warning, file: c.via ? `${c.via}（${c.file}）` : c.file });

  // Loaded only now, once the readers are gone: loading it beside them would add to the peak memory.
  const ExcelJS = await loadExcelJS();
  const written = await writeBatch(
    dir,
    [
      ...nodes.map((node) => ({
        name: summaryFileName(year, node),
        write: async (path: string) => {
          const members = new Set(node.expected);
          await writeSummaryWorkbook(ExcelJS, {
            node,
            registry,
            year,
            baselineYear: run.baselineYear,
            details: node.parts.map((code) => ({ code, figures: plan.contributions.get(code)!.figures, file: plan.contributions.get(code)!.file })),
            sources: plan.sources.filter((s) => (s.code !== null && members.has(s.code)) || (s.code === null && node.code === run.scope)),
            statusOf: (code) => statusByCode.get(code) ?? { status: words.missing, file: '' },
          }, path);
        },
      })),
      { name: SUMMARY_JSON, write: (path: string) => writeChunks(path, prettyJsonChunks({ ...summary }, 'sources')) },
      { name: LONG_CSV, write: (path: string) => writeLongCsv(registry, plan, path) },
    ],
    { force: opts.force ?? false, requireEmptyDir: true },
  );
  return { summary, nodes, plan, status, registry, notices: noticesOf(run, lang), outDir: dir, written };
}

/** 1 when any file was left out for errors; the summaries are still written, marked incomplete. */
export const mergeExitCode = (r: MergeReport): number => (r.plan.exclusions.length > 0 ? 1 : 0);
