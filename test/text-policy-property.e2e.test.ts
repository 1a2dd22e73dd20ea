// Issue 19, item 2: the text policy as a property. Arbitrary Unicode — controls, noncharacters, lone surrogates,
// bidi controls, quotes, commas, line breaks, formula starts, right-to-left letters, over-long names — as registry
// names and as the bulletin's title, through the built CLI: template → validate → feedback → merge → report. Whatever
// the text: the exit code is 0, 1 or 2; every .xlsx/.docx written opens in a second program (Python's XML parser and
// openpyxl); every CSV parses back with one width; no field starts as a formula; rc-org accepts its own blank forms.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturePath, spawnCli, tempDir } from './helpers.js';
import { csvRecords, FORMULA_FIELD, ooxmlProblems } from './text-policy-support.js';

const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u0009',
  '\u000a',
  '\u000b',
  '\u000c',
  '\u000d',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ufffe',
  '\uffff',
  '\ufdd0',
  '\ud800',
  '\udfff',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200f',
  '"',
  ',',
  "'",
  '=',
  '+',
  '-',
  '@',
  ' ',
  '\u3000',
  '<',
  '&',
  '>',
  '/',
  '\\',
  ':',
  '*',
  '?',
  '|',
  '.',
  '…',
  'ا',
  'ש',
  '😀',
  '区',
  '市',
  '红',
  '十',
  '字',
  '会',
];
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
/** A name: mostly short, sometimes clean of defects (so the run goes on past the registry), sometimes too long. */
const name = fc.oneof(
  fc.array(char, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
  fc
    .array(fc.constantFrom('"', ',', '=', '+', '-', '@', ' ', '\n', '\r\n', '\t', '<', '&', 'ا', '😀', '区', '红'), { minLength: 1, maxLength: 12 })
    .map((cs) => `名${cs.join('')}`),
  fc.integer({ min: 90, max: 130 }).map((n) => '长'.repeat(n)),
);

// No program can be given a NUL in its arguments (the OS ends the string there): it goes in files only.
const arg = (s: string): string => s.replaceAll('\u0000', '');
const codes = (code: number): boolean => code === 0 || code === 1 || code === 2;

function checkOutputs(dir: string): void {
  expect(ooxmlProblems(dir)).toBe('');
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.csv')) continue;
    const records = csvRecords(join(dir, f));
    expect(new Set(records.map((r) => r.length)).size, f).toBeLessThanOrEqual(1);
    for (const field of records.flat()) expect(field, f).not.toMatch(FORMULA_FIELD);
  }
}

describe('arbitrary Unicode in names and titles, template → validate → feedback → merge → report', () => {
  it('exits 0/1/2 only, writes well-formed workbooks and documents and CSVs that parse back, accepts its own forms', () => {
    fc.assert(
      fc.property(fc.tuple(name, name), name, ([a, b], title) => {
        const dir = tempDir();
        writeFileSync(
          join(dir, 'r.csv'),
          '\ufeff' +
            stringify([
              ['代码', '名称', '级别', '上级代码', '电话'],
              ['220000', '吉林省', '省', '', b],
              ['220100', a, '市', '220000', a],
              ['220102', b, '区', '220100', ''],
            ]),
        );
        const t = spawnCli(['template', '--orgs', 'r.csv', '--year', '2021', '--out', 'forms'], { cwd: dir });
        expect(codes(t.code), t.stderr).toBe(true);
        if (t.code === 0) {
          checkOutputs(join(dir, 'forms'));
          const v = spawnCli(['validate', 'forms', '--orgs', 'r.csv', '--json'], { cwd: dir });
          expect(codes(v.code), v.stderr).toBe(true);
          expect(v.stdout).not.toMatch(/"identity-/);
          // The county's blank form returned; the city and the province not: feedback answers it and chases the rest.
          mkdirSync(join(dir, 'in'));
          const county = readdirSync(join(dir, 'forms')).find((f) => f.includes('_220102_'))!;
          copyFileSync(join(dir, 'forms', county), join(dir, 'in', county));
          const fb = spawnCli(['feedback', 'in', '--year', '2021', '--orgs', 'r.csv', '--contact', arg(title), '--blank-for-missing', '--out', 'fb'], {
            cwd: dir,
          });
          expect(codes(fb.code), fb.stderr).toBe(true);
          if (fb.code !== 2) checkOutputs(join(dir, 'fb'));
          const m = spawnCli(['merge', 'in', '--orgs', 'r.csv', '--year', '2021', '--out', 'sum'], { cwd: dir });
          expect(codes(m.code), m.stderr).toBe(true);
          if (m.code !== 2) checkOutputs(join(dir, 'sum'));
        }
        // The title on the bulletin (over a summary of the small made-up registry when this registry was refused).
        const sum = t.code === 0 && readdirSync(dir).includes('sum') ? 'sum' : fixturePath('fixtures/report/small-registry-2021');
        const r = spawnCli(['report', sum, '--title', arg(title), '--to', arg(a), '--docx', '--date', '2022-01-10', '--out', 'rep'], { cwd: dir });
        expect(codes(r.code), r.stderr).toBe(true);
        if (r.code === 0) checkOutputs(join(dir, 'rep'));
      }),
      { numRuns: 6, endOnFailure: true, seed: Number(process.env.RC_ORG_PROPERTY_SEED ?? 19) },
    );
  }, 600_000);
});
