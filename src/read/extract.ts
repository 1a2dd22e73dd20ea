import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { tolerateMisplacedNotes } from './exceljs-comments.js';
import { speedUpLoading, unzippedWorkbook } from './exceljs-fast-load.js';
import { inspectXlsxParts, type ZipPart } from './sniff.js';
import type { PlainSheet, PlainValue } from '../core/plain.js';
import type { ParamWords } from '../messages.js';
import { MAX_COLS_KEPT, MAX_ROWS_KEPT, type FileProblem, type ReadResult } from './types.js';

/** exceljs's ValueType.Merge: a cell covered by a merge (exceljs itself is loaded only inside the reader). */
const MERGED_CELL = 1 as ExcelJS.ValueType.Merge;

/** A returned form is 10–60 KB; anything above this is refused unread (README: size limits). */
export const MAX_RETURN_BYTES = 50 * 1024 * 1024;

const mb = (n: number): string => `${Math.ceil(n / 1024 / 1024)} MB`;

/** What stat says a path is (a key of the catalogue's words, PARAM_WORDS.fileKind); null for a regular file. */
export function nonRegularKind(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFile(): boolean;
}): keyof ParamWords['fileKind'] | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'special';
}

/** The problem an OS error on reading a file stands for, in the catalogue's words (never the raw error text). */
export function ioProblem(e: unknown): FileProblem {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  if (code === 'EACCES' || code === 'EPERM') return { code: 'file-no-permission', params: {} };
  if (code === 'ENOENT') return { code: 'file-vanished', params: {} };
  if (code === 'EBUSY' || code === 'ETXTBSY') return { code: 'file-no-permission', params: {} };
  return { code: 'file-unreadable', params: { reason: 'read-error', detail: code || 'I/O' } };
}

/**
 * Open a file and check what it is, without reading it: a regular file of at most `maxBytes`, else the problem.
 * Opening with O_NONBLOCK keeps a FIFO from blocking the open; fstat then refuses it. The caller closes the fd.
 */
function openInputFile(path: string, maxBytes: number): { fd: number; size: number } | { problem: FileProblem; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: ioProblem(e), size: 0 };
  }
  try {
    const st = fstatSync(fd);
    const kind = nonRegularKind(st);
    const problem: FileProblem | null = kind
      ? { code: 'file-not-regular', params: { kind } }
      : st.size > maxBytes
        ? { code: 'file-too-large', params: { size: mb(st.size), limit: mb(maxBytes) } }
        : null;
    if (!problem) return { fd, size: st.size };
    closeSync(fd);
    return { problem, size: kind ? 0 : st.size };
  } catch (e) {
    closeSync(fd);
    return { problem: ioProblem(e), size: 0 };
  }
}

/** The guarded read's checks alone (kind, size), for a file another reader will read: null when it may be read. */
export function checkInputFile(path: string, maxBytes = MAX_RETURN_BYTES): { problem: FileProblem; size: number } | null {
  const opened = openInputFile(path, maxBytes);
  if ('problem' in opened) return opened;
  closeSync(opened.fd);
  return null;
}

/**
 * Open, check kind and size, and read a file in one go — the bytes returned are the ones hashed and checked, so
 * a file is read once. Every input rc-org reads whole (returns, and the setup files: src/io/setup-file.ts) comes
 * through here.
 */
export function readInputFile(path: string, maxBytes = MAX_RETURN_BYTES): { bytes: Buffer } | { problem: FileProblem; size: number } {
  const opened = openInputFile(path, maxBytes);
  if ('problem' in opened) return opened;
  const { fd, size } = opened;
  try {
    // Read at most the cap + 1 byte: a file that grows while read cannot make the buffer grow with it.
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got === buf.length) break;
    }
    if (got > maxBytes) return { problem: { code: 'file-too-large', params: { size: `> ${mb(maxBytes)}`, limit: mb(maxBytes) } }, size: got };
    return { bytes: buf.subarray(0, got) };
  } catch (e) {
    return { problem: ioProblem(e), size: 0 };
  } finally {
    closeSync(fd);
  }
}

/** exceljs could not make sense of the content: said in a clerk's words, never the parser's error text. */
const DAMAGED: FileProblem = {
  code: 'file-unreadable',
  params: { reason: 'damaged' },
};

let datesPatched = false;
/**
 * exceljs reads a cell stored as an ISO date (t="d") or a number cell holding text with parseFloat: "2021-03-04"
 * becomes 2021 and "12abc" 12, with no trace. Make it keep what the file says: a date stays a date (→ value-date),
 * non-numeric text stays text (→ value-not-number).
 */
