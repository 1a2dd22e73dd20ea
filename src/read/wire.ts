import type { PlainCell, PlainSheet, PlainValue } from '../core/plain.js';
import type { ReadResult } from './types.js';

// How a read file crosses from a reader worker to the main thread. postMessage copies by structured clone, which
// pays per object: a form's ~160 cells as {row, col, value: {t, v}} objects cost 2.5–3× what the same cells cost
// as one flat array of primitives (measured: ~70–250 µs against ~30–85 µs a form, in the worker, on every file).
// So each sheet's cells travel as one array, six slots a cell, and are rebuilt as objects on the main thread.

type Slot = number | string | boolean | null;
const STRIDE = 6; // row, col, type, value, result type, result value

export interface WireSheet {
  name: string;
  state: PlainSheet['state'];
  cells: Slot[];
}

export type WireResult = Omit<ReadResult, 'workbook'> & { workbook?: { sheets: WireSheet[] } };

function flatten(cells: readonly PlainCell[]): Slot[] {
  const out: Slot[] = new Array<Slot>(cells.length * STRIDE);
  let i = 0;
  for (const { row, col, value } of cells) {
    out[i++] = row;
    out[i++] = col;
    out[i++] = value.t;
    if (value.t === 'f') {
      out[i++] = value.formula;
      out[i++] = value.result ? value.result.t : null;
      out[i++] = value.result ? value.result.v : null;
    } else {
      out[i++] = value.v;
      out[i++] = null;
      out[i++] = null;
    }
  }
  return out;
}

function rebuild(slots: readonly Slot[]): PlainCell[] {
  const cells: PlainCell[] = [];
  for (let i = 0; i + STRIDE <= slots.length; i += STRIDE) {
    const t = slots[i + 2] as PlainValue['t'];
    const value = (
      t === 'f' ? { t, formula: slots[i + 3], result: slots[i + 4] === null ? null : { t: slots[i + 4], v: slots[i + 5] } } : { t, v: slots[i + 3] }
    ) as PlainValue;
    cells.push({ row: slots[i] as number, col: slots[i + 1] as number, value });
  }
  return cells;
}

export function toWire(result: ReadResult): WireResult {
  if (!result.workbook) return result as WireResult;
  return { ...result, workbook: { sheets: result.workbook.sheets.map((s) => ({ name: s.name, state: s.state, cells: flatten(s.cells) })) } };
}

export function fromWire(result: WireResult): ReadResult {
  if (!result.workbook) return result as ReadResult;
  return { ...result, workbook: { sheets: result.workbook.sheets.map((s) => ({ name: s.name, state: s.state, cells: rebuild(s.cells) })) } };
}
