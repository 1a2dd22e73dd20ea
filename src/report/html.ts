import { ANNEX_TITLES, INDICATORS, levelWord, indicatorOf } from '../catalogue.js';
import {
  growthKeys,
  minRanked,
  rateKeys,
  attainment,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedPercent,
  isFact,
  type Attainment,
  type GrowthKey,
  type RateKey,
} from '../core/rates.js';
import type { Lang } from '../messages.js';
import { esc, user } from './escape.js';
import { officialHeadHtml, officialSignHtml } from './official.js';
import { growthChart, statusChart, trendChart, type Chart } from './charts.js';
import { provinceRows, type ReportModel, type UnitModel } from './model.js';
import { STATUS_KEYS } from './summary.js';
import {
  rateLabels,
  rateTitle,
  STATUS_COLOURS,
  STATUS_WORDS_BY_LANG,
  areaWord,
  factText,
  goalsParagraph,
  indicatorName,
  letterText,
  listLine,
  orgName,
  provinceParagraph,
  rateDefinition,
  scopeEn,
  sectionTitles,
} from './words.js';

// report.html: one self-contained page (inline CSS, inline SVG, no script, no fonts, no links out), readable on
// screen and printed on A4. Every text that comes from data goes through esc(); every word of the page is in PAGE
// below, in Chinese and in English (`--lang en`); the bulletin's sentences are in words.ts.

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
/* A name may be one unbroken 5,000-character word: it wraps in its cell rather than widening the page. */
td.name, td.names, bdi, li, p, h1, h2, h3, figcaption { overflow-wrap: anywhere; }
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
ol.noted li { color: #333; }
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
  h1, h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  table { break-inside: auto; } tr { break-inside: avoid; } thead { display: table-header-group; }
  .keep, article.letter, figure.chart, ul.legend, p.basis, ol.list li { break-inside: avoid; page-break-inside: avoid; }
  table + p.rule, table + ul.rule, table + p.warn { break-before: avoid; page-break-before: avoid; }
  /* a note stays with the last rows of its table: the note itself is not split, and not left alone on a page */
  p.rule, ul.rule { break-inside: avoid; orphans: 3; widows: 3; }
  p { orphans: 3; widows: 3; }
  td.met, td.near, td.far, th, tr.total td, p.basis { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart svg { width: 100%; }
}
`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2022-01-10 → 10 January 2022. */
const englishDate = (iso: string): string => {
  const [y, mo, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(mo ?? 1) - 1]} ${y}`;
};

// The form's words on the page: the survey's sheet names, and its rows entered as they stand (not derived).
const S1 = (): string => ANNEX_TITLES.annex1.label;
const S2 = (): string => ANNEX_TITLES.annex2.label;
const enteredRows = () => INDICATORS.filter((i) => !i.derived);
/**
 * What labels have in common at their end, from after the body they name (市级红十字会完成换届增加数,
 * 县级红十字会完成换届增加数 → 完成换届增加数), or them all.
 */
function commonEnding(labels: readonly string[]): string {
  let end = labels[0] ?? '';
  for (const l of labels) while (!l.endsWith(end)) end = end.slice(1);
  const after = end.replace(/^.*红十字会/, '');
  return after.length >= 2 ? after : end.length >= 2 ? end : labels.join('”“');
}

