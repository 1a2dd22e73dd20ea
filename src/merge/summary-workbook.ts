import type ExcelJS from 'exceljs';
import { LEVEL_LABELS, type IndicatorKey } from '../catalogue.js';
import type { ReturnFigures } from '../core/finding.js';
import type { SummaryNode } from '../core/rollup.js';
import { identityRows } from '../identity.js';
import type { Registry } from '../registry/types.js';
import { addAnnexSheet, addIdentitySheet } from '../template/annex-sheet.js';
import type { ExcelJSModule } from '../template/form.js';
import { safeFileName } from '../template/form.js';
import { FORM_LAYOUT, TEMPLATE_VERSION } from '../../templates/form-layout.js';
import { DETAIL_FIXED_COLUMNS, DETAIL_HEADER_ROW, DETAIL_SHEET, DETAIL_VALUE_COLUMNS, SOURCES_SHEET, STATUS_SHEET, TOTAL_ROW_CODE } from './summary-layout.js';
import { capCell } from '../text-safety.js';

/** Text from inputs (names, file names, reasons) cut to Excel's per-cell limit. */
const capRow = (values: unknown[]): never => values.map(capCell) as never;

export interface DetailRow {
  code: string;
  figures: ReturnFigures;
  file: string;
}

export interface SourceRow {
  file: string;
  sha256: string;
  code: string | null;
  used: boolean;
  note: string;
}

export interface SummaryWorkbookSpec {
  node: SummaryNode;
  registry: Registry;
  year: number;
  baselineYear: number;
  details: DetailRow[];
  sources: SourceRow[];
  statusOf: (code: string) => { status: string; file: string };
  /** --sign-key: the summary's identity is signed too, so a merge with the key can read it back. */
  signKey?: Uint8Array | null;
}

export function summaryFileName(year: number, node: Pick<SummaryNode, 'code' | 'name'>): string {
  return safeFileName(`${year}_${node.code}_${node.name}_汇总.xlsx`);
}

const bold = { name: '宋体', bold: true, size: 11 };
const body = { name: '宋体', size: 10 };
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Write one summary workbook to `path`. It goes through exceljs's streaming writer, sheet by sheet and row by row,
 * so a national summary with one 明细 row per branch never sits whole in memory. (Its known loss — style and
 * unlocking on empty cells — does not matter here: a summary has no input cells.)
 */
