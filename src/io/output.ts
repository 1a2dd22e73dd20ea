import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SetupError } from '../messages.js';

const TEMP_PREFIX = '.rc-org-tmp-';

export interface OutputFile {
  name: string;
  /** Writes the file at the (temporary) path given; called one file at a time, so a batch is never all in memory. */
  write: (path: string) => Promise<void>;
}

/** An output whose whole content is made in memory first (small files). */
export function dataFile(name: string, produce: () => Promise<Uint8Array | string>): OutputFile {
  return { name, write: async (path) => writeFile(path, await produce()) };
}

export async function dirEntries(dir: string): Promise<string[] | null> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith(TEMP_PREFIX));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Write a batch of files into `dir` all or nothing: each goes to a hidden temp folder first, and only when
 * every one is written are they renamed into place. Existing targets are refused unless `force`.
 */
export async function writeBatch(
  dir: string,
  files: readonly OutputFile[],
  opts: { force: boolean; requireEmptyDir?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const existing = new Set(await dirEntries(dir));
  if (!opts.force) {
    if (opts.requireEmptyDir && existing.size > 0) throw new SetupError([{ code: 'output-dir-not-empty', params: { dir } }]);
    const clash = files.filter((f) => existing.has(f.name));
    if (clash.length > 0) throw new SetupError(clash.slice(0, 5).map((f) => ({ code: 'output-exists' as const, params: { file: join(dir, f.name) } })));
  }
  // A temp folder left by a run that was killed outright is stale: clear it.
  for (const n of await readdir(dir)) if (n.startsWith(TEMP_PREFIX)) await rm(join(dir, n), { recursive: true, force: true });

  const tmp = await mkdtemp(join(dir, TEMP_PREFIX));
  const onSignal = (sig: NodeJS.Signals): void => {
    // Leave nothing half-written behind, then die of the same signal.
    import('node:fs').then((fs) => fs.rmSync(tmp, { recursive: true, force: true })).finally(() => process.kill(process.pid, sig));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let current = '';
  try {
    let done = 0;
    for (const f of files) {
      current = f.name;
      await f.write(join(tmp, f.name));
      opts.onProgress?.(++done, files.length);
    }
    const written: string[] = [];
    for (const f of files) {
      current = f.name;
      await rename(join(tmp, f.name), join(dir, f.name));
      written.push(join(dir, f.name));
    }
    return written;
  } catch (e) {
    if (e instanceof SetupError) throw e;
    throw new SetupError([{ code: 'output-failed', params: { file: join(dir, basename(current)), reason: (e as Error).message } }]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
