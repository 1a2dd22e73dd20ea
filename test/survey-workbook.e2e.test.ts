import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../src/messages.js';
import { builtInSurvey } from '../src/survey/load.js';
import { surveyFromWorkbook, surveyToWorkbook } from '../src/survey/workbook.js';
import { repoRoot, spawnCli, tempDir } from './helpers.js';

// The definition as a workbook, for the office to edit in Excel or WPS (issue 20 item 6): exported and imported
// again it is the same JSON, byte for byte; a mistake made in the workbook is named by its sheet and cell.

const shipped = readFileSync(join(repoRoot, 'templates', 'jilin-2021.json'), 'utf8');

async function exported(): Promise<ExcelJS.Workbook> {
  const bytes = await (await surveyToWorkbook(builtInSurvey().survey)).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

/** The problems of an edited workbook, as `sheet!cell code`. */
async function problems(edit: (wb: ExcelJS.Workbook) => void): Promise<string[]> {
  const wb = await exported();
  edit(wb);
  try {
    await surveyFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'f.xlsx');
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    return e.problems.map((p) => `${(p.file ?? '').replace(/^f\.xlsx:/, '')} ${p.code}`);
  }
  return [];
}

/** The cell of a table sheet under a column header, on the data row `n` (1 = the first row under the header). */
function cellOf(wb: ExcelJS.Workbook, sheet: string, header: string, n: number): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.text === header) col = i;
  });
  if (col === 0) throw new Error(`no column ${header} in ${sheet}`);
  return ws.getRow(n + 1).getCell(col);
}

describe('round trip', () => {
  it('the shipped definition → workbook → the same JSON text', async () => {
    const wb = await exported();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['settings', 'levels', 'sheets', 'indicators', 'rules', 'goals']);
    const back = await surveyFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'f.xlsx');
    expect(back.json).toBe(shipped);
  });

  it('the workbook reads as the office sees it: one indicator per row, both annexes’ labels side by side', async () => {
    const wb = await exported();
    expect(cellOf(wb, 'indicators', 'annex1.label', 12).value).toBe('红十字会注册志愿者数');
    expect(cellOf(wb, 'indicators', 'annex2.label', 12).value).toBe('红十字会注册志愿者增加数');
    expect(cellOf(wb, 'levels', 'aliases', 2).value).toBe('city\n市\n市级\n州\n市（州）\n市(州)\n地市级');
    expect(cellOf(wb, 'rules', 'params', 6).value).toBe('found = annex2.$\ncurrent = annex1.$\nbaseline = baseline.$\nexpected = annex1.$ - baseline.$');
  });

  it('edits the office makes come through: a version typed as a number, a new row, a renamed indicator with previous', async () => {
    const wb = await exported();
    const settings = wb.getWorksheet('settings')!;
    settings.eachRow((row) => {
      if (row.getCell(1).text === 'version') row.getCell(2).value = 2022.1;
      if (row.getCell(1).text === 'year') row.getCell(2).value = 2022;
      if (row.getCell(1).text === 'baselineYear') row.getCell(2).value = '2021';
      // The bulletin's opening paragraph names the renamed row too.
      if (row.getCell(2).text === 'volunteerOrgs') row.getCell(2).value = 'volunteerTeams';
    });
    cellOf(wb, 'indicators', 'key', 13).value = 'volunteerTeams';
    cellOf(wb, 'indicators', 'previous', 13).value = 'volunteerOrgs';
    const ws = wb.getWorksheet('indicators')!;
    const values = ws.getRow(15).values as ExcelJS.CellValue[];
    const added = ws.getRow(16);
    added.values = values;
    cellOf(wb, 'indicators', 'key', 15).value = 'aedPoints';
    cellOf(wb, 'indicators', 'no', 15).value = 15;
    cellOf(wb, 'indicators', 'previous', 15).value = 'null';
    cellOf(wb, 'indicators', 'growth', 15).value = '否';
    for (const h of ['nouns.one', 'nouns.many', 'nouns.title']) cellOf(wb, 'indicators', h, 15).value = null;
    cellOf(wb, 'indicators', 'annex1.row', 15).value = 15;
    cellOf(wb, 'indicators', 'annex1.label', 15).value = '红十字救护站（AED）点位数';
    cellOf(wb, 'indicators', 'annex2.row', 15).value = 15;
    cellOf(wb, 'indicators', 'annex2.label', 15).value = '红十字救护站（AED）点位增加数';
    // The rules and rates that named volunteerOrgs follow the rename.
    for (let n = 1; n <= 8; n++) {
      const c = cellOf(wb, 'rules', 'indicator', n);
      if (c.text === 'volunteerOrgs') c.value = 'volunteerTeams';
      const when = cellOf(wb, 'rules', 'when', n);
      when.value = when.text.replaceAll('volunteerOrgs', 'volunteerTeams');
      const params = cellOf(wb, 'rules', 'params', n);
      params.value = params.text.replaceAll('volunteerOrgs', 'volunteerTeams');
    }
    const num = cellOf(wb, 'goals', 'numerator', 5);
    num.value = num.text.replaceAll('volunteerOrgs', 'volunteerTeams');
    const back = await surveyFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'f.xlsx');
    expect(back.survey.version).toBe('2022.1');
    expect(back.survey.baselineYear).toBe(2021);
    expect(back.survey.indicators.map((i) => [i.key, i.previous])).toEqual(
      expect.arrayContaining([
        ['volunteerTeams', 'volunteerOrgs'],
        ['aedPoints', null],
      ]),
    );
    expect(back.survey.indicators).toHaveLength(15);
    expect(back.survey.indicators[14]!.rows.map((r) => r.label)).toEqual(['红十字救护站（AED）点位数', '红十字救护站（AED）点位增加数']);
    expect(back.survey.indicators[14]!.growth).toBe(false);
  });
});

