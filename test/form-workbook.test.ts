// The issued workbook as actually written by `runTemplate`: the official labels in the cells, which rows are
// not applicable at each level (shown "—", grey, locked), protection without a password, the print setup,
// and the hidden identity read back after the file is renamed. (LibreOffice re-save: libreoffice.test.ts.)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS, LEVELS, appliesTo, type Level, itemRow, lastItemRow, FORM_LAYOUT } from '../src/catalogue.js';
import { runTemplate, type TemplateReport } from '../src/commands/template.js';
import { readIdentity } from '../src/identity.js';
import { defaultRegistry } from '../src/registry/default.js';
import { tempDir } from './helpers.js';
import { seedAnnexes } from './seed.js';

const seed = seedAnnexes();
const L = FORM_LAYOUT;
const SHEETS = { annex1: '附件1', annex2: '附件2' } as const;

/** Rows that do NOT apply at each level, as docs/domain.md §4 puts it (written out, not derived from the catalogue). */
const NOT_APPLICABLE: Record<Level, number[]> = {
  province: [1, 2, 3, 4, 5, 6, 7],
  city: [1, 3, 5, 7],
  county: [2, 4, 6],
  special: [1, 2, 3, 4, 5, 6, 7],
};

/** One branch per level, plus 梅河口 (a county directly under the province). */
const SAMPLE = [
  { code: '220000', level: 'province', fullName: '吉林省红十字会' },
  { code: '220100', level: 'city', fullName: '长春市红十字会' },
  { code: '220102', level: 'county', fullName: '长春市南关区红十字会' },
  { code: '220581', level: 'county', fullName: '梅河口市红十字会' },
  { code: 'X22CBS', level: 'special', fullName: '长白山管委会社管办' },
] as const;

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The key/value pairs of the hidden identity sheet, as a reader would take them. */
function identityPairs(wb: ExcelJS.Workbook): Map<string, string> | null {
  const ws = wb.getWorksheet(L.identitySheet);
  if (!ws) return null;
  const pairs = new Map<string, string>();
  ws.eachRow((row, n) => {
    if (n > 1) pairs.set(row.getCell(1).text.trim(), row.getCell(2).text.trim());
  });
  return pairs;
}

let dir: string;
let report: TemplateReport;
const books = new Map<string, ExcelJS.Workbook>();

beforeAll(async () => {
  dir = tempDir();
  report = await runTemplate({ cwd: dir, out: 'out', year: 2021, baselineYear: 2020, only: SAMPLE.map((s) => s.code) });
  for (const f of report.files) books.set(f.code, await open(join(report.dir, f.file)));
});

