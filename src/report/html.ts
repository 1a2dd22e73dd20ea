import { INDICATORS, LEVEL_LABELS, indicatorOf, type Level } from '../catalogue.js';
import {
  GROWTH_KEYS,
  RATE_KEYS,
  RATE_LABELS,
  attainment,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedPercent,
  type Attainment,
} from '../core/rates.js';
import { esc } from './escape.js';
import { officialHeadHtml, officialSignHtml } from './official.js';
import { growthChart, statusChart, trendChart, type Chart } from './charts.js';
import { provinceRows, type ReportModel, type UnitModel } from './model.js';
import { STATUS_KEYS } from './summary.js';
import { SECTION_TITLES, STATUS_COLOURS, STATUS_WORDS, areaWord, indicatorShort, letterText, listLine, provinceParagraph } from './words.js';

// report.html: one self-contained page (inline CSS, inline SVG, no script, no fonts, no links out), readable on
// screen and printed on A4. Every text that comes from data goes through esc().

const ATTAINMENT_WORDS: Record<Attainment, string> = { met: '达到目标', near: '接近目标', far: '差距较大', none: '无目标或无数据' };

const CSS = `
:root { --ink:#1b1b1b; --muted:#666; --rule:#d0d0d0; --accent:#b71c1c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 14px/1.65 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC","SimHei","SimSun",sans-serif; }
header.masthead { border-bottom: 3px solid var(--accent); margin-bottom: 18px; padding-bottom: 8px; text-align: center; }
header.masthead h1 { color: var(--accent); font-size: 24px; margin: 8px 0 4px; letter-spacing: 1px; }
header.masthead .date { color: var(--muted); margin: 0; }
h2 { font-size: 18px; border-left: 5px solid var(--accent); padding-left: 8px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.basis { background: #f6f6f6; border: 1px solid var(--rule); padding: 8px 12px; font-size: 13px; }
p.warn { background: #fff4e5; border: 1px solid #f0b35b; padding: 8px 12px; }
p.empty { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.names { font-size: 12px; }
tr.total td { font-weight: 600; background: #fafafa; }
td.met { background: #e3f2e5; } td.near { background: #fff3cd; } td.far { background: #fbe0e0; } td.none { color: var(--muted); }
small.n, small.rank { display: block; color: var(--muted); font-size: 10.5px; line-height: 1.2; }
.incomplete-mark { color: var(--accent); font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin: 4px 0; padding: 0; list-style: none; }
.legend i { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; }
figure.chart { margin: 6px 0 12px; break-inside: avoid; }
figure.chart figcaption { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
figure.chart svg { max-width: 100%; height: auto; }
.grid2, .grid-charts { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; }
.grid-charts > * { min-width: 0; }
ol.list li { margin-bottom: 6px; }
.rule { color: var(--muted); }
article.letter { border: 1px solid var(--rule); padding: 10px 16px; margin: 10px 0; }
article.letter h3 { margin-top: 4px; }
article.letter p { text-indent: 2em; margin: 4px 0; }
table.data { font-size: 10.5px; }
table.data td, table.data th { padding: 2px 3px; }
table.sources td:first-child { word-break: break-all; }
code { font-size: 11.5px; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 6px; }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11.5pt; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  section#goals, section#lists, section#letters, section#annex { break-before: page; }
  table { break-inside: auto; } tr { break-inside: avoid; } thead { display: table-header-group; }
  td.met, td.near, td.far, th, tr.total td, p.basis { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart svg { width: 100%; }
}
`;

const num = (v: number | null): string => `<td class="num">${esc(formatNumber(v))}</td>`;
const levelWord = (level: string): string => LEVEL_LABELS[level as Level]?.zh ?? level;
const mark = (u: UnitModel): string => (u.complete ? '' : ' <span class="incomplete-mark" title="报表未报齐">※</span>');

function figure(kind: string, caption: string, chart: Chart | null, emptyText: string, key?: string): string {
  if (!chart) return `<p class="empty" data-chart-empty="${esc(kind)}">${esc(caption)}：${esc(emptyText)}</p>`;
  return (
    `<figure class="chart" data-chart="${esc(kind)}"${key ? ` data-key="${esc(key)}"` : ''} data-bars="${chart.bars}" data-colours="${esc(chart.colours.join(' '))}">` +
    `<figcaption>${esc(caption)}</figcaption>${chart.svg}</figure>`
  );
}

