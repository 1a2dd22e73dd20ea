import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { tolerateMisplacedNotes } from './exceljs-comments.js';
import { inspectXlsx } from './sniff.js';
import { MAX_COLS_KEPT, MAX_ROWS_KEPT, type PlainSheet, type PlainValue, type ReadResult } from './types.js';

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
        if (c > MAX_COLS_KEPT || cell.type === 1 /* merge slave */) return;
        const value = plainValue(cell);
        if (value) cells.push({ row: r, col: c, value });
      });
    });
    return { name: ws.name, state: (ws.state ?? 'visible') as PlainSheet['state'], cells };
  });
}

/** Read one .xlsx into plain sheets, or say why not. Runs inside a worker thread (so a blocking read is fine). */
export async function readWorkbookFile(path: string, ExcelJSLib: typeof ExcelJS): Promise<ReadResult> {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const problem = await inspectXlsx(bytes);
  if (problem) return { sha256, size: bytes.length, problem };
  tolerateMisplacedNotes(); // notes saved by openpyxl & co. (feedback's correction forms come back with notes)
  const wb = new ExcelJSLib.Workbook();
  try {
    // Data validations are never needed, and one over a whole column makes exceljs crawl for minutes.
    await wb.xlsx.load(bytes as never, { ignoreNodes: ['dataValidations'] } as never);
  } catch (e) {
    return { sha256, size: bytes.length, problem: { code: 'file-unreadable', params: { reason: String((e as Error)?.message ?? e).slice(0, 200) } } };
  }
  return { sha256, size: bytes.length, workbook: { sheets: extractSheets(wb) } };
}
