import { parse } from 'csv-parse/sync';
import type { Options as CsvOptions } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import { cellText } from '../core/values.js';
import { SetupError, type ParamWords } from '../messages.js';
import { readWorkbooks } from '../read/pool.js';
import type { PlainSheet, PlainTable } from '../core/plain.js';
import type { FileProblem, ReadResult } from '../read/types.js';
import { neutralise } from '../text-safety.js';
import { decodeText, UndecodableText } from './text.js';

/** A CSV that cannot be read as a table: the file-level problem to report (with the line where it went wrong). */
export class CsvProblem extends Error {
  constructor(readonly problem: FileProblem & { params: { line: number } }) {
    super(problem.code);
  }
}

type CsvProblemKey = keyof ParamWords['csvProblem'];

// csv-parse's error codes as the problems the catalogue has words for; anything else is "unreadable", no more said.
const CSV_ERRORS: Record<string, CsvProblemKey> = {
  CSV_QUOTE_NOT_CLOSED: 'quote-not-closed',
  CSV_INVALID_CLOSING_QUOTE: 'text-after-quote',
  INVALID_OPENING_QUOTE: 'quote-inside-cell',
  CSV_INVALID_OPENING_QUOTE: 'quote-inside-cell',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'uneven-rows',
  CSV_MAX_RECORD_SIZE: 'line-too-long',
};

// A real return has ~30 columns and one row per branch (30,000 at national scale); far beyond is no return, and
// parsing it would hold millions of cells in memory.
const MAX_CSV_COLUMNS = 5_000;
const MAX_CSV_ROWS = 200_000;

/** The line with the most delimiters (quotes ignored: an upper bound on its fields), in one linear pass. */
function widestLine(text: string, delimiter: string): { line: number; fields: number } {
  let best = { line: 1, fields: 0 };
  let line = 1;
  let fields = 1;
  const d = delimiter.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === d) fields++;
    else if (c === 10 || c === 13) {
      if (fields > best.fields) best = { line, fields };
      if (!(c === 13 && text.charCodeAt(i + 1) === 10)) line++;
      fields = 1;
    }
  }
  if (fields > best.fields) best = { line, fields };
  return best;
}

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
    const delimiter = delimiterOf(text);
    const wide = widestLine(text, delimiter);
    if (wide.fields > MAX_CSV_COLUMNS)
      throw new CsvProblem({
        code: 'csv-malformed',
        params: { line: wide.line, problem: 'too-many-columns' satisfies CsvProblemKey, count: wide.fields },
      });
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      delimiter,
      to: MAX_CSV_ROWS + 1,
    }) as unknown as typeof records;
    if (records.length > MAX_CSV_ROWS)
      throw new CsvProblem({
        code: 'csv-malformed',
        params: { line: MAX_CSV_ROWS + 1, problem: 'too-many-rows' satisfies CsvProblemKey, count: MAX_CSV_ROWS },
      });
  } catch (e) {
    if (e instanceof CsvProblem) throw e;
    const err = e as { code?: string; lines?: number };
    const problem: CsvProblemKey = CSV_ERRORS[err.code ?? ''] ?? 'unreadable';
    throw new CsvProblem({ code: 'csv-malformed', params: { line: typeof err.lines === 'number' && err.lines > 0 ? err.lines : 1, problem } });
  }
  // csv-parse says where a record ends; a finding must name the line where it starts (a quoted cell may span lines).
  // info.bytes counts UTF-8 bytes, so count line breaks in the bytes (they are ASCII, never inside a character).
  const utf8 = Buffer.from(text, 'utf8');
  let offset = 0;
  let line = 1;
  const located = records.map((r) => {
    const start = line;
    line += (
      utf8
        .subarray(offset, r.info.bytes)
        .toString('latin1')
        .match(/\r\n|\r|\n/g) ?? []
    ).length;
    offset = r.info.bytes;
    return { line: start, cells: r.record.map((c) => c.trim()) };
  });
  const nonEmpty = located.filter((r) => r.cells.some((c) => c !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) return { header: [], headerLine: 1, rows: [] };
  return { header: head.cells, headerLine: head.line, rows: rest };
}

/** A sheet's plain cells as table lines (1-based row numbers kept), blank lines dropped, first line the header. */
function tableOfSheet(sheet: PlainSheet | undefined): PlainTable {
  const byRow = new Map<number, string[]>();
  for (const c of sheet?.cells ?? []) {
    const cells = byRow.get(c.row) ?? [];
    cells[c.col - 1] = cellText(c.value);
    byRow.set(c.row, cells);
  }
  const lines = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? '') }));
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) return { header: [], headerLine: 1, rows: [] };
  return { header: head.cells, headerLine: head.line, rows: rest };
}

/**
 * First visible worksheet of an xlsx setup file (registry, baseline), as text. Read the way returns are: in a
 * worker, after the same pre-scan, with the same limits; a problem is a setup error naming the file.
 */
export async function readXlsxTable(path: string, shown = path): Promise<PlainTable> {
  let result: ReadResult | undefined;
  await readWorkbooks([path], (_, r) => (result = r), { workers: 1 });
  if (!result?.workbook) {
    const problem = result?.problem ?? { code: 'file-unreadable' as const, params: { reason: '?' } };
    throw new SetupError([{ code: problem.code, params: problem.params, file: shown }]);
  }
  const sheets = result.workbook.sheets;
  return tableOfSheet(sheets.find((w) => w.state === 'visible') ?? sheets[0]);
}

// ── writing: the one CSV writer ────────────────────────────────────────────

/**
 * How every CSV rc-org writes is quoted: csv-stringify's own rules (comma, quote, its record delimiter) plus any
 * CR or LF — with a CRLF record delimiter csv-stringify would leave a lone LF unquoted, and a name with a line break
 * would split its row — and a leading or trailing space, so csv-parse reads back exactly what was written.
 */
export const csvOptions = (end: '\r\n' | '\n' = '\r\n'): CsvOptions => ({
  record_delimiter: end === '\r\n' ? 'windows' : 'unix',
  quoted_match: [/[\r\n]/, /^[ \t]|[ \t]$/],
});

/** One record, its fields neutralised (the text policy's `neutralise`) and quoted. */
export const csvRecord = (fields: readonly (string | number | null)[], end: '\r\n' | '\n' = '\r\n'): string =>
  stringify([fields.map(neutralise)], csvOptions(end));

/** Fields neutralised and quoted by csv-stringify exactly as inside a record, without the record's end. */
export const csvFields = (fields: readonly (string | number | null)[], options: CsvOptions): string =>
  stringify([fields.map(neutralise)], { ...options, eof: false });

/** A whole CSV as Excel on Chinese Windows opens it: UTF-8 with BOM, CRLF, every field neutralised and quoted as above. */
export const csvText = (rows: readonly (readonly (string | number | null)[])[]): string =>
  '\ufeff' +
  stringify(
    rows.map((r) => r.map(neutralise)),
    csvOptions('\r\n'),
  );
