// echarts' own one-file build: its modular build is hundreds of files, and loading them took ~0.4 s of CPU against
// ~0.1 s for this (echarts.d.ts gives it the modular build's types).
import * as echarts from 'echarts/dist/echarts.esm.min.mjs';
import { formatNumber, formatSigned, formatSignedPercent, type GrowthKey } from '../core/rates.js';
import type { ReportModel, TrendYear, UnitModel } from './model.js';
import type { Lang } from '../messages.js';
import { cap, pageText } from '../text-safety.js';
import { STATUS_COLOURS, STATUS_WORDS_BY_LANG } from './words.js';
import { STATUS_KEYS } from './summary.js';

// Charts as SVG text, drawn once at build time with ECharts' server-side renderer: the page needs no script.
// Zero-length bars are passed as null so nothing is drawn for them, and every chart says how many bars it drew.

// Family names in single quotes: ECharts writes them into each <text>'s style="…" attribute unescaped.
export const CJK_FONTS = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Zen Hei','Microsoft YaHei','PingFang SC','SimHei',sans-serif";
export const GROWTH_UP = '#1565c0';
export const GROWTH_DOWN = '#c62828';
export const TREND_COLOUR = '#6a1b9a';

export interface Chart {
  svg: string;
  /** How many bars were drawn (non-empty values). */
  bars: number;
  /** The fill colours bars are drawn in (no other shape uses them). */
  colours: string[];
}

type Option = Record<string, unknown>;

function render(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FONTS, fontSize: 12 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// A name on an axis: the text policy's pageText (no bidi control to mirror the label), cut to what a label's room holds.
const AXIS_NAME_CHARS = 30;
const nameAxis = (names: string[]): Option => ({
  type: 'category',
  data: names.map((n) => cap(pageText(n), AXIS_NAME_CHARS)),
  inverse: true,
  axisTick: { show: false },
  axisLabel: { fontFamily: CJK_FONTS, fontSize: 12, color: '#222' },
});

/** 报送情况: one stacked bar per unit, one segment per status. Null when there are no branches at all. */
export function statusChart(m: ReportModel, lang: Lang = 'zh'): Chart | null {
  const rows = [
    ...m.units.map((u) => ({ name: u.name, statuses: u.statuses })),
    {
      name: lang === 'en' ? `${m.rootName} (own)` : `${m.rootName}本级`,
      statuses: Object.fromEntries(STATUS_KEYS.map((k) => [k, m.rootOwn.status === k ? 1 : 0])) as UnitModel['statuses'],
    },
  ];
  if (rows.length === 0) return null;
  let bars = 0;
  const series = STATUS_KEYS.map((k) => ({
    type: 'bar',
    stack: 'status',
    name: STATUS_WORDS_BY_LANG[lang][k],
    barWidth: 16,
    itemStyle: { color: STATUS_COLOURS[k] },
    label: { show: true, fontSize: 10, color: '#fff', fontFamily: CJK_FONTS },
    data: rows.map((r) => {
      const v = r.statuses[k];
      if (v > 0) bars++;
      return v > 0 ? v : null;
    }),
  }));
  const svg = render(
    {
      grid: { left: 130, right: 24, top: 12, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: CJK_FONTS } },
      yAxis: nameAxis(rows.map((r) => r.name)),
      series,
    },
    720,
    40 + rows.length * 26,
  );
  return { svg, bars, colours: STATUS_KEYS.map((k) => STATUS_COLOURS[k]) };
}

/** 发展情况: units sorted by the per cent growth of one row. Null when no unit has a baseline to compare with. */
export function growthChart(m: ReportModel, key: GrowthKey): Chart | null {
  const rows = m.units
    .filter((u) => u.growth !== null && u.growth[key]!.percent !== null)
    .map((u) => ({ name: u.name, g: u.growth![key]! }))
    .sort((a, b) => b.g.percent! - a.g.percent! || a.name.localeCompare(b.name, 'zh'));
  if (rows.length === 0) return null;
  const data = rows.map((r) => ({
    value: Math.round(r.g.percent! * 1000) / 10,
    itemStyle: { color: r.g.percent! < 0 ? GROWTH_DOWN : GROWTH_UP },
    label: { formatter: `${formatSigned(r.g.increase)}（${formatSignedPercent(r.g.percent)}）` },
  }));
  // A value of exactly 0 % still gets a bar (a hairline), so every unit in the chart has one.
  const svg = render(
    {
      grid: { left: 112, right: 118, top: 10, bottom: 28 },
      xAxis: { type: 'value', splitNumber: 4, axisLabel: { formatter: '{value}%', fontFamily: CJK_FONTS } },
      yAxis: nameAxis(rows.map((r) => r.name)),
      series: [{ type: 'bar', barWidth: 12, data, label: { show: true, position: 'right', fontSize: 10.5, fontFamily: CJK_FONTS, color: '#333' } }],
    },
    480,
    40 + rows.length * 22,
  );
  return { svg, bars: rows.length, colours: [GROWTH_UP, GROWTH_DOWN] };
}

/** 历年对比: one bar per year for one row (the root's 附件1 total); a year with nothing received has no bar. */
export function trendChart(years: readonly TrendYear[], key: GrowthKey): Chart | null {
  if (years.length < 2) return null;
  const svg = render(
    {
      grid: { left: 70, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)), axisLabel: { fontFamily: CJK_FONTS } },
      yAxis: { type: 'value', axisLabel: { fontFamily: CJK_FONTS } },
      series: [
        {
          type: 'bar',
          barWidth: 28,
          itemStyle: { color: TREND_COLOUR },
          label: { show: true, position: 'top', fontSize: 11, fontFamily: CJK_FONTS, formatter: (p: { value: number }) => formatNumber(p.value) },
          data: years.map((y) => y.annex1?.[key] ?? null),
        },
      ],
    },
    340,
    190,
  );
  return { svg, bars: years.filter((y) => y.annex1?.[key] !== undefined).length, colours: [TREND_COLOUR] };
}
