import { createRequire } from 'node:module';
import type { ZipPart } from './sniff.js';

// Two things exceljs 4.4.0 does slowly when it loads a workbook, done the quick way with the same result.
//
// 1. It unpacks a workbook with JSZip, whose inflate is JavaScript (pako). The pre-scan has already inflated
// every part (src/read/inflate.ts; it must, to catch entries that inflate beyond their declared size), so exceljs is
// handed those parts instead of unpacking the file a second time, more slowly: loads take about half the time,
// and the workbook model is the same (bench/RESULTS.md, issue 9; test/read-unzipped.test.ts compares models).
// Only the zips the pre-scan's fast path vouched for, with plain part names, come this way; any other file goes
// through JSZip exactly as before.
// 2. It reads a theme part through a StreamBuf that allocates (and zero-fills) a 1 MB buffer for a part of a few
// kilobytes: in a reading worker that was 5–15 % of its time, and the external memory drove the garbage
// collector. The part is read into one string instead — what exceljs keeps of a theme (model.themes[name]).
//
// Applied once per process (each reading worker calls it).

const PARTS = Symbol('rc-org: parts already unpacked');

/** What `xlsx.load` is given instead of the file's bytes. */
export interface UnzippedWorkbook {
  readonly [PARTS]: readonly ZipPart[];
}

interface JSZipEntryLike {
  name: string;
  dir: boolean;
  async(type: 'string' | 'nodebuffer'): Promise<string | Buffer>;
}

type ThemeEntryReader = (this: unknown, entry: AsyncIterable<Buffer | string>, model: { themes: Record<string, string> }, name: string) => Promise<void>;
type LoadAsync = (this: unknown, data: unknown, options?: unknown) => Promise<unknown>;
let patched = false;

export function unzippedWorkbook(parts: readonly ZipPart[]): UnzippedWorkbook {
  return { [PARTS]: parts };
}

/** A stand-in for what JSZip.loadAsync resolves to, as far as exceljs's `load` uses it: `files`, in order. */
function filesOf(parts: readonly ZipPart[]): { files: Record<string, JSZipEntryLike> } {
  const files = Object.create(null) as Record<string, JSZipEntryLike>;
  for (const { name, bytes } of parts) {
    files[name] = {
      name,
      dir: false,
      async: (type) => {
        if (type === 'string') return Promise.resolve(bytes.toString('utf8'));
        if (type === 'nodebuffer') return Promise.resolve(bytes);
        return Promise.reject(new Error(`unzipped part: unsupported type ${String(type)}`));
      },
    };
  }
  return { files };
}

export function speedUpLoading(): void {
  if (patched) return;
  patched = true;
  // The JSZip exceljs itself requires (resolved from exceljs's own folder, so it is the same module instance).
  const xlsxModule = createRequire(import.meta.url).resolve('exceljs/lib/xlsx/xlsx.js');
  const fromExceljs = createRequire(xlsxModule);
  const JSZip = fromExceljs('jszip') as { loadAsync: LoadAsync };
  const original = JSZip.loadAsync;
  JSZip.loadAsync = function (this: unknown, data: unknown, options?: unknown) {
    if (data !== null && typeof data === 'object' && PARTS in data) return Promise.resolve(filesOf((data as UnzippedWorkbook)[PARTS]));
    return original.call(this, data, options);
  };
  const XLSX = fromExceljs(xlsxModule) as { prototype: { _processThemeEntry: ThemeEntryReader } };
  XLSX.prototype._processThemeEntry = async function (entry, model, name) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    model.themes[name] = Buffer.concat(chunks).toString();
  };
}
