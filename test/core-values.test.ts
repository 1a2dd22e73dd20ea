// How a cell's content is read into a number (src/core/values.ts): loose numbers, dashes, text that is not a
// number, dates, formulas and error values. Pure functions, table-driven.
import { describe, expect, it } from 'vitest';
import { cellText, readCell, readText, type CellReading, type LooseWay } from '../src/core/values.js';
import type { PlainValue } from '../src/core/plain.js';

const loose = (value: number, found: string, ...how: LooseWay[]): CellReading => ({ kind: 'number', value, loose: { found, how: ['text', ...how] } });
const notNumber = (found: string): CellReading => ({ kind: 'not-number', found });
const BLANK: CellReading = { kind: 'blank' };

describe('readText: numbers written as text', () => {
  const cases: [string, string, CellReading][] = [
    ['plain digits (number stored as text)', '12', loose(12, '12')],
    ['zero as text', '0', loose(0, '0')],
    ['full-width digits', '１２', loose(12, '１２', 'full-width')],
    ['full-width zero', '０', loose(0, '０', 'full-width')],
    ['thousands separators', '1,234', loose(1234, '1,234', 'thousands')],
    ['two thousands groups', '1,234,567', loose(1234567, '1,234,567', 'thousands')],
    ['thousands with a fraction', '12,345.5', loose(12345.5, '12,345.5', 'thousands')],
    ['full-width digits and comma', '１，２３４', loose(1234, '１，２３４', 'full-width', 'thousands')],
    ['stray spaces around', ' 12 ', loose(12, ' 12 ', 'spaces')],
    ['tab and newline around', '\t12\n', loose(12, '\t12\n', 'spaces')],
    ['a fraction', '12.5', loose(12.5, '12.5')],
    ['a leading dot', '.5', loose(0.5, '.5')],
    ['a trailing dot', '5.', loose(5, '5.')],
    ['a negative number', '-3', loose(-3, '-3')],
    ['an explicit plus', '+7', loose(7, '+7')],
    ['full-width minus and digit', '－３', loose(-3, '－３', 'full-width')],
    ['full-width decimal point', '１２．５', loose(12.5, '１２．５', 'full-width')],
  ];
  it.each(cases)('%s: %j', (_what, raw, expected) => {
    expect(readText(raw)).toStrictEqual(expected);
  });
});

