import { parentPort } from 'node:worker_threads';
import { readWorkbookFile } from './extract.js';
import { toWire } from './wire.js';
import type { TaskMessage, TaskReply } from './reader-tasks.js';

// One worker reads one file at a time, in the order the pool sent them, and sends back plain data. The pool
// keeps the next file queued here so the worker never waits for it. If a file manages to write onto
// Object.prototype despite the pre-scan, the worker says so, reads nothing more and is replaced: nothing leaks
// into other files.

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const cleanProto = protoKeys();

const ExcelJS = (await import('exceljs')).default;

const queue: { id: number; path: string }[] = [];
let reading = false;
let tainted = false;

async function drain(): Promise<void> {
  reading = true;
  while (queue.length > 0 && !tainted) {
    const msg = queue.shift()!;
    try {
      const result = await readWorkbookFile(msg.path, ExcelJS, (sha256, size) => parentPort!.postMessage({ id: msg.id, hashed: { sha256, size } }));
      const now = protoKeys();
      if (now !== cleanProto) {
        tainted = true;
        const added = now
          .split(',')
          .filter((k) => !cleanProto.split(',').includes(k))
          .join(', ');
        parentPort!.postMessage({
          id: msg.id,
          tainted: true,
          result: { sha256: result.sha256, size: result.size, problem: { code: 'file-unsafe-content', params: { detail: `Object.prototype: ${added}` } } },
        });
        return;
      }
      parentPort!.postMessage({ id: msg.id, result: toWire(result) });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: String((e as Error)?.message ?? e) });
    }
  }
  reading = false;
}

/** A task after reading (src/read/reader-tasks.ts): its module is loaded here and given this reader's exceljs. */
async function runTask(msg: TaskMessage): Promise<void> {
  try {
    const mod = (await import(msg.task)) as { runTask: (input: unknown, excel: typeof ExcelJS) => Promise<void> };
    await mod.runTask(msg.input, ExcelJS);
    parentPort!.postMessage({ taskId: msg.taskId } satisfies TaskReply);
  } catch (e) {
    parentPort!.postMessage({ taskId: msg.taskId, error: String((e as Error)?.stack ?? e) } satisfies TaskReply);
  }
}

/** Tasks run one after another, in the order sent: the main thread hands them all out at once. */
let tasks = Promise.resolve();

parentPort!.on('message', (msg: { id: number; path: string } | TaskMessage) => {
  if ('task' in msg) {
    tasks = tasks.then(() => runTask(msg));
    return;
  }
  queue.push(msg);
  if (!reading) void drain();
});

// Ready: exceljs is loaded and files can be taken (the pool starts a file's clock from here, not from the spawn).
parentPort!.postMessage({ ready: true });
