import { resolve } from 'node:path';
import type { Figures } from '../catalogue.js';
import { parseBaselineTable } from '../core/baseline.js';
import { isDirectory } from '../io/output.js';
import { readSetupTable } from '../io/setup-file.js';
import { SetupError, nestedParams } from '../messages.js';
import type { Registry } from '../registry/types.js';
import { checkPaths } from './check-returns.js';

export interface Baseline {
  figures: Map<string, Figures>;
  source: string;
}

/** --baseline FILE (CSV/xlsx, one row per branch) or DIR (last year's returned forms). Problems are setup errors (exit 2). */
export async function loadBaseline(path: string | undefined, cwd: string, registry: Registry): Promise<Baseline | null> {
  if (!path) return null;
  const abs = resolve(cwd, path);
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
    return { figures: new Map(run.returns.map((r) => [r.org!.code, r.figures!.annex1])), source: path };
  }
  const table = await readSetupTable({ abs, shown: path, what: 'baseline' });
  if (table.header.every((h) => h === '') && table.rows.length === 0) throw new SetupError([{ code: 'baseline-empty', params: { file: path } }]);
  const parsed = parseBaselineTable(table, registry);
  if ('problems' in parsed) throw new SetupError(parsed.problems.map((p) => ({ ...p, file: path })));
  return { figures: parsed.figures, source: path };
}