/** The page's own words (headings, column heads, notes) in both languages. */
const PAGE = {
  zh: {
    htmlLang: 'zh-CN',
    attainment: { met: '达到目标', near: '接近目标', far: '差距较大', none: '无目标或无数据' } as Record<Attainment, string>,
    incomplete: '报表未报齐',
    noReturn: '未收到报表',
    statusChart: '各单位报送状态（单位数）',
    noBranches: '没有应报单位',
    unit: '单位',
    expected: '应报',
    notSent: '尚未报送',
    toResend: '需重报',
    own: (root: string) => `${root}本级`,
    ownShort: '本级',
    byName: '（按文件名认定）',
    total: '合计',
    unattributed: (n: number, files: string) => `另有 ${n} 个文件无法对应到任何单位（无单位标识或代码不在名录中），未计入上表：${files}。`,
    no: '序号',
    get item() {
      return `工作事项（${S1()}）`;
    },
    measure: '单位',
    yearHead: (y: number) => `${y} 年`,
    increase: '增加数',
    growthPct: '增幅',
    completed: (n: string) => `完成 ${n}`,
    provinceNote: (base: number, year: number) => {
      const entered = enteredRows();
      const rows = entered.length === 0 ? '' : `第 ${entered.map((i) => i.no).join('、')} 行${S2()}为“${commonEnding(entered.map((i) => i.annex2))}”，不是与 ${base} 年之差。`;
      return `${base} 年数 = ${year} 年${S1()} − ${S2()} 增加数（仅含已报送单位，同口径比较）。${rows}`;
    },
    noData: '尚未收到可用的报表，各行均无数字。',
    goal: (g: string) => `目标 ${g}`,
    goalNone: '目标 —（仅报告）',
    rank: (n: number) => `第 ${n} 名`,
    units: (n: number) => `${n} 个单位`,
    reportedOf: (r: number, e: number) => `已报 ${r}/${e}`,
    level: (l: string) => levelWord(l, 'zh'),
    legendMet: '达到目标',
    legendNear: (pts: string) => `接近目标（差距不超过 ${pts} 个百分点）`,
    legendFar: '差距较大',
    legendPartial: '报表未报齐，比率仅依据已报送单位',
    legendDash: '“—”：没有可计算的单位（如无应换届单位）',
    legendFact: '只涉及一个单位的，直接写明是否达到，不计比率、不排名',
    definition: (k: RateKey) => `${rateLabels()[k]!.zh}：${rateDefinition(k, 'zh')}（工作方案${rateLabels()[k]!.clause}：${rateLabels()[k]!.goalZh}）`,
    rankNote: (parts: string) =>
      `排名只在${parts}中有数据的单位之间进行，且至少 ${minRanked()} 个单位有数据、比率有工作目标时才排；并列者名次相同，未报送的单位不参与排名。`,
    growthCaption: (name: string, base: number) => `${name}：比 ${base} 年增幅`,
    growthEmpty: (base: number) => `没有可比较的单位（无 ${base} 年数据或无人报送）`,
    indicatorHead: (name: string, unit: string) => `${name}（${unit}）`,
    praise: '（一）表扬',
    remind: '（二）提醒',
    noted: '（三）已说明的减少',
    noPraise: '本期没有单位符合表扬条件。',
    noRemind: '本期没有单位需要提醒。',
    criteria: (minGrowth: number, reasons: string[]) =>
      `表扬的条件：报表报齐、有工作目标的各项均已达到、没有未说明的减少，且 ${growthKeys().length} 项发展指标中至少 ${minGrowth} 项增幅高于中位数。提醒的条件：${reasons.join('，或')}。在报表说明栏说明了原因的减少，列为“已说明”，不再提醒。`,
    remindReasons: { missing: '本级或所属单位未报送、需重报', goal: '有工作目标未达到', decrease: (base: number) => `有发展指标比 ${base} 年减少且未说明原因` },
    remindNone: '（不作提醒）',
    letter: '提示函（草稿）',
    noLetters: '没有需要发提示函的单位。',
    trendItem: (area: string) => `工作事项（${S1()}，${area}合计）`,
    trendBasis: '已报送单位 / 应报单位',
    trendEmpty: '只有一个年度',
    get annexData() {
      return `各单位本级数据（${S1()}）`;
    },
    leftOut: (n: number, root: string) => `本次共 ${n} 个单位，此处只列${root}本级及直属单位；全部明细见汇总文件夹中的 summary-long.csv。`,
    code: '代码',
    levelHead: '级别',
    statusHead: '报送状态',
    sources: '来源文件',
    sourceHeads: ['文件（相对于报表所在文件夹）', '单位', 'SHA-256（前 12 位）', '是否采用'],
    used: (u: boolean) => (u ? '已采用' : '未采用'),
    noSources: '没有来源文件。',
    basis: (e: number, r: number) => `${e} 个应报单位中已有 ${r} 个报送了可用的报表`,
    basisPartial: (missing: number, resubmit: number) => `${missing} 个未报送、${resubmit} 个需重报，凡标 ※ 的单位数字不完整`,
    basisNone: '本年度尚未收到任何可用的报表：以下比率、增幅和图表均无从计算，仅列出报送情况。',
    dateLine: (m: ReportModel) => `${m.date} · 数据截至 ${m.year} 年 12 月 31 日 · 与 ${m.baselineYear} 年比较`,
    sep: '、',
    sentenceEnd: '。',
  },
  en: {
    htmlLang: 'en',
    attainment: { met: 'goal met', near: 'near the goal', far: 'well below the goal', none: 'no goal or no data' } as Record<Attainment, string>,
    incomplete: 'returns incomplete',
    noReturn: 'no return received',
    statusChart: 'Returns by unit (branches)',
    noBranches: 'No branch expected',
    unit: 'Unit',
    expected: 'Expected',
    notSent: 'Not submitted',
    toResend: 'To resend',
    own: (root: string) => `${root} (own level)`,
    ownShort: 'own level',
    byName: ' (identified by its file name)',
    total: 'Total',
    unattributed: (n: number, files: string) =>
      `${n === 1 ? '1 more file' : `${n} more files`} could not be tied to any branch (no identity, or a code not in the registry) and ${n === 1 ? 'is' : 'are'} not counted above: ${files}.`,
    no: 'No.',
    item: 'Item (annex 1)',
    measure: 'Unit',
    yearHead: (y: number) => `${y}`,
    increase: 'Increase',
    growthPct: 'Growth',
    completed: (n: string) => `${n} completed`,
    provinceNote: (base: number, year: number) => {
      const nos = enteredRows().map((i) => i.no);
      const rows = nos.length === 0 ? '' : ` ${nos.length === 1 ? 'Row' : 'Rows'} ${nos.join(' and ')} of annex 2 are figures entered as such, not a change on ${base}.`;
      return `${base} = ${year} annex 1 − annex 2 increase (branches that reported only, like for like).${rows}`;
    },
    noData: 'No usable return has been received: no row has a figure.',
    goal: (g: string) => `goal ${g}`,
    goalNone: 'no goal (reported only)',
    rank: (n: number) => `rank ${n}`,
    units: (n: number) => (n === 1 ? '1 branch' : `${n} branches`),
    reportedOf: (r: number, e: number) => `${r} of ${e} reported`,
    level: (l: string) => levelWord(l, 'en'),
    legendMet: 'goal met',
    legendNear: (pts: string) => `near the goal (within ${pts} points)`,
    legendFar: 'well below the goal',
    legendPartial: 'returns incomplete: the rate rests only on the branches that reported',
    legendDash: '"—": nothing to work out (e.g. no election due)',
    legendFact: 'where only one branch is concerned, the page says whether it is done: no rate, no rank',
    definition: (k: RateKey) => `${rateTitle(k, 'en')}: ${rateDefinition(k, 'en')}`,
    rankNote: (parts: string) =>
      `Ranks compare only units of ${parts} with data, only when at least ${minRanked()} have data and the rate has a goal; ` +
      'ties share a rank, and a unit that has not reported is not ranked.',
    growthCaption: (name: string, base: number) => `${name}: growth on ${base}`,
    growthEmpty: (base: number) => `No unit to compare (no ${base} figures or no returns)`,
    indicatorHead: (name: string) => name,
    praise: '5.1 Praise',
    remind: '5.2 Reminders',
    noted: '5.3 Decreases explained',
    noPraise: 'No unit meets the conditions for praise this time.',
    noRemind: 'No unit needs a reminder this time.',
    criteria: (minGrowth: number, reasons: string[]) =>
      `Praise: every return in, every goal met, no unexplained decrease, and at least ${minGrowth} of the ${growthKeys().length} growth figures above the median. Reminder: ${reasons.join('; or ')}. A decrease explained in the return's notes column is listed as explained, not reminded of.`,
    remindReasons: {
      missing: 'its own return or one under it not submitted or to resend',
      goal: 'a goal not met',
      decrease: (base: number) => `a growth figure below ${base} without an explanation`,
    },
    remindNone: '(no reminders)',
    letter: 'Reminder letter (draft)',
    noLetters: 'No unit needs a reminder letter.',
    trendItem: (area: string) => `Item (annex 1, ${area} total)`,
    trendBasis: 'Branches reported / expected',
    trendEmpty: 'Only one year',
    annexData: 'Own-level figures of each branch (annex 1)',
    leftOut: (n: number, root: string) =>
      `This run has ${n} branches; only ${root} and the units directly under it are listed here. ` +
      'Every branch is in summary-long.csv in the summary folder.',
    code: 'Code',
    levelHead: 'Level',
    statusHead: 'Status',
    sources: 'Source files',
    sourceHeads: ['File (relative to the returns folder)', 'Branch', 'SHA-256 (first 12)', 'Used'],
    used: (u: boolean) => (u ? 'used' : 'not used'),
    noSources: 'No source files.',
    basis: (e: number, r: number) => `${r} of the ${e === 1 ? '1 branch' : `${e} branches`} expected have sent a usable return`,
    basisPartial: (missing: number, resubmit: number) => `${missing} not submitted, ${resubmit} to resend; the figures of every unit marked ※ are incomplete`,
    basisNone: 'No usable return has been received this year: no rate, growth or chart can be worked out; only the returns are listed.',
    dateLine: (m: ReportModel) => `${englishDate(m.dateIso)} · figures as of 31 December ${m.year} · compared with ${m.baselineYear}`,
    sep: ', ',
    sentenceEnd: '.',
  },
};
type Page = (typeof PAGE)['zh'] | (typeof PAGE)['en'];

