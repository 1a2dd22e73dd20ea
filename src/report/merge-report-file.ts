import { dataFile, type OutputFile } from '../io/output.js';
import type { SummaryJson } from '../merge/outputs.js';

/** The bulletin's page: written by report, and by merge for the summary it has just made. */
export const REPORT_HTML = 'report.html';

/**
 * merge's own report.html, drawn from the summary it has just made (src/report/merge-report.ts, loaded only when
 * drawn). merge draws it on the main thread while its readers write the summary workbooks.
 */
export function mergeReportFile(summary: SummaryJson, dir: string): OutputFile {
  return dataFile(REPORT_HTML, async () => (await import('./merge-report.js')).mergeReportHtml(summary, dir));
}
