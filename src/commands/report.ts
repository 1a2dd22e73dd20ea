import { resolve } from 'node:path';
import { checkOptionTexts } from '../io/option-texts.js';
import { SetupError, type Lang } from '../messages.js';
import { dataFile, writeBatch, type OutputFile } from '../io/output.js';
import { assertOutFolder } from '../io/out-folder.js';
import { REPORT_HTML } from '../report/merge-report-file.js';
import type { ReportModel } from '../report/model.js';
import { dayAsDate, officialHeader, parseOfficialDate, today } from '../report/official.js';
import { loadRules } from '../report/rules.js';
import { loadSummary, madeWithSurveyInForce, orderYears } from '../report/summary.js';
import { SURVEY } from '../catalogue.js';
import { withSurveyOption } from '../survey/load.js';

export const REPORT_PDF = 'report.pdf';
export const DOCX_NAME = '工作通报（草稿）.docx';

// The page, the charts (echarts), the document (docx) and the browser driver are loaded only when a report is
// drawn: every other command starts without them.
const drawing = async () => {
  const [{ renderHtml }, { buildModel }] = await Promise.all([import('../report/html.js'), import('../report/model.js')]);
  return { renderHtml, buildModel };
};

export interface ReportOptions {
  cwd: string;
  /** --survey FILE: the survey definition (default: the built-in one). */
  survey?: string;
  /** merge output folders (one per year). */
  dirs: string[];
  out: string;
  pdf?: boolean;
  docx?: boolean;
  rules?: string;
  /** The bulletin's title (default: 〈issuing body〉关于〈year〉年度组织体系建设工作情况的通报). */
  title?: string;
  /** 发文字号, e.g. 吉红会发〔2022〕3号 (default: a blank to fill in). */
  docNumber?: string;
  /** The 主送 line (default: the root's direct subordinates, grouped). */
  to?: string;
  /** 成文日期 as YYYY-MM-DD (default: today). */
  date?: string;
  force?: boolean;
  lang?: Lang;
  /** Today, for the default 成文日期 (tests fix it). */
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

export interface ReportResult {
  model: ReportModel;
  outDir: string;
  written: string[];
  htmlBytes: number;
}

/** report, with the survey of --survey (or the built-in one) in force. */
export async function runReport(opts: ReportOptions): Promise<ReportResult> {
  return withSurveyOption(opts.survey, opts.cwd, () => reportInForce(opts));
}

async function reportInForce(opts: ReportOptions): Promise<ReportResult> {
  const day = opts.date === undefined ? today(opts.now) : parseOfficialDate(opts.date);
  if (day === null) throw new SetupError([{ code: 'report-bad-date', params: { value: opts.date ?? '' } }]);
  checkOptionTexts({ '--title': opts.title, '--to': opts.to, '--doc-number': opts.docNumber });
  if (opts.dirs.length === 0) throw new SetupError([{ code: 'report-no-summary', params: { dir: opts.cwd } }]);
  const outDir = resolve(opts.cwd, opts.out);
  await assertOutFolder(outDir, opts.out); // as every command that writes a folder says it, before reading anything
  const rules = loadRules(opts.cwd, opts.rules);
  const years = orderYears(opts.dirs.map((d) => loadSummary(opts.cwd, d)));
  // The bulletin's year is read with the survey in force: a summary of another form needs its own definition.
  const latest = years[years.length - 1]!;
  if (!madeWithSurveyInForce(latest.summary))
    throw new SetupError([
      { code: 'report-other-survey', params: { file: latest.file, found: latest.summary.survey?.version ?? '—', expected: SURVEY.survey.version } },
    ]);
  const { renderHtml, buildModel } = await drawing();
  // The 公文 header from the whole run (every branch, not only those the page lists), shared by page, PDF and .docx.
  const s = years[years.length - 1]!.summary;
  const root = s.branches.find((b) => b.code === s.scope)!;
  const official = officialHeader({ root, year: s.year, branches: s.branches }, { title: opts.title, docNumber: opts.docNumber, to: opts.to, date: day });
  const model = { ...buildModel(years, { rules, title: official.title, now: dayAsDate(day) }), official };
  // Found before anything is written: without a browser, --pdf writes nothing at all.
  const pdf = opts.pdf ? await import('../report/pdf.js') : null;
  const browser = pdf ? pdf.requireBrowser(opts.env ?? process.env) : null;
  const html = renderHtml(model, opts.lang ?? 'zh');
  const files: OutputFile[] = [dataFile(REPORT_HTML, () => html)];
  if (pdf && browser) files.push({ name: REPORT_PDF, write: (path) => pdf.printPdf(html, path, browser) });
  if (opts.docx) files.push(dataFile(DOCX_NAME, async () => (await import('../report/docx.js')).docxBytes(model)));
  const written = await writeBatch(outDir, files, { force: opts.force ?? false });
  return { model, outDir, written, htmlBytes: Buffer.byteLength(html) };
}