const num = (v: number | null): string => `<td class="num">${esc(formatNumber(v))}</td>`;
const mark = (u: UnitModel, w: Page): string => (u.complete ? '' : ` <span class="incomplete-mark" title="${esc(w.incomplete)}">※</span>`);
/** A figure of a unit with nothing received: "—", saying why. */
const noReturnCell = (w: Page, span = 1): string =>
  `<td class="num none" data-no-return${span > 1 ? ` colspan="${span}"` : ''}>—<small class="n">${esc(w.noReturn)}</small></td>`;

function figure(kind: string, caption: string, chart: Chart | null, emptyText: string, key?: string): string {
  if (!chart) return `<p class="empty" data-chart-empty="${esc(kind)}">${esc(caption)}：${esc(emptyText)}</p>`;
  return (
    `<figure class="chart" data-chart="${esc(kind)}"${key ? ` data-key="${esc(key)}"` : ''} data-bars="${chart.bars}" data-colours="${esc(chart.colours.join(' '))}">` +
    `<figcaption>${esc(caption)}</figcaption>${chart.svg}</figure>`
  );
}

interface Ctx {
  m: ReportModel;
  lang: Lang;
  w: Page;
  titles: ReturnType<typeof sectionTitles>;
  area: string;
}

function statusSection({ m, lang, w, titles }: Ctx): string {
  const words = STATUS_WORDS_BY_LANG[lang];
  const legend = `<ul class="legend">` + `${STATUS_KEYS.map((k) => `<li><i style="background:${STATUS_COLOURS[k]}"></i>${esc(words[k])}</li>`).join('')}</ul>`;
  // A unit's own branch is "本级" in its row, never listed among the units under it.
  const names = (u: UnitModel, status: 'missing' | 'resubmit'): string => {
    const list = u.outstanding.filter((o) => o.status === status).map((o) => (o.code === u.code ? w.ownShort : o.name) + (o.byName ? w.byName : ''));
    return list.length ? list.map(user).join(esc(w.sep)) : '—';
  };
  const rows = m.units.map(
    (u) =>
      `<tr data-unit="${esc(u.code)}"><td class="name">${user(u.name)}${mark(u, w)}</td>` +
      `${num(u.expected)}${STATUS_KEYS.map((k) => num(u.statuses[k])).join('')}<td class="names">` +
      `${names(u, 'missing')}</td><td class="names">${names(u, 'resubmit')}</td></tr>`,
  );
  const own = m.rootOwn;
  const ownRow =
    `<tr><td>${esc(w.own(m.rootName))}</td>` +
    `${num(1)}${STATUS_KEYS.map((k) => num(own.status === k ? 1 : 0)).join('')}<td class="names">` +
    `${own.status === 'missing' ? esc(w.ownShort) : '—'}</td><td class="names">` +
    `${own.status === 'resubmit' ? esc(w.ownShort) : '—'}</td></tr>`;
  const p = m.province;
  const totalRow = `<tr class="total"><td>${esc(w.total)}</td>${num(p.expected)}${STATUS_KEYS.map((k) => num(p.statuses[k])).join('')}<td></td><td></td></tr>`;
  const unattributed =
    m.unattributed.length === 0 ? '' : `<p class="warn">${esc(w.unattributed(m.unattributed.length, m.unattributed.map((u) => u.file).join(w.sep)))}</p>`;
  return `<section id="status"><h2>${esc(titles.status)}</h2>
${legend}${figure('status', w.statusChart, statusChart(m, lang), w.noBranches)}
<table><thead><tr><th>${esc(w.unit)}</th><th>${esc(w.expected)}</th>${STATUS_KEYS.map((k) => `<th>${esc(words[k])}</th>`).join('')}<th>${esc(w.notSent)}</th><th>${esc(w.toResend)}</th></tr></thead>
<tbody>${rows.join('\n')}${ownRow}${totalRow}</tbody></table>${unattributed}</section>`;
}

