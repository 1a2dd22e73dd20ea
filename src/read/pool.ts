import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { MessageCode } from '../messages.js';
import type { ReadResult } from './types.js';

export interface PoolOptions {
  /** Workers to run; default: one per core (os.availableParallelism()). */
  workers?: number;
  /** A file that takes longer than this fails alone. */
  timeoutMs?: number;
  /** Heap limit per worker; a file that needs more fails alone. */
  memoryMb?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MEMORY_MB = 512;
/** Files handed to a worker ahead of the one it is reading, so it never waits for the main thread. */
const QUEUE_DEPTH = 2;
/** A file still being read after this long is reported as slow (readerEvents 'slow'). */
export const SLOW_FILE_MS = 3_000;
// The young generation is where exceljs's short-lived objects die. A larger one did not make reading faster
// (64, 16 and 8 MB measured the same within noise) but every MB of it is resident, once per worker.
const YOUNG_GENERATION_MB = 8;

/**
 * A heap limit under 2 GB makes V8 grow the heap by only ~1.4× after each full collection (its heuristic for
 * small devices), and exceljs makes enough garbage that a 512 MB-limited worker then spends 60–90 % more CPU per
 * form than an unlimited one (measured on 1,000 forms: 5.5–7.5 vs 3.3–3.9 ms). Growing by 2.5× gives the
 * unlimited speed (2×, 2.5× and 4× measured the same within noise; each step up costs resident memory) and keeps
 * the 512 MB limit, so a file that needs more still fails alone. 2× (100 %) it is: at 30,000 files it kept peak
 * RSS ~25 MB lower than 2.5×. The flag is process-wide: the main thread's heap (limit ~4 GB) would grow by up to
 * 4× by itself.
 */
let gcTuned = false;
function tuneGc(): void {
  if (gcTuned) return;
  gcTuned = true;
  setFlagsFromString('--heap-growing-percent=100');
}

/**
 * What the readers are doing, for whoever shows progress: 'slow' (file, seconds) while a file has been read for
 * longer than SLOW_FILE_MS (then every second until it is done), 'done-slow' (file) when such a file is done.
 */
export const readerEvents = new EventEmitter();

// Under vitest the source is .ts; the worker always runs from the build.
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/read/worker.js', here) : new URL('./worker.js', here);
}

interface Job {
  id: number;
  path: string;
  started?: number;
  /** What the worker hashed before it went on to parse: kept for a file that then kills its worker. */
  hashed?: { sha256: string; size: number };
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker, oldest first; the worker reads them one at a time in this order. */
  queue: Job[];
  timer: NodeJS.Timeout | null;
  closed: boolean;
}

interface WorkerMessage {
  id: number;
  result?: ReadResult;
  error?: string;
  tainted?: boolean;
  hashed?: { sha256: string; size: number };
}

/** A reader that died on a file: said plainly (the worker's own error text is not for a clerk). */
const READER_FAILED = { reason: 'reader-stopped' };

const failed = (code: MessageCode, params: Record<string, string | number>): ReadResult => ({ sha256: '', size: 0, problem: { code, params } });

/**
 * Read workbooks in worker threads (one per core), each with a heap limit and a time limit per file. Each worker
 * reads one file at a time and sends back plain cells; `onRead` is called as each file finishes (in completion
 * order), so the caller can reduce it to plain rows and let it go. A file that times out, runs out of memory,
 * crashes its worker or taints Object.prototype fails alone: its worker is replaced, and the files queued behind
 * it are handed out again.
 */
