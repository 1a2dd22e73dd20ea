// The main test of rc-org feedback (issue 11): a return with five kinds of problem goes back as a correction form;
// exactly the problem cells are marked and noted and listed on 审核意见; a SECOND program (openpyxl, through
// /usr/bin/python3) fixes only those cells; validate then finds the return clean, with the same branch identity.
// The same form also goes through LibreOffice: it opens, keeps protection, validation and notes, prints to PDF with
// the marked cells coloured and 审核意见 readable, and its re-saved copy validates like the original.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '../src/identity.js';
import { MARK_FILL, REVIEW_SHEET } from '../src/feedback/correction-form.js';
import { tolerateMisplacedNotes } from '../src/read/exceljs-comments.js';
import { copyFixture, libreOfficeConvert, repoRoot, spawnCli, tempDir } from './helpers.js';

const ROUND1 = 'fixtures/example-2021-round1';
const NANGUAN = '南关区红会2021年报表(终).xlsx';
const FORM = '2021_220102_南关区_退回修改.xlsx';
const PY = '/usr/bin/python3';

/** The five problems the fixture was made with (scripts/make-feedback-example.mjs): template cell → code, severity. */
const MARKS: Record<string, [string, 'error' | 'warning']> = {
  '附件1!C6': ['not-applicable-filled', 'error'],
  '附件1!C13': ['value-blank', 'error'],
  '附件1!C14': ['value-not-number', 'error'],
  '附件2!C7': ['election-completed-above-due', 'warning'],
  '附件2!C16': ['increment-mismatch', 'error'],
};
/** What the branch types into exactly those cells. */
const FIXES = { 附件1: { C6: null, C13: 23, C14: 6400 }, 附件2: { C7: 0, C16: 150 } };

let dir: string;
let form: string;
let report: {
  branches: {
    code: string;
    status: string;
    action: string;
    written: string[];
    problems: { cell: string; code: string; severity: string }[];
    message: string;
  }[];
};

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not be run: ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
const inspect = (file: string) =>
  JSON.parse(run(PY, [join(repoRoot, 'test/data/openpyxl-inspect.py'), file])) as {
    sheets: { name: string; state: string; protected: boolean; validated: string[] }[];
    notes: Record<string, { value: unknown; fill: string; locked: boolean; text: string }>;
  };
const fix = (from: string, to: string): void => void run(PY, [join(repoRoot, 'test/data/openpyxl-fix.py'), from, to, JSON.stringify(FIXES)]);

interface Validated {
  files: {
    file: string;
    org: { code: string } | null;
    year: number;
    findings: { severity: string; code: string; sheet: string | null; cell: string | null }[];
  }[];
  notices: { code: string }[];
}
/** Each file validated on its own (one return per run, so two versions of 南关区 never meet as duplicates). */
const validated = new Map<string, Validated>();
function validate(file: string): Validated {
  const v = validated.get(file);
  if (v) return v;
  const r = spawnCli(['validate', file, '--year', '2021', '--baseline', 'baseline-2020.csv', '--json'], { cwd: dir });
  expect(r.stderr).toBe('');
  validated.set(file, JSON.parse(r.stdout) as Validated);
  return validated.get(file)!;
}
const problemsOf = (v: Validated): Record<string, [string, string]> =>
  Object.fromEntries(v.files[0]!.findings.filter((f) => f.severity !== 'notice').map((f) => [`${f.sheet}!${f.cell}`, [f.code, f.severity]]));

beforeAll(() => {
  tolerateMisplacedNotes(); // this test reads openpyxl's output with exceljs too, as rc-org's reader does
  dir = tempDir();
  mkdirSync(join(dir, 'in'));
  copyFixture(`${ROUND1}/returns/${NANGUAN}`, join(dir, 'in'));
  copyFixture(`${ROUND1}/baseline-2020.csv`, dir);
  const r = spawnCli(
    [
      'feedback',
      'in',
      '--baseline',
      'baseline-2020.csv',
      '--under',
      '220100',
      '--out',
      'out',
      '--due',
      '2021-12-31',
      '--contact',
      '组宣部 李明 0431-80000100',
      '--json',
    ],
    { cwd: dir },
  );
  expect(r.code, r.stderr).toBe(1);
  report = JSON.parse(r.stdout);
  form = join(dir, 'out', FORM);
}, 120_000);

