// The clerk's rough edges (issue 10, item 7): setup errors through the friendly path, template's year notice,
// --lang en in the sheets, and the yes/no rows' unit column.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

const NANGUAN = 'fixtures/changchun-2021/returns/2021_220102_南关区_组织体系建设统计表.xlsx';

describe('setup errors say what is wrong, never a raw system error (exit 2)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    copyFixture(NANGUAN, dir, 'nanguan.xlsx');
    writeFileSync(join(dir, 'a-file'), 'x');
    writeFileSync(join(dir, 'empty.csv'), '');
  });
  it.each([
    ['--orgs names a missing file', ['orgs', '--orgs', 'nope.csv'], 'rc-org: 找不到文件：nope.csv。'],
    ['--out is a file (merge)', ['merge', 'nanguan.xlsx', '--out', 'a-file'], 'rc-org: --out 是一个文件，不是文件夹：a-file。'],
    ['--out is a file (template)', ['template', '--out', 'a-file', '--year', '2021'], 'rc-org: --out 是一个文件，不是文件夹：a-file。'],
    ['an empty baseline CSV', ['validate', 'nanguan.xlsx', '--baseline', 'empty.csv'], 'rc-org: 基准数文件是空的：empty.csv。'],
  ])('%s', (_, args, want) => {
    const r = spawnCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr.startsWith(want), r.stderr).toBe(true);
    expect(r.stderr).not.toMatch(/ENOENT|EEXIST|内部错误/);
  });
});

describe('template', () => {
  it('without --year says which year it used; yes/no rows say 是=1 否=0 in the unit column', async () => {
    const dir = tempDir();
    const r = spawnCli(['template', '--out', 'forms', '--only', '220102'], { cwd: dir });
    expect(r.code).toBe(0);
    const year = new Date().getFullYear();
    expect(r.stderr).toContain(`未指定 --year，按今年（${year} 年）生成报表`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'forms', `${year}_220102_南关区_组织体系建设统计表.xlsx`));
    expect(wb.getWorksheet('附件1')!.getCell('D9').text).toBe('是=1 否=0'); // row 5 县级党组 (a yes/no row)
    expect(wb.getWorksheet('附件2')!.getCell('D9').text).toBe('增=1 减=-1');
    expect(wb.getWorksheet('附件2')!.getCell('D7').text).toBe('是=1 否=0'); // elections completed: entered, 0/1
    const again = spawnCli(['template', '--out', 'forms2', '--only', '220102', '--year', '2021'], { cwd: dir });
    expect(again.stderr).toBe('');
  });
});

describe('merge --lang en: the sheets speak English too', () => {
  it('报送情况, 来源 and 明细 headings, status words and levels', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'r'));
    copyFixture(NANGUAN, join(dir, 'r'));
    const r = spawnCli(['merge', 'r', '--under', '220100', '--out', 'out', '--lang', 'en'], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'out', '2021_220100_长春市_汇总.xlsx'));
    const texts = (name: string): string[] => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => out.push(c.text)));
      return out;
    };
    const status = texts('报送情况');
    expect(status).toContain('Branches expected');
    expect(status).toContain('returned, passed');
    expect(status).toContain('missing');
    expect(status.some((t) => /[已未报]/.test(t) && !t.includes('红十字会'))).toBe(false);
    expect(texts('来源').slice(0, 5)).toEqual(['File', 'SHA-256', 'Branch code', 'Used', 'Note']);
    const detail = texts('明细');
    expect(detail).toContain('Source file');
    expect(detail).toContain('county');
    expect(wb.getWorksheet('附件1')!.getCell('A3').text).toMatch(/^Summary of 长春市/);
  }, 120_000);
});
