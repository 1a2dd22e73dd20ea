import { FORM_LAYOUT } from '../src/catalogue.js';
// End to end: `rc-org template` as a user runs it — the full 71-workbook run, --only / --under / --force, the
// refusal to overwrite, and exit codes (0 clean, 2 usage or setup) with nothing written on a refusal.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../src/registry/default.js';
import { formFileName } from '../src/issued-form/form.js';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

/** The workbooks in a folder, sorted. */
const workbooks = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.xlsx'))
    .sort();

/** The identity sheet's code and year, read with exceljs. */
async function identityOf(file: string): Promise<{ code: string; year: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(FORM_LAYOUT.identitySheet)!;
  const get = (key: string): string => {
    let v = '';
    ws.eachRow((row) => {
      if (row.getCell(1).text === key) v = row.getCell(2).text;
    });
    return v;
  };
  return { code: get('code'), year: get('year') };
}

describe('rc-org template --year 2021 --out <dir>', () => {
  it('writes 71 workbooks, one per branch of the built-in registry, each carrying its own identity', async () => {
    const dir = tempDir();
    const r = spawnCli(['template', '--year', '2021', '--out', 'forms'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir, 'forms');
    const expected = defaultRegistry().orgs.map((o) => formFileName(2021, o));
    expect(workbooks(out)).toEqual([...expected].sort());
    expect(r.stdout).toMatch(/│ 2021 │ 2020 +│ 71 +│/);
    expect(r.stdout).toContain(out);
    // The content matches the name: a sample across levels and positions in the registry.
    const reg = defaultRegistry();
    for (const code of ['220000', '220102', '220184', '222426', 'X22CBS', '220581']) {
      expect(await identityOf(join(out, formFileName(2021, reg.byCode.get(code)!)))).toEqual({ code, year: '2021' });
    }
  });
});

describe('choosing branches', () => {
  it.each([
    ['--only with a full-width comma and a repeat', ['--only', '220102，220581,220102'], ['220102', '220581']],
    ['--only with spaces', ['--only', '220100 X22CBS'], ['220100', 'X22CBS']],
    ['--under a city', ['--under', '222400'], ['222400', '222401', '222402', '222403', '222404', '222405', '222406', '222424', '222426']],
  ])('%s', (_name, args, codes) => {
    const dir = tempDir();
    const r = spawnCli(['template', '--year', '2021', '--out', 'out', ...args], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const reg = defaultRegistry();
    expect(workbooks(join(dir, 'out'))).toEqual(codes.map((c) => formFileName(2021, reg.byCode.get(c)!)).sort());
  });
});

describe('existing files', () => {
  it('refuses to overwrite: exit 2, nothing written, the existing file unchanged; --force overwrites', () => {
    const dir = tempDir();
    expect(spawnCli(['template', '--year', '2021', '--out', 'out', '--only', '220102'], { cwd: dir }).code).toBe(0);
    const existing = join(dir, 'out', '2021_220102_南关区_组织体系建设统计表.xlsx');
    writeFileSync(existing, 'the branch filled this in');

    const refused = spawnCli(['template', '--year', '2021', '--out', 'out', '--only', '220103,220102'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`rc-org: 输出文件已存在：${existing}。如需覆盖，请加 --force。`);
    expect(workbooks(join(dir, 'out'))).toEqual(['2021_220102_南关区_组织体系建设统计表.xlsx']);
    expect(readFileSync(existing, 'utf8')).toBe('the branch filled this in');

    const en = spawnCli(['template', '--year', '2021', '--out', 'out', '--only', '220102', '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`Output already exists: ${existing}. Pass --force to overwrite it.`);

    const forced = spawnCli(['template', '--year', '2021', '--out', 'out', '--only', '220103,220102', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(workbooks(join(dir, 'out'))).toEqual(['2021_220102_南关区_组织体系建设统计表.xlsx', '2021_220103_宽城区_组织体系建设统计表.xlsx']);
    expect(readFileSync(existing).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('exit codes', () => {
  const Y = ['--year', '2021'];
  it.each([
    ['an unknown option', ['template', ...Y, '--out', 'out', '--bogus'], /unknown option '--bogus'/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing --out', ['template', ...Y], /--out <dir>/],
    ['a two-digit --year', ['template', '--year', '21', '--out', 'out'], /--year 应为四位年份（如 2021），实际为“21”/],
    ['a --baseline-year in words', ['template', ...Y, '--baseline-year', '二〇二〇', '--out', 'out'], /--baseline-year 应为四位年份/],
    ['--baseline-year equal to --year', ['template', ...Y, '--baseline-year', '2021', '--out', 'out'], /基准年（2021）必须早于统计年度（2021）/],
    [
      '--baseline-year after --year, in English',
      ['template', ...Y, '--baseline-year', '2022', '--out', 'out', '--lang', 'en'],
      /The baseline year \(2022\) must be earlier than the survey year \(2021\)/,
    ],
    ['--only with --under', ['template', ...Y, '--out', 'out', '--only', '220102', '--under', '220100'], /--only 与 --under 不能同时使用/],
    ['an unknown --only code', ['template', ...Y, '--out', 'out', '--only', '220102,999999'], /--only 中的单位代码 999999 不在单位名录中/],
    ['a registry file that is not there', ['template', ...Y, '--out', 'out', '--orgs', 'nowhere.csv'], /找不到文件：nowhere\.csv/],
    ['an unknown --lang', ['orgs', '--lang', 'fr'], /'fr' is invalid/],
  ])('%s → 2, with a message and nothing written', (_name, args, message) => {
    const dir = tempDir();
    const r = spawnCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a clean run with a registry file → 0', () => {
    const dir = tempDir();
    copyFixture('fixtures/registry/utf8-bom.csv', dir);
    const r = spawnCli(['template', ...Y, '--out', 'out', '--orgs', 'utf8-bom.csv', '--under', '222400'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(workbooks(join(dir, 'out'))).toEqual([
      '2021_222400_延边朝鲜族自治州_组织体系建设统计表.xlsx',
      '2021_222401_延吉市_组织体系建设统计表.xlsx',
      '2021_222424_汪清县_组织体系建设统计表.xlsx',
    ]);
  });

  it('--version → 0', () => {
    const r = spawnCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
