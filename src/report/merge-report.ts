import { join } from 'node:path';
import { DEFAULT_RULES } from '../core/rates.js';
import { renderHtml } from './html.js';
import { buildModel } from './model.js';
import { SUMMARY_FILE, parseSummary } from './summary.js';

/**
 * merge's own report.html, drawn from the summary it has just made: checked by the same reader as `rc-org report`
 * (a merge that wrote something the report cannot read is a bug, and says so), with the default rules.
 */
export function mergeReportHtml(summary: unknown, dir: string): string {
  const file = join(dir, SUMMARY_FILE);
  const parsed = parseSummary(summary, file);
  return renderHtml(buildModel([{ dir, file, summary: parsed }], { rules: DEFAULT_RULES }));
}
