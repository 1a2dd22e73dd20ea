import { SURVEY } from '../catalogue.js';
import { planMerge, type MergePlan } from '../core/merge-plan.js';
import { rollup, type SummaryNode } from '../core/rollup.js';
import { collectionStatus, type CollectionStatus } from '../core/status.js';
import { prettyJsonChunks, writeChunks } from '../io/json.js';
import { writeBatch, type OutputFile } from '../io/output.js';
import { SetupError } from '../messages.js';
import { summaryJson, writeLongCsv, type SummaryJson } from '../merge/outputs.js';
import { summaryFileName, summarySpecOf, writeSummaryWorkbook, type SummaryRun, type SummaryWorkbookSpec } from '../merge/summary-workbook.js';
import type { SummaryTask } from '../merge/summary-task.js';
import { readerTasks, type ReaderTasks } from '../read/reader-tasks.js';
import { stopSpareReaders } from '../read/reader-slot.js';
import type { Registry } from '../registry/types.js';
import { loadExcelJS, type ExcelJSModule } from '../issued-form/form.js';
import { checkInputs, discoverInputs, readInputs, runStatus } from '../engine/check-returns.js';
import { noticesOf, type NoticeJson } from '../engine/notices.js';
import { checkContextOf, statusContextOf, withSetup, type CheckCommandOptions, type OutFolderOptions, type OutSetup } from '../engine/setup.js';
import { mergeReportFile } from '../report/merge-report-file.js';
import { withSurveyOption } from '../survey/load.js';

/** --sign-key FILE verifies each identity's signature, and signs the summaries written. */
export interface MergeOptions extends CheckCommandOptions, OutFolderOptions {
  /** Up to how many branches the summary workbooks are written on the readers (default PARALLEL_MAX_BRANCHES). */
  parallelUpTo?: number;
}

export interface MergeReport {
  summary: SummaryJson;
  nodes: SummaryNode[];
  plan: MergePlan;
  status: CollectionStatus;
  registry: Registry;
  notices: NoticeJson[];
  outDir: string;
  written: string[];
}

export const SUMMARY_JSON = 'summary.json';
/** summary.json's long arrays, written item by item (one entry per branch and per input file at national scale). */
const SUMMARY_STREAMED = ['branches', 'sources'] as const;
export const LONG_CSV = 'summary-long.csv';

/** merge, with the survey of --survey (or the built-in one) in force. */
export async function runMerge(opts: MergeOptions): Promise<MergeReport> {
  return withSurveyOption(opts.survey, opts.cwd, () => mergeInForce(opts));
}

async function mergeInForce(opts: MergeOptions): Promise<MergeReport> {
  return withSetup(opts, opts, async (setup) => {
    try {
      return await mergeInto(setup, opts);
    } finally {
      stopSpareReaders(); // readers kept for the summary workbooks, should the run have stopped before them
    }
  });
}

/**
 * Up to this many branches, merge keeps its readers once reading is done and writes the summary workbooks on them
 * while the main thread writes summary.json, the long CSV and report.html. Above it, where the copy of the data each
 * reader needs would cost more memory than the time is worth, the main thread writes everything, one file at a time.
 */
const PARALLEL_MAX_BRANCHES = 5_000;
/** A summary workbook's cost for sharing them out between the readers: its branches, and a fixed part per workbook. */
const workbookWeight = (node: SummaryNode): number => node.expected.length + 50;

async function mergeInto(setup: OutSetup, opts: MergeOptions): Promise<MergeReport> {
  const { registry, baseline, signKey, lang, outDir: dir } = setup;
  const parallel = registry.orgs.length <= (opts.parallelUpTo ?? PARALLEL_MAX_BRANCHES);
  // Without readers to write on, exceljs (for writing) loads while the readers work: after them, the main thread
  // would load it with a core idle.
  const excel = parallel ? null : loadExcelJS();
  excel?.catch(() => undefined); // awaited below; a run that stops earlier never asks
  // Files inside --out are earlier outputs of merge itself (`merge . --out 汇总`, run again with --force): never inputs.
  const found = await discoverInputs({ ...opts, outputDir: dir });
  const reads = readInputs(found, { ...opts, keepReaders: parallel });
  const checked = await checkInputs(reads, checkContextOf(setup, true), { total: found.files.length, onProgress: opts.onProgress });
  const run = runStatus(found, checked, statusContextOf(setup, opts));
  const year = run.year ?? opts.year;
  if (year === undefined) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const plan = planMerge(run.returns, registry);
  const nodes = rollup(registry, plan.contributions, plan.exclusions, baseline?.figures ?? null, run.scope);
  const status = collectionStatus(run.returns, registry, run.scope);
  const summary = summaryJson(year, run.baselineYear, nodes, plan, { status, registry, baseline: baseline?.figures ?? null });
  // From here on nothing refers to the per-file results (`run.returns`): a national run's 30,000 of them can go
  // while the outputs are written, which is when merge's memory peaks.
  const summaryRun: SummaryRun = { registry, plan, status, year, baselineYear: run.baselineYear, scope: run.scope, lang, signKey };
  const notices = noticesOf(run.notices, lang);

  const readers = parallel ? readerTasks<SummaryTask>('merge/summary-task.js', opts) : null;
  const files = mergeOutputs(nodes, summary, summaryRun, dir, readers, excel);
  try {
    const written = await writeBatch(dir, files, { force: opts.force ?? false, requireEmptyDir: true, concurrent: readers !== null });
    return { summary, nodes, plan, status, registry, notices, outDir: dir, written };
  } finally {
    readers?.close();
  }
}

/** merge's outputs, in the order they are started: the workbooks on the readers when there are any, else here. */
function mergeOutputs(
  nodes: readonly SummaryNode[],
  summary: SummaryJson,
  run: SummaryRun,
  dir: string,
  readers: ReaderTasks<SummaryTask> | null,
  excel: Promise<ExcelJSModule> | null,
): OutputFile[] {
  const onMainThread = async (spec: SummaryWorkbookSpec, path: string): Promise<void> => writeSummaryWorkbook(await (excel ?? loadExcelJS()), spec, path);
  const workbooks = nodes.map((node) => ({
    name: summaryFileName(run.year, node),
    write: async (path: string) => {
      const spec = summarySpecOf(node, run);
      // Should a reader fail, the workbook is written here instead, where any error says what it is.
      if (readers) await readers.run({ spec, path, survey: SURVEY }, workbookWeight(node)).catch(() => onMainThread(spec, path));
      else await onMainThread(spec, path);
    },
  }));
  const data = [
    { name: SUMMARY_JSON, write: (path: string) => writeChunks(path, prettyJsonChunks({ ...summary }, SUMMARY_STREAMED)) },
    { name: LONG_CSV, write: (path: string) => writeLongCsv(run.registry, run.plan, path) },
  ];
  const report = [mergeReportFile(summary, dir)]; // the bulletin's page (issue 12)
  // One file at a time (a national run), the page is drawn first, while memory is lowest: drawn after the workbooks
  // it put merge's peak RSS at 30,000 branches 45 MiB higher (their buffers still waiting for the collector).
  return readers ? [...workbooks, ...data, ...report] : [...report, ...workbooks, ...data];
}

/** 1 when any file was left out for errors; the summaries are still written, marked incomplete. */
export const mergeExitCode = (r: MergeReport): number => (r.plan.exclusions.length > 0 ? 1 : 0);
