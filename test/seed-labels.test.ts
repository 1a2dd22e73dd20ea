// The 28 row labels, the two titles, the table header and the 说明 line of the catalogue, character for
// character against the seed notice (the official source). The same labels as written into a workbook are
// checked in form-workbook.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANNEX_TITLES, INDICATORS, TABLE_HEADER, annex2Note, labelOf } from '../src/catalogue.js';
import { SEED_COPY, SEED_FILE, parseSeedTables, seedAnnexes } from './seed.js';

const seed = seedAnnexes();
const ROWS = (['annex1', 'annex2'] as const).flatMap((annex) => INDICATORS.map((ind) => ({ annex, no: ind.no, ind })));

describe(`labels against the seed (${seed.source})`, () => {
  it('reads 14 numbered rows for each annex from the seed', () => {
    expect(seed.annex1.rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(seed.annex2.rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(INDICATORS.map((i) => i.no)).toEqual(seed.annex1.rows.map((r) => r.no));
  });

  it.each(ROWS.map((r) => [r.annex, r.no, r.ind] as const))('%s row %i is verbatim', (annex, no, ind) => {
    const official = seed[annex].rows.find((r) => r.no === no)!.label;
    expect(labelOf(ind, annex)).toBe(official);
  });

  it.each(['annex1', 'annex2'] as const)('%s title, annex label and table header are verbatim', (annex) => {
    expect(ANNEX_TITLES[annex].title).toBe(seed[annex].title);
    // The seed prints "附件 1" (a typesetting space); the form and the sheet name use 附件1.
    expect(ANNEX_TITLES[annex].label).toBe(seed[annex].heading.replace(/\s+/g, ''));
    expect([...TABLE_HEADER]).toEqual(seed[annex].header);
  });

  it('the 说明 line under 附件2 is verbatim for the 2020 baseline', () => {
    expect(annex2Note(2020)).toBe(seed.note);
  });
});

describe('the seed reader itself', () => {
  it('the committed copy test/data/seed-annex-labels.txt agrees with the seed', () => {
    const copy = parseSeedTables(readFileSync(SEED_COPY, 'utf8'), SEED_COPY);
    expect(copy.annex1.rows).toHaveLength(14);
    if (existsSync(SEED_FILE)) {
      const original = parseSeedTables(readFileSync(SEED_FILE, 'utf8'), SEED_FILE);
      expect({ ...copy, source: '' }).toEqual({ ...original, source: '' });
    } else {
      expect(seed.source).toBe(SEED_COPY);
    }
  });

  it('refuses a table with a row missing or altered, so a broken seed never passes silently', () => {
    const text = readFileSync(seed.source, 'utf8');
    expect(() => parseSeedTables(text.replace(/^7\t.*\n/m, ''), 'x')).toThrow(/附件1 row 7/);
    expect(() => parseSeedTables(text.replace('附件 2', '附件二'), 'x')).toThrow(/附件 2/);
    expect(() => parseSeedTables('', 'x')).toThrow();
  });
});
