import type ExcelJS from 'exceljs';
import { ANNEX_TITLES, INDICATORS, SHEETS, sheetNotes, labelOf, type Annex, type Indicator, FORM_LAYOUT, itemRow, lastItemRow } from '../catalogue.js';
import type { SurveySheet } from '../survey-schema.js';

export interface AnnexSheetSpec {
  annex: Annex;
  /** The line above the table: whose form, which year. */
  heading: string;
  baselineYear: number;
  applies: (ind: Indicator) => boolean;
  /** 'input': a blank form to fill (unlocked cells with validation); 'values': a filled summary, all locked. */
  mode: 'input' | 'values';
  values?: Partial<Record<string, number | null>>;
  notes?: Partial<Record<string, string>>;
}

const col = (key: (typeof FORM_LAYOUT.columns)[number]['key']): string => FORM_LAYOUT.columns.find((c) => c.key === key)!.letter;
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FORM_LAYOUT.font, size: FORM_LAYOUT.bodySize, ...extra });

/** The unit column: yes/no rows say how to answer them, visibly and in print (not only in a cell prompt). */
export function unitText(ind: Indicator, annex: Annex): string {
  return ind.unitText[annex];
}

// Data validation per value kind; 附件2 holds increments, so counts and derived flags may go down.
function validationFor(ind: Indicator, annex: Annex): ExcelJS.DataValidation {
  const base = {
    allowBlank: true,
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: '输入有误',
    promptTitle: ind.unit === '小时' ? '填写小时数' : '填写数字',
  };
  if (ind.kind === 'flag') {
    const low = annex === 'annex2' && ind.derived ? -1 : 0;
    return {
      ...base,
      type: 'whole',
      operator: 'between',
      formulae: [low, 1],
      prompt: annex === 'annex1' ? '本级是填 1，否填 0' : low < 0 ? '比基准年增加填 1，不变填 0，减少填 -1' : '本年完成填 1，否则填 0',
      error: low < 0 ? '请填 -1、0 或 1' : '请填 0 或 1',
    };
  }
  if (ind.kind === 'count') {
    return annex === 'annex1'
      ? { ...base, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], prompt: `请填 0 或正整数（${ind.unit}）`, error: '请填 0 或正整数' }
      : { ...base, type: 'whole', operator: 'between', formulae: [-1e9, 1e9], prompt: `请填整数（${ind.unit}），减少填负数`, error: '请填整数' };
  }
  return annex === 'annex1'
    ? { ...base, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], prompt: '请填小时数，可有小数', error: '请填 0 或正数' }
    : { ...base, type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], prompt: '请填增加的小时数，减少填负数', error: '请填数字' };
}

/** One annex sheet in the official layout. Used for blank forms and for summaries alike. */
export function addAnnexSheet(wb: ExcelJS.Workbook, spec: AnnexSheetSpec): ExcelJS.Worksheet {
  const { label, title } = ANNEX_TITLES[spec.annex];
  const notes = notesBelowTable(spec);
  const ws = addPrintableSheet(wb, label, SHEETS[spec.annex].print, lastItemRow() + notes.length);
  writeTitleRows(ws, label, title, spec.heading);
  writeHeaderRow(ws, SHEETS[spec.annex].header, spec.mode);
  for (const ind of INDICATORS) writeIndicatorRow(ws, spec, ind);
  writeNotesBelowTable(ws, spec.annex, notes);
  return ws;
}

/** The lines under the table: 附件2's 说明 line, then (blank forms only) the fill-in instructions. */
function notesBelowTable(spec: AnnexSheetSpec): string[] {
  // Fill-in instructions belong on a blank form only; a summary keeps just the seed's 说明 line.
  const instructions = spec.mode === 'input' ? FORM_LAYOUT.instructions : [];
  return [...sheetNotes(spec.annex, spec.baselineYear), ...instructions];
}

/** The sheet with its print setup (one page wide, down to the last note) and its columns. */
function addPrintableSheet(wb: ExcelJS.Workbook, label: string, print: SurveySheet['print'], lastRow: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(label, {
    pageSetup: {
      paperSize: print.paperSize as ExcelJS.PageSetup['paperSize'],
      orientation: print.orientation,
      fitToPage: true,
      fitToWidth: print.fitToWidth,
      fitToHeight: print.fitToHeight,
      horizontalCentered: print.horizontalCentered,
      printArea: `A1:${FORM_LAYOUT.lastColumn}${lastRow}`,
      margins: { ...print.margins },
    },
    views: [{ state: 'normal', showGridLines: false }],
  });
  ws.columns = FORM_LAYOUT.columns.map((c) => ({ key: c.key, width: c.width }));
  return ws;
}

/** 附件N, the annex's title, and the heading line (whose form, which year). */
function writeTitleRows(ws: ExcelJS.Worksheet, label: string, title: string, heading: string): void {
  ws.getCell(`A${FORM_LAYOUT.rows.annexLabel}`).value = label;
  ws.getCell(`A${FORM_LAYOUT.rows.annexLabel}`).font = font({ bold: true });

  ws.mergeCells(`A${FORM_LAYOUT.rows.title}:${FORM_LAYOUT.lastColumn}${FORM_LAYOUT.rows.title}`);
  const t = ws.getCell(`A${FORM_LAYOUT.rows.title}`);
  t.value = title;
  t.font = font({ bold: true, size: FORM_LAYOUT.titleSize });
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(FORM_LAYOUT.rows.title).height = 30;

  ws.mergeCells(`A${FORM_LAYOUT.rows.branch}:${FORM_LAYOUT.lastColumn}${FORM_LAYOUT.rows.branch}`);
  const b = ws.getCell(`A${FORM_LAYOUT.rows.branch}`);
  b.value = heading;
  b.font = font();
  b.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(FORM_LAYOUT.rows.branch).height = 22;
}

