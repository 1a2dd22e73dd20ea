import { INDICATORS, type Annex } from '../catalogue.js';

// The 明细 (detail) sheet of a summary workbook: written by merge, read back when a summary is merged upstream.

export const DETAIL_SHEET = '明细';
export const STATUS_SHEET = '报送情况';
export const SOURCES_SHEET = '来源';
export const TOTAL_ROW_CODE = '合计';
/** The hidden sheet that carries each branch's collection status up to the next level (issue 10). */
export const STATUS_DATA_SHEET = 'rcorg_status';
export const STATUS_DATA_COLUMNS = ['code', 'status', 'files', 'findings'] as const;

export const DETAIL_FIXED_COLUMNS = [
  { header: '代码', width: 10 },
  { header: '名称', width: 23 },
  { header: '级别', width: 8 },
  { header: '上级代码', width: 10 },
  { header: '来源文件', width: 36 },
] as const;

/** One column per indicator and annex, headed 附件1-N (machine-readable) with the label under it. */
export const DETAIL_VALUE_COLUMNS = (['annex1', 'annex2'] as Annex[]).flatMap((annex) =>
  INDICATORS.map((ind) => ({
    annex,
    key: ind.key,
    header: `${annex === 'annex1' ? '附件1' : '附件2'}-${ind.no}`,
    label: annex === 'annex1' ? ind.annex1 : ind.annex2,
  })),
);

export const DETAIL_HEADER_ROW = 3;
