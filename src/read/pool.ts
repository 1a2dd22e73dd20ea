import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type { MessageCode } from '../messages.js';
import { ReaderSlot, startSpareReaders, stopSparesOtherThan, type Job, type ReaderHeap, type WorkerLoss, type WorkerMessage } from './reader-slot.js';
import { fromWire } from './wire.js';
import type { ReadResult } from './types.js';

export interface PoolOptions {
  /** Workers to run; default: one per core (os.availableParallelism()). */
  workers?: number;
  /** A file that takes longer than this fails alone. */
  timeoutMs?: number;
  /** Heap limit per worker; a file that needs more fails alone. */
  memoryMb?: number;
  /**
   * Keep the readers waiting when the run ends, exceljs loaded, for tasks after it (readerTasks); the caller stops
   * them with stopSpareReaders. Without it each reader stops as soon as it has nothing left to read.
   */
  keepReaders?: boolean;
  /** --soffice PATH: the LibreOffice that converts what the readers cannot open (default: found, src/read/programs.ts). */
  soffice?: string;
}

/**
 * A file's time limit. Its clock starts once its reader is ready (src/read/reader-slot.ts), so starting a reader on
 * a slow PC does not count against the file; RC_ORG_READ_TIMEOUT_S (seconds) raises it where reading itself is slow.
 */
export const DEFAULT_TIMEOUT_MS = Number(process.env.RC_ORG_READ_TIMEOUT_S) > 0 ? Number(process.env.RC_ORG_READ_TIMEOUT_S) * 1000 : 30_000;
export const DEFAULT_MEMORY_MB = 512;
/** Files handed to a worker ahead of the one it is reading, so it never waits for the main thread. */
const QUEUE_DEPTH = 2;
/** A file still being read after this long is reported as slow (readerEvents 'slow'). */
export const SLOW_FILE_MS = 3_000;

/**
 * A heap limit under 2 GB makes V8 grow the heap by only ~1.4× after each full collection (its heuristic for
 * small devices), and exceljs makes enough garbage that a 512 MB-limited worker then spends 60–90 % more CPU per
 * form than an unlimited one (measured on 1,000 forms: 5.5–7.5 vs 3.3–3.9 ms). Growing by 2.5× gives the
 * unlimited speed (2×, 2.5× and 4× measured the same within noise; each step up costs resident memory) and keeps
 * the 512 MB limit, so a file that needs more still fails alone. 2× (100 %) it is: at 30,000 files it kept peak
 * RSS ~25 MB lower than 2.5×. The flag is process-wide (every heap, the main thread's too, whose own heuristic
 * would grow it by up to 4×) and read at each collection, so it can follow the run: once the process has a large
 * run, it grows by 1.5×, which took merge's peak RSS at 30,000 returns from ~295 to ~265 MiB while reading
 * (bench/RESULTS.md). It stays so for the rest of the process: the large run's outputs are still to be written,
 * and a second, small read in the same run (converted copies) must not undo it.
 */
