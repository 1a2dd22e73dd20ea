import type { Worker } from 'node:worker_threads';
import { workerScriptUrl } from '../worker-script.js';
import { prewarmReaders, type PoolOptions } from './pool.js';
import { takeSpareReaders } from './reader-slot.js';

// Work for the readers once reading is over. A run that kept its readers (PoolOptions.keepReaders) has one per core,
// exceljs loaded and nothing to do: merge writes its summary workbooks on them while the main thread writes its other
// outputs. A task is a module under src/ exporting `runTask(input, ExcelJS)`; its input crosses by structured clone.
// Only readers that read every file cleanly are kept (one that failed was replaced), so no file's content can have
// reached a task.

export interface TaskMessage {
  taskId: number;
  /** The URL of the task's module. */
  task: string;
  input: unknown;
}

export interface TaskReply {
  taskId: number;
  error?: string;
}

export interface ReaderTasks<I> {
  /**
   * Hand a task out at once to the reader with the least work queued (by `weight`); each reader runs its tasks one
   * after another. Rejects if the task throws or its reader is lost.
   */
  run(input: I, weight: number): Promise<void>;
  /** Stop the readers (whatever is still running is abandoned). */
  close(): void;
}

interface Reader {
  worker: Worker;
  /** The weight of the tasks sent and not yet done. */
  load: number;
  pending: Map<number, { weight: number; resolve: () => void; reject: (e: Error) => void }>;
  lost: boolean;
}

/**
 * The readers kept waiting, as a queue of `script` tasks. With none kept (a run that read no workbook), readers are
 * started for it: they load exceljs while the tasks wait in their queues.
 */
export function readerTasks<I>(script: string, opts: PoolOptions = {}): ReaderTasks<I> {
  let workers = takeSpareReaders();
  if (workers.length === 0) {
    prewarmReaders(opts);
    workers = takeSpareReaders();
  }
  const task = workerScriptUrl(script).href;
  const readers: Reader[] = workers.map((worker) => ({ worker, load: 0, pending: new Map(), lost: false }));
  let nextId = 0;

  const lose = (r: Reader, why: string): void => {
    r.lost = true;
    for (const p of r.pending.values()) p.reject(new Error(why));
    r.pending.clear();
  };
  for (const r of readers) {
    r.worker.on('message', (reply: TaskReply) => {
      const job = r.pending.get(reply.taskId);
      if (!job) return;
      r.pending.delete(reply.taskId);
      r.load -= job.weight;
      if (reply.error === undefined) job.resolve();
      else job.reject(new Error(reply.error));
    });
    r.worker.on('error', (e) => lose(r, String(e)));
    r.worker.on('exit', (code) => lose(r, `reader exited (${code})`));
  }
  return {
    run: (input, weight) =>
      new Promise<void>((resolve, reject) => {
        const r = readers.filter((x) => !x.lost).sort((a, b) => a.load - b.load)[0];
        if (!r) return reject(new Error('no reader left'));
        const taskId = nextId++;
        r.load += weight;
        r.pending.set(taskId, { weight, resolve, reject });
        r.worker.postMessage({ taskId, task, input } satisfies TaskMessage);
      }),
    close: () => {
      for (const r of readers) {
        r.worker.removeAllListeners('exit');
        void r.worker.terminate();
      }
    },
  };
}