describe('feedback on a return with five kinds of problem', () => {
  it('sends 南关区 its own form back, and reports the five problems at the template cells', () => {
    const b = report.branches.find((x) => x.code === '220102')!;
    expect([b.status, b.action, b.written]).toEqual(['resubmit', 'correct', [FORM]]);
    expect(Object.fromEntries(b.problems.map((p) => [p.cell, [p.code, p.severity]]))).toEqual(MARKS);
  });

  it('marks exactly those cells (errors red, warnings amber), each with a note in plain Chinese', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(form);
    const marked: Record<string, string> = {};
    for (const sheet of ['附件1', '附件2']) {
      const ws = wb.getWorksheet(sheet)!;
      for (let r = 1; r <= 30; r++) {
        for (const col of ['A', 'B', 'C', 'D', 'E']) {
          const c = ws.getCell(`${col}${r}`);
          if (c.note) marked[`${sheet}!${c.address}`] = (c.fill as ExcelJS.FillPattern).fgColor!.argb!;
        }
      }
    }
    expect(marked).toEqual(Object.fromEntries(Object.entries(MARKS).map(([cell, [, sev]]) => [cell, MARK_FILL[sev]])));
    // The values as returned: the text typed is carried over, the grey row keeps what was typed there.
    expect(wb.getWorksheet('附件1')!.getCell('C14').value).toBe('六千四百');
    expect(wb.getWorksheet('附件1')!.getCell('C6').value).toBe(1);
    expect(wb.getWorksheet('附件1')!.getCell('C13').value).toBeNull();
    expect(wb.getWorksheet('附件2')!.getCell('C16').value).toBe(200);
    expect(wb.getWorksheet('附件1')!.getCell('C12').value).toBe(86); // an unmarked cell keeps its figure
  });

  it('opens in openpyxl as issued: 审核意见 first, identity very hidden, every sheet protected, validation kept, notes say what and what to do', () => {
    const seen = inspect(form);
    expect(seen.sheets.map((s) => [s.name, s.state, s.protected])).toEqual([
      [REVIEW_SHEET, 'visible', true],
      ['附件1', 'visible', true],
      ['附件2', 'visible', true],
      ['rcorg_identity', 'veryHidden', true],
    ]);
    // Data validation as issued: every applicable value cell of a county (rows 1, 3, 5, 7–14), marked ones included.
    const applicable = [1, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14].map((no) => `C${no + 4}`);
    expect(seen.sheets[1]!.validated).toEqual(expect.arrayContaining(applicable));
    expect(seen.sheets[2]!.validated).toEqual(expect.arrayContaining(applicable));
    expect(Object.keys(seen.notes).sort()).toEqual(Object.keys(MARKS).sort());
    expect(seen.notes['附件1!C14']!.text).toBe('【错误】填的是“六千四百”。请改为阿拉伯数字。');
    expect(seen.notes['附件2!C16']!.text).toBe(
      '【错误】填的是 200，但附件1 本年 1,200 减去 2020 年的 1,050 应为 150。请改为 150（如附件1 有误，请一并改正）。',
    );
    expect(seen.notes['附件2!C7']!.text).toContain('【需核实】');
    expect(Object.values(seen.notes).every((n) => n.locked === false)).toBe(true);
  });

  it('lists every problem on 审核意见 with 附件, row, what was found, what to do, the deadline and the contact', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(form);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe(REVIEW_SHEET);
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push((row.values as (string | number | null | undefined)[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    // A merged line reads the same in every cell: keep it once.
    const text = rows.map((r) => (r.every((c) => c === r[0]) ? r[0]! : r.join('|')));
    expect(text).toContain('报送期限：2021 年 12 月 31 日前');
    expect(text).toContain('联系人：组宣部 李明 0431-80000100');
    const header = text.indexOf('序号|附件|行（序号 工作事项）|类别|发现的问题|怎么改|单元格');
    expect(header).toBeGreaterThan(0);
    expect(text.slice(header + 1)).toEqual([
      '1|附件1|第 2 行 市级红十字会应换届数|错误|不适用于县级单位（应为“—”），但填了 1|请清空或填 0|附件1!C6',
      '2|附件1|第 9 行 红十字会团体会员数|错误|未填写|本级适用此项，请填写（没有的填 0，不要留空）|附件1!C13',
      '3|附件1|第 10 行 红十字会成人会员数|错误|填的是“六千四百”|请改为阿拉伯数字|附件1!C14',
      '4|附件2|第 3 行 县级红十字会完成换届增加数|需核实|填的是 1，大于附件1“县级红十字会应换届个数”的 0|请核实，如数字无误，请在该行“说明”栏写明原因|附件2!C7',
      '5|附件2|第 12 行 红十字会注册志愿者增加数|错误|填的是 200，但附件1 本年 1,200 减去 2020 年的 1,050 应为 150|请改为 150（如附件1 有误，请一并改正）|附件2!C16',
    ]);
  });

  it('validates, unfixed, like the return it came from: the same five problems, found at the same cells, nothing else', () => {
    const v = validate(form);
    expect(v.files[0]!.org!.code).toBe('220102');
    expect(problemsOf(v)).toEqual(MARKS);
    expect(v.files[0]!.findings.map((f) => f.code)).not.toContain('table-moved');
  });

  it('fixed in openpyxl (only the marked cells), validates clean with the same identity', async () => {
    mkdirSync(join(dir, 'back'));
    const fixed = join(dir, 'back', '南关区-已修改.xlsx');
    fix(form, fixed);
    const v = validate(fixed);
    expect(v.files[0]!.org!.code).toBe('220102');
    expect(v.files[0]!.year).toBe(2021);
    expect(v.files[0]!.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    // Same identity as the return it corrects: every field of the hidden sheet; the correction form also names the
    // survey (the return was issued before identities did), so its checksum is that identity's own.
    const identity = async (file: string): Promise<string[]> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const rows: string[] = [];
      wb.getWorksheet('rcorg_identity')!.eachRow((r) => rows.push(`${r.getCell(1).text}=${r.getCell(2).text}`));
      return rows;
    };
    const original = await identity(join(dir, 'in', NANGUAN));
    const corrected = await identity(fixed);
    expect(original.some((r) => r.startsWith('survey='))).toBe(false);
    const withoutChecksum = (rows: string[]) => rows.filter((r) => !r.startsWith('checksum='));
    expect(withoutChecksum(corrected)).toEqual([...withoutChecksum(original), 'survey=jilin-organisation-system']);
    expect(readIdentity(new Map(corrected.map((r) => [r.slice(0, r.indexOf('=')), r.slice(r.indexOf('=') + 1)]))).status).toBe('ok');
  });
});

describe('the correction form in LibreOffice', () => {
  let pdf: string;
  let resaved: string;
  beforeAll(() => {
    mkdirSync(join(dir, 'pdf'));
    mkdirSync(join(dir, 'lo'));
    pdf = libreOfficeConvert([form], 'pdf', join(dir, 'pdf'))[0]!;
    resaved = libreOfficeConvert([form], 'xlsx', join(dir, 'lo'))[0]!;
  }, 180_000);

  it('prints 审核意见 readable and the annexes with the returned values', () => {
    const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
    const review = pages[0]!;
    for (const s of [
      '退回修改意见',
      '填报单位：长春市南关区红十字会（代码 220102，县级）',
      '报送期限：2021 年 12 月 31 日前',
      '联系人：组宣部 李明 0431-80000100',
      '填的是“六千四百”',
      '第 12 行 红十字会注册志愿者增加数',
    ])
      expect(review).toContain(s);
    const annex1 = pages.find((p) => p.includes('组织体系建设工作情况调查表'))!;
    expect(annex1).toMatch(/红十字会成人会员数\s+六千四百/);
  });

  it('prints the marked cells in their colours (red on 附件1, amber on 附件2)', () => {
    const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
    const colourCount = (page: number, [r, g, b]: [number, number, number]): number => {
      const out = spawnSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), pdf], { maxBuffer: 64 * 1024 * 1024 }).stdout as Buffer;
      // Binary PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(out.subarray(0, 40).toString('latin1'))!;
      let n = 0;
      for (let i = header[0].length; i + 2 < out.length; i += 3)
        if (Math.abs(out[i]! - r) < 12 && Math.abs(out[i + 1]! - g) < 12 && Math.abs(out[i + 2]! - b) < 12) n++;
      return n;
    };
    const page1 = pages.findIndex((p) => p.includes('组织体系建设工作情况调查表')) + 1;
    const page2 = pages.findIndex((p) => p.includes('组织体系建设年工作成效统计表')) + 1;
    expect(colourCount(page1, [0xff, 0x80, 0x80])).toBeGreaterThan(100);
    expect(colourCount(page2, [0xff, 0xc0, 0x00])).toBeGreaterThan(100);
  });

  it('re-saved by LibreOffice, keeps protection, validation and notes, validates the same, and round-trips when fixed', () => {
    const seen = inspect(resaved);
    expect(seen.sheets.slice(0, 3).every((s) => s.protected)).toBe(true);
    expect(seen.sheets[1]!.validated).toEqual(expect.arrayContaining(['C13', 'C14', 'C16']));
    expect(seen.sheets[2]!.validated).toEqual(expect.arrayContaining(['C7', 'C16']));
    expect(Object.keys(seen.notes).sort()).toEqual(Object.keys(MARKS).sort());
    expect(problemsOf(validate(resaved))).toEqual(MARKS);
    const fixed = join(dir, 'lo', '南关区-LibreOffice-已修改.xlsx');
    fix(resaved, fixed);
    const v = validate(fixed);
    expect(v.files[0]!.org!.code).toBe('220102');
    expect(v.files[0]!.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  });
});

