import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MessageCode } from '../messages.js';
import type { ReadResult } from './types.js';

export interface PoolOptions {
  /** Workers to run; default: one per core. */
  workers?: number;
  /** A file that takes longer than this fails alone. */
  timeoutMs?: number;
  /** Heap limit per worker; a file that needs more fails alone. */
  memoryMb?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MEMORY_MB = 512;

// Under vitest the source is .ts; the worker always runs from the build.
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/read/worker.js', here) : new URL('./worker.js', here);
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Read workbooks in worker threads, each with a heap limit and a time limit. `onRead` is called as each
 * file finishes (in completion order), so the caller can reduce it to plain rows and let it go.
 */
export async function readWorkbooks(
  paths: readonly string[],
  onRead: (path: string, result: ReadResult) => void,
  opts: PoolOptions = {},
): Promise<void> {
  if (paths.length === 0) return;
  const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), paths.length));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
  let next = 0;
  let nextId = 0;

  const spawn = (): Worker => {
    // The reader's own console chatter is not for the user: drain it.
    const w = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 }, stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.resume();
    return w;
  };

  await new Promise<void>((resolveAll) => {
    let active = 0;
    const slots: Slot[] = [];

    const runOn = (slot: Slot): void => {
      if (next >= paths.length) {
        void slot.worker.terminate();
        if (active === 0 && slots.every((s) => !s.busy)) resolveAll();
        return;
      }
      const path = paths[next++]!;
      const id = nextId++;
      slot.busy = true;
      active++;
      let settled = false;
      const finish = (result: ReadResult, replace: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        onRead(path, result);
        active--;
        slot.busy = false;
        if (replace) {
          void slot.worker.terminate();
          slot.worker = spawn();
        }
        runOn(slot);
      };
      const failed = (code: MessageCode, params: Record<string, string | number>): ReadResult => ({
        sha256: '',
        size: 0,
        problem: { code, params },
      });
      const onMessage = (msg: { id: number; result?: ReadResult; error?: string; tainted?: boolean }): void => {
        if (msg.id !== id) return;
        if (msg.result) finish(msg.result, msg.tainted === true);
        else finish(failed('file-unreadable', { reason: msg.error ?? 'unknown' }), true);
      };
      const onError = (err: Error & { code?: string }): void => {
        finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? failed('file-too-much-memory', { limit: `${memoryMb} MB` }) : failed('file-unreadable', { reason: err.message }), true);
      };
      const onExit = (): void => finish(failed('file-unreadable', { reason: 'reader stopped' }), true);
      const timer = setTimeout(() => finish(failed('file-timeout', { seconds: Math.round(timeoutMs / 1000) }), true), timeoutMs);
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      slot.worker.postMessage({ id, path });
    };

    for (let i = 0; i < size; i++) slots.push({ worker: spawn(), busy: false });
    for (const s of slots) runOn(s);
  });
}
