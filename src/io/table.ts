import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeText } from './text.js';

/** A sheet or CSV turned into plain text cells; `line` is the 1-based line or row in the source. */
export interface PlainTable {
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

export function parseCsvTable(bytes: Uint8Array): PlainTable {
  const { text } = decodeText(bytes);
  const records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true, bom: true }) as unknown as {
    record: string[];
    info: { bytes: number };
  }[];
  // csv-parse says where a record ends; a finding must name the line where it starts (a quoted cell may span lines).
  // info.bytes counts UTF-8 bytes, so count line breaks in the bytes (they are ASCII, never inside a character).
  const utf8 = Buffer.from(text, 'utf8');
  let offset = 0;
  let line = 1;
  const located = records.map((r) => {
    const start = line;
    line += (utf8.subarray(offset, r.info.bytes).toString('latin1').match(/\r\n|\r|\n/g) ?? []).length;
    offset = r.info.bytes;
    return { line: start, cells: r.record.map((c) => c.trim()) };
  });
  const nonEmpty = located.filter((r) => r.cells.some((c) => c !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) return { header: [], headerLine: 1, rows: [] };
  return { header: head.cells, headerLine: head.line, rows: rest };
}

/** First worksheet of an xlsx, as text. exceljs is loaded only here, so commands that never read xlsx start fast. */
export async function readXlsxTable(path: string): Promise<PlainTable> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path, { ignoreNodes: ['dataValidations'] } as never);
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  const lines: { line: number; cells: string[] }[] = [];
  ws?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text.trim();
    });
    lines.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) return { header: [], headerLine: 1, rows: [] };
  return { header: head.cells, headerLine: head.line, rows: rest };
}

export async function readTable(path: string): Promise<PlainTable> {
  return extname(path).toLowerCase() === '.xlsx' ? readXlsxTable(path) : parseCsvTable(await readFile(path));
}

/** Index of the first header that matches one of the names (case-, space- and full-width-insensitive). */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const wanted = new Set(names.map(norm));
  return header.findIndex((h) => wanted.has(norm(h)));
}
