import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FileProblem } from '../read/types.js';
import { decodeText, UndecodableText } from './text.js';

/** A sheet or CSV turned into plain text cells; `line` is the 1-based line or row in the source. */
export interface PlainTable {
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

/** A CSV that cannot be read as a table: the file-level problem to report (with the line where it went wrong). */
export class CsvProblem extends Error {
  constructor(readonly problem: FileProblem & { params: { line: number } }) {
    super(problem.code);
  }
}

// csv-parse's error codes in a clerk's words; anything else is "malformed" with no more said.
const CSV_ERRORS: Record<string, { zh: string; en: string }> = {
  CSV_QUOTE_NOT_CLOSED: { zh: '引号没有闭合', en: 'a quote is never closed' },
  CSV_INVALID_CLOSING_QUOTE: { zh: '引号后面紧跟了其他字符', en: 'text follows a closing quote' },
  INVALID_OPENING_QUOTE: { zh: '单元格中间出现了引号', en: 'a quote inside an unquoted cell' },
  CSV_INVALID_OPENING_QUOTE: { zh: '单元格中间出现了引号', en: 'a quote inside an unquoted cell' },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: { zh: '列数不一致', en: 'rows of different lengths' },
  CSV_MAX_RECORD_SIZE: { zh: '一行过长', en: 'a line too long' },
};

/** Excel's "Unicode text" (UTF-16) export is tab-separated: a first line with tabs and no comma says so. */
function delimiterOf(text: string): string {
  let end = 0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const first = text.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/** The CSV as a table; throws CsvProblem (malformed, undecodable) naming the line, never a library's error. */
export function parseCsvTable(bytes: Uint8Array): PlainTable {
  let text: string;
  try {
    ({ text } = decodeText(bytes));
  } catch (e) {
    if (e instanceof UndecodableText) throw new CsvProblem({ code: 'csv-undecodable', params: { line: e.line } });
    throw e;
  }
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    // Bare CR (old Mac Excel) is a line end too, wherever it first appears.
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'], delimiter: delimiterOf(text) }) as unknown as typeof records;
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const words = CSV_ERRORS[err.code ?? ''] ?? { zh: '格式无法识别', en: 'not readable as CSV' };
    throw new CsvProblem({ code: 'csv-malformed', params: { line: typeof err.lines === 'number' && err.lines > 0 ? err.lines : 1, problem: words.zh, problem_en: words.en } });
  }
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
