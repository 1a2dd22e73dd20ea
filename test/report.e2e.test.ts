// rc-org report end to end (the built CLI) on the small made-up registry (the .docx: report-docx.test.ts): bad
// input of every kind (exit 2, nothing written), --rules, --force, two years, no browser for --pdf.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

const FIXTURE = 'fixtures/report/small-registry-2021';

function setup(): { dir: string; year: string } {
  const dir = tempDir('rc-org-report-');
  const year = copyFixture(FIXTURE, dir, '2021');
  return { dir, year };
}

describe('rc-org report: bad input', () => {
  it('a folder without summary.json: exit 2, says what to give, writes nothing', () => {
    const { dir } = setup();
    mkdirSync(join(dir, 'empty'));
    const r = spawnCli(['report', 'empty', '--out', 'bulletin'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有 summary.json');
    expect(existsSync(join(dir, 'bulletin'))).toBe(false);
  });

  it.each([
    ['another version', (j: any) => (j.schema = 1), '格式版本为 1，本程序只能读取版本 2'],
    ['edited: a field missing', (j: any) => delete j.totals['990100'].statuses, '“totals.990100.statuses”应为 object，实际为 missing'],
    [
      'edited: a total that does not add up',
      (j: any) => (j.totals['990000'].annex1.volunteers = 1),
      '990000 示例省 的“附件1 12 红十字会注册志愿者数”合计为 1，但其下各单位之和为 350',
    ],
  ])('summary.json of %s: exit 2 with a message naming it', (_what, edit, message) => {
    const { dir, year } = setup();
    const j = JSON.parse(readFileSync(join(year, 'summary.json'), 'utf8'));
    edit(j);
    writeFileSync(join(year, 'summary.json'), JSON.stringify(j));
    const r = spawnCli(['report', '2021', '--out', 'bulletin'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+|ZodError/); // no stack trace, no library's words
    expect(existsSync(join(dir, 'bulletin'))).toBe(false);
  });

  it('summary.json that is not JSON: exit 2 (English with --lang en)', () => {
    const { dir, year } = setup();
    writeFileSync(join(year, 'summary.json'), '{"schema": 2, "year": 20');
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid JSON');
  });

  it('two folders for the same year: exit 2', () => {
    const { dir } = setup();
    copyFixture(FIXTURE, dir, 'again');
    const r = spawnCli(['report', '2021', 'again', '--out', 'bulletin'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('是同一年度（2021 年）的汇总');
  });

  it('--pdf without a browser: how to install one, exit 2, nothing written', () => {
    const { dir } = setup();
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--pdf', '--docx'], { cwd: dir, env: { CHROME_PATH: join(dir, 'no-such-chromium') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toContain('CHROME_PATH');
    expect(existsSync(join(dir, 'bulletin'))).toBe(false);
  });

  it('a wrong --rules file: exit 2 naming the key', () => {
    const { dir } = setup();
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ remind: { missingReturn: false } }));
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--rules', 'rules.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“remind”（missingReturn）');
  });
});

describe('rc-org report: rules, force, years', () => {
  it('--rules changes the lists; an existing output needs --force', () => {
    const { dir } = setup();
    writeFileSync(
      join(dir, 'rules.json'),
      JSON.stringify({ remind: { missingReturns: false }, goals: { supervisory: 0.5, countyReformed: null, volunteerTeams: null } }),
    );
    let r = spawnCli(['report', '2021', '--out', 'bulletin', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ praise: ['990100'], remind: ['990200', '990300'] });
    r = spawnCli(['report', '2021', '--out', 'bulletin', '--rules', 'rules.json', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('输出文件已存在');
    r = spawnCli(['report', '2021', '--out', 'bulletin', '--rules', 'rules.json', '--json', '--force'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // 乙市 is now reminded only of its decreases; 丙市 (nothing returned) is on no list
    expect(JSON.parse(r.stdout)).toMatchObject({ praise: ['990100'], remind: ['990200'] });
    const html = readFileSync(join(dir, 'bulletin', 'report.html'), 'utf8');
    expect(html).toContain('乙市：基层组织比 2020 年减少 1 个（−4.8%）；成人会员比 2020 年减少 5 人（−3.2%）。');
  });

  it("two years' folders give a trend section with both years", () => {
    const { dir, year } = setup();
    const j = JSON.parse(readFileSync(join(year, 'summary.json'), 'utf8'));
    j.year = 2022;
    mkdirSync(join(dir, '2022'));
    writeFileSync(join(dir, '2022', 'summary.json'), JSON.stringify(j));
    const r = spawnCli(['report', '2022', '2021', '--out', 'bulletin', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2022, years: [2021, 2022] });
    const html = readFileSync(join(dir, 'bulletin', 'report.html'), 'utf8');
    expect(html).toContain('<section id="trend">');
    expect(html).toContain('<th>2021 年</th><th>2022 年</th>');
    expect(html.match(/data-chart="trend"/g)).toHaveLength(7);
  });
});
