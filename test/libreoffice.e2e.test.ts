// A reader other than exceljs: LibreOffice headless opens an issued workbook and prints it to PDF (checked
// with pdftotext/pdfinfo: title, branch, all labels, A4 portrait, one page per annex), and re-saves a renamed
// copy as xlsx — after which the identity still reads back (LibreOffice turns veryHidden into hidden).
// Two soffice calls in all (~2 s each); .ci/run installs LibreOffice and poppler-utils.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS, itemRow, FORM_LAYOUT } from '../src/catalogue.js';
import { runTemplate } from '../src/commands/template.js';
import { readIdentity } from '../src/identity.js';
import { libreOfficeConvert, tempDir } from './helpers.js';
import { seedAnnexes } from './seed.js';

const seed = seedAnnexes();
let dir: string;
let issued: string;
let resaved: string;
let pdf: string;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} could not be run (${r.error.message}): install poppler-utils (.ci/run does).`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  dir = tempDir();
  const report = await runTemplate({ cwd: dir, out: 'issued', year: 2021, baselineYear: 2020, only: ['220102'] });
  issued = join(report.dir, report.files[0]!.file);
  // As it comes back: renamed by the branch, then re-saved by another spreadsheet program.
  mkdirSync(join(dir, 'returned'));
  const renamed = join(dir, 'returned', '南关区红会报表（终稿）.xlsx');
  copyFileSync(issued, renamed);
  mkdirSync(join(dir, 'resaved'));
  resaved = libreOfficeConvert([renamed], 'xlsx', join(dir, 'resaved'))[0]!;
  mkdirSync(join(dir, 'pdf'));
  pdf = libreOfficeConvert([issued], 'pdf', join(dir, 'pdf'))[0]!;
}, 180_000);

describe('printed by LibreOffice', () => {
  it('is A4 portrait, one page per annex (so one page wide)', () => {
    const info = run('pdfinfo', [pdf]);
    expect(info).toMatch(/^Pages:\s+2$/m);
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    expect(Math.round(Number(w))).toBe(595);
    expect(Math.round(Number(h))).toBe(842);
  });

  it('shows the titles, the branch, the header and all 28 labels from the seed', () => {
    const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, annex] of (['annex1', 'annex2'] as const).entries()) {
      const page = pages[i]!;
      expect(page).toContain(seed[annex].title);
      expect(page).toContain('填报单位：长春市南关区红十字会（代码 220102，县级）');
      for (const h of seed[annex].header) expect(page).toContain(h);
      for (const row of seed[annex].rows) expect(page, `${annex} row ${row.no}`).toMatch(new RegExp(`^\\s*${row.no}\\s+${row.label}\\s`, 'm'));
      // the not-applicable rows of a county (2, 4, 6) print "—"
      for (const no of [2, 4, 6]) expect(page).toMatch(new RegExp(`${seed[annex].rows[no - 1]!.label}\\s+—`));
    }
    expect(pages[1]).toContain(seed.note);
  });
});

describe('renamed and re-saved by LibreOffice', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resaved);
  });

  it('keeps the identity: the sheet is still hidden and the checksum still matches', () => {
    const ws = wb.getWorksheet(FORM_LAYOUT.identitySheet)!;
    expect(ws).toBeDefined();
    expect(['hidden', 'veryHidden']).toContain(ws.state);
    const pairs = new Map<string, string>();
    ws.eachRow((row, n) => {
      if (n > 1) pairs.set(row.getCell(1).text.trim(), row.getCell(2).text.trim());
    });
    const reading = readIdentity(pairs);
    expect(reading.status).toBe('ok');
    expect(reading.status === 'ok' && reading.identity).toMatchObject({
      code: '220102',
      name: '南关区',
      level: 'county',
      parent: '220100',
      year: 2021,
      baselineYear: 2020,
    });
  });

  it('keeps both annexes, their labels and the "—" of not-applicable rows', () => {
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['附件1', '附件2']);
    for (const [name, annex] of [
      ['附件1', 'annex1'],
      ['附件2', 'annex2'],
    ] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell(`A${FORM_LAYOUT.rows.title}`).text).toBe(seed[annex].title);
      expect(INDICATORS.map((i) => ws.getCell(`B${itemRow(i.no)}`).text)).toEqual(seed[annex].rows.map((r) => r.label));
      expect([2, 4, 6].map((no) => ws.getCell(`C${itemRow(no)}`).text)).toEqual(['—', '—', '—']);
    }
  });
});
