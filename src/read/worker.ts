import { parentPort, workerData } from 'node:worker_threads';
import { checkWorkbook, type FormContext } from '../core/form.js';
import { buildRegistry } from '../registry/build.js';
import { readWorkbookFile } from './extract.js';
import type { CheckSpec, ReadResult } from './types.js';

// One worker reads one file at a time, in the order the pool sent them, and sends back plain data. The pool
// keeps the next file queued here so the worker never waits for it. If a file manages to write onto
// Object.prototype despite the pre-scan, the worker says so, reads nothing more and is replaced: nothing leaks
// into other files.

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const cleanProto = protoKeys();

const ExcelJS = (await import('exceljs')).default;

// With a check spec, the file is checked here too: the findings and figures are a fraction of its cells.
function checkContext(spec: CheckSpec | null): FormContext | null {
  if (!spec) return null;
  const built = buildRegistry(spec.registry, spec.source);
  if ('problems' in built) throw new Error('registry given to the reader does not build');
  return { registry: built.registry, baseline: spec.baseline ? new Map(spec.baseline) : null };
}
const context = checkContext((workerData as { check: CheckSpec | null } | null)?.check ?? null);

async function readAndCheck(path: string): Promise<ReadResult> {
  const read = await readWorkbookFile(path, ExcelJS);
  if (!context || !read.workbook) return read;
  return { sha256: read.sha256, size: read.size, checked: checkWorkbook(path, read.sha256, read.workbook, context) };
}

const queue: { id: number; path: string }[] = [];
let reading = false;
let tainted = false;

async function drain(): Promise<void> {
  reading = true;
  while (queue.length > 0 && !tainted) {
    const msg = queue.shift()!;
    try {
      const result = await readAndCheck(msg.path);
      const now = protoKeys();
      if (now !== cleanProto) {
        tainted = true;
        const added = now.split(',').filter((k) => !cleanProto.split(',').includes(k)).join(', ');
        parentPort!.postMessage({ id: msg.id, tainted: true, result: { sha256: result.sha256, size: result.size, problem: { code: 'file-unsafe-content', params: { detail: `Object.prototype: ${added}` } } } });
        return;
      }
      parentPort!.postMessage({ id: msg.id, result });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: String((e as Error)?.message ?? e) });
    }
  }
  reading = false;
}

parentPort!.on('message', (msg: { id: number; path: string }) => {
  queue.push(msg);
  if (!reading) void drain();
});