function provinceSection({ m, lang, w, titles }: Ctx): string {
  const none = m.province.annex1 === null;
  const rows = provinceRows(m).map((r) => {
    const label = lang === 'en' ? indicatorOf(r.key).en : r.label;
    const unit = lang === 'en' ? '' : r.unit;
    if (none) return `<tr><td class="num">${r.no}</td><td>${esc(label)}</td><td>${esc(unit)}</td>${noReturnCell(w, 4)}</tr>`;
    const g = r.growth;
    const change =
      r.completed !== null
        ? `<td class="num">—</td><td class="num">${esc(w.completed(formatNumber(r.completed)))}</td><td class="num">—</td>`
        : g
          ? `${num(g.base)}<td class="num">${esc(formatSigned(g.increase))}</td><td class="num">${esc(formatSignedPercent(g.percent))}</td>`
          : `<td class="num">—</td><td class="num">—</td><td class="num">—</td>`;
    return `<tr><td class="num">${r.no}</td><td>${esc(label)}</td><td>${esc(unit)}</td>${num(r.current)}${change}</tr>`;
  });
  const heads = [w.no, w.item, w.measure, w.yearHead(m.year), w.yearHead(m.baselineYear), w.increase, w.growthPct];
  return `<section id="province"><h2>${esc(titles.province)}</h2>
<p>${esc(provinceParagraph(m, lang))}</p>
<div class="with-note"><table><thead><tr>${heads.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<p class="rule">${esc(none ? w.noData : w.provinceNote(m.baselineYear, m.year))}</p></div></section>`;
}

