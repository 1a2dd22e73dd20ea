// Issue 8, item 4: summary-long.csv cannot be broken from the inputs. Arbitrary Unicode branch names, notes
// (file names in the source column) and cell texts are written and read back with csv-parse: exactly the records
// written, none of them starting with a formula character.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/catalogue.js';
import type { ReturnFigures, ReturnResult } from '../src/core/finding.js';
import { planMerge } from '../src/core/merge-plan.js';
import { writeLongCsv } from '../src/merge/outputs.js';
import { csvRecord } from '../src/io/table.js';
import { neutralise } from '../src/text-safety.js';
import { longCsv, longCsvRecords } from './merge-support.js';
import { buildRegistry } from '../src/registry/build.js';
import { tempDir } from './helpers.js';

const FORMULA_START = /^(?:[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
/** Texts built to hit the edges: formula starts, line breaks, quotes, commas, leading spaces. */
const hostile = fc.oneof(
  text,
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n', ' =', '\u3000+', '"', ',', '\r\n='), text).map(([a, b]) => a + b),
);

function setup(names: { city: string; county: string }, file: string) {
  const built = buildRegistry(
    [
      { line: 2, code: 'P', name: '测试省', level: 'province', parent: '' },
      { line: 3, code: 'C', name: names.city, level: 'city', parent: 'P' },
      { line: 4, code: 'K', name: names.county, level: 'county', parent: 'C' },
    ],
    'test',
  );
  if ('problems' in built) return null;
  const registry = built.registry;
  const f: ReturnFigures = { annex1: emptyFigures(), annex2: emptyFigures() };
  f.annex1.adultMembers = 10;
  f.annex2.adultMembers = -3;
  const org = registry.byCode.get('K')!;
  const ret: ReturnResult = { file, sha256: 'x', kind: 'form', org: { code: 'K', name: org.name, level: org.level }, year: 2021, findings: [], figures: f };
  return { registry, plan: planMerge([ret], registry) };
}

function assertSafe(records: string[][]): void {
  for (const r of records) for (const cell of r) if (!NUMERIC.test(cell)) expect(FORMULA_START.test(cell), JSON.stringify(cell)).toBe(false);
}

describe('summary-long.csv round-trips any text (fast-check)', () => {
  it('written and read back with csv-parse: the same records, none starting with a formula character', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (city, county, file) => {
        const s = setup({ city, county }, file);
        if (!s) return;
        const written = [...longCsvRecords(s.registry, s.plan)];
        const read: string[][] = parse(longCsv(s.registry, s.plan), { bom: true });
        expect(read).toEqual(written);
        assertSafe(read);
        expect(read.length).toBe(1 + 2 * 14);
      }),
      { numRuns: 300 },
    );
  });

  it('the file written from fields quoted once per branch and indicator is byte for byte the same', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (county, file) => {
        const s = setup({ city: '甲市', county }, file);
        if (!s) return;
        const path = join(dir, 'long.csv');
        await writeLongCsv(s.registry, s.plan, path);
        const bytes = readFileSync(path, 'utf8');
        expect(bytes).toBe(longCsv(s.registry, s.plan));
        const records: string[][] = parse(bytes, { bom: true });
        assertSafe(records);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['＝1+1', "'＝1+1"],
    ['  =1', "'  =1"],
    ['\u3000@x', "'\u3000@x"],
    ['\n=2', "'\n=2"],
    ['－5', "'－5"],
  ])('neutralise(%j) → %j', (input, want) => expect(neutralise(input)).toBe(want));

  it('caps a cell at 32,767 characters and quotes line breaks', () => {
    expect(neutralise('x'.repeat(100_000))).toHaveLength(32_767);
    expect(csvRecord(['a\rb', 'x'])).toBe('"a\rb",x\r\n');
    expect(csvRecord(['a\nb', ' y'], '\n')).toBe('"a\nb"," y"\n');
  });
});
