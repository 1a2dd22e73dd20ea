// What reading turns a file into: plain, cloneable data that the pure core checks. No exceljs objects, no I/O.

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

/** A sheet or CSV turned into plain text cells; `line` is the 1-based line or row in the source. */
export interface PlainTable {
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

/** Index of the first header that matches one of the names (case-, space- and full-width-insensitive). */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const wanted = new Set(names.map(norm));
  return header.findIndex((h) => wanted.has(norm(h)));
}
