// The issued form, described once as data: where each part of 附件1/附件2 sits, how wide the
// columns are, and what the fill-in instructions say. The writer and the reader both follow it.

import { INDICATORS } from '../src/catalogue.js';

export const TEMPLATE_VERSION = '2021.1';

export const FORM_LAYOUT = {
  font: '宋体',
  /** Columns A–E; A–C are the official table, D and E sit beside it. */
  columns: [
    { key: 'no', letter: 'A', width: 6, header: '序号' },
    { key: 'label', letter: 'B', width: 38, header: '工作事项' },
    { key: 'value', letter: 'C', width: 15, header: '个(人、小时)' },
    { key: 'unit', letter: 'D', width: 11, header: '计量单位' },
    { key: 'note', letter: 'E', width: 30, header: '说明（可选）' },
  ],
  rows: {
    annexLabel: 1,
    title: 2,
    branch: 3,
    header: 4,
    firstItem: 5, // one row per indicator from here (itemRow)
  },
  lastColumn: 'E',
  notApplicable: '—',
  notApplicableFill: 'FFD9D9D9',
  inputFill: 'FFFFF9E0',
  headerFill: 'FFF2F2F2',
  /** Text beside the official table (unit, 说明 header) is set smaller and grey. */
  besideColor: 'FF595959',
  titleSize: 16,
  bodySize: 11,
  /** Printed under each table (附件2 also gets the seed's 说明 line first). */
  instructions: [
    '填写说明：1. 只填本级（本单位直接管理）的数据，不含下级红十字会；是否类事项“是”填 1、“否”填 0。',
    '2. 黄色格为填写区，请填阿拉伯数字；没有的填 0，不要留空。灰色“—”的行不适用于本级，请勿填写。',
    '3. 数字如有特殊情况，请在“说明”栏写明原因。请勿改动表格结构、行名和文件中的隐藏工作表。',
  ],
  /** The hidden sheet that carries the branch identity. */
  identitySheet: 'rcorg_identity',
  paper: { size: 9 /* A4 */, orientation: 'portrait' },
} as const;

/** The sheet row of item `no` (1-based, as numbered on the form). */
export const itemRow = (no: number): number => FORM_LAYOUT.rows.firstItem + no - 1;
/** The last item row: one row per indicator of the catalogue. */
export const lastItemRow = (): number => itemRow(INDICATORS.length);
export const VALUE_COLUMN = FORM_LAYOUT.columns[2].letter;
