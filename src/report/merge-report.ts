import { join } from 'node:path';
import { defaultRules } from '../core/rates.js';
import { renderHtml } from './html.js';
import { buildModel } from './model.js';
import type { SummaryJson } from '../merge/outputs.js';
import { SUMMARY_FILE, checkOwnSummary } from './summary.js';

/**
 * merge's own report.html, drawn from the summary it has just made: checked by the same reader as `rc-org report`
 * (a merge that wrote something that does not add up is a bug, and says so; test/report*.ts read merge's
 * summary.json back through the full zod parse of `rc-org report`), with the default rules.
 */
export function mergeReportHtml(summary: SummaryJson, dir: string): string {
  const file = join(dir, SUMMARY_FILE);
  const parsed = checkOwnSummary(summary, file);
  return renderHtml(buildModel([{ dir, file, summary: parsed }], { rules: defaultRules() }));
}
