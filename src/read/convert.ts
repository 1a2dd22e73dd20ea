import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yauzl from 'yauzl';
import { findSoffice as locateSoffice, thisMachine } from './programs.js';

// Old formats (.xls, .et), OpenDocument (.ods) and workbooks exceljs cannot parse, turned into .xlsx copies by
// LibreOffice when it is installed: one `soffice --convert-to xlsx` call for the whole batch, in a private temp
// folder with its own profile (so a clerk's open LibreOffice is not disturbed), under a time limit. The inputs
// are copied first: LibreOffice never opens (or leaves a lock file beside) the clerk's own files.

/** LibreOffice's soffice: `explicit` (--soffice) when given, else on PATH or at its standard install location (src/read/programs.ts). */
export function findSoffice(env: NodeJS.ProcessEnv = process.env, explicit?: string): string | null {
  return locateSoffice(thisMachine(env), explicit);
}

export interface Conversion {
  /** The folder holding the copies; remove it with `dispose` once they are read. */
  dir: string;
  /** Input path → the converted .xlsx copy (absent when LibreOffice could not open it). */
  converted: Map<string, string>;
  /** True when LibreOffice was stopped at the time limit. */
  timedOut: boolean;
  dispose: () => Promise<void>;
}

export interface ConvertOptions {
  soffice: string;
  /** Stop LibreOffice after this long; default 60 s plus 5 s per file. */
  timeoutMs?: number;
}

/** Convert `inputs` (absolute paths) to .xlsx copies with one LibreOffice call. Never throws for a file it cannot open. */
export async function convertToXlsx(inputs: readonly string[], opts: ConvertOptions): Promise<Conversion> {
  const dir = await mkdtemp(join(tmpdir(), 'rc-org-convert-'));
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const converted = new Map<string, string>();
  if (inputs.length === 0) return { dir, converted, timedOut: false, dispose };
  const inDir = join(dir, 'in');
  const outDir = join(dir, 'out');
  await mkdir(inDir);
  await mkdir(outDir);
  // Numbered copies: two returns with one name in different folders must not overwrite each other's output.
  const copies = await Promise.all(
    inputs.map(async (abs, i) => {
      const copy = join(inDir, `f${i}${extname(abs).toLowerCase() || '.bin'}`);
      await copyFile(abs, copy);
      return { abs, copy, out: join(outDir, `f${i}.xlsx`) };
    }),
  );
  const timeoutMs = opts.timeoutMs ?? 60_000 + 5_000 * inputs.length;
  const profile = pathToFileURL(join(dir, 'profile')).href;
  const args = [
    `-env:UserInstallation=${profile}`,
    '--headless',
    '--invisible',
    '--nologo',
    '--norestore',
    '--nodefault',
    '--convert-to',
    'xlsx',
    '--outdir',
    outDir,
    ...copies.map((c) => c.copy),
  ];
  const timedOut = await new Promise<boolean>((resolve) => {
    let done = false;
    const child = spawn(opts.soffice, args, { stdio: 'ignore', detached: process.platform !== 'win32' });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      resolve(true);
    }, timeoutMs);
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(false);
    };
    child.on('exit', finish);
    child.on('error', finish);
  });
  const made = new Set(await readdir(outDir).catch(() => [] as string[]));
  for (const c of copies) if (made.has(`f${copies.indexOf(c)}.xlsx`)) converted.set(c.abs, c.out);
  return { dir, converted, timedOut, dispose };
}

/** The notice a converted file gets, by what it was. */
export function conversionKind(file: string): 'xls' | 'ods' | 'xlsx' {
  const ext = extname(file).toLowerCase();
  if (ext === '.ods') return 'ods';
  if (ext === '.xls' || ext === '.et') return 'xls';
  return 'xlsx';
}

/** Extensions always handed to LibreOffice (exceljs reads none of them). */
export const CONVERTED_EXTENSIONS = new Set(['.xls', '.et', '.ods']);

/** The text of an .ods (its content.xml, tags dropped), or null when it is no readable zip. Small files only. */
export async function odsText(abs: string, maxBytes = 20 * 1024 * 1024): Promise<string | null> {
  try {
    const buf = await readFile(abs);
    if (buf.length > maxBytes) return null;
    const zip = await yauzl.fromBufferPromise(buf, { validateEntrySizes: true });
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName !== 'content.xml' || entry.uncompressedSize > maxBytes) continue;
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks)
          .toString('utf8')
          .replace(/<text:s\/>/g, ' ')
          .replace(/<\/text:p>/g, '\n')
          .replace(/<[^>]+>/g, '');
      }
    } finally {
      zip.close();
    }
  } catch {
    // not a zip, or a damaged one: nothing to recognise
  }
  return null;
}