describe('a mistake in the workbook is named by sheet and cell', () => {
  it.each<[string, (wb: ExcelJS.Workbook) => void, string[]]>([
    ['a rank that is not a number', (wb) => (cellOf(wb, 'levels', 'rank', 2).value = '二'), ['levels!D3 survey-wrong-type']],
    ['a level misspelt in an indicator', (wb) => (cellOf(wb, 'indicators', 'levels', 1).value = 'countyy'), ['indicators!F2 survey-unknown-reference']],
    ['two indicators on one row', (wb) => (cellOf(wb, 'indicators', 'annex1.row', 4).value = 1), ['indicators!M5 survey-duplicate']],
    ['a rule condition that does not parse', (wb) => (cellOf(wb, 'rules', 'when', 1).value = 'annex1.serviceHours >'), ['rules!I2 survey-expression']],
    ['a params line without =', (wb) => (cellOf(wb, 'rules', 'params', 1).value = 'hours annex1.serviceHours'), ['rules!J2 survey-param-line']],
    ['a goal above 100 %', (wb) => (cellOf(wb, 'goals', 'goal', 1).value = 1.5), ['goals!I2 survey-out-of-range']],
    ['an empty label', (wb) => (cellOf(wb, 'indicators', 'annex2.label', 3).value = null), ['indicators!Q4 survey-missing-field']],
    ['a setting that is not one', (wb) => (wb.getWorksheet('settings')!.getRow(200).values = ['layout.colour', 'red']), ['settings!B200 survey-unknown-field']],
    [
      'a setting name that is not a path',
      (wb) => (wb.getWorksheet('settings')!.getRow(200).values = ['layout..font', 'x']),
      ['settings!A200 survey-setting-name'],
    ],
    [
      'a column renamed',
      (wb) => (wb.getWorksheet('goals')!.getCell('J1').value = 'rank'),
      ['goals!K1 survey-column-missing', 'goals!J1 survey-column-unknown'],
    ],
    ['a sheet removed', (wb) => wb.removeWorksheet(wb.getWorksheet('rules')!.id), ['rules survey-sheet-missing']],
  ])('%s', async (_, edit, expected) => {
    expect(await problems(edit)).toEqual(expected);
  });

  it('not a workbook at all', async () => {
    await expect(surveyFromWorkbook(new TextEncoder().encode('hello'), 'f.xlsx')).rejects.toMatchObject({ problems: [{ code: 'file-not-zip' }] });
  });

  it('a sheet named __proto__ is refused before exceljs reads it, and nothing is polluted', async () => {
    const wb = await exported();
    wb.addWorksheet('__proto__');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(surveyFromWorkbook(bytes, 'f.xlsx')).rejects.toMatchObject({ problems: [{ code: 'file-unsafe-content', file: 'f.xlsx' }] });
    expect(({} as Record<string, unknown>).settings).toBeUndefined();
  });
});

describe('rc-org survey export / import, end to end', () => {
  it('export the built-in definition, import it: the shipped JSON; a second import without --force is refused', () => {
    const dir = tempDir();
    const ex = spawnCli(['survey', 'export', '--out', 'jilin.xlsx'], { cwd: dir });
    expect(ex.code).toBe(0);
    const im = spawnCli(['survey', 'import', 'jilin.xlsx', '--out', 'jilin.json'], { cwd: dir });
    expect(im.code).toBe(0);
    expect(im.stdout).toBe(
      `${join(dir, 'jilin.json')}: 有效：jilin-organisation-system 2021.1（2021 年，基准年 2020），2 张表、14 项指标、8 条规则、5 个比率。\n`,
    );
    expect(readFileSync(join(dir, 'jilin.json'), 'utf8')).toBe(shipped);
    const again = spawnCli(['survey', 'import', 'jilin.xlsx', '--out', 'jilin.json'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('输出文件已存在');
  });

  it('export a definition file; import a broken workbook: exit 2, file:sheet!cell: message', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.json'), shipped);
    expect(spawnCli(['survey', 'export', 'mine.json', '--out', 'mine.xlsx'], { cwd: dir }).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'mine.xlsx'));
    cellOf(wb, 'rules', 'when', 1).value = 'annex1.serviceHours > process';
    await wb.xlsx.writeFile(join(dir, 'mine.xlsx'));
    const im = spawnCli(['survey', 'import', 'mine.xlsx', '--out', 'mine2.json', '--lang', 'en'], { cwd: dir });
    expect(im.code).toBe(2);
    expect(im.stderr).toBe(
      `rc-org: ${join(dir, 'mine.xlsx')}:rules!I2: Expression, at character 23: ` +
        '"process" is not a name it knows (write an indicator as sheet.key, e.g. annex1.volunteers).\n',
    );
  });
});
