import type { ReportResult } from '../commands/report.js';
import type { Lang } from '../messages.js';
import { table } from './table.js';
import { word } from '../words.js';

/** What report wrote, and what the bulletin rests on, for people. */
export function renderReport(r: ReportResult, lang: Lang): string {
  const m = r.model;
  const p = m.province;
  const years = m.trend.length > 1 ? m.trend.map((y) => y.year).join(', ') : String(m.year);
  const out = [
    table([...word('reportHead', lang)], [[years, p.expected, p.returned, p.statuses.missing, p.statuses.resubmit, m.praise.length, m.remind.length]]),
  ];
  if (p.returned === 0) out.push(word('reportNoReturns', lang));
  out.push('', ...r.written.map(word('wroteFile', lang)));
  return out.join('\n') + '\n';
}
