import { parentPort } from 'node:worker_threads';
import { readWorkbookFile } from './extract.js';

// One worker reads one file at a time and sends back plain data. If a file manages to write onto
// Object.prototype despite the pre-scan, the worker says so and is replaced: nothing leaks into other files.

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const cleanProto = protoKeys();

const ExcelJS = (await import('exceljs')).default;

parentPort!.on('message', async (msg: { id: number; path: string }) => {
  try {
    const result = await readWorkbookFile(msg.path, ExcelJS);
    const now = protoKeys();
    if (now !== cleanProto) {
      const added = now.split(',').filter((k) => !cleanProto.split(',').includes(k)).join(', ');
      parentPort!.postMessage({ id: msg.id, tainted: true, result: { sha256: result.sha256, size: result.size, problem: { code: 'file-unsafe-content', params: { detail: `Object.prototype: ${added}` } } } });
      return;
    }
    parentPort!.postMessage({ id: msg.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: String((e as Error)?.message ?? e) });
  }
});
