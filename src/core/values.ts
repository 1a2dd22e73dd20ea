import type { PlainValue } from '../read/types.js';

// How a cell's content turns into a number (DOMAIN.md §5). Pure.

export type CellReading =
  | { kind: 'blank'; /** The "not applicable" mark typed, when it was one ("—", "/", "-"). */ dash?: string }
  | { kind: 'number'; value: number; loose?: { found: string; how: LooseWay[]; /** A unit typed after the number. */ unit?: string }; formula?: string }
  | { kind: 'not-number'; found: string; /** Digits split by a space ("2 4"): which number was meant cannot be known. */ split?: true }
  | { kind: 'date'; found: string }
  | { kind: 'formula-no-result'; formula: string }
  | { kind: 'formula-error'; formula: string; found: string };

export type LooseWay = 'text' | 'full-width' | 'thousands' | 'spaces' | 'unit';

export const LOOSE_WAY_LABELS: Record<LooseWay, { zh: string; en: string }> = {
  text: { zh: '数字存为文本', en: 'number stored as text' },
  'full-width': { zh: '全角数字', en: 'full-width digits' },
  thousands: { zh: '千位分隔符', en: 'thousands separators' },
  spaces: { zh: '多余空格', en: 'stray spaces' },
  unit: { zh: '带单位', en: 'with a unit' },
};

/** Units a branch may type after a number (27个, 1260人, 3支, 100小时). */
const UNIT_AFTER = /^(.*?\d)\s*(个|人|支|家|名|所|次|小时|时|h|H)$/u;

/** Marks that mean "nothing here" — the template's "—" on rows that do not apply, and its look-alikes. */
const DASHES = new Set(['—', '——', '-', '－', '–', '/', '／', '\\']);

const FULL_WIDTH = /[\uff10-\uff19\uff0c\uff0e\uff0d\uff0b]/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function readText(raw: string): CellReading {
  const trimmed = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (trimmed === '') return { kind: 'blank' };
  if (DASHES.has(trimmed)) return { kind: 'blank', dash: trimmed };
  const how: LooseWay[] = ['text'];
  let s = raw;
  let unit: string | undefined;
  const withUnit = UNIT_AFTER.exec(trimmed.normalize('NFKC'));
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