describe('readText: dashes and blanks mean nothing was entered', () => {
  it.each(['', ' ', '   ', '\u3000', '\t'])('%j reads as blank', (raw) => {
    expect(readText(raw)).toStrictEqual(BLANK);
  });
  // The dash is kept: on a row that applies, "not applicable" gets its own message (value-dash), not "blank".
  it.each(['—', '——', '-', '－', '–', '/', '／', '\\', ' — ', '\u3000—\u3000'])('%j reads as blank, the dash kept', (raw) => {
    expect(readText(raw)).toStrictEqual({ kind: 'blank', dash: raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') });
  });
});

describe('readText: a unit typed after the number, digits split by a space', () => {
  const unit = (value: number, found: string, u: string): CellReading => ({ kind: 'number', value, loose: { found, how: ['text', 'unit'], unit: u } });
  it.each<[string, CellReading]>([
    ['27个', unit(27, '27个', '个')],
    ['1260人', unit(1260, '1260人', '人')],
    ['3支', unit(3, '3支', '支')],
    ['100小时', unit(100, '100小时', '小时')],
    ['12 人', unit(12, '12 人', '人')],
  ])('%j → the number, with its unit noted', (raw, want) => {
    expect(readText(raw)).toStrictEqual(want);
  });
  it.each(['2 4', '1 234', '1\u30002'])('%j → not a number (which one was meant cannot be told)', (raw) => {
    expect(readText(raw)).toStrictEqual({ kind: 'not-number', found: raw, split: true });
  });
});

describe('readText: text that is not a number', () => {
  const cases: [string, string][] = [
    ['十二', '十二'],
    ['约300', '约300'],
    ['300左右', '300左右'],
    [' 十二 ', '十二'], // found is reported trimmed
    ['1,23', '1,23'], // not a thousands grouping
    ['12,34,567', '12,34,567'],
    ['1.2.3', '1.2.3'],
    ['1e3', '1e3'],
    ['--3', '--3'],
    ['N/A', 'N/A'],
    ['无', '无'],
    ['12/3', '12/3'],
  ];
  it.each(cases)('%j → not-number (found %j)', (raw, found) => {
    expect(readText(raw)).toStrictEqual(notNumber(found));
  });

  it('digits beyond the range of a number (Infinity) are not a number', () => {
    const raw = '9'.repeat(400);
    expect(readText(raw)).toStrictEqual(notNumber(raw));
  });
});

describe('readText: an ideographic space is a stray space, not a full-width digit', () => {
  it('"\\u300012" → 12, read loosely as text with stray spaces only', () => {
    expect(readText('\u300012')).toStrictEqual(loose(12, '\u300012', 'spaces'));
  });
});

describe('readCell: every kind of plain cell', () => {
  const cases: [string, PlainValue | undefined, CellReading][] = [
    ['no cell at all', undefined, BLANK],
    ['a number', { t: 'n', v: 12 }, { kind: 'number', value: 12 }],
    ['zero', { t: 'n', v: 0 }, { kind: 'number', value: 0 }],
    ['a negative number', { t: 'n', v: -3 }, { kind: 'number', value: -3 }],
    ['a fraction', { t: 'n', v: 12.5 }, { kind: 'number', value: 12.5 }],
    ['NaN', { t: 'n', v: Number.NaN }, notNumber('NaN')],
    ['Infinity', { t: 'n', v: Number.POSITIVE_INFINITY }, notNumber('Infinity')],
    ['number stored as text', { t: 's', v: '12' }, loose(12, '12')],
    ['full-width text', { t: 's', v: '１２' }, loose(12, '１２', 'full-width')],
    ['the template dash', { t: 's', v: '—' }, { kind: 'blank', dash: '—' }],
    ['empty text', { t: 's', v: '' }, BLANK],
    ['Chinese numerals', { t: 's', v: '十二' }, notNumber('十二')],
    ['boolean TRUE', { t: 'b', v: true }, notNumber('TRUE')],
    ['boolean FALSE', { t: 'b', v: false }, notNumber('FALSE')],
    ['a date with time', { t: 'd', v: '2021-12-31T00:00:00.000Z' }, { kind: 'date', found: '2021-12-31' }],
    ['a date', { t: 'd', v: '2020-01-12' }, { kind: 'date', found: '2020-01-12' }],
    ['an error value', { t: 'e', v: '#REF!' }, { kind: 'formula-error', formula: '', found: '#REF!' }],
    ['#N/A', { t: 'e', v: '#N/A' }, { kind: 'formula-error', formula: '', found: '#N/A' }],
    ['a formula without a saved result', { t: 'f', formula: 'SUM(C5:C6)', result: null }, { kind: 'formula-no-result', formula: 'SUM(C5:C6)' }],
    ['a formula with a number result', { t: 'f', formula: 'C5*2', result: { t: 'n', v: 24 } }, { kind: 'number', value: 24, formula: 'C5*2' }],
    ['a formula with zero result', { t: 'f', formula: 'C5-C5', result: { t: 'n', v: 0 } }, { kind: 'number', value: 0, formula: 'C5-C5' }],
    [
      'a formula with an error result',
      { t: 'f', formula: '1/0', result: { t: 'e', v: '#DIV/0!' } },
      { kind: 'formula-error', formula: '1/0', found: '#DIV/0!' },
    ],
    [
      'a formula with a text-number result',
      { t: 'f', formula: 'TEXT(12,"0")', result: { t: 's', v: '12' } },
      { ...loose(12, '12'), formula: 'TEXT(12,"0")' } as CellReading,
    ],
    ['a formula with a text result', { t: 'f', formula: 'B5', result: { t: 's', v: '十二' } }, notNumber('十二')],
    ['a formula with a date result', { t: 'f', formula: 'TODAY()', result: { t: 'd', v: '2021-12-31T00:00:00.000Z' } }, { kind: 'date', found: '2021-12-31' }],
    ['a formula with an empty-text result', { t: 'f', formula: 'IF(1,"")', result: { t: 's', v: '' } }, BLANK],
  ];
  it.each(cases)('%s', (_what, cell, expected) => {
    expect(readCell(cell)).toStrictEqual(expected);
  });
});

describe('cellText: the raw text of a cell', () => {
  const cases: [string, PlainValue | undefined, string][] = [
    ['no cell', undefined, ''],
    ['text, trimmed', { t: 's', v: '  说明 ' }, '说明'],
    ['a number', { t: 'n', v: 2021 }, '2021'],
    ['a fraction', { t: 'n', v: 12.5 }, '12.5'],
    ['a boolean', { t: 'b', v: true }, 'true'],
    ['an error', { t: 'e', v: '#REF!' }, '#REF!'],
    ['a formula with a result', { t: 'f', formula: 'A1', result: { t: 's', v: '220102' } }, '220102'],
    ['a formula without a result', { t: 'f', formula: 'A1', result: null }, ''],
  ];
  it.each(cases)('%s → %j', (_what, cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });
});
