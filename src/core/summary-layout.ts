import { ANNEXES, INDICATORS, labelOf, perSurvey } from '../catalogue.js';
import { columnName } from './columns.js';

// The layouts of rc-org's own outputs: the 明细 (detail) sheet of a summary workbook (written by merge, read back
// when a summary is merged upstream), the long CSV and feedback's lists (recognised so they are never read as returns).

/** merge's data file, which report reads and a later year's merge takes as its baseline. */
export const SUMMARY_FILE = 'summary.json';
export const DETAIL_SHEET = '明细';
export const STATUS_SHEET = '报送情况';
export const SOURCES_SHEET = '来源';
export const TOTAL_ROW_CODE = '合计';
/** The hidden sheet that carries each branch's collection status up to the next level (issue 10). */
export const STATUS_DATA_SHEET = 'rcorg_status';
export const STATUS_DATA_COLUMNS = ['code', 'status', 'files', 'findings'] as const;

// Narrow, with names and file names wrapped: the 33 columns of 明细 print one page wide (issue 18).
export const DETAIL_FIXED_COLUMNS = [
  { header: '代码', width: 8 }, // a 6-character code on one line
  { header: '名称', width: 12 },
  { header: '级别', width: 5 },
  { header: '上级代码', width: 8 },
  { header: '来源文件', width: 20 },
] as const;

/** One column per indicator and sheet, headed SHEETNAME-N (附件1-3, machine-readable) with the label under it. */
export const detailValueColumns = perSurvey(() =>
  ANNEXES.flatMap((annex) =>
    INDICATORS.map((ind) => ({
      annex,
      key: ind.key,
      header: columnName(annex, ind.no),
      label: labelOf(ind, annex),
    })),
  ),
);

export const DETAIL_HEADER_ROW = 3;

/** The header of summary-long.csv. */
export const LONG_CSV_HEADER = ['code', 'name', 'level', 'parent', 'annex', 'indicator', 'label', 'value', 'source'] as const;

/** The headers of feedback's lists (催报名单.xlsx/.csv, feedback.csv), in both languages. */
export const FEEDBACK_LIST_HEADERS = {
  zh: {
    chase: ['代码', '单位', '上级代码', '上级单位', '状态', '原因', '由谁督促'],
    contact: ['联系人', '电话', '邮箱'],
    feedback: ['代码', '单位', '状态', '处理', '问题数', '发给该单位的文件', '消息'],
    unattributed: ['文件', 'SHA-256', '原因', '按文件名可能是'],
  },
  en: {
    chase: ['code', 'name', 'parent', 'parent name', 'status', 'reason', 'chased through'],
    contact: ['contact', 'phone', 'email'],
    feedback: ['code', 'name', 'status', 'action', 'problems', 'files for the branch', 'message'],
    unattributed: ['file', 'SHA-256', 'reason', 'by its name from'],
  },
} as const;
