import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SetupError, type MessageCode, type Params } from '../messages.js';
import { nonRegularKind } from '../read/extract.js';

export interface Discovered {
  /** Files to read, in a stable order (sorted), each as the path to show the user. */
  files: string[];
  skipped: { file: string; reason: 'lock-file' | 'hidden' | 'not-a-form' | 'inside-output' | 'link-to-folder' | 'broken-link' | 'unreadable-folder' }[];
  /** Paths named like a form that are not regular files (FIFO, device, socket): each fails alone with this. */
  problems: { file: string; code: MessageCode; params: Params }[];
  /** Links followed to the regular file they point at (said as a notice). */
  followed: { file: string; target: string }[];
}

// Old formats are read too, so they get a clear message instead of a silent skip.
const REPORTED = new Set(['.xlsx', '.csv', '.xls', '.et', '.xlsm', '.ods']);

function classify(name: string): 'lock-file' | 'hidden' | 'not-a-form' | null {
  if (name.startsWith('~$')) return 'lock-file';
  if (name.startsWith('.')) return 'hidden';
  if (!REPORTED.has(extname(name).toLowerCase())) return 'not-a-form';
  return null;
}

const namedLikeForm = (name: string): boolean => classify(name) === null;

/** Take a file found in a folder or by a pattern, or say why it is passed over. */
function admit(out: Discovered, shown: string, name: string): void {
  const reason = classify(name);
  if (reason) out.skipped.push({ file: shown, reason });
  else out.files.push(shown);
}

/** A path that is not a regular file: a finding on it when it is named like a form, else passed over. */
function notRegular(out: Discovered, shown: string, name: string, st: Parameters<typeof nonRegularKind>[0]): void {
  const reason = classify(name);
  if (reason) out.skipped.push({ file: shown, reason });
  else {
    const kind = nonRegularKind(st) ?? 'special';
    out.problems.push({ file: shown, code: 'file-not-regular', params: { kind } });
  }
}

/** A symlink met while walking or globbing: followed to a regular file (and said so), else passed over. */
async function link(out: Discovered, path: string, shown: string, name: string): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch {
    out.skipped.push({ file: shown, reason: 'broken-link' });
    return;
  }
  if (st.isDirectory())
    out.skipped.push({ file: shown, reason: 'link-to-folder' }); // never followed: a link can loop
  else if (!st.isFile()) notRegular(out, shown, name, st);
  else {
    const before = out.files.length;
    admit(out, shown, name);
    if (out.files.length > before) out.followed.push({ file: shown, target: await readlink(path).catch(() => '?') });
  }
}

async function walk(dir: string, shown: string, out: Discovered): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    out.skipped.push({ file: shown, reason: 'unreadable-folder' });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    const show = join(shown, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (namedLikeForm(e.name))
        notRegular(out, show, e.name, e); // a folder called x.xlsx is a mistake worth saying
      else await walk(path, show, out);
    } else if (e.isFile()) admit(out, show, e.name);
    else if (e.isSymbolicLink()) await link(out, path, show, e.name);
    else notRegular(out, show, e.name, e);
  }
}

/** Expand files, folders (recursively) and glob patterns into the files to check. A missing path is a setup error. */
export async function discover(paths: readonly string[], cwd: string, outputDir?: string): Promise<Discovered> {
  const out: Discovered = { files: [], skipped: [], problems: [], followed: [] };
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      st = null;
    }
    if (st?.isDirectory() && namedLikeForm(basename(abs))) notRegular(out, p, basename(abs), st);
    else if (st?.isDirectory()) await walk(abs, p, out);
    else if (st?.isFile())
      out.files.push(p); // named explicitly: read it whatever its name, to say what it is
    else if (st) {
      const kind = nonRegularKind(st) ?? 'special';
      out.problems.push({ file: p, code: 'file-not-regular', params: { kind } });
    } else if (isDynamicPattern(p)) {
      // Not onlyFiles, and links followed: otherwise it drops links silently. Each match is looked at below.
      const matches = (await glob(p, { cwd, onlyFiles: false, dot: false })).map((m) => m.replace(/\/$/, ''));
      if (matches.length === 0) missing.push(p);
      for (const m of matches.sort()) {
        const abs = resolve(cwd, m);
        const lst = await lstat(abs).catch(() => null);
        if (!lst) continue;
        if (lst.isSymbolicLink()) await link(out, abs, m, basename(m));
        else if (lst.isFile()) admit(out, m, basename(m));
        else if (!lst.isDirectory() || namedLikeForm(basename(m))) notRegular(out, m, basename(m), lst);
      }
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
    out.problems = out.problems.filter((f) => !inside(f.file));
  }
  return out;
}

export const isCsv = (file: string): boolean => extname(file).toLowerCase() === '.csv';