describe('outputs are written whole and inputs are untouched', () => {
  it('leaves the input byte for byte as it was', () => {
    expect(readFileSync(join(dir, 'in', NANGUAN)).equals(readFileSync(join(repoRoot, ROUND1, 'returns', NANGUAN)))).toBe(true);
  });
  it('refuses a non-empty output folder without --force (exit 2, nothing written)', () => {
    const r = spawnCli(['feedback', 'in', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('输出文件夹不为空');
  });
});

// (A CSV return's cells, CSV!L2 and the like, go back the same way: test/feedback-unit.test.ts.)
describe("returns whose figures sat elsewhere come back at the template's cells", () => {
  it.each([
    // file, the problem where it was found, where the correction form has it, what it holds, the fix
    ['fixtures/validate/row-inserted-above-table.xlsx', '附件1!C17', '附件1!C16', null, { 附件1: { C16: 1200 } }],
  ] as const)(
    '%s',
    (fixture, source, cell, held, fixes) => {
      const here = tempDir();
      mkdirSync(join(here, 'in'));
      copyFixture(fixture, join(here, 'in'));
      const r = spawnCli(['feedback', 'in', '--year', '2021', '--under', '220100', '--out', 'out', '--json'], { cwd: here });
      expect(r.code, r.stderr).toBe(1);
      const b = (JSON.parse(r.stdout) as typeof report).branches.find((x) => x.code === '220102')! as unknown as {
        action: string;
        problems: { source: string; cell: string }[];
      };
      expect(b.action).toBe('correct');
      expect(b.problems.map((p) => [p.source, p.cell])).toEqual([[source, cell]]);
      const corrected = join(here, 'out', FORM);
      const seen = inspect(corrected);
      expect(Object.keys(seen.notes)).toEqual([cell]);
      expect(seen.notes[cell]!.value).toBe(held);
      const fixed = join(here, 'fixed.xlsx');
      run(PY, [join(repoRoot, 'test/data/openpyxl-fix.py'), corrected, fixed, JSON.stringify(fixes)]);
      const v = JSON.parse(spawnCli(['validate', 'fixed.xlsx', '--year', '2021', '--json'], { cwd: here }).stdout) as Validated;
      expect(v.files[0]!.org!.code).toBe('220102');
      expect(v.files[0]!.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    },
    60_000,
  );
});