describe('the workbook as written', () => {
  it('writes one workbook per requested branch, named after year, code and name', () => {
    expect(report.dir).toBe(join(dir, 'out'));
    expect(report.files.map((f) => f.file)).toEqual([
      '2021_220000_吉林省_组织体系建设统计表.xlsx',
      '2021_220100_长春市_组织体系建设统计表.xlsx',
      '2021_220102_南关区_组织体系建设统计表.xlsx',
      '2021_220581_梅河口市_组织体系建设统计表.xlsx',
      '2021_X22CBS_长白山管委会社管办_组织体系建设统计表.xlsx',
    ]);
  });

  it.each(SAMPLE.map((s) => [s.code, s] as const))('%s: 附件1, 附件2 visible, identity sheet very hidden', (code) => {
    const wb = books.get(code)!;
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['附件1', 'visible'],
      ['附件2', 'visible'],
      [L.identitySheet, 'veryHidden'],
    ]);
  });

  describe.each(['annex1', 'annex2'] as const)('%s', (annex) => {
    it.each(SAMPLE.map((s) => [s.code, s] as const))('%s: title, header, 14 labels and notes verbatim from the seed', (code, s) => {
      const ws = books.get(code)!.getWorksheet(SHEETS[annex])!;
      const official = seed[annex];
      expect(ws.getCell(`A${L.rows.annexLabel}`).text).toBe(SHEETS[annex]);
      expect(ws.getCell(`A${L.rows.title}`).text).toBe(official.title);
      expect(['A', 'B', 'C'].map((c) => ws.getCell(`${c}${L.rows.header}`).text)).toEqual(official.header);
      const written = INDICATORS.map((ind) => ({ no: Number(ws.getCell(`A${itemRow(ind.no)}`).value), label: ws.getCell(`B${itemRow(ind.no)}`).text }));
      expect(written).toEqual(official.rows);
      // Yes/no rows say how to answer them in the unit column (issue 10): 是=1 否=0, or 增=1 减=-1 for a derived 附件2 flag.
      expect(INDICATORS.map((ind) => ws.getCell(`D${itemRow(ind.no)}`).text)).toEqual(
        INDICATORS.map((i) => (i.kind !== 'flag' ? i.unit : annex === 'annex2' && i.derived ? '增=1 减=-1' : '是=1 否=0')),
      );

      const heading = ws.getCell(`A${L.rows.branch}`).text;
      expect(heading).toContain(s.fullName);
      expect(heading).toContain(code);
      expect(heading).toContain('2021');
      const below = ws.getCell(`A${lastItemRow() + 1}`).text;
      if (annex === 'annex2') {
        expect(heading).toContain('基准年：2020');
        expect(below).toBe(seed.note);
      } else {
        expect(below).toBe(L.instructions[0]);
      }
    });
  });

  it('the 说明 line follows --baseline-year', async () => {
    const d = tempDir();
    const r = await runTemplate({ cwd: d, out: 'o', year: 2022, baselineYear: 2021, only: ['220102'] });
    const ws = (await open(join(r.dir, r.files[0]!.file))).getWorksheet('附件2')!;
    expect(ws.getCell(`A${lastItemRow() + 1}`).text).toBe('说明：表中“增加数”是指与 2021 年相比的增加数。');
  });

  it.each(SAMPLE.map((s) => [s.code, s] as const))('%s: every sheet protected, without a password; printed on A4 portrait, one page wide', (code) => {
    const wb = books.get(code)!;
    for (const ws of wb.worksheets) {
      // exceljs reads <sheetProtection> into a property its typings leave out.
      const protection = (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
      expect(protection?.sheet, ws.name).toBe(true);
      expect(
        Object.keys(protection ?? {}).filter((k) => /hash|password|salt|spin/i.test(k)),
        ws.name,
      ).toEqual([]);
    }
    for (const name of Object.values(SHEETS)) {
      const ps = wb.getWorksheet(name)!.pageSetup;
      expect(ps).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ps.printArea).toMatch(/^\$?A\$?1:\$?E\$?\d+$/);
      expect(Number(/(\d+)$/.exec(ps.printArea!)![1])).toBeGreaterThan(lastItemRow());
    }
  });
});

