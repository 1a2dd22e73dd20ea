import { basename } from 'node:path';
import { cleanWorkbook } from '../text-safety.js';
import type ExcelJS from 'exceljs';
import { ANNEXES, ANNEX_TITLES, levelWord, indicatorOf, FORM_LAYOUT, VALUE_COLUMN, itemRow } from '../catalogue.js';
import { buildFormWorkbook, type ExcelJSModule } from '../issued-form/form.js';
import type { Lang } from '../messages.js';
import type { CorrectionSpec, Problem } from './plan.js';

// The correction form (退回修改): the branch's own form issued again by the template writer — same identity,
// layout, protection and data validation — holding the values as returned, with every problem cell marked
// (errors red, warnings amber) and noted, and a first sheet 审核意见 that lists every problem.

export const REVIEW_SHEET = '审核意见';
export const MARK_FILL = { error: 'FFFF8080', warning: 'FFFFC000' } as const;

export interface CorrectionContext {
  lang: Lang;
  /** The deadline as words ("2021 年 12 月 31 日前"), or null. */
  deadline: string | null;
  contact: string | null;
  /** --sign-key: the correction form is signed as the issued form was (else a fixed form is refused as unsigned). */
  signKey?: Uint8Array | null;
}

const WORDS = {
  zh: {
    title: '退回修改意见',
    branch: (name: string, code: string, level: string, year: number) => `填报单位：${name}（代码 ${code}，${level}）    统计年度：${year} 年`,
    file: (file: string) => `原报送文件：${file}`,
    count: (n: number, e: number, w: number) => `经审核，你单位报送的报表有 ${n} 处需要修改或核实：错误 ${e} 处（红色），需核实 ${w} 处（黄色）。`,
    how: (sheets: readonly string[]) =>
      `请在本文件的${sheets.map((n) => `“${n}”`).join('')}中修改标出的单元格（鼠标移到单元格上可看到批注），改好后保存本文件，按原方式重新报送。需核实的数字如无误，请在该行“说明”栏写明原因。请勿改动表格结构和隐藏的工作表。`,
    deadline: (d: string | null) => `报送期限：${d ?? '请尽快'}`,
    contact: (c: string) => `联系人：${c}`,
    header: ['序号', '附件', '行（序号 工作事项）', '类别', '发现的问题', '怎么改', '单元格'],
    severity: { error: '错误', warning: '需核实' },
    wholeFile: '（整个文件）',
    wholeAnnex: '（整个表）',
    row: (no: number, label: string | null) => `第 ${no} 行 ${label}`,
    note: { error: '【错误】', warning: '【需核实】' },
    /** After what was found, and after what to do, in a cell's note. */
    stop: { found: '。', todo: '。' },
  },
  en: {
    title: 'Returned for correction',
    branch: (name: string, code: string, level: string, year: number) => `Branch: ${name} (code ${code}, ${level})    Survey year: ${year}`,
    file: (file: string) => `File returned: ${file}`,
    count: (n: number, e: number, w: number) => `Your return has ${n} points to correct or check: ${e} errors (red), ${w} to check (amber).`,
    how: (sheets: readonly string[]) =>
      `Correct the marked cells on the sheets ${sheets.join(' and ')} of this file (hover over a cell to read its note), save it, and send it back as before. ` +
      'If a figure to check is right, say why in the 说明 column of its row. Do not change the table layout or the hidden sheet.',
    deadline: (d: string | null) => `Deadline: ${d ?? 'as soon as possible'}`,
    contact: (c: string) => `Contact: ${c}`,
    header: ['No.', 'Annex', 'Row', 'Kind', 'What was found', 'What to do', 'Cell'],
    severity: { error: 'error', warning: 'to check' },
    wholeFile: '(whole file)',
    wholeAnnex: '(whole table)',
    row: (no: number, label: string | null) => `row ${no} ${label}`,
    note: { error: '[Error] ', warning: '[Check] ' },
    stop: { found: '. ', todo: '.' },
  },
} as const;

const PROTECT = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FORM_LAYOUT.font, size: 10, ...extra });

/** "第 10 行 红十字会成人会员数": never the bare label, so validate never takes this sheet for an annex table. */
export function rowWords(p: Pick<Problem, 'no' | 'label' | 'annex'>, lang: Lang): string {
  if (p.no === null) return p.annex ? WORDS[lang].wholeAnnex : WORDS[lang].wholeFile;
  return WORDS[lang].row(p.no, p.label);
}

/** One cell's note: every problem at that cell, what is wrong and what to do. */
export function noteText(ps: readonly Problem[], lang: Lang): string {
  const w = WORDS[lang];
  return ps.map((p) => `${w.note[p.severity]}${p.found}${w.stop.found}${p.todo}${p.todo ? w.stop.todo : ''}`).join('\n');
}