function statusSection(m: ReportModel): string {
  const legend =
    `<ul class="legend">` + `${STATUS_KEYS.map((k) => `<li><i style="background:${STATUS_COLOURS[k]}"></i>${esc(STATUS_WORDS[k])}</li>`).join('')}</ul>`;
  const rows = m.units.map((u) => {
    const missing = u.outstanding.filter((o) => o.status === 'missing').map((o) => o.name);
    const resend = u.outstanding.filter((o) => o.status === 'resubmit').map((o) => o.name);
    return (
      `<tr data-unit="${esc(u.code)}"><td>${esc(u.name)}${mark(u)}</td>` +
      `${num(u.expected)}${STATUS_KEYS.map((k) => num(u.statuses[k])).join('')}<td class="names">` +
      `${missing.length ? esc(missing.join('、')) : '—'}</td><td class="names">` +
      `${resend.length ? esc(resend.join('、')) : '—'}</td></tr>`
    );
  });
  const own = m.rootOwn;
  const ownRow =
    `<tr><td>${esc(m.rootName)}本级</td>` +
    `${num(1)}${STATUS_KEYS.map((k) => num(own.status === k ? 1 : 0)).join('')}<td class="names">` +
    `${own.status === 'missing' ? esc(own.name) : '—'}</td><td class="names">` +
    `${own.status === 'resubmit' ? esc(own.name) : '—'}</td></tr>`;
  const p = m.province;
  const totalRow = `<tr class="total"><td>合计</td>${num(p.expected)}${STATUS_KEYS.map((k) => num(p.statuses[k])).join('')}<td></td><td></td></tr>`;
  const unattributed =
    m.unattributed.length === 0
      ? ''
      : `<p class="warn">另有 ${m.unattributed.length} 个文件无法对应到任何单位（无单位标识或代码不在名录中），未计入上表：${esc(m.unattributed.map((u) => u.file).join('、'))}。</p>`;
  return `<section id="status"><h2>${SECTION_TITLES.status}</h2>
${legend}${figure('status', '各单位报送状态（单位数）', statusChart(m), '没有应报单位')}
<table><thead><tr><th>单位</th><th>应报</th>${STATUS_KEYS.map((k) => `<th>${esc(STATUS_WORDS[k])}</th>`).join('')}<th>尚未报送</th><th>需重报</th></tr></thead>
<tbody>${rows.join('\n')}${ownRow}${totalRow}</tbody></table>${unattributed}</section>`;
}

function provinceSection(m: ReportModel): string {
  const rows = provinceRows(m).map((r) => {
    const g = r.growth;
    const change =
      r.completed !== null
        ? `<td class="num">—</td><td class="num">完成 ${esc(formatNumber(r.completed))}</td><td class="num">—</td>`
        : g
          ? `${num(g.base)}<td class="num">${esc(formatSigned(g.increase))}</td><td class="num">${esc(formatSignedPercent(g.percent))}</td>`
          : `<td class="num">—</td><td class="num">—</td><td class="num">—</td>`;
    return `<tr><td class="num">${r.no}</td><td>${esc(r.label)}</td><td>${esc(r.unit)}</td>${num(r.current)}${change}</tr>`;
  });
  return `<section id="province"><h2>${SECTION_TITLES.province}</h2>
<p>${esc(provinceParagraph(m))}</p>
<table><thead><tr><th>序号</th><th>工作事项（附件1）</th><th>单位</th><th>${m.year} 年</th><th>${m.baselineYear} 年</th><th>增加数</th><th>增幅</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<p class="rule">${m.baselineYear} 年数 = ${m.year} 年附件1 − 附件2 增加数（仅含已报送单位，同口径比较）。第 2、3 行附件2 为“完成换届增加数”，不是与 ${m.baselineYear} 年之差。</p></section>`;
}