describe('rows that do not apply at each level', () => {
  it.each(LEVELS.map((lv) => [lv] as const))('%s: the catalogue agrees with docs/domain.md §4', (level) => {
    const na = INDICATORS.filter((ind) => !appliesTo(ind, level)).map((i) => i.no);
    expect(na).toEqual(NOT_APPLICABLE[level]);
  });

  const cases = SAMPLE.flatMap((s) => (['annex1', 'annex2'] as const).map((annex) => [s.code, s.level, annex] as const));
  it.each(cases)('%s (%s) %s: not-applicable rows show "—", grey and locked; the others are open yellow cells', (code, level, annex) => {
    const ws = books.get(code)!.getWorksheet(SHEETS[annex])!;
    const seen = { na: [] as number[], open: [] as number[] };
    for (const ind of INDICATORS) {
      const r = itemRow(ind.no);
      const value = ws.getCell(`C${r}`);
      if (NOT_APPLICABLE[level]!.includes(ind.no)) {
        seen.na.push(ind.no);
        expect(value.value, `row ${ind.no}`).toBe(L.notApplicable);
        // The official table (A–C) is greyed; the unit and 说明 columns beside it are not part of it.
        for (const c of ['A', 'B', 'C']) {
          expect((ws.getCell(`${c}${r}`).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, `${c}${r}`).toBe(L.notApplicableFill);
        }
        for (const c of ['D', 'E'])
          expect((ws.getCell(`${c}${r}`).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, `${c}${r}`).not.toBe(L.notApplicableFill);
        expect(value.protection?.locked, `C${r} locked`).not.toBe(false);
        expect(value.dataValidation?.type, `C${r} validation`).toBeUndefined();
      } else {
        seen.open.push(ind.no);
        expect(value.value, `row ${ind.no}`).toBeNull();
        expect(value.protection?.locked, `C${r} unlocked`).toBe(false);
        expect(ws.getCell(`E${r}`).protection?.locked, `E${r} unlocked`).toBe(false);
        expect((value.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, `C${r}`).toBe(L.inputFill);
        expect(value.dataValidation?.type, `C${r} validation`).toMatch(/^(whole|decimal)$/);
      }
    }
    expect(seen.na.length + seen.open.length).toBe(14);
    expect(seen.na).toEqual(NOT_APPLICABLE[level]);
  });

  it('counts show whole numbers with separators; hours show as typed (no "12." from a "0.##" format)', () => {
    const ws = books.get('220102')!.getWorksheet('附件1')!;
    for (const ind of INDICATORS) {
      if (ind.kind === 'hours') expect(ws.getCell(`C${itemRow(ind.no)}`).numFmt ?? 'General', ind.key).toBe('General');
      else if (appliesTo(ind, 'county')) expect(ws.getCell(`C${itemRow(ind.no)}`).numFmt, ind.key).toBe('#,##0');
    }
  });

  it('labels, title and numbers stay locked on every sheet', () => {
    const ws = books.get('220102')!.getWorksheet('附件1')!;
    for (const a of [`A${L.rows.title}`, `B${L.rows.header}`, `A${itemRow(1)}`, `B${itemRow(1)}`, `D${itemRow(14)}`]) {
      expect(ws.getCell(a).protection?.locked, a).not.toBe(false);
    }
  });
});

describe('the branch identity', () => {
  it.each(SAMPLE.map((s) => [s.code, s] as const))('%s: read back from the workbook after the file is renamed', async (code, s) => {
    const org = defaultRegistry().byCode.get(code)!;
    const renamedDir = join(dir, 'renamed');
    mkdirSync(renamedDir, { recursive: true });
    const renamed = join(renamedDir, `报表-已填-最终版(${s.level}).xlsx`);
    copyFileSync(join(report.dir, report.files.find((f) => f.code === code)!.file), renamed);
    const reading = readIdentity(identityPairs(await open(renamed)));
    expect(reading).toEqual({
      status: 'ok',
      identity: {
        format: 'rc-org/1',
        kind: 'form',
        code,
        name: org.name,
        level: s.level,
        parent: org.parent ?? '',
        year: 2021,
        baselineYear: 2020,
        templateVersion: expect.any(String),
        survey: 'jilin-organisation-system',
      },
    });
  });

  it('an edited identity is caught by its checksum, a removed one is reported missing', async () => {
    const wb = books.get('220102')!;
    const pairs = identityPairs(wb)!;
    expect(readIdentity(pairs).status).toBe('ok');
    expect(readIdentity(new Map(pairs).set('code', '220103')).status).toBe('edited');
    expect(readIdentity(new Map(pairs).set('year', '2022')).status).toBe('edited');
    const copy = await open(join(report.dir, report.files.find((f) => f.code === '220102')!.file));
    copy.removeWorksheet(copy.getWorksheet(L.identitySheet)!.id);
    expect(readIdentity(identityPairs(copy)).status).toBe('missing');
  });
});