function rateCell(u: UnitModel, k: RateKey, c: Ctx, withRank: boolean): string {
  const { m, w, lang } = c;
  const r = u.rates[k]!;
  const a = attainment(r.value, m.rules.goals[k] ?? null, m.rules.near);
  if (u.returned === 0) return noReturnCell(w).replace('<td class="num none"', `<td class="num none" data-rate="${k}"`);
  // One branch's yes/no is said, not shown as 0.0% (0/1) or ranked.
  if (isFact(r)) return `<td class="num ${a}" data-rate="${k}" data-fact title="${esc(w.attainment[a])}">${esc(factText(u, k, lang))}</td>`;
  const rank = withRank && u.rateRanks[k] !== null ? `<small class="rank">${esc(w.rank(u.rateRanks[k]!))}</small>` : '';
  const frac = r.value === null ? '' : ` ${esc(formatNumber(r.num))}/${esc(formatNumber(r.den))}`;
  return (
    `<td class="num ${a}" data-rate="${k}" title="${esc(w.attainment[a])}">` +
    `${esc(formatPercent(r.value))}<small class="n">${frac ? `${frac} · ` : ''}${esc(w.units(r.basis))}</small>` +
    `${rank}</td>`
  );
}

function goalsSection(c: Ctx): string {
  const { m, lang, w, titles, area } = c;
  const head = rateKeys().map(
    (k) =>
      `<th>${esc(rateTitle(k, lang))}<small class="n">` +
      `${(m.rules.goals[k] ?? null) === null ? esc(w.goalNone) : esc(w.goal(formatPercent(m.rules.goals[k] ?? null, 0)))}</small></th>`,
  ).join('');
  const rows = m.units.map(
    (u) =>
      `<tr data-unit="${esc(u.code)}"><td class="name">${user(u.name)}${mark(u, w)}<small class="n">` +
      `${esc(w.level(u.level))} · ${esc(w.reportedOf(u.returned, u.expected))}</small></td>` +
      `${rateKeys().map((k) => rateCell(u, k, c, true)).join('')}</tr>`,
  );
  const p = m.province;
  rows.push(
    `<tr class="total" data-unit="${esc(p.code)}"><td>${esc(area)}${mark(p, w)}<small class="n">` +
      `${esc(w.reportedOf(p.returned, p.expected))}</small></td>` +
      `${rateKeys().map((k) => rateCell(p, k, c, false)).join('')}</tr>`,
  );
  const legend =
    `<ul class="legend"><li><i style="background:#e3f2e5"></i>${esc(w.legendMet)}</li><li><i style="background:#fff3cd">` +
    `</i>${esc(w.legendNear((m.rules.near * 100).toFixed(0)))}</li><li><i style="background:#fbe0e0"></i>` +
    `${esc(w.legendFar)}</li><li><span class="incomplete-mark">※</span> ${esc(w.legendPartial)}</li><li>${esc(w.legendDash)}</li>` +
    `<li>${esc(w.legendFact)}</li></ul>`;
  const notes = rateKeys().map((k) => `<li>${esc(w.definition(k))}</li>`).join('');
  const parts = lang === 'en' ? scopeEn(m).parts : m.scopeWords.parts;
  return `<section id="goals"><h2>${esc(titles.goals)}</h2>
<p id="goals-text">${esc(goalsParagraph(m, lang))}</p>${legend}
<div class="with-note"><table class="rates"><thead><tr><th>${esc(w.unit)}</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<ul class="rule">${notes}<li>${esc(w.rankNote(parts))}</li></ul></div></section>`;
}

