import type { ReportResult } from '../commands/report.js';
import type { Lang } from '../messages.js';
import { table } from './table.js';

/** What report wrote, and what the bulletin rests on, for people. */
export function renderReport(r: ReportResult, lang: Lang): string {
  const zh = lang === 'zh';
  const m = r.model;
  const p = m.province;
  const years = m.trend.length > 1 ? m.trend.map((y) => y.year).join(', ') : String(m.year);
  const out = [
    table(
      zh ? ['年度', '应报', '已报送', '未报送', '需重报', '表扬', '提醒'] : ['Year(s)', 'Expected', 'Returned', 'Missing', 'Re-send', 'Praised', 'Reminded'],
      [[years, p.expected, p.returned, p.statuses.missing, p.statuses.resubmit, m.praise.length, m.remind.length]],
    ),
  ];
  if (p.returned === 0)
    out.push(
      zh
        ? '注意：本年度没有任何可用的报表，通报中的比率和增幅均为“—”。'
        : 'Note: no usable return this year; every rate and growth figure in the bulletin is "—".',
    );
  out.push('', ...r.written.map((f) => (zh ? `已写入 ${f}` : `Wrote ${f}`)));
  return out.join('\n') + '\n';
}
