// 明细's figure columns are as wide as their widest figure as Excel shows it (src/merge/summary-workbook.ts): the
// characters a figure takes in '#,##0' (hours '#,##0.0').
import { describe, expect, it } from 'vitest';
import { shownLength } from '../src/merge/summary-workbook.js';

describe('shownLength', () => {
  it.each([
    [null, false, 0, ''],
    [0, false, 1, '0'],
    [1, false, 1, '1'],
    [-1, false, 2, '-1'],
    [999, false, 3, '999'],
    [1000, false, 5, '1,000'],
    [-120, false, 4, '-120'],
    [1234567, false, 9, '1,234,567'],
    [-1234567, false, 10, '-1,234,567'],
    [0, true, 3, '0.0'],
    [248438, true, 9, '248,438.0'],
    [999.96, true, 7, '1,000.0'],
    [-0.5, true, 4, '-0.5'],
  ] as const)('%s (hours: %s) takes %i characters: "%s"', (v, hours, want, shown) => {
    expect(shownLength(v, hours)).toBe(want);
    expect(shown.length).toBe(want); // the table's own figure, as Excel shows it
  });
});