function growthSection(c: Ctx): string {
  const { m, lang, w, titles, area } = c;
  const charts = growthKeys().map((k) =>
    figure('growth', w.growthCaption(indicatorName(k, lang), m.baselineYear), growthChart(m, k), w.growthEmpty(m.baselineYear), k),
  );
  const head = growthKeys().map((k) => `<th>${esc(w.indicatorHead(indicatorName(k, lang), indicatorOf(k).unit))}</th>`).join('');
  const cell = (u: UnitModel, k: GrowthKey, ranked: boolean): string => {
    if (!u.growth) return noReturnCell(w);
    const g = u.growth[k]!;
    const rank = ranked && u.growthRanks[k] !== null ? `<small class="rank">${esc(w.rank(u.growthRanks[k]!))}</small>` : '';
    return `<td class="num">${esc(formatSigned(g.increase))}<small class="n">${esc(formatSignedPercent(g.percent))}</small>${rank}</td>`;
  };
  const rows = m.units.map(
    (u) => `<tr data-unit="${esc(u.code)}"><td class="name">${user(u.name)}${mark(u, w)}</td>${growthKeys().map((k) => cell(u, k, true)).join('')}</tr>`,
  );
  rows.push(`<tr class="total"><td>${esc(area)}</td>${growthKeys().map((k) => cell(m.province, k, false)).join('')}</tr>`);
  return `<section id="growth"><h2>${esc(titles.growth)}</h2>
<table><thead><tr><th>${esc(w.unit)}</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<div class="grid-charts">${charts.join('\n')}</div></section>`;
}

