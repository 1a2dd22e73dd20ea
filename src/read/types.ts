import type { MessageCode, Params } from '../messages.js';

// What reading a workbook yields: plain, cloneable data that the pure core checks. No exceljs objects.

export type PlainValue =
  | { t: 'n'; v: number }
  | { t: 's'; v: string }
  | { t: 'b'; v: boolean }
  | { t: 'd'; v: string } // ISO date
  | { t: 'e'; v: string } // error value such as #REF!
  | { t: 'f'; formula: string; result: Exclude<PlainValue, { t: 'f' }> | null };

export interface PlainCell {
  row: number;
  col: number;
  value: PlainValue;
}

export interface PlainSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  cells: PlainCell[];
}

export interface PlainWorkbook {
  sheets: PlainSheet[];
}

export interface FileProblem {
  code: MessageCode;
  params: Params;
}

/** The result of reading one file in a worker: its hash, and either its sheets or why it could not be read. */
export interface ReadResult {
  sha256: string;
  size: number;
  workbook?: PlainWorkbook;
  problem?: FileProblem;
}

// Only this much of each sheet is kept: the form is small, and a whole-column fill must not bloat the result.
export const MAX_ROWS_KEPT = 500;
export const MAX_COLS_KEPT = 40;