function rateCell(u: UnitModel, k: (typeof RATE_KEYS)[number], m: ReportModel, withRank: boolean): string {
  const r = u.rates[k];
  const a = attainment(r.value, m.rules.goals[k], m.rules.near);
  const rank = withRank && u.rateRanks[k] !== null ? `<small class="rank">第 ${u.rateRanks[k]} 名</small>` : '';
  const frac = r.value === null ? '' : ` ${esc(formatNumber(r.num))}/${esc(formatNumber(r.den))}`;
  return (
    `<td class="num ${a}" data-rate="${k}" title="${esc(ATTAINMENT_WORDS[a])}">` +
    `${esc(formatPercent(r.value))}<small class="n">${frac ? `${frac} · ` : ''}${r.basis} 个单位</small>` +
    `${rank}</td>`
  );
}

function goalsSection(m: ReportModel): string {
  const head = RATE_KEYS.map(
    (k) =>
      `<th>${esc(RATE_LABELS[k].zh)}<small class="n">目标 ${m.rules.goals[k] === null ? '—（仅报告）' : esc(formatPercent(m.rules.goals[k], 0))}</small></th>`,
  ).join('');
  const rows = m.units.map(
    (u) =>
      `<tr data-unit="${esc(u.code)}"><td>${esc(u.name)}${mark(u)}<small class="n">` +
      `${levelWord(u.level)} · 已报 ${u.returned}/${u.expected}</small></td>` +
      `${RATE_KEYS.map((k) => rateCell(u, k, m, true)).join('')}</tr>`,
  );
  const p = m.province;
  rows.push(
    `<tr class="total" data-unit="${esc(p.code)}"><td>${esc(areaWord(m))}${mark(p)}<small class="n">` +
      `已报 ${p.returned}/${p.expected}</small></td>` +
      `${RATE_KEYS.map((k) => rateCell(p, k, m, false)).join('')}</tr>`,
  );
  const legend =
    `<ul class="legend"><li><i style="background:#e3f2e5"></i>达到目标</li><li><i style="background:#fff3cd">` +
    `</i>接近目标（差距不超过 ${(m.rules.near * 100).toFixed(0)} 个百分点）</li><li><i style="background:#fbe0e0"></i>` +
    `差距较大</li><li><span class="incomplete-mark">※</span> 报表未报齐，` +
    `比率仅依据已报送单位</li><li>“—”：没有可计算的单位（如无应换届单位）</li></ul>`;
  const notes = RATE_KEYS.map(
    (k) => `<li>${esc(RATE_LABELS[k].zh)}：${esc(RATE_DEFINITIONS[k])}（工作方案${esc(RATE_LABELS[k].clause)}：${esc(RATE_LABELS[k].goalZh)}）</li>`,
  ).join('');
  return `<section id="goals"><h2>${SECTION_TITLES.goals}</h2>${legend}
<table class="rates"><thead><tr><th>单位</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<ul class="rule">${notes}<li>排名只比较有数据的单位，并列者名次相同；未报送的单位不参与排名。</li></ul></section>`;
}

export const RATE_DEFINITIONS: Record<(typeof RATE_KEYS)[number], string> = {
  countyReformed: '附件1 第1行之和 ÷ 已报送的县级单位数',
  countyPartyGroup: '附件1 第5行之和 ÷ 已报送的县级单位数',
  supervisory: '附件1 第6、7行之和 ÷ 已报送的市、县级单位数',
  election: '附件2 第2、3行（完成换届）÷ 附件1 第2、3行（应换届）；无应换届单位时为“—”',
  volunteerTeams: '附件1 第13行不少于 3 支的县级单位数 ÷ 已报送的县级单位数',
};