// Each list line and letter paragraph carries what it says as data (data-hits, data-says: the rule hits as JSON), so
// what the page asks of whom can be read without reading its sentences.
function listsSection({ m, lang, w, titles }: Ctx): string {
  const list = (id: string, title: string, entries: ReportModel['praise'], none: string | null): string =>
    entries.length === 0 && none === null
      ? ''
      : `<div class="list-block"><h3>${esc(title)}</h3>` +
        `${entries.length === 0 ? `<p class="empty">${esc(none)}</p>` : `<ol class="list" id="${id}">${entries.map((e) => `<li data-unit="${esc(e.code)}" data-hits="${esc(JSON.stringify(e.hits))}">${esc(listLine(e, m, lang))}</li>`).join('')}</ol>`}</div>`;
  const reasons = [
    m.rules.remind.missingReturns ? w.remindReasons.missing : null,
    m.rules.remind.goalMissed ? w.remindReasons.goal : null,
    m.rules.remind.decrease ? w.remindReasons.decrease(m.baselineYear) : null,
  ].filter((r): r is string => r !== null);
  return `<section id="lists"><h2>${esc(titles.lists)}</h2>
${list('praise', w.praise, m.praise, w.noPraise)}
${list('remind', w.remind, m.remind, w.noRemind)}
${list('noted', w.noted, m.noted, null)}
<p class="rule">${esc(w.criteria(m.rules.praise.minGrowthAboveMedian, reasons.length ? reasons : [w.remindNone]))}</p></section>`;
}

function lettersSection({ m, lang, w, titles }: Ctx): string {
  const byCode = new Map(m.units.map((u) => [u.code, u]));
  // A letter is signed as the 公文 is: the issuing body, and the 成文日期 written without spaces (2022年1月10日).
  const signature =
    lang === 'en'
      ? `${esc(orgName(m.rootName))}<br>${esc(englishDate(m.dateIso))}`
      : `${esc(m.official?.issuer ?? orgName(m.rootName))}<br>${esc(m.official?.date ?? m.date)}`;
  const letters = m.remind.map((e) => {
    const l = letterText(e, byCode.get(e.code)!, m, lang);
    return (
      `<article class="letter" data-unit="${esc(e.code)}"><h3>${esc(w.letter)}</h3><p style="text-indent:0">` +
      `${esc(l.to)}${lang === 'en' ? ':' : '：'}</p>${l.body.map((b, i) => `<p data-says="${esc(JSON.stringify(l.says[i]))}">${esc(b)}</p>`).join('')}<p style="text-align:right">` +
      `${signature}</p></article>`
    );
  });
  return `<section id="letters"><h2>${esc(titles.letters)}</h2>${letters.length ? letters.join('\n') : `<p class="empty">${esc(w.noLetters)}</p>`}</section>`;
}

function trendSection({ m, lang, w, titles, area }: Ctx): string {
  if (m.trend.length < 2) return '';
  const head = m.trend.map((y) => `<th>${esc(w.yearHead(y.year))}</th>`).join('');
  const rows = INDICATORS.map(
    (ind) =>
      `<tr><td class="num">${ind.no}</td><td>${esc(lang === 'en' ? ind.en : ind.annex1)}</td><td>${esc(lang === 'en' ? '' : ind.unit)}</td>${m.trend.map((y) => (y.annex1 ? num(y.annex1[ind.key] ?? null) : noReturnCell(w))).join('')}</tr>`,
  );
  const basis =
    `<tr class="total"><td></td><td>${esc(w.trendBasis)}</td><td></td>` +
    `${m.trend.map((y) => `<td class="num">${y.returned}/${y.expected}</td>`).join('')}</tr>`;
  const charts = growthKeys().map((k) =>
    figure('trend', lang === 'en' ? indicatorName(k, 'en') : `${indicatorOf(k).annex1}（${indicatorOf(k).unit}）`, trendChart(m.trend, k), w.trendEmpty, k),
  );
  return `<section id="trend"><h2>${esc(titles.trend)}</h2>
<table><thead><tr><th>${esc(w.no)}</th><th>${esc(w.trendItem(area))}</th><th>${esc(w.measure)}</th>${head}</tr></thead><tbody>${rows.join('\n')}${basis}</tbody></table>
<div class="grid2">${charts.join('\n')}</div></section>`;
}

