import type { PlainWorkbook } from '../core/plain.js';
import type { MessageCode, Params } from '../messages.js';

// What a reader worker hands back for one file: its hash and its plain sheets (core/plain.ts), or why not.

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
