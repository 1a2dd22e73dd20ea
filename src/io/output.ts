import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SetupError, type ParamWords } from '../messages.js';

// Outputs are published whole or not at all, and one run at a time per folder:
//  - prepareOutput() checks --out before any input is read (a folder we can write in, or one we can create) and
//    takes a lock file in it, so a second run into the same folder refuses at once;
//  - writeBatch() writes every file into a hidden staging folder inside --out, then moves them into place in one
//    synchronous loop. Node runs signal handlers only between event-loop turns, so Ctrl-C (SIGINT) or SIGTERM
//    arrives either before that loop (nothing published: staging removed) or after it (the whole set is there);
//    a failure inside the loop puts back what it replaced (a journal of moves, undone in reverse).

const TEMP_PREFIX = '.rc-org-tmp-';
const LOCK_NAME = '.rc-org.lock';

export interface OutputFile {
  name: string;
  /** Writes the file at the (temporary) path given; called one file at a time (unless the batch is `concurrent`). */
  write: (path: string) => Promise<void>;
}

/** An output whose whole content is made in memory first (small files). */
export function dataFile(name: string, produce: () => Uint8Array | string | Promise<Uint8Array | string>): OutputFile {
  return { name, write: async (path) => writeFile(path, await produce()) };
}

/** What is in the folder, leaving out our own lock and staging folders. */
export async function dirEntries(dir: string): Promise<string[] | null> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith(TEMP_PREFIX) && n !== LOCK_NAME);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

interface Held {
  dir: string;
  lock: string;
  /** The outermost folder this run created (removed again if the run publishes nothing), or null. */
  created: string | null;
  staging: Set<string>;
}

const held = new Map<string, Held>();

// The system's error codes as the reasons the catalogue has words for (PARAM_WORDS.notWritable).
const ERRNO_REASONS: Record<string, keyof ParamWords['notWritable']> = {
  EACCES: 'no-permission',
  EPERM: 'no-permission',
  EROFS: 'read-only',
  ENOSPC: 'disk-full',
  ENOTDIR: 'not-a-folder',
  ENOENT: 'cannot-create',
  EEXIST: 'exists',
};

function notWritable(dir: string, e: unknown): SetupError {
  const code = typeof e === 'string' ? e : ((e as NodeJS.ErrnoException)?.code ?? '');
  const reason = Object.hasOwn(ERRNO_REASONS, code) ? ERRNO_REASONS[code] : undefined;
  return new SetupError([{ code: 'output-not-writable', params: reason ? { dir, reason } : { dir, reason: 'system-error', detail: code } }]);
}

const alive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Create `dir` (and missing parents) one level at a time; returns the outermost folder created, or null. */
function createFolder(dir: string): string | null {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    let st;
    try {
      st = statSync(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw notWritable(dir, e);
      const up = dirname(at);
      if (up === at) throw notWritable(dir, e);
      missing.unshift(at);
      at = up;
      continue;
    }
    // --out itself a file: the same words whichever command meets it first.
    if (!st.isDirectory()) throw at === dir ? new SetupError([{ code: 'out-is-a-file', params: { out: dir } }]) : notWritable(dir, 'ENOTDIR');
    break;
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if (missing[0] && existsSync(missing[0])) removeIfEmpty(missing[0], m);
      throw notWritable(dir, e);
    }
  }
  return missing[0] ?? null;
}

/** Remove the folders from `inner` up to `outer` that are empty (ours, created for a run that published nothing). */
function removeIfEmpty(outer: string, inner: string): void {
  for (let at = inner; ; at = dirname(at)) {
    try {
      rmdirSync(at);
    } catch {
      return;
    }
    if (at === outer || dirname(at) === at) return;
  }
}

function takeLock(dir: string): string {
  const lock = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw notWritable(dir, e);
      let pid = NaN;
      try {
        pid = Number(readFileSync(lock, 'utf8').trim());
      } catch {
        // unreadable lock: treated as stale below
      }
      if (alive(pid) && pid !== process.pid) throw new SetupError([{ code: 'output-locked', params: { dir, pid } }]);
      // Left by a run that was killed outright: stale.
      try {
        unlinkSync(lock);
      } catch (err) {
        throw notWritable(dir, err);
      }
    }
  }
  throw new SetupError([{ code: 'output-locked', params: { dir, pid: '?' } }]);
}

