import { Worker } from 'node:worker_threads';
import { workerScriptUrl } from '../worker-script.js';
import type { WireResult } from './wire.js';

// One reader worker and the files queued on it — the unit the pool replaces when a file kills its worker — and
// the spare workers: started ahead of a run so they load exceljs while the main thread reads the registry, or kept
// after a run (PoolOptions.keepReaders) for the work that follows it (src/read/reader-tasks.ts).

/** A reader's heap limits: the old generation (a file that needs more fails alone) and the young one. */
export interface ReaderHeap {
  memoryMb: number;
  youngMb: number;
}

const sameHeap = (a: ReaderHeap, b: ReaderHeap): boolean => a.memoryMb === b.memoryMb && a.youngMb === b.youngMb;

export interface Job {
  id: number;
  path: string;
  started?: number;
  /** What the worker hashed before it went on to parse: kept for a file that then kills its worker. */
  hashed?: { sha256: string; size: number };
}

export interface WorkerMessage {
  id: number;
  result?: WireResult;
  error?: string;
  tainted?: boolean;
  hashed?: { sha256: string; size: number };
}

/** Why a worker stopped being usable: it ran out of heap, or it failed or exited some other way. */
export type WorkerLoss = 'out-of-memory' | 'crashed';

export interface SlotEvents {
  message(slot: ReaderSlot, msg: WorkerMessage): void;
  /** The worker reading the head file was lost, or the head file ran past its time limit. */
  lost(slot: ReaderSlot, why: WorkerLoss | 'timeout'): void;
}

/** Readers that have loaded exceljs and said so: a file's clock starts only then (starting a reader is not reading). */
const readyReaders = new WeakSet<Worker>();
const isReadySignal = (msg: unknown): boolean => typeof msg === 'object' && msg !== null && (msg as { ready?: unknown }).ready === true;
/** How long a reader may take to start before the file waiting on it is given up (a slow, scanned PC, or Wine). */
const STARTUP_ALLOWANCE_MS = 300_000;

function spawnReader(heap: ReaderHeap): Worker {
  // The reader's own console chatter is not for the user: drain it.
  const w = new Worker(workerScriptUrl('read/worker.js'), {
    resourceLimits: { maxOldGenerationSizeMb: heap.memoryMb, maxYoungGenerationSizeMb: heap.youngMb },
    stdout: true,
    stderr: true,
  });
  w.stdout.resume();
  w.stderr.resume();
  // Listening from the start, so the signal is never missed, whoever holds the reader when it comes.
  w.on('message', (msg: unknown) => isReadySignal(msg) && readyReaders.add(w));
  return w;
}

interface Spare {
  worker: Worker;
  heap: ReaderHeap;
  gone: boolean;
}
const spares: Spare[] = [];

/** Keep a reader waiting, unreferenced (it does not keep the process alive), for the next run or for tasks. */
function addSpare(worker: Worker, heap: ReaderHeap): void {
  const spare: Spare = { worker, heap, gone: false };
  worker.unref();
  worker.on('error', () => (spare.gone = true));
  worker.on('exit', () => (spare.gone = true));
  spares.push(spare);
}

/**
 * Start `count` readers now (topping up what is already waiting), so they load exceljs while the caller does
 * its own setup. They do not keep the process alive, and a run with nothing to read simply leaves them.
 */
export function startSpareReaders(count: number, heap: ReaderHeap): void {
  for (let i = spares.filter((s) => !s.gone).length; i < count; i++) addSpare(spawnReader(heap), heap);
}

/** Stop the waiting readers whose heap limits are not these (a run that wants other limits cannot use them). */
export function stopSparesOtherThan(heap: ReaderHeap): void {
  for (let i = spares.length - 1; i >= 0; i--) {
    if (sameHeap(spares[i]!.heap, heap)) continue;
    void spares[i]!.worker.terminate();
    spares.splice(i, 1);
  }
}

function takeSpare(heap: ReaderHeap): Worker | undefined {
  for (let i = spares.length - 1; i >= 0; i--) if (spares[i]!.gone) spares.splice(i, 1);
  const at = spares.findIndex((s) => sameHeap(s.heap, heap));
  if (at < 0) return undefined;
  const [spare] = spares.splice(at, 1);
  spare!.worker.removeAllListeners('error').removeAllListeners('exit');
  spare!.worker.ref();
  return spare!.worker;
}

/** Every waiting reader, taken (and referenced again) for the caller to use; none are left waiting. */
export function takeSpareReaders(): Worker[] {
  const live = spares.splice(0).filter((s) => !s.gone);
  for (const s of live) s.worker.removeAllListeners('error').removeAllListeners('exit').ref();
  return live.map((s) => s.worker);
}

/** Stop every waiting reader (a run that kept its readers for tasks ends with this). */
export function stopSpareReaders(): void {
  for (const s of spares.splice(0)) void s.worker.terminate();
}

/** One worker, the jobs sent to it (oldest first; it reads them one at a time in this order) and the head's timer. */
export class ReaderSlot {
  worker: Worker;
  queue: Job[] = [];
  closed = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: ReaderHeap & { timeoutMs: number },
    private readonly events: SlotEvents,
  ) {
    this.worker = this.attach(takeSpare(limits) ?? spawnReader(limits));
  }

  private attach(w: Worker): Worker {
    const mine = (): boolean => !this.closed && w === this.worker;
    w.on('message', (msg: WorkerMessage) => {
      if (!mine()) return;
      if (isReadySignal(msg)) this.startHead();
      else this.events.message(this, msg);
    });
    w.on('error', (err: Error & { code?: string }) => mine() && this.events.lost(this, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed'));
    w.on('exit', () => mine() && this.events.lost(this, 'crashed'));
    return w;
  }

  send(job: Job): void {
    this.queue.push(job);
    this.worker.postMessage({ id: job.id, path: job.path });
    if (this.queue.length === 1) this.startHead();
  }

  /**
   * Start the clock on the file the worker is now reading — once the worker is ready: until then it is still
   * loading exceljs (seconds on a busy or virus-scanned PC), and only a reader that never starts gives the file up.
   */
  startHead(): void {
    this.clearTimer();
    const head = this.queue[0];
    if (!head) return;
    const worker = this.worker;
    const ready = readyReaders.has(worker);
    if (ready) head.started = Date.now();
    const limit = ready ? this.limits.timeoutMs : Math.max(STARTUP_ALLOWANCE_MS, this.limits.timeoutMs);
    this.timer = setTimeout(() => !this.closed && worker === this.worker && this.events.lost(this, 'timeout'), limit);
  }

  finishHead(): Job | undefined {
    this.clearTimer();
    return this.queue.shift();
  }

  /** Put a fresh worker in place of this one; give back the paths that were queued behind the head. */
  replaceWorker(): string[] {
    const queued = this.queue.map((j) => j.path);
    this.queue = [];
    void this.worker.terminate();
    this.worker = this.attach(spawnReader(this.limits));
    return queued;
  }

  /** Done with this slot: its worker is stopped, or with `park` kept waiting (a healthy reader with nothing queued). */
  close(park = false): void {
    if (this.closed) return; // a parked worker is no longer this slot's to stop
    this.closed = true;
    this.clearTimer();
    if (park && this.queue.length === 0) {
      this.worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
      addSpare(this.worker, { memoryMb: this.limits.memoryMb, youngMb: this.limits.youngMb });
    } else void this.worker.terminate();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
