import { readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SetupError } from '../messages.js';

export interface Discovered {
  /** Files to read, in a stable order (sorted), each as the path to show the user. */
  files: string[];
  skipped: { file: string; reason: 'lock-file' | 'hidden' | 'not-a-form' | 'inside-output' }[];
}

// Old formats are read too, so they get a clear message instead of a silent skip.
const REPORTED = new Set(['.xlsx', '.csv', '.xls', '.et', '.xlsm', '.ods']);

function classify(name: string): Discovered['skipped'][number]['reason'] | null {
  if (name.startsWith('~$')) return 'lock-file';
  if (name.startsWith('.')) return 'hidden';
  if (!REPORTED.has(extname(name).toLowerCase())) return 'not-a-form';
  return null;
}

/** Take a file found in a folder or by a pattern, or say why it is passed over. */
function admit(out: Discovered, shown: string, name: string): void {
  const reason = classify(name);
  if (reason) out.skipped.push({ file: shown, reason });
  else out.files.push(shown);
}

async function walk(dir: string, shown: string, out: Discovered): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    const show = join(shown, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      await walk(path, show, out);
    } else if (e.isFile()) admit(out, show, e.name);
  }
}

/** Expand files, folders (recursively) and glob patterns into the files to check. A missing path is a setup error. */
export async function discover(paths: readonly string[], cwd: string, outputDir?: string): Promise<Discovered> {
  const out: Discovered = { files: [], skipped: [] };
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) await walk(abs, p, out);
    else if (st?.isFile()) out.files.push(p); // named explicitly: read it whatever its name, to say what it is
    else if (isDynamicPattern(p)) {
      const matches = await glob(p, { cwd, onlyFiles: true, dot: false });
      if (matches.length === 0) missing.push(p);
      for (const m of matches.sort()) admit(out, m, basename(m));
    } else missing.push(p);
  }
  if (missing.length > 0) throw new SetupError(missing.map((path) => ({ code: 'path-not-found' as const, params: { path } })));
  out.files = [...new Set(out.files)];
  if (outputDir) {
    const inside = (file: string): boolean => {
      const rel = relative(outputDir, resolve(cwd, file));
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    out.skipped.push(...out.files.filter(inside).map((file) => ({ file, reason: 'inside-output' as const })));
    out.files = out.files.filter((f) => !inside(f));
  }
  return out;
}

export const isCsv = (file: string): boolean => extname(file).toLowerCase() === '.csv';