function growthSection(m: ReportModel): string {
  const charts = GROWTH_KEYS.map((k) =>
    figure('growth', `${indicatorShort(k)}：比 ${m.baselineYear} 年增幅`, growthChart(m, k), `没有可比较的单位（无 ${m.baselineYear} 年数据或无人报送）`, k),
  );
  const head = GROWTH_KEYS.map((k) => `<th>${esc(indicatorShort(k))}（${esc(indicatorOf(k).unit)}）</th>`).join('');
  const cell = (u: UnitModel, k: (typeof GROWTH_KEYS)[number], ranked: boolean): string => {
    if (!u.growth) return '<td class="num none">—</td>';
    const g = u.growth[k];
    const rank = ranked && u.growthRanks[k] !== null ? `<small class="rank">第 ${u.growthRanks[k]} 名</small>` : '';
    return `<td class="num">${esc(formatSigned(g.increase))}<small class="n">${esc(formatSignedPercent(g.percent))}</small>${rank}</td>`;
  };
  const rows = m.units.map((u) => `<tr data-unit="${esc(u.code)}"><td>${esc(u.name)}${mark(u)}</td>${GROWTH_KEYS.map((k) => cell(u, k, true)).join('')}</tr>`);
  rows.push(`<tr class="total"><td>${esc(areaWord(m))}</td>${GROWTH_KEYS.map((k) => cell(m.province, k, false)).join('')}</tr>`);
  return `<section id="growth"><h2>${SECTION_TITLES.growth}</h2>
<table><thead><tr><th>单位</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<div class="grid-charts">${charts.join('\n')}</div></section>`;
}

function listsSection(m: ReportModel): string {
  const list = (id: string, title: string, entries: ReportModel['praise'], none: string): string =>
    `<h3>${title}</h3>` +
    `${entries.length === 0 ? `<p class="empty">${none}</p>` : `<ol class="list" id="${id}">${entries.map((e) => `<li data-unit="${esc(e.code)}">${esc(listLine(e, m))}</li>`).join('')}</ol>`}`;
  return `<section id="lists"><h2>${SECTION_TITLES.lists}</h2>
${list('praise', '（一）表扬', m.praise, '本期没有单位符合表扬规则。')}
${list('remind', '（二）提醒', m.remind, '本期没有单位需要提醒。')}
<p class="rule">规则（可用 --rules 文件调整）：表扬——报表报齐、各项有目标的比率均达到目标、没有减少项，且 7 项发展指标中至少 ${m.rules.praise.minGrowthAboveMedian} 项增幅高于各单位中位数；提醒——${[m.rules.remind.missingReturns ? '有单位未报送或需重报' : null, m.rules.remind.goalMissed ? '有比率低于目标' : null, m.rules.remind.decrease ? `有发展指标比 ${m.baselineYear} 年减少` : null].filter(Boolean).join('，或') || '（已全部关闭）'}。</p></section>`;
}

function lettersSection(m: ReportModel): string {
  const byCode = new Map(m.units.map((u) => [u.code, u]));
  const letters = m.remind.map((e) => {
    const l = letterText(e, byCode.get(e.code)!, m);
    return (
      `<article class="letter" data-unit="${esc(e.code)}"><h3>提示函（草稿）</h3><p style="text-indent:0">` +
      `${esc(l.to)}：</p>${l.body.map((b) => `<p>${esc(b)}</p>`).join('')}<p style="text-align:right">` +
      `${esc(m.rootName)}红十字会<br>${esc(m.date)}</p></article>`
    );
  });
  return `<section id="letters"><h2>${SECTION_TITLES.letters}</h2>${letters.length ? letters.join('\n') : '<p class="empty">没有需要发提示函的单位。</p>'}</section>`;
}

function trendSection(m: ReportModel): string {
  if (m.trend.length < 2) return '';
  const head = m.trend.map((y) => `<th>${y.year} 年</th>`).join('');
  const rows = INDICATORS.map(
    (ind) =>
      `<tr><td class="num">${ind.no}</td><td>${esc(ind.annex1)}</td><td>${esc(ind.unit)}</td>${m.trend.map((y) => num(y.annex1[ind.key])).join('')}</tr>`,
  );
  const basis =
    `<tr class="total"><td></td><td>已报送单位 / 应报单位</td><td></td>` +
    `${m.trend.map((y) => `<td class="num">${y.returned}/${y.expected}</td>`).join('')}</tr>`;
  const charts = GROWTH_KEYS.map((k) => figure('trend', `${indicatorOf(k).annex1}（${indicatorOf(k).unit}）`, trendChart(m.trend, k), '只有一个年度', k));
  return `<section id="trend"><h2>${SECTION_TITLES.trend}</h2>
<table><thead><tr><th>序号</th><th>工作事项（附件1，${esc(areaWord(m))}合计）</th><th>单位</th>${head}</tr></thead><tbody>${rows.join('\n')}${basis}</tbody></table>
<div class="grid2">${charts.join('\n')}</div></section>`;
}