function patchCellParsing(): void {
  if (datesPatched) return;
  datesPatched = true;
  const require = createRequire(import.meta.url);
  const CellXform = require('exceljs/lib/xlsx/xform/sheet/cell-xform.js') as {
    prototype: { parseClose: (this: { t?: string; model: Record<string, unknown> }, name: string) => boolean };
  };
  const Enums = require('exceljs/lib/doc/enums.js') as { ValueType: Record<string, number> };
  const original = CellXform.prototype.parseClose;
  CellXform.prototype.parseClose = function (this: { t?: string; model: Record<string, unknown> }, name: string): boolean {
    if (name !== 'c') return original.call(this, name);
    const t = this.t;
    const raw = this.model.value;
    const isFormula = Boolean(this.model.formula || this.model.shareType);
    const out = original.call(this, name);
    if (typeof raw !== 'string') return out;
    if (t === 'd') {
      const date = new Date(raw);
      if (isFormula) this.model.result = date;
      else {
        this.model.type = Enums.ValueType.Date;
        this.model.value = date;
      }
    } else if ((t === undefined || t === 'n') && !Number.isFinite(Number(raw.trim() === '' ? NaN : raw))) {
      if (isFormula) this.model.result = raw;
      else {
        this.model.type = Enums.ValueType.String;
        this.model.value = raw;
      }
    }
    return out;
  };
}

type Scalar = Exclude<PlainValue, { t: 'f' }>;

function scalar(v: unknown): Scalar | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'string') return v === '' ? null : { t: 's', v };
  if (typeof v === 'boolean') return { t: 'b', v };
  if (v instanceof Date) return { t: 'd', v: Number.isNaN(v.getTime()) ? String(v) : v.toISOString() };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { t: 'e', v: o.error };
    if (Array.isArray(o.richText)) return { t: 's', v: (o.richText as { text: string }[]).map((r) => r.text).join('') };
    if (typeof o.text === 'string') return { t: 's', v: o.text }; // hyperlink
  }
  // What is left is a primitive exceljs did not type (a bigint, say): its own text is what the cell said.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return { t: 's', v: String(v) };
}

function plainValue(cell: ExcelJS.Cell): PlainValue | null {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    return { t: 'f', formula: f.formula ?? cell.formula ?? f.sharedFormula ?? '', result: scalar(f.result) };
  }
  return scalar(v);
}

export function extractSheets(wb: ExcelJS.Workbook): PlainSheet[] {
  return wb.worksheets.map((ws) => {
    const cells: PlainSheet['cells'] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > MAX_ROWS_KEPT) return;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > MAX_COLS_KEPT || cell.type === MERGED_CELL) return;
        const value = plainValue(cell);
        if (value) cells.push({ row: r, col: c, value });
      });
    });
    return { name: ws.name, state: ws.state ?? 'visible', cells };
  });
}

/** How the readers load a workbook (the benchmark's floor loads with the same). Data validations are never needed,
 *  and one over a whole column makes exceljs crawl for minutes. */
export const WORKBOOK_LOAD_OPTIONS = { ignoreNodes: ['dataValidations'] } as const;

/** Read one .xlsx into plain sheets, or say why not. Runs inside a worker thread (so a blocking read is fine). */
export async function readWorkbookFile(path: string, ExcelJSLib: typeof ExcelJS, onHashed?: (sha256: string, size: number) => void): Promise<ReadResult> {
  const read = readInputFile(path);
  if ('problem' in read) return { sha256: '', size: read.size, problem: read.problem };
  const bytes = read.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  onHashed?.(sha256, bytes.length);
  patchCellParsing();
  let parts: ZipPart[] | null;
  try {
    const inspection = await inspectXlsxParts(bytes);
    if (inspection.problem) return { sha256, size: bytes.length, problem: inspection.problem };
    parts = inspection.parts;
  } catch {
    return { sha256, size: bytes.length, problem: { code: 'file-truncated', params: {} } };
  }
  tolerateMisplacedNotes(); // notes saved by openpyxl & co. (feedback's correction forms come back with notes)
  speedUpLoading();
  const wb = new ExcelJSLib.Workbook();
  try {
    await wb.xlsx.load((parts ? unzippedWorkbook(parts) : bytes) as never, WORKBOOK_LOAD_OPTIONS as never);
  } catch (e) {
    return { sha256, size: bytes.length, problem: DAMAGED };
  }
  try {
    return { sha256, size: bytes.length, workbook: { sheets: extractSheets(wb) } };
  } catch (e) {
    return { sha256, size: bytes.length, problem: DAMAGED };
  }
}