export async function readWorkbooks(paths: readonly string[], onRead: (path: string, result: ReadResult) => void, opts: PoolOptions = {}): Promise<void> {
  if (paths.length === 0) return;
  const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), paths.length));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;

  let next = 0;
  let nextId = 0;
  let remaining = paths.length;
  /** Files taken back from a worker that was replaced before it got to them; served first, in order. */
  const retry: string[] = [];
  const take = (): string | undefined => retry.shift() ?? (next < paths.length ? paths[next++] : undefined);

  tuneGc();
  await new Promise<void>((resolveAll, rejectAll) => {
    const slots: Slot[] = [];
    let finished = false;

    const stopAll = (): void => {
      finished = true;
      clearInterval(watch);
      for (const s of slots) closeSlot(s);
    };

    const closeSlot = (slot: Slot): void => {
      slot.closed = true;
      clearTimer(slot);
      void slot.worker.terminate();
    };

    const clearTimer = (slot: Slot): void => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
    };

    // Once a second, say which files have been read for longer than SLOW_FILE_MS (for the progress display).
    const watch = setInterval(() => {
      const now = Date.now();
      for (const s of slots) {
        const head = s.queue[0];
        if (!s.closed && head?.started !== undefined && now - head.started >= SLOW_FILE_MS)
          readerEvents.emit('slow', head.path, Math.round((now - head.started) / 1000));
      }
    }, 1000);
    watch.unref();

    const deliver = (path: string, result: ReadResult): void => {
      try {
        onRead(path, result);
      } catch (e) {
        stopAll();
        rejectAll(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (--remaining === 0) {
        stopAll();
        resolveAll();
      }
    };

    /** Start the clock on the file the worker is now reading. */
    const startHead = (slot: Slot): void => {
      clearTimer(slot);
      const head = slot.queue[0];
      if (!head) return;
      head.started = Date.now();
      const worker = slot.worker;
      slot.timer = setTimeout(() => fail(slot, worker, failed('file-timeout', { seconds: Math.round(timeoutMs / 1000) })), timeoutMs);
    };

    /** Keep the worker's queue full; close the slot when there is nothing left to hand out. */
    const fill = (slot: Slot): void => {
      while (slot.queue.length < QUEUE_DEPTH) {
        const path = take();
        if (path === undefined) break;
        const job: Job = { id: nextId++, path };
        slot.queue.push(job);
        slot.worker.postMessage({ id: job.id, path });
        if (slot.queue.length === 1) startHead(slot);
      }
      if (slot.queue.length === 0 && !slot.closed) closeSlot(slot);
    };

    const finishHead = (slot: Slot): Job | undefined => {
      const head = slot.queue.shift();
      clearTimer(slot);
      if (head && head.started !== undefined && Date.now() - head.started >= SLOW_FILE_MS) readerEvents.emit('done-slow', head.path);
      return head;
    };

    /** The head file failed in a way that leaves its worker unusable: replace the worker, hand its queue out again. */
    const fail = (slot: Slot, worker: Worker, result: ReadResult): void => {
      if (finished || slot.closed || worker !== slot.worker) return;
      const head = finishHead(slot);
      if (head?.hashed && !result.sha256) result = { ...result, sha256: head.hashed.sha256, size: head.hashed.size };
      retry.unshift(...slot.queue.map((j) => j.path));
      slot.queue = [];
      void worker.terminate();
      slot.worker = spawn(slot);
      fill(slot);
      if (head) deliver(head.path, result);
    };

    const onMessage = (slot: Slot, worker: Worker, msg: WorkerMessage): void => {
      if (finished || slot.closed || worker !== slot.worker) return;
      const head = slot.queue[0];
      if (!head || msg.id !== head.id) return;
      if (msg.hashed) {
        head.hashed = msg.hashed;
        return;
      }
      if (msg.tainted || !msg.result) {
        fail(slot, worker, msg.result ?? failed('file-unreadable', READER_FAILED));
        return;
      }
      finishHead(slot);
      startHead(slot);
      fill(slot); // hand out the next file before the caller checks this one
      deliver(head.path, msg.result);
    };

    const spawn = (slot: Slot): Worker => {
      // The reader's own console chatter is not for the user: drain it.
      const w = new Worker(workerUrl(), {
        resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        stdout: true,
        stderr: true,
      });
      w.stdout.resume();
      w.stderr.resume();
      w.on('message', (msg: WorkerMessage) => onMessage(slot, w, msg));
      w.on('error', (err: Error & { code?: string }) =>
        fail(
          slot,
          w,
          err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? failed('file-too-much-memory', { limit: `${memoryMb} MB` }) : failed('file-unreadable', READER_FAILED),
        ),
      );
      w.on('exit', () => fail(slot, w, failed('file-unreadable', READER_FAILED)));
      return w;
    };

    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: null as unknown as Worker, queue: [], timer: null, closed: false };
      slots.push(slot);
      slot.worker = spawn(slot);
    }
    for (const s of slots) fill(s);
  });
}