function addReviewSheet(wb: ExcelJS.Workbook, spec: CorrectionSpec, ctx: CorrectionContext): ExcelJS.Worksheet {
  const w = WORDS[ctx.lang];
  const lastCol = 'G';
  const ws = wb.addWorksheet(REVIEW_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'normal', showGridLines: false }],
  });
  // First in the workbook: the branch opens the file on the list of what to fix.
  (ws as unknown as { orderNo: number }).orderNo = 0;
  ws.columns = [6, 8, 34, 9, 46, 40, 11].map((width) => ({ width }));
  const errors = spec.problems.filter((p) => p.severity === 'error').length;
  const lines: [string, Partial<ExcelJS.Font>, number][] = [
    [w.title, font({ bold: true, size: 16 }), 30],
    [w.branch(spec.org.fullName, spec.org.code, levelWord(spec.org.level, ctx.lang), spec.year), font({ size: 11 }), 20],
    [w.file(basename(spec.file)), font(), 18],
    [w.count(spec.problems.length, errors, spec.problems.length - errors), font({ size: 11, bold: true }), 20],
    [w.how(ANNEXES.map((a) => ANNEX_TITLES[a].label)), font(), 34],
    [w.deadline(ctx.deadline), font({ size: 11 }), 20],
    ...(ctx.contact ? [[w.contact(ctx.contact), font({ size: 11 }), 20] as [string, Partial<ExcelJS.Font>, number]] : []),
  ];
  lines.forEach(([text, f, height], i) => {
    const r = i + 1;
    ws.mergeCells(`A${r}:${lastCol}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = text;
    c.font = f;
    c.alignment = { vertical: 'middle', horizontal: i === 0 ? 'center' : 'left', wrapText: true };
    ws.getRow(r).height = height;
  });
  const headerRow = lines.length + 2;
  w.header.forEach((h, i) => {
    const c = ws.getRow(headerRow).getCell(i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.border = border;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FORM_LAYOUT.headerFill } };
  });
  spec.problems.forEach((p, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    const values = [i + 1, p.annex ? ANNEX_TITLES[p.annex].label : '', rowWords(p, ctx.lang), w.severity[p.severity], p.found, p.todo, p.cell ?? ''];
    values.forEach((v, j) => {
      const c = row.getCell(j + 1);
      c.value = v;
      c.font = font();
      c.border = border;
      c.alignment = { vertical: 'middle', horizontal: j === 0 || j === 1 || j === 3 || j === 6 ? 'center' : 'left', wrapText: true };
    });
    row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL[p.severity] } };
  });
  const lastRow = headerRow + spec.problems.length;
  ws.pageSetup.printArea = `A1:${lastCol}${lastRow}`;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return ws;
}

/** The workbook sent back to one branch. */
export async function buildCorrectionWorkbook(ExcelJSLib: ExcelJSModule, spec: CorrectionSpec, ctx: CorrectionContext): Promise<ExcelJS.Workbook> {
  const wb = await buildFormWorkbook(ExcelJSLib, {
    org: spec.org,
    year: spec.year,
    baselineYear: spec.baselineYear,
    values: spec.values,
    notes: spec.notes,
    signKey: ctx.signKey,
  });
  wb.title = `${wb.title}（退回修改）`;
  for (const annex of ANNEXES) {
    const ws = wb.getWorksheet(ANNEX_TITLES[annex].label)!;
    for (const [key, text] of Object.entries(spec.texts[annex]) as [string, string][]) {
      const cell = ws.getCell(`${VALUE_COLUMN}${itemRow(indicatorOf(key).no)}`);
      // A not-applicable row's figure was typed as a number; the rest are texts the branch must see as typed.
      cell.value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
    const byCell = new Map<string, Problem[]>();
    for (const p of spec.problems) if (p.annex === annex && p.cell) byCell.set(p.cell, [...(byCell.get(p.cell) ?? []), p]);
    for (const [at, ps] of byCell) {
      const cell = ws.getCell(at.slice(at.indexOf('!') + 1));
      const severity = ps.some((p) => p.severity === 'error') ? 'error' : 'warning';
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL[severity] } };
      // A grey (not-applicable) cell that was filled must be cleared: it is opened for that.
      cell.protection = { locked: false };
      cell.note = { texts: [{ text: noteText(ps, ctx.lang), font: { name: FORM_LAYOUT.font, size: 10 } }], editAs: 'absolute' };
    }
  }
  const review = addReviewSheet(wb, spec, ctx);
  await review.protect('', PROTECT);
  cleanWorkbook(wb);
  return wb;
}
