// End to end: `rc-org orgs` run as a user runs it (the built CLI, fixtures copied to a temp folder first).
// Registry defects come out as "file:line: message" in Chinese (or English with --lang en) with exit 2, and
// the CSV from `orgs --csv` loads back unchanged through --orgs.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

/** A temp folder holding a copy of fixtures/registry/<name>. */
function withFixture(name: string): string {
  const dir = tempDir();
  copyFixture(`fixtures/registry/${name}`, dir);
  return dir;
}

describe('registry defects: message, line, exit 2', () => {
  // Every defect in Chinese (the default); English for a few, to see --lang en reaches these messages too.
  const cases: { file: string; zh: string[]; en?: string[] }[] = [
    {
      file: 'duplicate-code.csv',
      zh: ['duplicate-code.csv:6: 单位代码 220102 重复（第 4 行已有）'],
      en: ['duplicate-code.csv:6: Branch code 220102 appears twice (first on line 4)'],
    },
    {
      file: 'unknown-parent.csv',
      zh: ['unknown-parent.csv:5: 单位 220202 的上级代码 220200 不在名录中'],
    },
    {
      file: 'cycle.csv',
      zh: ['cycle.csv:4: 上级关系成环：220200 → 220202 → 220200', 'cycle.csv:4: 单位 220200'],
      en: ['cycle.csv:4: The parent links form a cycle: 220200 → 220202 → 220200'],
    },
    {
      file: 'county-above-city.csv',
      zh: ['county-above-city.csv:4: 单位 220100', '的上级 220102 是'],
      en: ['county-above-city.csv:4: Branch 220100 (city) sits under 220102 (county): a parent must be of a higher level'],
    },
    {
      file: 'unknown-level.csv',
      zh: ['unknown-level.csv:5: 单位 220103 的级别“乡镇”无法识别'],
    },
    {
      file: 'empty-name.csv',
      zh: ['empty-name.csv:5: 单位 220103 的名称为空'],
    },
    {
      file: 'multiple-roots.csv',
      zh: ['multiple-roots.csv:4: 名录中有多个最上级单位（上级代码为空）：220000, 210000'],
    },
    {
      file: 'missing-level-column.csv',
      zh: ['missing-level-column.csv:1: 单位名录缺少“level”列'],
    },
  ];

  it.each(cases.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const dir = withFixture(file);
    for (const lang of c.en ? (['zh', 'en'] as const) : (['zh'] as const)) {
      const r = spawnCli(['orgs', '--orgs', file, '--lang', lang], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const [first, ...more] = c[lang]!;
      expect(r.stderr).toContain(`rc-org: ${first!}`);
      for (const text of more) expect(r.stderr).toContain(text);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('template refuses a defective registry before writing anything', () => {
    const dir = withFixture('cycle.csv');
    const t = spawnCli(['template', '--year', '2021', '--orgs', 'cycle.csv', '--out', 'out'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('rc-org: cycle.csv:4: 上级关系成环');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('reading registries in other encodings and formats', () => {
  it.each([
    ['gb18030-chinese-headers.csv', '210102  和平区  (县级)', '共 6 个单位（省级 1, 市级 2, 县级 3）'],
    ['utf8-bom.csv', 'X22CBS  长白山管委会社管办  (特殊单位)', '共 6 个单位（省级 1, 市级 1, 县级 3, 特殊单位 1）'],
    ['xlsx-chinese-headers.xlsx', '232701  漠河市  (县级)', '共 6 个单位（省级 1, 市级 2, 县级 3）'],
  ])('%s lists as a tree', (file, line, total) => {
    const r = spawnCli(['orgs', '--orgs', file], { cwd: withFixture(file) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(line);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(total);
  });
});

describe('rc-org orgs output', () => {
  it('prints the built-in tree with its totals, in Chinese and in English', () => {
    const zh = spawnCli(['orgs']);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n')[0]).toBe('220000  吉林省  (省级)');
    expect(zh.stdout).toContain('\n    220102  南关区  (县级)\n');
    expect(zh.stdout.trim().split('\n').at(-1)).toBe('共 71 个单位（省级 1, 市级 9, 县级 60, 特殊单位 1）');
    const en = spawnCli(['orgs', '--lang', 'en']);
    expect(en.stdout.trim().split('\n').at(-1)).toBe('71 branches (province 1, city 9, county 60, special 1)');
  });

  it('--json and --csv together is a usage error', () => {
    const r = spawnCli(['orgs', '--json', '--csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--json 与 --csv 不能同时使用');
  });

  it.each([
    ['built-in', null],
    ['xlsx-chinese-headers.xlsx', 'xlsx-chinese-headers.xlsx'],
  ])('the CSV from `orgs --csv` (%s) loads back unchanged via --orgs', (_label, fixture) => {
    const dir = fixture ? withFixture(fixture) : tempDir();
    const from = fixture ? ['--orgs', fixture] : [];
    const json = spawnCli(['orgs', ...from, '--json'], { cwd: dir });
    const csv = spawnCli(['orgs', ...from, '--csv'], { cwd: dir });
    expect([json.code, csv.code]).toEqual([0, 0]);
    expect(csv.stdout.startsWith('\ufeffcode,name,level,parent\n')).toBe(true);
    writeFileSync(join(dir, 'exported.csv'), csv.stdout);
    const back = spawnCli(['orgs', '--orgs', 'exported.csv', '--json'], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(json.stdout);
    const parsed = JSON.parse(back.stdout) as unknown[];
    expect(parsed.length).toBe(fixture ? 6 : 71);
    // and once more, CSV → CSV, byte for byte
    expect(spawnCli(['orgs', '--orgs', 'exported.csv', '--csv'], { cwd: dir }).stdout).toBe(csv.stdout);
  });
});