function annexSection({ m, lang, w, titles }: Ctx): string {
  const words = STATUS_WORDS_BY_LANG[lang];
  const head = INDICATORS.map((i) => `<th title="${esc(lang === 'en' ? i.en : i.annex1)}">${i.no}</th>`).join('');
  const rows = m.branches.map(
    (b) =>
      `<tr><td class="name">${user(b.code)}</td><td class="name">${user(b.name)}</td><td>${esc(w.level(b.level))}</td><td>` +
      `${esc(words[b.status])}</td>` +
      `${b.figures ? INDICATORS.map((i) => num(b.figures!.annex1[i.key] ?? null)).join('') : noReturnCell(w, INDICATORS.length)}</tr>`,
  );
  const sources = m.sources.map(
    (s) =>
      `<tr><td class="name">${user(s.file)}</td><td class="name">${s.code ? `${user(`${s.code} ${s.name ?? ''}`)}${esc(s.byName ? w.byName : '')}` : '—'}</td><td><code>` +
      `${esc(s.sha256.slice(0, 12))}</code></td><td>${esc(w.used(s.used))}</td></tr>`,
  );
  const legend = INDICATORS.map((i) => `${i.no} ${lang === 'en' ? i.en : i.annex1}`).join(lang === 'en' ? '; ' : '；');
  return `<section id="annex"><h2>${esc(titles.annex)}</h2>
<h3>${esc(w.annexData)}</h3><p class="rule">${esc(legend)}${esc(w.sentenceEnd)}${m.branchesLeftOut ? esc(w.leftOut(m.branchesLeftOut, m.rootName)) : ''}</p>
<table class="data"><thead><tr><th>${esc(w.code)}</th><th>${esc(w.unit)}</th><th>${esc(w.levelHead)}</th><th>${esc(w.statusHead)}</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<h3>${esc(w.sources)}</h3>${
    sources.length
      ? `<table class="data sources"><thead><tr>${w.sourceHeads.map((h) => `<th>${esc(h)}</th>`).join('')}` +
        `</tr></thead><tbody>${sources.join('\n')}</tbody></table>`
      : `<p class="empty">${esc(w.noSources)}</p>`
  }
</section>`;
}

function basisNote({ m, w }: Ctx): string {
  const p = m.province;
  const parts = [w.basis(p.expected, p.returned)];
  if (!p.complete) parts.push(w.basisPartial(p.statuses.missing, p.statuses.resubmit));
  const empty = p.returned === 0 ? `<p class="warn">${esc(w.basisNone)}</p>` : '';
  return `<p class="basis">${esc(parts.join(w === PAGE.en ? '; ' : '；'))}${esc(w.sentenceEnd)}</p>${empty}`;
}

/** The page's title and date in its language (the PDF's running head uses them too). */
export function pageHead(m: ReportModel, lang: Lang = 'zh'): { title: string; date: string } {
  if (lang === 'en') return { title: `${orgName(m.rootName)}: bulletin on organisation-system building, ${m.year}`, date: englishDate(m.dateIso) };
  return { title: m.title, date: m.date };
}

/** The page's masthead: the title and the date line (the 公文 header, when drawn, takes its place). */
function masthead(m: ReportModel, lang: Lang, w: Page): string {
  return `<header class="masthead"><h1>${esc(pageHead(m, lang).title)}</h1><p class="date">${esc(w.dateLine(m))}</p></header>`;
}

// The generator tag stays in the head (never shown): merge and validate know their own report.html by it and skip it.
export function renderHtml(m: ReportModel, lang: Lang = 'zh'): string {
  const w = PAGE[lang];
  const c: Ctx = { m, lang, w, titles: sectionTitles(m, lang), area: areaWord(m, lang) };
  return `<!DOCTYPE html>
<html lang="${w.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rc-org report"><title>${esc(pageHead(m, lang).title)}</title><style>${CSS}</style></head>
<body>
${masthead(m, lang, w)}
${lang === 'zh' ? officialHeadHtml(m) /* 公文 header: 发文字号, 主送 (official.ts) */ : ''}
${basisNote(c)}
${statusSection(c)}
${provinceSection(c)}
${goalsSection(c)}
${growthSection(c)}
${listsSection(c)}
${lang === 'zh' ? officialSignHtml(m) /* 公文 落款: issuing body and 成文日期 (official.ts) */ : ''}
${lettersSection(c)}
${trendSection(c)}
${annexSection(c)}
</body></html>
`;
}
