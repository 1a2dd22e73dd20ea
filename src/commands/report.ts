import { join, resolve } from 'node:path';
import { DEFAULT_RULES } from '../core/rates.js';
import { SetupError, type Lang } from '../messages.js';
import { dataFile, writeBatch, type OutputFile } from '../io/output.js';
import { DOCX_NAME, docxBytes } from '../report/docx.js';
import { renderHtml } from '../report/html.js';
import { buildModel, type ReportModel } from '../report/model.js';
import { printPdf, requireBrowser } from '../report/pdf.js';
import { loadRules } from '../report/rules.js';
import { SUMMARY_FILE, loadSummary, orderYears, parseSummary } from '../report/summary.js';

export const REPORT_HTML = 'report.html';
export const REPORT_PDF = 'report.pdf';

export interface ReportOptions {
  cwd: string;
  /** merge output folders (one per year). */
  dirs: string[];
  out: string;
  pdf?: boolean;
  docx?: boolean;
  rules?: string;
  title?: string;
  force?: boolean;
  lang?: Lang;
  /** The bulletin's date (default: today). */
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

export interface ReportResult {
  model: ReportModel;
  outDir: string;
  written: string[];
  htmlBytes: number;
}

export async function runReport(opts: ReportOptions): Promise<ReportResult> {
  if (opts.dirs.length === 0) throw new SetupError([{ code: 'report-no-summary', params: { dir: opts.cwd } }]);
  const rules = await loadRules(opts.cwd, opts.rules);
  const years = orderYears(await Promise.all(opts.dirs.map((d) => loadSummary(opts.cwd, d))));
  const model = buildModel(years, { rules, title: opts.title, now: opts.now });
  // Found before anything is written: without a browser, --pdf writes nothing at all.
  const browser = opts.pdf ? requireBrowser(opts.env ?? process.env) : null;
  const html = renderHtml(model);
  const files: OutputFile[] = [dataFile(REPORT_HTML, async () => html)];
  if (browser) files.push({ name: REPORT_PDF, write: (path) => printPdf(html, path, browser, { title: model.title, date: model.date }) });
  if (opts.docx) files.push(dataFile(DOCX_NAME, () => docxBytes(model)));
  const outDir = resolve(opts.cwd, opts.out);
  const written = await writeBatch(outDir, files, { force: opts.force ?? false });
  return { model, outDir, written, htmlBytes: Buffer.byteLength(html) };
}


/**
 * merge's own report.html, drawn from the summary it has just made: checked by the same reader as `rc-org report`
 * (a merge that wrote something the report cannot read is a bug, and says so), with the default rules.
 */
export function mergeReportFile(summary: object, dir: string): OutputFile {
  return dataFile(REPORT_HTML, async () => {
    const file = join(dir, SUMMARY_FILE);
    const parsed = parseSummary(JSON.parse(JSON.stringify(summary)), file);
    return renderHtml(buildModel([{ dir, file, summary: parsed }], { rules: DEFAULT_RULES }));
  });
}
