import { parentPort, workerData } from 'node:worker_threads';
import type { SummaryJson } from '../merge/outputs.js';
import { mergeReportHtml } from './merge-report.js';

// Draws merge's report.html on the second core while the main thread writes the summary workbooks.
const { summaryText, dir } = workerData as { summaryText: string; dir: string };
parentPort!.postMessage(mergeReportHtml(JSON.parse(summaryText) as SummaryJson, dir));