function annexSection(m: ReportModel): string {
  const head = INDICATORS.map((i) => `<th title="${esc(i.annex1)}">${i.no}</th>`).join('');
  const rows = m.branches.map(
    (b) =>
      `<tr><td>${esc(b.code)}</td><td>${esc(b.name)}</td><td>${esc(levelWord(b.level))}</td><td>` +
      `${esc(STATUS_WORDS[b.status])}</td>` +
      `${INDICATORS.map((i) => (b.figures ? num(b.figures.annex1[i.key] ?? null) : '<td class="num">—</td>')).join('')}</tr>`,
  );
  const sources = m.sources.map(
    (s) =>
      `<tr><td>${esc(s.file)}</td><td>${s.code ? esc(`${s.code} ${s.name ?? ''}`) : '—'}</td><td><code>` +
      `${esc(s.sha256.slice(0, 12))}</code></td><td>${s.used ? '已采用' : '未采用'}</td></tr>`,
  );
  const legend = INDICATORS.map((i) => `${i.no} ${i.annex1}`).join('；');
  return `<section id="annex"><h2>${SECTION_TITLES.annex}</h2>
<h3>各单位本级数据（附件1）</h3><p class="rule">${esc(legend)}。${m.branchesLeftOut ? `本次共 ${m.branchesLeftOut} 个单位，此处只列${esc(m.rootName)}本级及直属单位；全部明细见汇总文件夹中的 summary-long.csv。` : ''}</p>
<table class="data"><thead><tr><th>代码</th><th>单位</th><th>级别</th><th>报送状态</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<h3>来源文件</h3>${
    sources.length
      ? `<table class="data sources"><thead><tr><th>文件</th><th>单位</th><th>SHA-256（前 12 位）</th><th>是否采用</th>` +
        `</tr></thead><tbody>${sources.join('\n')}</tbody></table>`
      : '<p class="empty">没有来源文件。</p>'
  }
</section>`;
}

/** The summary file as folder/summary.json: enough to find it, without the machine's whole path. */
const shortPath = (file: string): string => file.split(/[\\/]/).slice(-2).join('/');

function basisNote(m: ReportModel): string {
  const p = m.province;
  const parts = [
    `本通报的全部数字取自 <code>${esc(shortPath(m.summaryFile))}</code>${m.generator ? `（${esc(m.generator)} 生成）` : ''}`,
    `应报 ${p.expected} 个单位，已有可用报表 ${p.returned} 个`,
  ];
  if (!p.complete) parts.push(`${p.statuses.missing} 个未报送、${p.statuses.resubmit} 个需重报，凡标 ※ 的单位数字不完整`);
  const empty = p.returned === 0 ? `<p class="warn">本年度没有任何单位报送可用的报表：以下比率、增幅和图表均无从计算，仅列出报送情况。</p>` : '';
  return `<p class="basis">${parts.join('；')}。</p>${empty}`;
}

export function renderHtml(m: ReportModel): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rc-org report"><title>${esc(m.title)}</title><style>${CSS}</style></head>
<body>
<header class="masthead"><h1>${esc(m.title)}</h1><p class="date">${esc(m.date)} · 数据截至 ${m.year} 年 12 月 31 日 · 与 ${m.baselineYear} 年比较</p></header>
${officialHeadHtml(m) /* 公文 header: 发文字号, 主送 (official.ts, owned by report-doc) */}
${basisNote(m)}
${statusSection(m)}
${provinceSection(m)}
${goalsSection(m)}
${growthSection(m)}
${listsSection(m)}
${officialSignHtml(m) /* 公文 落款: issuing body and 成文日期 (official.ts, owned by report-doc) */}
${lettersSection(m)}
${trendSection(m)}
${annexSection(m)}
<footer>由 rc-org report 根据 merge 的汇总结果生成。比率定义、表扬与提醒规则见 README“rc-org report”一节。</footer>
</body></html>
`;
}
