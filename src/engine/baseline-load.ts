import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUMMARY_FILE } from '../core/summary-layout.js';
import type { Figures } from '../catalogue.js';
import { baselineFromSummary, parseBaselineTable } from '../core/baseline.js';
import { isDirectory } from '../io/output.js';
import { readSetupTable, readSetupText } from '../io/setup-file.js';
import { SetupError, nestedParams } from '../messages.js';
import type { Registry } from '../registry/types.js';
import { checkPaths, type RunNotice } from './check-returns.js';

export interface Baseline {
  figures: Map<string, Figures>;
  source: string;
  /** What the run should say about it: rows new this year, rows dropped (a baseline from last year's summary). */
  notices: RunNotice[];
}

/** --baseline FILE (CSV/xlsx, one row per branch) or DIR (last year's returned forms). Problems are setup errors (exit 2). */
export async function loadBaseline(path: string | undefined, cwd: string, registry: Registry): Promise<Baseline | null> {
  if (!path) return null;
  const abs = resolve(cwd, path);
  // Last year's merge: its folder (summary.json in it) or the summary.json itself.
  const summaryFile = (await isDirectory(abs)) ? join(abs, SUMMARY_FILE) : abs.toLowerCase().endsWith('.json') ? abs : null;
  if (summaryFile !== null && (summaryFile === abs || existsSync(summaryFile))) return summaryBaseline(summaryFile, path);
  if (await isDirectory(abs)) {
    const run = await checkPaths({ cwd, paths: [path], registry });
    const bad = run.returns.filter((r) => r.findings.some((f) => f.severity === 'error') || !r.figures || !r.org);
    if (bad.length > 0) {
      throw new SetupError(
        bad.slice(0, 10).map((r) => {
          const f = r.findings.find((x) => x.severity === 'error');
          return {
            code: 'file-unreadable-setup' as const,
            // The form's first error, as data: said in the run's language where the setup error is printed.
            params: f ? { file: r.file, ...nestedParams(f) } : { file: r.file, reason: '—' },
          };
        }),
      );
    }
    return { figures: new Map(run.returns.map((r) => [r.org!.code, r.figures!.annex1])), source: path, notices: [] };
  }
  const table = await readSetupTable({ abs, shown: path, what: 'baseline' });
  if (table.header.every((h) => h === '') && table.rows.length === 0) throw new SetupError([{ code: 'baseline-empty', params: { file: path } }]);
  const parsed = parseBaselineTable(table, registry);
  if ('problems' in parsed) throw new SetupError(parsed.problems.map((p) => ({ ...p, file: path })));
  return { figures: parsed.figures, source: path, notices: [] };

  function summaryBaseline(file: string, shown: string): Baseline {
    const text = readSetupText({ abs: file, shown, what: 'baseline' });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new SetupError([{ code: 'baseline-summary-unreadable', params: {}, file: shown }]);
    }
    const read = baselineFromSummary(raw, registry);
    if ('problems' in read) throw new SetupError(read.problems.map((p) => ({ ...p, file: shown })));
    const notices: RunNotice[] = [];
    if (read.added.length > 0) notices.push({ code: 'baseline-new-indicators', params: { labels: read.added.join('、'), count: read.added.length } });
    if (read.dropped.length > 0) notices.push({ code: 'baseline-dropped-indicators', params: { labels: read.dropped.join('、'), count: read.dropped.length } });
    return { figures: read.figures, source: shown, notices };
  }
}
