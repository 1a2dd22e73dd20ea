import type { PlainValue } from './plain.js';

// How a cell's content turns into a number (docs/domain.md §5). Pure.

export type CellReading =
  | { kind: 'blank'; /** The "not applicable" mark typed, when it was one ("—", "/", "-"). */ dash?: string }
  | { kind: 'number'; value: number; loose?: { found: string; how: LooseWay[]; /** A unit typed after the number. */ unit?: string }; formula?: string }
  | { kind: 'not-number'; found: string; /** Digits split by a space ("2 4"): which number was meant cannot be known. */ split?: true }
  | { kind: 'date'; found: string }
  | { kind: 'formula-no-result'; formula: string }
  | { kind: 'formula-error'; formula: string; found: string };

/**
 * The largest figure any one return may carry (README: size limits). No branch has a billion members, and at
 * these ceilings the sum of 30,000 returns stays below 2^53: totals are exact integers and never overflow.
 */
export const VALUE_CEILING = { flag: 999_999_999, count: 999_999_999, hours: 99_999_999_999 } as const;

export type LooseWay = 'text' | 'full-width' | 'thousands' | 'spaces' | 'unit';

/** Units a branch may type after a number (27个, 1260人, 3支, 100小时). */
const UNIT_AFTER = /^(.*?\d)\s*(个|人|支|家|名|所|次|小时|时|h|H)$/u;
const MAX_UNIT_TEXT = 40;

/** Marks that mean "nothing here" — the template's "—" on rows that do not apply, and its look-alikes. */
const DASHES = new Set(['—', '——', '-', '－', '–', '/', '／', '\\']);

const FULL_WIDTH = /[\uff10-\uff19\uff0c\uff0e\uff0d\uff0b]/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function readText(raw: string): CellReading {
  const trimmed = raw.trim(); // JS trim covers U+3000; a regex with a trailing-space run would backtrack
  if (trimmed === '') return { kind: 'blank' };
  if (DASHES.has(trimmed)) return { kind: 'blank', dash: trimmed };
  const how: LooseWay[] = ['text'];
  let s = raw;
  let unit: string | undefined;
  // A figure with its unit is short; the length guard keeps the lazy pattern linear on a hostile long cell.
  const withUnit = trimmed.length <= MAX_UNIT_TEXT ? UNIT_AFTER.exec(trimmed.normalize('NFKC')) : null;
  if (withUnit) {
    unit = withUnit[2]!;
    s = withUnit[1]!;
    how.push('unit');
  }
  // "2 4" may be 24 or two numbers: never guess.
  if (/\d[\s\u3000]+\d/u.test(s.normalize('NFKC').trim())) return { kind: 'not-number', found: trimmed, split: true };
  if (FULL_WIDTH.test(s)) {
    how.push('full-width');
    s = s.normalize('NFKC');
  }
  if (/\s/.test(s.trim()) || s !== s.trim()) how.push('spaces');
  s = s.replace(/\s+/g, '');
  if (GROUPED.test(s)) {
    how.push('thousands');
    s = s.replace(/,/g, '');
  }
  // A digit string too long for a double is not a figure anyone meant.
  if (!PLAIN.test(s) || !Number.isFinite(Number(s))) return { kind: 'not-number', found: trimmed };
  return { kind: 'number', value: Number(s), loose: { found: raw, how, ...(unit ? { unit } : {}) } };
}

export function readCell(v: PlainValue | undefined): CellReading {
  if (!v) return { kind: 'blank' };
  switch (v.t) {
    case 'n':
      return Number.isFinite(v.v) ? { kind: 'number', value: v.v } : { kind: 'not-number', found: String(v.v) };
    case 's':
      return readText(v.v);
    case 'b':
      return { kind: 'not-number', found: v.v ? 'TRUE' : 'FALSE' };
    case 'd':
      return { kind: 'date', found: v.v.slice(0, 10) };
    case 'e':
      return { kind: 'formula-error', formula: '', found: v.v };
    case 'f': {
      if (!v.result) return { kind: 'formula-no-result', formula: v.formula };
      if (v.result.t === 'e') return { kind: 'formula-error', formula: v.formula, found: v.result.v };
      const r = readCell(v.result);
      return r.kind === 'number' ? { ...r, formula: v.formula } : r;
    }
  }
}

/** The raw text of a cell, for messages and 说明 notes. */
export function cellText(v: PlainValue | undefined): string {
  if (!v) return '';
  if (v.t === 'f') return v.result ? cellText(v.result) : '';
  return String(v.v).trim();
}
