import { INDICATORS, type Annex, type IndicatorKey } from '../catalogue.js';
import { normalizeLabel } from './locate.js';

// Which indicator a CSV/xlsx column holds, from its header: key, annex1.key, 附件1-N, N, or the Chinese label.

export interface ColumnRef {
  annex: Annex;
  key: IndicatorKey;
}

const byLabel = new Map<string, ColumnRef>(
  INDICATORS.flatMap(
    (i) =>
      [
        [normalizeLabel(i.annex1), { annex: 'annex1', key: i.key }],
        [normalizeLabel(i.annex2), { annex: 'annex2', key: i.key }],
      ] as [string, ColumnRef][],
  ),
);
const byKey = new Map(INDICATORS.map((i) => [i.key.toLowerCase(), i.key]));
const byNo = new Map(INDICATORS.map((i) => [String(i.no), i.key]));

/** `bare` decides what a bare key or number (no annex named) means: 附件1 in a baseline, nothing in a return. */
export function columnRef(header: string, bare: Annex | null): ColumnRef | null {
  const h = normalizeLabel(header);
  const label = byLabel.get(h);
  if (label) return label;
  const numbered = /^附件([12])[-_—－.]?(\d{1,2})$/.exec(h);
  if (numbered) {
    const key = byNo.get(String(Number(numbered[2])));
    return key ? { annex: numbered[1] === '1' ? 'annex1' : 'annex2', key } : null;
  }
  const dotted = /^(annex[12])[._-]([a-z]+)$/i.exec(h);
  if (dotted) {
    const key = byKey.get(dotted[2]!.toLowerCase());
    return key ? { annex: dotted[1]!.toLowerCase() as Annex, key } : null;
  }
  if (bare) {
    const key = byKey.get(h.toLowerCase()) ?? byNo.get(h);
    if (key) return { annex: bare, key };
  }
  return null;
}

export const CODE_COLUMN_NAMES = ['code', '代码', '单位代码', '编码', '行政区划代码', '区划代码'] as const;
export const YEAR_COLUMN_NAMES = ['year', '年度', '统计年度', '年份'] as const;
