// runTemplate called directly (with a cwd): which branches --only / --under pick, the year checks, the
// refusal to overwrite and --force, and file names safe on Windows. The same through the CLI: cli-template.test.ts.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkYears, runTemplate } from '../src/commands/template.js';
import { SetupError } from '../src/messages.js';
import { formFileName, safeFileName } from '../src/issued-form/form.js';
import { copyFixture, tempDir } from './helpers.js';

/**
 * The files in a folder, leaving out the hidden .rc-org-tmp-* staging folder: writeBatch (src/io/output.ts)
 * removes it without waiting, so it may still be there for a moment after runTemplate resolves.
 */
const listing = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => !n.startsWith('.rc-org-tmp-'))
    .sort();

/** The SetupError codes a promise rejects with, or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string[] | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof SetupError) return e.problems.map((x) => x.code);
    throw e;
  }
}

describe('checkYears', () => {
  it.each([
    [2021, 2020, 'ok'],
    [2022, 2020, 'ok'],
    [2021, 2021, 'baseline-not-before-year'],
    [2021, 2022, 'baseline-not-before-year'],
    [21, 2020, 'bad-year'],
    [2021.5, 2020, 'bad-year'],
    [10000, 2020, 'bad-year'],
    [2021, 1899, 'bad-year'],
  ])('year %s, baseline %s → %s', (year, baseline, expected) => {
    let got = 'ok';
    try {
      checkYears(year, baseline);
    } catch (e) {
      got = (e as SetupError).problems[0]!.code;
    }
    expect(got).toBe(expected);
  });
});

describe('runTemplate: which branches', () => {
  it.each([
    ['--only two codes', { only: ['220102', '220581'] }, ['220102', '220581']],
    ['--only repeats a code', { only: ['220102', '220102'] }, ['220102']],
    [
      '--under a city',
      { under: '220100' },
      ['220100', '220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183', '220184'],
    ],
    ['--under the special unit', { under: 'X22CBS' }, ['X22CBS']],
    ['--under a county', { under: '220581' }, ['220581']],
  ])('%s', async (_name, pick, codes) => {
    const dir = tempDir();
    const report = await runTemplate({ cwd: dir, out: 'out', year: 2021, ...pick });
    expect(report.files.map((f) => f.code)).toEqual(codes);
    expect(
      readdirSync(join(dir, 'out'))
        .filter((n) => n.endsWith('.xlsx'))
        .sort(),
    ).toEqual(report.files.map((f) => f.file).sort());
  });

  it.each([
    ['an unknown --only code', { only: ['220102', '999999'] }, ['unknown-org-code']],
    ['an unknown --under code', { under: '999999' }, ['unknown-org-code']],
    ['--only with --under', { only: ['220102'], under: '220100' }, ['mixed-options']],
    ['a baseline year not before the year', { year: 2021, baselineYear: 2021 }, ['baseline-not-before-year']],
    ['a registry with a defect', { orgs: 'cycle.csv' }, ['registry-level-order', 'registry-cycle']],
  ])('refuses %s and writes nothing', async (_name, opts, codes) => {
    const dir = tempDir();
    copyFixture('fixtures/registry/cycle.csv', dir);
    expect(await outcome(runTemplate({ cwd: dir, out: 'out', year: 2021, ...opts }))).toEqual(codes);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('uses a registry file relative to cwd', async () => {
    const dir = tempDir();
    copyFixture('fixtures/registry/gb18030-chinese-headers.csv', dir);
    const report = await runTemplate({ cwd: dir, out: 'forms', year: 2021, orgs: 'gb18030-chinese-headers.csv' });
    expect(report.files.map((f) => f.file)).toContain('2021_210102_和平区_组织体系建设统计表.xlsx');
    expect(report.files).toHaveLength(6);
  });
});

describe('runTemplate: existing files', () => {
  it('refuses to overwrite (nothing written, the existing file unchanged); --force overwrites', async () => {
    const dir = tempDir();
    const first = await runTemplate({ cwd: dir, out: 'out', year: 2021, only: ['220102'] });
    const target = join(first.dir, first.files[0]!.file);
    writeFileSync(target, 'filled in by the branch');
    const before = listing(first.dir);

    expect(await outcome(runTemplate({ cwd: dir, out: 'out', year: 2021, only: ['220103', '220102'] }))).toEqual(['output-exists']);
    expect(listing(first.dir)).toEqual(before);
    expect(readFileSync(target, 'utf8')).toBe('filled in by the branch');

    const forced = await runTemplate({ cwd: dir, out: 'out', year: 2021, only: ['220103', '220102'], force: true });
    expect(forced.files).toHaveLength(2);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK'); // a real xlsx again
    expect(existsSync(join(first.dir, formFileName(2021, { code: '220103', name: '宽城区' })))).toBe(true);
  });

  it('writes into a folder that holds other files, without touching them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    await runTemplate({ cwd: dir, out: '.', year: 2021, only: ['220102'] });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, '2021_220102_南关区_组织体系建设统计表.xlsx'))).toBe(true);
  });
});

describe('file names', () => {
  it.each([
    [2021, { code: '220102', name: '南关区' }, '2021_220102_南关区_组织体系建设统计表.xlsx'],
    [2021, { code: 'A/B', name: '某"单位"?' }, '2021_A_B_某_单位___组织体系建设统计表.xlsx'],
  ])('%i %j → %s', (year, org, name) => {
    expect(formFileName(year, org)).toBe(name);
  });

  it.each([
    ['a:b*c', 'a_b_c'],
    ['名称. ', '名称'],
    ['...', '_'],
    ['tab\there', 'tab_here'],
  ])('safeFileName(%j) → %j', (input, output) => {
    expect(safeFileName(input)).toBe(output);
  });
});
