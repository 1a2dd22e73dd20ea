import { VALUE_COLUMN, itemRow } from '../src/catalogue.js';
// Issue 19, item 2: the one text policy at every edge, case by case, on the built CLI. Entering: a registry name
// or field with a character no form can carry is a setup error at its line (exit 2), as is --title or --contact
// holding one. Leaving: feedback's CSVs keep a line break inside its field and neutralise `=1+1`; a 40,000-character
// cell is quoted in 200 characters; a U+202E name in report.html is isolated in <bdi> and cannot mirror its line; a
// 5,000-character name wraps; a 100-character name gives file names cut to fit, with the code, still unique.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildRegistry, type RawOrgRow } from '../src/registry/build.js';
import { MAX_FILE_NAME_BYTES, MAX_NAME_CHARS, MAX_QUOTED_CHARS } from '../src/text-safety.js';
import { fixturePath, spawnCli, tempDir } from './helpers.js';
import { csvRecords, FORMULA_FIELD, ooxmlProblems, py } from './text-policy-support.js';

const HEAD = '代码,名称,级别,上级代码,联系人,电话';
const csvRegistry = (dir: string, rows: string[], name = 'r.csv'): string => {
  writeFileSync(join(dir, name), '\ufeff' + [HEAD, ...rows].join('\r\n') + '\r\n');
  return name;
};
const raw = (line: number, code: string, name: string, parent = ''): RawOrgRow => ({ line, code, name, level: parent ? '县' : '省', parent });