function writeHeaderRow(ws: ExcelJS.Worksheet, header: readonly string[], mode: AnnexSheetSpec['mode']): void {
  // The official table is A–C; the unit and the 说明 column sit beside it, unframed (docs/domain.md §2).
  // A summary has nothing to explain, so it shows no 说明 column.
  const beside = (key: string): string => FORM_LAYOUT.columns.find((c) => c.key === key)!.header;
  const besideHeaders = mode === 'input' ? [beside('unit'), beside('note')] : [beside('unit')];
  [...header, ...besideHeaders].forEach((h, i) => {
    const c = ws.getCell(`${FORM_LAYOUT.columns[i]!.letter}${FORM_LAYOUT.rows.header}`);
    c.value = h;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (i < header.length) {
      c.font = font({ bold: true });
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FORM_LAYOUT.headerFill } };
    } else c.font = font({ size: 9, color: { argb: FORM_LAYOUT.besideColor } });
  });
  ws.getRow(FORM_LAYOUT.rows.header).height = 24;
}

interface RowCells {
  no: ExcelJS.Cell;
  label: ExcelJS.Cell;
  value: ExcelJS.Cell;
  unit: ExcelJS.Cell;
  note: ExcelJS.Cell;
}

/** One indicator's row: its number, label and unit, then its value (or 不适用) and note. */
function writeIndicatorRow(ws: ExcelJS.Worksheet, spec: AnnexSheetSpec, ind: Indicator): void {
  const r = itemRow(ind.no);
  const cells: RowCells = {
    no: ws.getCell(`${col('no')}${r}`),
    label: ws.getCell(`${col('label')}${r}`),
    value: ws.getCell(`${col('value')}${r}`),
    unit: ws.getCell(`${col('unit')}${r}`),
    note: ws.getCell(`${col('note')}${r}`),
  };
  cells.no.value = ind.no;
  cells.label.value = labelOf(ind, spec.annex);
  cells.unit.value = unitText(ind, spec.annex);
  const official = [cells.no, cells.label, cells.value];
  styleRowCells(cells, official, spec.mode);
  // Every item row the same height, not-applicable ones included, so none prints squashed at the default height.
  ws.getRow(r).height = 20;
  if (!spec.applies(ind)) {
    const grey = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: FORM_LAYOUT.notApplicableFill } };
    cells.value.value = FORM_LAYOUT.notApplicable;
    for (const c of official) c.fill = grey;
    return;
  }
  fillValueAndNote(cells, spec, ind);
}

/** Framed official cells (A–C); the unit and the note beside them in smaller, unframed type. */
function styleRowCells(cells: RowCells, official: ExcelJS.Cell[], mode: AnnexSheetSpec['mode']): void {
  for (const c of official) {
    c.border = border;
    c.font = font();
    c.alignment = { vertical: 'middle', horizontal: c === cells.label ? 'left' : 'center', indent: c === cells.label ? 1 : 0 };
  }
  cells.unit.font = font({ size: 9, color: { argb: FORM_LAYOUT.besideColor } });
  cells.unit.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cells.note.font = font({ size: 10 });
  cells.note.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
  if (mode === 'input') cells.note.border = { bottom: { style: 'hair' } };
}

/** The value and note of a row that applies; on a blank form, unlocked and validated for input. */
function fillValueAndNote(cells: RowCells, spec: AnnexSheetSpec, ind: Indicator): void {
  const v = spec.values?.[ind.key];
  if (v !== undefined && v !== null) cells.value.value = v;
  const note = spec.notes?.[ind.key];
  if (note) cells.note.value = note;
  if (spec.mode === 'input') {
    cells.value.protection = { locked: false };
    cells.note.protection = { locked: false };
    cells.value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FORM_LAYOUT.inputFill } };
    cells.value.dataValidation = validationFor(ind, spec.annex);
  }
  // Hours may have a fraction; 'General' shows 12 and 12.5 as typed ('#,##0.##' shows "12." in Excel).
  // A summary's hours are sums: thousands separators and one decimal, like the counts beside them.
  cells.value.numFmt = ind.kind === 'hours' ? (spec.mode === 'values' ? '#,##0.0' : 'General') : '#,##0';
}

/** The notes under the table, each across the full width; 附件2's 说明 line in body type. */
function writeNotesBelowTable(ws: ExcelJS.Worksheet, annex: Annex, notes: readonly string[]): void {
  notes.forEach((line, i) => {
    const r = lastItemRow() + 1 + i;
    ws.mergeCells(`A${r}:${FORM_LAYOUT.lastColumn}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = line;
    c.font = font({ size: i === 0 && annex === 'annex2' ? FORM_LAYOUT.bodySize : 10 });
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = i === 0 && annex === 'annex2' ? 20 : 30;
  });
}

/** The hidden key/value sheet that says whose workbook this is. */
export function addIdentitySheet(wb: ExcelJS.Workbook, rows: [string, string][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(FORM_LAYOUT.identitySheet, { state: 'veryHidden' });
  ws.getCell('A1').value = 'rc-org 单位标识：请勿修改 (branch identity: do not edit)';
  rows.forEach(([k, v], i) => {
    ws.getCell(`A${i + 2}`).value = k;
    ws.getCell(`B${i + 2}`).value = v; // always text, so codes keep leading zeros
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 30;
  return ws;
}