export async function writeSummaryWorkbook(ExcelJSLib: ExcelJSModule, spec: SummaryWorkbookSpec, path: string): Promise<void> {
  const { node, registry } = spec;
  const org = registry.byCode.get(node.code)!;
  // Inline strings: a shared-string table would hold every file name and branch name of a national summary in memory.
  const wb = new ExcelJSLib.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'rc-org';
  const finish = async (ws: ExcelJS.Worksheet): Promise<void> => {
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
    ws.commit();
  };
  // Two lines (who, then year and basis): on one line the 附件2 heading ran past column E and was cut off in print.
  const scope = `汇总单位：${org.fullName}（代码 ${org.code}，含本级及下级共 ${node.expected.length} 个单位，已汇总 ${node.parts.length} 个${node.complete ? '' : '，未报齐'}）\n统计年度：${spec.year} 年`;
  const basis = { baseline: `增加数按附件1 减 ${spec.baselineYear} 年基准数计算`, entered: '增加数为各单位所报附件2 之和（未提供基准数）', mixed: `增加数按基准数计算；${node.withoutBaseline.length} 个单位无基准数，采用其所报附件2` }[node.incrementBasis];
  const sheets = (['annex1', 'annex2'] as const).map((annex) =>
    addAnnexSheet(wb, {
      annex,
      heading: annex === 'annex2' ? `${scope}    ${basis}` : scope,
      baselineYear: spec.baselineYear,
      applies: (ind) => node.applicable[ind.key as IndicatorKey],
      mode: 'values',
      values: node[annex],
    }),
  );
  for (const ws of sheets) {
    const heading = ws.getCell(`A${FORM_LAYOUT.rows.branch}`);
    heading.alignment = { ...heading.alignment, wrapText: true };
    ws.getRow(FORM_LAYOUT.rows.branch).height = 34;
    await finish(ws);
  }

  const landscape = { pageSetup: { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } };
  const detail = wb.addWorksheet(DETAIL_SHEET, { ...landscape, views: [{ state: 'frozen', xSplit: 2, ySplit: DETAIL_HEADER_ROW }] });
  detail.getCell('A1').value = `${org.fullName} ${spec.year} 年汇总明细（各单位本级数据）`;
  detail.getCell('A1').font = { ...bold, size: 13 };
  const headers = [...DETAIL_FIXED_COLUMNS.map((c) => c.header), ...DETAIL_VALUE_COLUMNS.map((c) => c.header)];
  DETAIL_VALUE_COLUMNS.forEach((c, i) => {
    const cell = detail.getCell(DETAIL_HEADER_ROW - 1, DETAIL_FIXED_COLUMNS.length + i + 1);
    cell.value = c.label;
    cell.font = body;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  detail.getRow(DETAIL_HEADER_ROW - 1).height = 60;
  headers.forEach((h, i) => {
    const cell = detail.getCell(DETAIL_HEADER_ROW, i + 1);
    cell.value = h;
    cell.font = bold;
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  DETAIL_FIXED_COLUMNS.forEach((c, i) => (detail.getColumn(i + 1).width = c.width));
  DETAIL_VALUE_COLUMNS.forEach((_, i) => (detail.getColumn(DETAIL_FIXED_COLUMNS.length + i + 1).width = 11));
  let r = DETAIL_HEADER_ROW + 1;
  for (const d of spec.details) {
    const o = registry.byCode.get(d.code)!;
    const values = DETAIL_VALUE_COLUMNS.map((c) => d.figures[c.annex][c.key as IndicatorKey]);
    detail.getRow(r).values = capRow([o.code, o.name, LEVEL_LABELS[o.level].zh, o.parent ?? '', d.file, ...values.map((v) => (v === null ? null : v))]);
    detail.getRow(r).commit();
    r++;
  }
  detail.getRow(r).values = [TOTAL_ROW_CODE, '', '', '', '', ...DETAIL_VALUE_COLUMNS.map((c) => node[c.annex][c.key as IndicatorKey])];
  detail.getRow(r).font = bold;
  await finish(detail);

  const status = wb.addWorksheet(STATUS_SHEET, landscape);
  status.columns = [{ width: 10 }, { width: 22 }, { width: 10 }, { width: 24 }, { width: 60 }];
  const counts: [string, number | string][] = [
    ['应报单位', node.expected.length],
    ['已报且通过', node.returnedOk.length],
    ['已报有警告', node.returnedWithWarnings.length],
    ['未采用（有错误）', node.excluded.length],
    ['未报送', node.missing.length],
    ['是否报齐', node.complete ? '是' : '否'],
  ];
  status.getCell('A1').value = `${org.fullName} ${spec.year} 年报送情况`;
  status.getCell('A1').font = { ...bold, size: 13 };
  counts.forEach(([k, v], i) => {
    status.getCell(i + 2, 1).value = k;
    status.getCell(i + 2, 2).value = v;
  });
  const top = counts.length + 3;
  status.getRow(top).values = ['代码', '名称', '级别', '状态', '文件 / 原因'];
  status.getRow(top).font = bold;
  node.expected.forEach((code, i) => {
    const o = registry.byCode.get(code)!;
    const s = spec.statusOf(code);
    status.getRow(top + 1 + i).values = capRow([o.code, o.name, LEVEL_LABELS[o.level].zh, s.status, s.file]);
    status.getRow(top + 1 + i).commit();
  });
  const strayTop = top + 1 + node.expected.length;
  node.excluded.filter((e) => e.code === null).forEach((e, i) => {
    status.getRow(strayTop + i).values = capRow(['—', '（无法识别单位）', '', '未采用', `${e.file}：${e.reasons.join('；')}`]);
  });
  await finish(status);

  const sources = wb.addWorksheet(SOURCES_SHEET, landscape);
  sources.columns = [{ width: 48 }, { width: 68 }, { width: 10 }, { width: 8 }, { width: 50 }];
  sources.getRow(1).values = ['文件', 'SHA-256', '单位代码', '是否采用', '说明'];
  sources.getRow(1).font = bold;
  spec.sources.forEach((s, i) => {
    sources.getRow(i + 2).values = capRow([s.file, s.sha256, s.code ?? '—', s.used ? '是' : '否', s.note]);
    sources.getRow(i + 2).commit();
  });
  await finish(sources);

  const idSheet = addIdentitySheet(
    wb,
    identityRows({ format: 'rc-org/1', kind: 'summary', code: org.code, name: org.name, level: org.level, parent: org.parent ?? '', year: spec.year, baselineYear: spec.baselineYear, templateVersion: TEMPLATE_VERSION }, spec.signKey),
  );
  await finish(idSheet);
  await wb.commit();
}