const HEAP_GROWTH_PERCENT = 100;
const HEAP_GROWTH_PERCENT_LARGE_RUN = 50;
let heapGrowth = 0;
function tuneGc(files = 0): void {
  const percent = files > LARGE_RUN_FILES ? HEAP_GROWTH_PERCENT_LARGE_RUN : HEAP_GROWTH_PERCENT;
  if (heapGrowth !== 0 && percent >= heapGrowth) return;
  heapGrowth = percent;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * What the readers are doing, for whoever shows progress: 'slow' (file, seconds) while a file has been read for
 * longer than SLOW_FILE_MS (then every second until it is done), 'done-slow' (file) when such a file is done.
 */
export const readerEvents = new EventEmitter();

/** A reader that died on a file: said plainly (the worker's own error text is not for a clerk). */
const READER_FAILED = { reason: 'reader-stopped' };

const failed = (code: MessageCode, params: Record<string, string | number>): ReadResult => ({ sha256: '', size: 0, problem: { code, params } });

/**
 * The young generation is where exceljs's short-lived objects die. Forms saved by LibreOffice (three times the styles
 * and shared strings of rc-org's own) were read 10–15 % faster with 16 MB than with 8 (five rounds of 3,000, every
 * one); the others the same, and 32 MB was no faster. But every MB is resident, once per reader: at 30,000 files
 * validate's peak RSS was 305 MiB with 16 MB and 271 with 8. So large runs get the smaller one.
 */
const YOUNG_MB = 16;
const YOUNG_MB_LARGE_RUN = 8;
const LARGE_RUN_FILES = 10_000;

type Limits = ReaderHeap & { timeoutMs: number };

/** The limits of a run's readers; `files` unknown (readers started ahead of a run) counts as a run of usual size. */
const limitsOf = (opts: PoolOptions, files = 0): Limits => ({
  memoryMb: opts.memoryMb ?? DEFAULT_MEMORY_MB,
  youngMb: files > LARGE_RUN_FILES ? YOUNG_MB_LARGE_RUN : YOUNG_MB,
  timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
});

/**
 * Start a reader before the run needs it: it takes ~0.25 s to load exceljs, which can happen while the main
 * thread reads the registry and walks the folders. One only: how many more a run can use is known once the files
 * are found (a run of one file uses one), and each spare loads exceljs on a core the run needs — a second reader
 * for one form cost a third of the run's CPU time. readWorkbooks takes it up; unused, it does not keep the process alive.
 */
export function prewarmReaders(opts: PoolOptions = {}): void {
  tuneGc();
  startSpareReaders(Math.min(1, opts.workers ?? availableParallelism()), limitsOf(opts));
}

/** The result for a head file whose worker was lost, or that ran past its time limit. */
function lostResult(why: WorkerLoss | 'timeout', opts: Limits): ReadResult {
  if (why === 'timeout') return failed('file-timeout', { seconds: Math.round(opts.timeoutMs / 1000) });
  if (why === 'out-of-memory') return failed('file-too-much-memory', { limit: `${opts.memoryMb} MB` });
  return failed('file-unreadable', READER_FAILED);
}

/**
 * One run of the pool over a list of files. Each slot keeps QUEUE_DEPTH files queued so its worker never waits;
 * a file that fails in a way that leaves its worker unusable has the worker replaced, and the files queued
 * behind it are handed out again before any new one.
 */
class PoolRun {
  private next = 0;
  private nextId = 0;
  private remaining: number;
  /** Files taken back from a worker that was replaced before it got to them; served first, in order. */
  private readonly retry: string[] = [];
  private readonly slots: ReaderSlot[] = [];
  private readonly watch: NodeJS.Timeout;
  private finished = false;
  private readonly limits: Limits;
  private readonly keepReaders: boolean;

  constructor(
    private readonly paths: readonly string[],
    private readonly onRead: (path: string, result: ReadResult) => void,
    opts: PoolOptions,
    private readonly settle: (error?: Error) => void,
  ) {
    this.remaining = paths.length;
    this.limits = limitsOf(opts, paths.length);
    stopSparesOtherThan(this.limits);
    this.keepReaders = opts.keepReaders ?? false;
    this.watch = setInterval(() => this.reportSlow(), 1000);
    this.watch.unref();
    const events = {
      message: (slot: ReaderSlot, msg: WorkerMessage) => this.onMessage(slot, msg),
      lost: (slot: ReaderSlot, why: WorkerLoss | 'timeout') => this.fail(slot, lostResult(why, this.limits)),
    };
    const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), paths.length));
    for (let i = 0; i < size; i++) this.slots.push(new ReaderSlot(this.limits, events));
    for (const s of this.slots) this.fill(s);
  }

  private take(): string | undefined {
    return this.retry.shift() ?? (this.next < this.paths.length ? this.paths[this.next++] : undefined);
  }

  /** Once a second, say which files have been read for longer than SLOW_FILE_MS (for the progress display). */
  private reportSlow(): void {
    const now = Date.now();
    for (const s of this.slots) {
      const head = s.queue[0];
      if (!s.closed && head?.started !== undefined && now - head.started >= SLOW_FILE_MS)
        readerEvents.emit('slow', head.path, Math.round((now - head.started) / 1000));
    }
  }

  private stopAll(error?: Error): void {
    this.finished = true;
    clearInterval(this.watch);
    for (const s of this.slots) s.close();
    this.settle(error);
  }

  private deliver(path: string, result: ReadResult): void {
    try {
      this.onRead(path, result);
    } catch (e) {
      this.stopAll(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (--this.remaining === 0) this.stopAll();
  }

  /** Keep the worker's queue full; close the slot when there is nothing left to hand out. */
  private fill(slot: ReaderSlot): void {
    while (slot.queue.length < QUEUE_DEPTH) {
      const path = this.take();
      if (path === undefined) break;
      slot.send({ id: this.nextId++, path });
    }
    if (slot.queue.length === 0 && !slot.closed) slot.close(this.keepReaders);
  }

  private finishHead(slot: ReaderSlot): Job | undefined {
    const head = slot.finishHead();
    if (head && head.started !== undefined && Date.now() - head.started >= SLOW_FILE_MS) readerEvents.emit('done-slow', head.path);
    return head;
  }

  /** The head file failed in a way that leaves its worker unusable: replace the worker, hand its queue out again. */
  private fail(slot: ReaderSlot, result: ReadResult): void {
    if (this.finished) return;
    const head = this.finishHead(slot);
    if (head?.hashed && !result.sha256) result = { ...result, sha256: head.hashed.sha256, size: head.hashed.size };
    this.retry.unshift(...slot.replaceWorker());
    this.fill(slot);
    if (head) this.deliver(head.path, result);
  }

  private onMessage(slot: ReaderSlot, msg: WorkerMessage): void {
    if (this.finished) return;
    const head = slot.queue[0];
    if (!head || msg.id !== head.id) return;
    if (msg.hashed) {
      head.hashed = msg.hashed;
      return;
    }
    if (msg.tainted || !msg.result) {
      this.fail(slot, msg.result ? fromWire(msg.result) : failed('file-unreadable', READER_FAILED));
      return;
    }
    this.finishHead(slot);
    slot.startHead();
    this.fill(slot); // hand out the next file before the caller checks this one
    this.deliver(head.path, fromWire(msg.result));
  }
}

/**
 * Read workbooks in worker threads (one per core), each with a heap limit and a time limit per file. Each worker
 * reads one file at a time and sends back plain cells; `onRead` is called as each file finishes (in completion
 * order), so the caller can reduce it to plain rows and let it go. A file that times out, runs out of memory,
 * crashes its worker or taints Object.prototype fails alone: its worker is replaced, and the files queued behind
 * it are handed out again.
 */
export async function readWorkbooks(paths: readonly string[], onRead: (path: string, result: ReadResult) => void, opts: PoolOptions = {}): Promise<void> {
  if (paths.length === 0) return;
  tuneGc(paths.length);
  await new Promise<void>((resolve, reject) => new PoolRun(paths, onRead, opts, (error) => (error ? reject(error) : resolve())));
}