describe('entering: registry names and fields (setup error at file:line, exit 2)', () => {
  it.each([
    ['ESC', '南关\u001b区', 'control', 'U+001B', 3],
    ['VT', '南\u000b关区', 'control', 'U+000B', 2],
    ['DEL', '南关区\u007f', 'control', 'U+007F', 4],
    ['C1 NEL', '南\u0085关区', 'control', 'U+0085', 2],
    ['U+FFFE', '南关\ufffe区', 'noncharacter', 'U+FFFE', 3],
    ['U+FFFF', '\uffff南关区', 'noncharacter', 'U+FFFF', 1],
    ['U+FDD0', '南关区\ufdd0', 'noncharacter', 'U+FDD0', 4],
    ['lone surrogate', '南关\ud800区', 'surrogate', 'U+D800', 3],
    ['U+202E', '\u202e区关南', 'bidi', 'U+202E', 1],
    ['U+2066', '南关\u2066区', 'bidi', 'U+2066', 3],
  ])('%s in a name → registry-bad-character on its line', (_, name, kind, char, position) => {
    const built = buildRegistry([raw(2, '220000', '吉林省'), raw(3, '220102', name, '220000')], 'r.csv');
    expect(built).toEqual({ problems: [{ code: 'registry-bad-character', line: 3, params: { code: '220102', column: 'name', kind, char, position } }] });
  });

  it('tab and line ends are not defects; a name of the documented maximum is accepted, one more character is not', () => {
    const ok = buildRegistry(
      [raw(2, '220000', '吉林省'), raw(3, '220102', '南关\n区\t', '220000'), raw(4, '220103', '名'.repeat(MAX_NAME_CHARS), '220000')],
      'r',
    );
    expect('registry' in ok).toBe(true);
    const long = buildRegistry([raw(2, '220000', '吉林省'), raw(3, '220102', '名'.repeat(MAX_NAME_CHARS + 1), '220000')], 'r');
    expect(long).toEqual({
      problems: [{ code: 'registry-too-long', line: 3, params: { code: '220102', column: 'name', length: MAX_NAME_CHARS + 1, max: MAX_NAME_CHARS } }],
    });
  });

  it('a registry file with controls and noncharacters in names and a phone: template stops with file:line for each, writes nothing', () => {
    const dir = tempDir();
    const file = csvRegistry(dir, [
      '220000,吉林省,省,,,',
      '220100,长春\u001b市,市,220000,,',
      '220102,南关\ufffe区,区,220100,,',
      '220103,宽城区,区,220100,王\u0007芳,0431',
    ]);
    const r = spawnCli(['template', '--orgs', file, '--year', '2021', '--out', 'forms'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('r.csv:3: ');
    expect(r.stderr).toContain('U+001B');
    expect(r.stderr).toContain('r.csv:4: ');
    expect(r.stderr).toContain('U+FFFE');
    expect(r.stderr).toContain('r.csv:5: ');
    expect(r.stderr).toContain('联系人');
    expect(r.stderr).not.toMatch(/[\u0007\u001b\ufffe]/);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('line ends in names are kept as LF (XML reads a CR back as LF): template → validate finds no identity problem', () => {
    const dir = tempDir();
    const file = csvRegistry(dir, ['220000,吉林省,省,,,', '220100,"长\r\n春\r市\t甲  乙",市,220000,,', '220101,"=1+1",区,220100,,']);
    expect(spawnCli(['template', '--orgs', file, '--year', '2021', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    const v = spawnCli(['validate', 'forms', '--orgs', file, '--json'], { cwd: dir });
    expect(v.code).toBe(1); // blank forms
    expect(v.stdout).toContain('value-blank');
    expect(v.stdout).not.toContain('"identity-');
    expect(ooxmlProblems(join(dir, 'forms'))).toBe('');
  });

  it('--contact and --title holding a control or a noncharacter: exit 2 naming the option', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    const fb = spawnCli(['feedback', 'in', '--year', '2021', '--contact', '王芳\u001b[31m', '--out', 'fb'], { cwd: dir });
    expect(fb.code).toBe(2);
    expect(fb.stderr).toContain('--contact');
    expect(fb.stderr).toContain('U+001B');
    const rep = spawnCli(['report', fixturePath('fixtures/report/small-registry-2021'), '--title', '通报\ufffe', '--out', 'rep'], { cwd: dir });
    expect(rep.code).toBe(2);
    expect(rep.stderr).toContain('--title');
    expect(rep.stderr).toContain('U+FFFE');
  });
});

describe('leaving: feedback', () => {
  it('a line break in a registry name and phone: 催报名单.csv and feedback.csv parse back at constant width, =1+1 neutralised', () => {
    const dir = tempDir();
    const file = csvRegistry(dir, ['220000,吉林省,省,,,', '220100,"长春\n市",市,220000,李强,"0431\n=1+1"', '220102,"南关\r\n区",区,220100,"=1+1",139']);
    // The province's own blank form is the one return: the two branches below are chased.
    expect(spawnCli(['template', '--orgs', file, '--year', '2021', '--only', '220000', '--out', 'in'], { cwd: dir }).code).toBe(0);
    const r = spawnCli(['feedback', 'in', '--year', '2021', '--orgs', file, '--due', '2021-12-31', '--contact', '王芳 0431-88880000', '--out', 'fb'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(1);
    for (const csv of ['催报名单.csv', 'feedback.csv']) {
      const records = csvRecords(join(dir, 'fb', csv));
      expect(records.length, csv).toBeGreaterThanOrEqual(2);
      expect(
        records.flat().some((f) => /[\r\n]/.test(f)),
        csv,
      ).toBe(true);
      expect(new Set(records.map((x) => x.length)).size, csv).toBe(1);
      for (const field of records.flat()) expect(field, csv).not.toMatch(FORMULA_FIELD);
    }
    const chase = csvRecords(join(dir, 'fb', '催报名单.csv'));
    expect(chase.find((x) => x[0] === '220100')).toEqual(expect.arrayContaining(['长春\n市', '0431\n=1+1']));
    expect(chase.find((x) => x[0] === '220102')).toEqual(expect.arrayContaining(['南关\n区', "'=1+1"]));
    expect(ooxmlProblems(join(dir, 'fb'))).toBe('');
  });

  it("a 40,000-character cell: quoted in 200 characters, the 审核意见 cell within Excel's limit, the message ends with its deadline and contact", async () => {
    const dir = tempDir();
    const file = csvRegistry(dir, ['220000,吉林省,省,,,', '220100,长春市,市,220000,,']);
    expect(spawnCli(['template', '--orgs', file, '--year', '2021', '--only', '220100', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    const form = readdirSync(join(dir, 'forms'))[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'forms', form));
    const ws = wb.getWorksheet('附件1')!;
    const huge = '三'.repeat(40_000);
    ws.getCell(`${VALUE_COLUMN}${itemRow(2)}`).value = huge;
    mkdirSync(join(dir, 'in'));
    await wb.xlsx.writeFile(join(dir, 'in', form));
    const contact = '王芳 0431-88880000';
    const r = spawnCli(['feedback', 'in', '--year', '2021', '--orgs', file, '--due', '2021-12-31', '--contact', contact, '--out', 'fb', '--json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(1);
    const json = r.stdout;
    expect(json).not.toContain('三'.repeat(MAX_QUOTED_CHARS));
    expect(json).toContain('三'.repeat(MAX_QUOTED_CHARS - 2) + '…');
    const correction = readdirSync(join(dir, 'fb')).find((f) => f.includes('退回修改'))!;
    const cells = JSON.parse(py('xlsx-cells.py', join(dir, 'fb', correction)).out) as Record<string, Record<string, string>>;
    const review = Object.values(cells['审核意见']!);
    const found = review.find((t) => t.includes('三三三'))!;
    expect(found).toContain('三'.repeat(MAX_QUOTED_CHARS - 2) + '…');
    expect(found.length).toBeLessThan(MAX_QUOTED_CHARS + 40);
    for (const text of Object.values(cells).flatMap((s) => Object.values(s))) expect(text.length).toBeLessThanOrEqual(32_767);
    const messages = csvRecords(join(dir, 'fb', 'feedback.csv'));
    const letter = messages.find((x) => x[0] === '220100')!.at(-1)!;
    expect(letter.length).toBeLessThan(2_000);
    expect(letter).toContain('12 月 31 日前');
    expect(letter.endsWith(`${contact}。`)).toBe(true);
    expect(ooxmlProblems(join(dir, 'fb'))).toBe('');
  });

  it('a 100-character name through template and feedback: files written, names cut to fit with the code, unique', () => {
    const dir = tempDir();
    const long = '很'.repeat(MAX_NAME_CHARS - 1);
    const file = csvRegistry(dir, ['220000,吉林省,省,,,', `220101,${long}甲,区,220000,,`, `220102,${long}乙,区,220000,,`]);
    const t = spawnCli(['template', '--orgs', file, '--year', '2021', '--out', 'forms'], { cwd: dir });
    expect(t.code, t.stderr).toBe(0);
    const forms = readdirSync(join(dir, 'forms'));
    expect(forms).toHaveLength(3);
    for (const code of ['220101', '220102'])
      expect(forms.filter((f) => f.startsWith(`2021_${code}_很`) && f.endsWith('_组织体系建设统计表.xlsx'))).toHaveLength(1);
    for (const f of forms) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    const v = spawnCli(['validate', 'forms', '--orgs', file, '--json'], { cwd: dir });
    expect(v.stdout).not.toContain('identity-');
    mkdirSync(join(dir, 'in'));
    writeFileSync(
      join(
        dir,
        'in',
        forms.find((f) => f.includes('_220000_'))!,
      ),
      readFileSync(
        join(
          dir,
          'forms',
          forms.find((f) => f.includes('_220000_'))!,
        ),
      ),
    );
    const fb = spawnCli(['feedback', 'in', '--year', '2021', '--orgs', file, '--blank-for-missing', '--out', 'fb'], { cwd: dir });
    expect(fb.code, fb.stderr).toBe(1);
    const blanks = readdirSync(join(dir, 'fb')).filter((f) => f.endsWith('.xlsx') && f.startsWith('2021_'));
    expect(blanks.filter((f) => f.includes('220101')).length).toBe(1);
    expect(blanks.filter((f) => f.includes('220102')).length).toBe(1);
    for (const f of blanks) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  });
});

describe('leaving: report.html', () => {
  it('a U+202E name is escaped and inside <bdi>; a 5,000-character name has the wrapping CSS; every chart <text> has a well-formed style', () => {
    const dir = tempDir();
    const j = JSON.parse(readFileSync(fixturePath('fixtures/report/small-registry-2021/summary.json'), 'utf8'));
    const mirrored = '\u202e<b>丙市</b>';
    const longName = '乙'.repeat(5_000);
    j.totals['990300'].name = mirrored;
    j.branches.find((b: { code: string }) => b.code === '990300').name = mirrored;
    j.totals['990200'].name = longName;
    j.branches.find((b: { code: string }) => b.code === '990200').name = longName;
    mkdirSync(join(dir, 'sum'));
    writeFileSync(join(dir, 'sum', 'summary.json'), JSON.stringify(j));
    const r = spawnCli(['report', 'sum', '--out', 'rep', '--date', '2022-01-10'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'rep', 'report.html'), 'utf8');
    expect(html).toContain('<bdi>&lt;b&gt;丙市&lt;/b&gt;</bdi>');
    expect(html).not.toContain('\u202e');
    expect(html).not.toContain('<b>丙市');
    expect(html).toContain(`<bdi>${longName}</bdi>`);
    expect(html).toMatch(/td\.name[^{]*\{ overflow-wrap: anywhere; \}/);
    const texts = html.match(/<text\b[^>]*>/g) ?? [];
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/^<text(?:\s+[a-z-]+="[^"]*")*\s*>$/);
  });
});