function cleanUp(h: Held): void {
  for (const s of h.staging) {
    try {
      rmSync(s, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // never let cleanup itself fail: the lock below must go in any case
    }
  }
  h.staging.clear();
  try {
    unlinkSync(h.lock);
  } catch {
    // already gone
  }
  if (h.created) removeIfEmpty(h.created, h.dir);
}

/** Files being staged right now: a signal then waits for the write in flight, so nothing lands after cleanup. */
let staging = 0;
let interrupted: NodeJS.Signals | null = null;

function die(sig: NodeJS.Signals): void {
  for (const h of held.values()) cleanUp(h);
  held.clear();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.kill(process.pid, sig); // die of the same signal, now that nothing of ours is left half-done
}

/** Writes that run another program (the browser that prints the PDF), told to stop when a signal comes. */
const interruptListeners = new Set<() => void>();

/**
 * Be told when Ctrl-C or SIGTERM arrives while a file is being written, so a write that drives another program can
 * stop it and remove what it made outside the staging folder; returns the unsubscribe.
 */
export function onInterrupt(listener: () => void): () => void {
  interruptListeners.add(listener);
  return () => interruptListeners.delete(listener);
}

function onSignal(sig: NodeJS.Signals): void {
  if (staging === 0) return die(sig);
  // A file is being written into the staging folder by the thread pool: removing the folder now could race
  // with it. writeBatch stops after that write, removes the folder and dies (or this timer does it).
  if (interrupted) return;
  interrupted = sig;
  for (const stop of interruptListeners) {
    try {
      stop();
    } catch {
      // a writer that cannot stop is cut off by the timer below
    }
  }
  setTimeout(() => die(sig), 5_000);
}

class Interrupted extends Error {}

/**
 * Check the output folder and lock it, before any input is read: it must be a folder we can write in, or one we
 * can create. Refuses (SetupError, exit 2) when another run holds it, or when `requireEmptyDir` and it holds files
 * (unless `force`). Release with releaseOutput(); writeBatch() does both itself when it was not done before.
 */
export async function prepareOutput(dirIn: string, opts: { force?: boolean; requireEmptyDir?: boolean } = {}): Promise<void> {
  const dir = resolve(dirIn);
  if (held.has(dir)) return;
  const created = createFolder(dir);
  let lock: string;
  try {
    lock = takeLock(dir);
  } catch (e) {
    if (created) removeIfEmpty(created, dir);
    throw e;
  }
  const h: Held = { dir, lock, created, staging: new Set() };
  if (held.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  held.set(dir, h);
  if (opts.requireEmptyDir && !opts.force && ((await dirEntries(dir)) ?? []).length > 0) {
    releaseOutput(dir);
    throw new SetupError([{ code: 'output-dir-not-empty', params: { dir: dirIn } }]);
  }
}

/** Give the folder back: staging removed, lock removed, a folder this run created and left empty removed. */
export function releaseOutput(dirIn: string): void {
  const dir = resolve(dirIn);
  const h = held.get(dir);
  if (!h) return;
  held.delete(dir);
  cleanUp(h);
  if (held.size === 0) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Move the staged files into place, all in one synchronous loop; on a failure, undo the moves made so far. */
function publish(tmp: string, dir: string, names: readonly string[]): string[] {
  const backup = join(tmp, '.replaced');
  const journal: { name: string; replaced: boolean }[] = [];
  try {
    for (const name of names) {
      const target = join(dir, name);
      let replaced = false;
      if (existsSync(target)) {
        mkdirSync(backup, { recursive: true });
        renameSync(target, join(backup, name));
        replaced = true;
      }
      journal.push({ name, replaced });
      renameSync(join(tmp, name), target);
    }
  } catch (e) {
    for (const j of journal.reverse()) {
      try {
        if (existsSync(join(dir, j.name)) && !existsSync(join(tmp, j.name))) renameSync(join(dir, j.name), join(tmp, j.name));
        if (j.replaced) renameSync(join(backup, j.name), join(dir, j.name));
      } catch {
        // best effort: the error below says the write failed
      }
    }
    throw e;
  }
  return names.map((n) => join(dir, n));
}

/**
 * Write a batch of files into `dir` all or nothing: each goes to a hidden temp folder first, and only when
 * every one is written are they moved into place. Existing targets are refused unless `force`.
 */
export async function writeBatch(
  dirIn: string,
  files: readonly OutputFile[],
  opts: {
    force: boolean;
    requireEmptyDir?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Start every write at once (writes that run on other threads, or that wait on them); else one at a time. */
    concurrent?: boolean;
  },
): Promise<string[]> {
  const dir = resolve(dirIn);
  const mine = !held.has(dir);
  if (mine) await prepareOutput(dir, opts);
  const h = held.get(dir)!;
  let current = '';
  let tmp = '';
  let counted = false;
  try {
    const existing = new Set(await dirEntries(dir));
    if (!opts.force) {
      if (opts.requireEmptyDir && existing.size > 0) throw new SetupError([{ code: 'output-dir-not-empty', params: { dir: dirIn } }]);
      const clash = files.filter((f) => existing.has(f.name));
      if (clash.length > 0) throw new SetupError(clash.slice(0, 5).map((f) => ({ code: 'output-exists' as const, params: { file: join(dirIn, f.name) } })));
    }
    // We hold the lock: a temp folder still here was left by a run that was killed outright.
    for (const n of await readdir(dir)) if (n.startsWith(TEMP_PREFIX)) await rm(join(dir, n), { recursive: true, force: true });
    staging++;
    counted = true;
    const stop = (): void => {
      if (interrupted) throw new Interrupted();
    };
    tmp = await mkdtemp(join(dir, TEMP_PREFIX));
    h.staging.add(tmp);
    stop();
    let done = 0;
    const writeOne = async (f: OutputFile): Promise<void> => {
      await f.write(join(tmp, f.name));
      opts.onProgress?.(++done, files.length);
    };
    if (opts.concurrent) {
      // Every write settles before the batch goes on (none is left writing into a staging folder being removed).
      const settled = await Promise.allSettled(files.map(writeOne));
      const at = settled.findIndex((r) => r.status === 'rejected');
      if (at >= 0) {
        current = files[at]!.name;
        throw (settled[at] as PromiseRejectedResult).reason;
      }
    } else {
      for (const f of files) {
        current = f.name;
        await writeOne(f);
        stop();
      }
    }
    stop();
    current = files[0]?.name ?? '';
    return publish(
      tmp,
      dir,
      files.map((f) => f.name),
    ); // synchronous: no signal handler runs inside it
  } catch (e) {
    if (e instanceof SetupError || e instanceof Interrupted) throw e;
    throw new SetupError([
      { code: 'output-failed', params: { file: join(dirIn, basename(current)), reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message } },
    ]);
  } finally {
    if (tmp) {
      rmSync(tmp, { recursive: true, force: true });
      h.staging.delete(tmp);
    }
    if (counted) staging--;
    if (interrupted && staging === 0) die(interrupted);
    if (mine) releaseOutput(dir);
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
