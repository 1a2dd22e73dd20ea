import { ANNEX_TITLES, levelWord, SURVEY, annexOfSheet, indicatorOf, isIndicatorKey, type Annex, type Level } from '../catalogue.js';
import {
  growthKeys,
  rateKeys,
  rateOf,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  isFact,
  type BulletinRules,
  type GrowthKey,
  type RateKey,
  type ReturnProblem,
  type RuleHit,
  type UnitRate,
} from '../core/rates.js';
import { STATUS_WORDS } from '../lang/status-words.js';
import { parse, type Node } from '../core/expr.js';
import type { Lang } from '../messages.js';
import type { ListEntry, Outstanding, ReportModel, UnitModel } from './model.js';
import type { StatusKey } from './summary.js';

// The bulletin's words, shared by the page, the PDF and the document. Chinese is the bulletin (a 通报 of a Chinese
// provincial office, the .docx is always Chinese); `--lang en` draws the page and the PDF in English. Each reason is
// a sentence of the bulletin, never a rule id; each letter speaks of the addressee's own work (docs/domain.md §9, §11).

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The status words (src/lang/status-words.ts), as the page's legends and column heads write them: capitalised. */
export const STATUS_WORDS_BY_LANG: Record<Lang, Record<StatusKey, string>> = {
  zh: STATUS_WORDS.zh,
  en: Object.fromEntries(Object.entries(STATUS_WORDS.en).map(([k, w]) => [k, capital(w)])) as Record<StatusKey, string>,
};

export const STATUS_COLOURS: Record<StatusKey, string> = {
  passed: '#2e7d32',
  warnings: '#f9a825',
  resubmit: '#c62828',
  'by-summary': '#1565c0',
  missing: '#9e9e9e',
};

/** The section headings; the second follows the root (二、全市总体情况). */
export function sectionTitles(m: Pick<ReportModel, 'scopeWords' | 'rootLevel' | 'rootName'>, lang: Lang = 'zh') {
  if (lang === 'en') {
    return {
      status: '1. Returns',
      province: `2. ${capital(scopeEn(m).whole)} as a whole`,
      goals: "3. Against the plan's goals",
      growth: '4. Growth',
      lists: '5. Praise and reminders',
      letters: '6. Reminder letters',
      trend: '7. Year by year',
      annex: 'Annex: data and sources',
    };
  }
  return {
    status: '一、报送情况',
    province: `二、${m.scopeWords.whole}总体情况`,
    goals: '三、对照工作目标',
    growth: '四、发展情况',
    lists: '五、表扬与提醒',
    letters: '六、提示函',
    trend: '七、历年对比',
    annex: '附：数据与来源',
  };
}
/** The Chinese headings of a province run (kept for callers that name one section). */
export const SECTION_TITLES = sectionTitles({ scopeWords: { whole: '全省', parts: '各市（州）', part: '市（州）' }, rootLevel: 'province', rootName: '' });

/** The scope words in English: the province / the city / the prefecture; cities / counties. */
export function scopeEn(m: Pick<ReportModel, 'scopeWords' | 'rootLevel' | 'rootName'>): { whole: string; parts: string; part: [string, string] } {
  const last = m.scopeWords.whole.slice(-1);
  const whole =
    (
      { 省: 'the province', 市: 'the city', 州: 'the prefecture', 县: 'the county', 区: 'the district', 盟: 'the league', 旗: 'the banner' } as Record<
        string,
        string
      >
    )[last] ?? m.rootName;
  if (m.scopeWords.parts === '各市（州）') return { whole, parts: 'the cities (prefectures)', part: ['city (prefecture)', 'cities (prefectures)'] };
  if (m.scopeWords.parts === '各县（市、区）')
    return { whole, parts: 'the counties (cities, districts)', part: ['county (city, district)', 'counties (cities, districts)'] };
  return { whole, parts: 'the units', part: ['unit', 'units'] };
}

/** 全省 / 全市 / 全州 (the root's scope word), or its English. */
export const areaWord = (m: Pick<ReportModel, 'scopeWords' | 'rootLevel' | 'rootName'>, lang: Lang = 'zh'): string =>
  lang === 'en' ? capital(scopeEn(m).whole) : m.scopeWords.whole;

/** "1 volunteer service team", "2 volunteer service teams". */
export const plural = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

// ── indicators ──

const SHORT_ZH = (key: string): string =>
  indicatorOf(key)
    .annex1.replace(/^红十字会/, '')
    .replace(/数$/, '');
/** 基层组织 · 成人会员 …: a row of 附件1 without 红十字会 and 数. */
export const indicatorShort = SHORT_ZH;
export const unitOfIndicator = (key: string): string => indicatorOf(key).unit;

/** An indicator's English nouns and title: the survey's (its `nouns`), else its English description. */
const nounsOf = (key: GrowthKey): { one: string; many: string; title: string } => {
  const i = indicatorOf(key);
  return i.nouns ?? { one: i.en, many: i.en, title: capital(i.en) };
};

/** An indicator's short name in the page's language. */
export const indicatorName = (key: GrowthKey, lang: Lang): string => (lang === 'en' ? nounsOf(key).title : SHORT_ZH(key));

/** "803 个" / "803 grassroots organisations". */
export function quantity(key: GrowthKey, n: number, lang: Lang): string {
  if (lang === 'en') return plural(n, nounsOf(key).one, nounsOf(key).many);
  return `${formatNumber(n)} ${unitOfIndicator(key)}`;
}

// ── rates ──

/** Volunteer service teams per county in the Jilin 2021 plan, as its own sentences about that rate say it. */
const TEAMS = 3;

type RateLabel = { zh: string; goalZh: string; clause: string };
/** A rate's name and goal in the plan's own words (工作方案), with its clause: the survey's. */
export const rateLabels = (): Record<RateKey, RateLabel> =>
  Object.fromEntries(rateKeys().map((k) => [k, { zh: rateOf(k).zh, goalZh: rateOf(k).goalZh, clause: rateOf(k).clause }]));

const levelWords = (levels: readonly Level[], lang: Lang): string =>
  levels.map((l) => levelWord(l, lang)).join(lang === 'en' ? ' and ' : '、');

/** A reference to a row as the page names it: its sheet (附件1; "annex 1" in English) and its number. */
function rowRef(node: Node): { annex: Annex; no: number; unit: string } | null {
  if (node.t !== 'ref' || node.key === null || !isIndicatorKey(node.key)) return null;
  const annex = annexOfSheet(node.sheet);
  return annex === null ? null : { annex, no: indicatorOf(node.key).no, unit: indicatorOf(node.key).unit };
}
const sheetWords = (annex: Annex, lang: Lang): string => (lang === 'en' ? `annex ${annex === 'annex1' ? 1 : 2}` : `${ANNEX_TITLES[annex].label} `);
const levelArgs = (args: readonly Node[]): string[] | null => (args.every((a) => a.t === 'name') ? args.map((a) => (a as { name: string }).name) : null);

/**
 * One side of a rate in words, read from the expression that computes it: a sum of rows ("附件1 第6、7行之和"), the
 * branches of some levels that reported ("已报送的县级单位数"), or those whose own row reaches a figure. Anything
 * else is said as the expression itself.
 */
function countWords(text: string, lang: Lang): { words: string; counts: boolean } {
  let node: Node;
  try {
    node = parse(text);
  } catch {
    return { words: text, counts: false };
  }
  const terms = node.t === 'arith' && node.rest.every(([op]) => op === '+') ? [node.first, ...node.rest.map(([, n]) => n)] : [node];
  const rows = terms.map(rowRef);
  if (rows.every((r) => r !== null) && rows.every((r) => r.annex === rows[0]!.annex)) {
    const nos = rows.map((r) => r.no);
    const words =
      lang === 'en'
        ? `${sheetWords(rows[0]!.annex, lang)} ${nos.length === 1 ? 'row' : 'rows'} ${nos.join(' and ')} summed`
        : `${sheetWords(rows[0]!.annex, lang)}第${nos.join('、')}行之和`;
    return { words, counts: false };
  }
  if (node.t === 'call' && node.fn === 'count' && levelArgs(node.args)) {
    const levels = levelWords(levelArgs(node.args)!, lang);
    return { words: lang === 'en' ? `${levels} branches that reported` : `已报送的${levels}单位数`, counts: true };
  }
  if (node.t === 'call' && node.fn === 'countIf' && levelArgs(node.args.slice(1))) {
    const cond = node.args[0]!;
    const inner = cond.t === 'cmp' && cond.op === '>=' && cond.r.t === 'num' ? (cond.l.t === 'call' && cond.l.fn === 'ifnull' ? cond.l.args[0]! : cond.l) : null;
    const row = inner ? rowRef(inner) : null;
    if (row && cond.t === 'cmp' && cond.r.t === 'num') {
      const levels = levelWords(levelArgs(node.args.slice(1))!, lang);
      const min = formatNumber(cond.r.v);
      const words =
        lang === 'en'
          ? `${levels} branches that reported with at least ${min} in their own ${sheetWords(row.annex, lang)} row ${row.no}`
          : `已报送的${levels}单位中本级${sheetWords(row.annex, lang)}第${row.no}行不少于 ${min} ${row.unit}的单位数`;
      return { words, counts: true };
    }
  }
  return { words: text, counts: false };
}

/** How a rate is computed, in words read from the same expressions that compute it (the survey's rates). */
export function rateDefinition(k: RateKey, lang: Lang): string {
  const num = countWords(rateOf(k).numerator, lang);
  const den = countWords(rateOf(k).denominator, lang);
  const zero = den.counts ? '' : lang === 'en' ? '; "—" when the divisor is 0' : '；除数为 0 时为“—”';
  return `${num.words} ÷ ${den.words}${zero}`;
}

/** The rate's title in the page's language (县级理顺管理体制率 / Counties with the management system in order). */
export const rateTitle = (k: RateKey, lang: Lang): string => (lang === 'en' ? rateOf(k).titleEn : rateOf(k).zh);

/** What a rate counts, as the bulletin says it ("理顺管理体制的县 5 个，占 62.5%"). */
function countSentenceZh(k: RateKey, r: UnitRate): string {
  const n = formatNumber(r.num);
  const pct = formatPercent(r.value);
  switch (k) {
    case 'countyReformed':
      return `理顺管理体制的县 ${n} 个，占 ${pct}`;
    case 'countyPartyGroup':
      return `设立党组的县 ${n} 个，占 ${pct}`;
    case 'supervisory':
      return `设立监事会的市、县 ${n} 个，占 ${pct}`;
    case 'election':
      return `完成换届 ${n} 个，占应换届 ${formatNumber(r.den)} 个的 ${pct}`;
    case 'volunteerTeams':
      return `志愿服务队达标的县 ${n} 个，占 ${pct}`;
    default:
      // A rate of another survey: its name, share and fraction.
      return `${rateOf(k).zh} ${pct}（${n}/${formatNumber(r.den)}）`;
  }
}
function countSentenceEn(k: RateKey, r: UnitRate): string {
  const pct = formatPercent(r.value);
  switch (k) {
    case 'countyReformed':
      return `${plural(r.num, 'county has', 'counties have')} the management system in order (${pct})`;
    case 'countyPartyGroup':
      return `${plural(r.num, 'county has', 'counties have')} set up a Party group (${pct})`;
    case 'supervisory':
      return `${plural(r.num, 'city or county has', 'cities and counties have')} set up a supervisory board (${pct})`;
    case 'election':
      return `${plural(r.num, 'election was', 'elections were')} completed of ${formatNumber(r.den)} due (${pct})`;
    case 'volunteerTeams':
      return `${plural(r.num, 'county has', 'counties have')} at least ${TEAMS} volunteer service teams (${pct})`;
    default:
      return `${rateOf(k).titleEn}: ${pct} (${formatNumber(r.num)} of ${formatNumber(r.den)})`;
  }
}

const GOAL_ALL_ZH: Record<RateKey, string> = {
  countyReformed: '全部理顺',
  countyPartyGroup: '全部设立',
  supervisory: '全部设立',
  election: '全部按期换届',
  volunteerTeams: '全部达标',
};
/** "全部达标的目标" / "80% 的目标". */
const goalZh = (k: RateKey, goal: number): string => (goal >= 1 - 1e-9 ? `${GOAL_ALL_ZH[k] ?? '全部达到'}的目标` : `${formatPercent(goal, 0)} 的目标`);
const goalEn = (goal: number): string => `the goal of ${formatPercent(goal, 0)}`;

/** A yes/no of one branch, said as a fact (尚未理顺管理体制 / 已设立监事会). */
const FACTS: Record<Lang, Record<RateKey, [yes: string, no: string, none: string]>> = {
  zh: {
    countyReformed: ['已理顺管理体制', '尚未理顺管理体制', '无县级单位'],
    countyPartyGroup: ['已设立党组', '尚未设立党组', '无县级单位'],
    supervisory: ['已设立监事会', '尚未设立监事会', '无市、县级单位'],
    election: ['已按期完成换届', '应换届尚未完成', '本年度无应换届'],
    volunteerTeams: [`志愿服务队达到 ${TEAMS} 支`, `志愿服务队不足 ${TEAMS} 支`, '无县级单位'],
  },
  en: {
    countyReformed: ['management system in order', 'management system not yet in order', 'no county branch'],
    countyPartyGroup: ['Party group set up', 'no Party group yet', 'no county branch'],
    supervisory: ['supervisory board set up', 'no supervisory board yet', 'no city or county branch'],
    election: ['election completed as due', 'election due and not yet completed', 'no election due this year'],
    volunteerTeams: [`at least ${TEAMS} volunteer service teams`, `fewer than ${TEAMS} volunteer service teams`, 'no county branch'],
  },
};

/** The unit's own return is the only one its rates rest on: a fact about the unit itself. */
const aboutItself = (u: UnitModel): boolean => u.returned === 1 && u.own === null;
const aboutItselfOf = aboutItself;

/** A one-branch rate as a fact: "尚未理顺管理体制", or "已报送的 1 个县尚未理顺管理体制" for a unit with one county reported. */
export function factText(u: UnitModel, k: RateKey, lang: Lang): string {
  const r = u.rates[k]!;
  const [yes, no, none] = FACTS[lang][k] ?? (lang === 'en' ? ['met', 'not met', 'nothing to measure'] : ['已达到', '未达到', '无可计算']);
  const said = r.value === null ? none : r.value >= 1 - 1e-9 ? yes : no;
  const teams = k === 'volunteerTeams' && aboutItself(u) && u.annex1 ? (u.annex1.volunteerOrgs ?? null) : null;
  const withTeams = teams === null ? said : lang === 'en' ? `${said} (${plural(teams, 'team', 'teams')})` : `${said}（现有 ${formatNumber(teams)} 支）`;
  if (aboutItself(u)) return withTeams;
  const county = k !== 'supervisory' && k !== 'election';
  if (lang === 'en')
    return `of ${plural(r.expected, county ? 'county' : 'city or county branch', county ? 'counties' : 'city and county branches')}, the one that reported: ${said}`;
  return `${r.expected} 个${county ? '县（市、区）' : '市、县级单位'}中已报送的 1 个${said}`;
}

/** "此比率仅据 11 个县（市、区）中已报送的 8 个计算。" when a rate rests on part of the branches it is about. */
export function partialSentence(r: UnitRate, k: RateKey, lang: Lang): string {
  // A fact names its own basis (factText); a rate says it in a sentence of its own.
  if (r.basis >= r.expected || r.value === null || isFact(r)) return '';
  const county = k !== 'supervisory' && k !== 'election';
  if (lang === 'en') {
    const noun = county ? ['county', 'counties'] : ['city or county branch', 'city and county branches'];
    return ` This rests only on the ${formatNumber(r.basis)} of ${plural(r.expected, noun[0]!, noun[1]!)} that sent a usable return.`;
  }
  return `此比率仅据 ${r.expected} 个${county ? '县（市、区）' : '市、县级单位'}中已报送的 ${r.basis} 个计算。`;
}

/** A rate as the bulletin says it, against its goal: a sentence (or a fact for one branch). */
export function rateSentence(u: UnitModel, k: RateKey, rules: BulletinRules, lang: Lang): string {
  const r = u.rates[k]!;
  if (isFact(r)) return factText(u, k, lang);
  const goal = rules.goals[k] ?? null;
  const head = lang === 'en' ? countSentenceEn(k, r) : countSentenceZh(k, r);
  if (goal === null || r.value === null) return head;
  const met = r.value >= goal - 1e-9;
  if (lang === 'en') return `${head}, ${met ? 'meeting' : 'below'} ${goalEn(goal)}`;
  return `${head}，${met ? '达到' : '低于'}${goalZh(k, goal)}`;
}

// ── the return problems, in the words of what the branch must do ──

const PROBLEM_SHORT: Record<Lang, Record<ReturnProblem, (o: Pick<Outstanding, 'count'>) => string>> = {
  zh: {
    missing: () => '未报送',
    unreadable: () => '文件无法打开',
    correct: (o) => `报表有 ${o.count} 处需修改`,
    versions: (o) => `报送了 ${o.count} 份不同的报表`,
    form: () => '未使用下发的统计表',
  },
  en: {
    missing: () => 'nothing received',
    unreadable: () => 'file cannot be opened',
    correct: (o) => `${plural(o.count, 'cell', 'cells')} to correct`,
    versions: (o) => `${formatNumber(o.count)} different versions sent`,
    form: () => 'not the issued form',
  },
};

/** The plan's clause in English figures: 一（二）1 → 1(2)1. */
const clauseEn = (clause: string): string =>
  clause
    .replace(/[一二三四五六七八九]/g, (c) => String('一二三四五六七八九'.indexOf(c) + 1))
    .replace(/（/g, '(')
    .replace(/）/g, ')');

/** "By when" in the letters: the rules' own words, or the default's English. */
const deadlineOf = (rules: BulletinRules, lang: Lang): string =>
  lang === 'en' ? (deadlineEn(rules.deadline) ?? rules.deadline) : rules.deadline;

/** "收到本函后 15 个工作日内" in English; null for a deadline worded otherwise (said as written). */
function deadlineEn(deadline: string): string | null {
  const days = /^收到本函后\s*(\d+)\s*个工作日内$/.exec(deadline.trim());
  return days ? `within ${days[1]} working days of receiving this letter` : null;
}

const GOAL_EN: Record<RateKey, string> = {
  countyReformed: 'every county branch with its management system in order',
  countyPartyGroup: 'a Party group in every county branch able to set one up',
  supervisory: 'a supervisory board in every city and county branch',
  election: 'every election held when due',
  volunteerTeams: `at least ${TEAMS} volunteer service teams in every county branch`,
};

/** What the plan asks for, in English: the Jilin plan's words, or the goal and the rate's title. */
const goalAskedEn = (k: RateKey, goal: number): string => GOAL_EN[k] ?? `${formatPercent(goal, 0)} (${rateOf(k).titleEn.toLowerCase()})`;

/** 截至目前，未报送 … "请于收到本函后 15 个工作日内报送" / "请于 1 月 20 日前报送". */
const byWhen = (deadline: string): string => (/内$|前$/.test(deadline) ? deadline : `${deadline}前`);

/** The unit's own return, as the list says it. */
function ownReasonZh(problem: ReturnProblem, count: number): string {
  switch (problem) {
    case 'missing':
      return '本级报表未报送';
    case 'unreadable':
      return '报送的文件无法打开，需重新发送';
    case 'correct':
      return `报表有 ${count} 处需修改，已退回更正`;
    case 'versions':
      return `报送了 ${count} 份内容不同的报表，需确认后重新报送`;
    case 'form':
      return '报送的文件不是下发的统计表，需重新填报';
  }
}
function ownReasonEn(problem: ReturnProblem, count: number): string {
  switch (problem) {
    case 'missing':
      return 'its own return has not been received';
    case 'unreadable':
      return 'the file it sent cannot be opened and must be sent again';
    case 'correct':
      return `its return has ${plural(count, 'cell', 'cells')} to correct and was sent back`;
    case 'versions':
      return `it sent ${formatNumber(count)} different versions of its return and must confirm one`;
    case 'form':
      return 'the file it sent is not the issued form and must be filled in again';
  }
}

const unitOf = (m: ReportModel, code: string): UnitModel | undefined => m.units.find((u) => u.code === code);

/** One reason a name is on a list, as a sentence of the bulletin with its figures. */
export function ruleText(hit: RuleHit, m: ReportModel, rules: BulletinRules, lang: Lang = 'zh', unit?: UnitModel): string {
  const en = lang === 'en';
  switch (hit.rule) {
    case 'goals-and-growth': {
      const goals =
        hit.goalsMet.length === 0
          ? ''
          : unit && hit.goalsMet.every((k) => isFact(unit.rates[k]!))
            ? hit.goalsMet.map((k) => factText(unit, k, lang)).join(en ? ', ' : '，')
            : en
              ? `${hit.goalsMet.map((k) => rateTitle(k, 'en').toLowerCase()).join(', ')}: every goal met`
              : `${hit.goalsMet.map((k) => rateLabels()[k]!.zh).join('、')}均达到工作目标`;
      const names = hit.aboveMedian.map((k) => indicatorName(k, lang)).join(en ? ', ' : '、');
      const growth = en
        ? `${hit.aboveMedian.length} of ${hit.of} growth figures above the median of ${scopeEn(m).parts} (${names.toLowerCase()})`
        : `${hit.of} 项发展指标中 ${hit.aboveMedian.length} 项增幅高于${m.scopeWords.parts}中位数（${names}）`;
      return goals ? `${goals}${en ? '; ' : '；'}${growth}` : growth;
    }
    case 'goal-missed': {
      if (unit) {
        const said = rateSentence(unit, hit.rate, rules, lang);
        const partial = partialSentence(unit.rates[hit.rate]!, hit.rate, lang)
          .trim()
          .replace(/[。.]$/, '');
        return partial ? `${said}${en ? '. ' : '。'}${partial}` : said;
      }
      return en
        ? `${rateTitle(hit.rate, 'en')} ${formatPercent(hit.value)}, below ${goalEn(hit.goal)}`
        : `${rateLabels()[hit.rate]!.zh} ${formatPercent(hit.value)}，低于${goalZh(hit.rate, hit.goal)}`;
    }
    case 'decrease':
      return en
        ? `${indicatorName(hit.indicator, 'en')} down by ${formatNumber(-hit.increase)} on ${m.baselineYear} (${formatSignedPercent(hit.percent)})`
        : `${SHORT_ZH(hit.indicator)}比 ${m.baselineYear} 年减少 ${quantity(hit.indicator, -hit.increase, 'zh')}（${formatSignedPercent(hit.percent)}）`;
    case 'decrease-explained':
      return en
        ? `${indicatorName(hit.indicator, 'en')} down by ${formatNumber(-hit.increase)} on ${m.baselineYear}, explained: ${hit.explanation}`
        : `${SHORT_ZH(hit.indicator)}比 ${m.baselineYear} 年减少 ${quantity(hit.indicator, -hit.increase, 'zh')}（已说明：${hit.explanation}）`;
    case 'own-return':
      return en ? ownReasonEn(hit.problem, hit.count) : ownReasonZh(hit.problem, hit.count);
    case 'below-returns': {
      const under = unit ? unit.expected - 1 : null;
      if (en)
        return `${plural(hit.outstanding, 'branch', 'branches')}${under !== null ? ` of the ${formatNumber(under)} under it` : ' under it'} not yet submitted or to resend`;
      return `所属${under !== null ? ` ${under} 个单位中` : '单位中'}尚有 ${hit.outstanding} 个未报送或需重报`;
    }
  }
}

/** The praise/remind line for one unit: the name, then every reason that put it there, as sentences. */
export function listLine(e: ListEntry, m: ReportModel, lang: Lang = 'zh'): string {
  const u = unitOf(m, e.code);
  const reasons = e.hits.map((h) => ruleText(h, m, m.rules, lang, u));
  return lang === 'en' ? `${e.name}: ${capital(reasons.join('; '))}.` : `${e.name}：${reasons.join('；')}。`;
}

/** The rows the opening paragraph names: the survey's bulletin.headline, or every growth row. */
const headlineKeys = (): readonly GrowthKey[] => SURVEY.survey.bulletin.headline ?? growthKeys();

/** The 全省/全市 paragraph of the 通报, figures filled in. */
export function provinceParagraph(m: ReportModel, lang: Lang = 'zh'): string {
  const p = m.province;
  const returned = p.statuses.passed + p.statuses.warnings + p.statuses['by-summary'];
  const keys = headlineKeys();
  if (lang === 'en') {
    const whole = scopeEn(m).whole;
    const lead = `By 31 December ${m.year}, ${returned} of the ${plural(p.expected, 'branch', 'branches')} of ${whole} had sent a usable return`;
    const rest = [
      p.statuses['by-summary'] > 0 ? `${formatNumber(p.statuses['by-summary'])} through a summary` : null,
      p.statuses.resubmit > 0 ? `${formatNumber(p.statuses.resubmit)} to resend` : null,
      p.statuses.missing > 0 ? `${formatNumber(p.statuses.missing)} not submitted` : null,
    ].filter(Boolean);
    if (!p.growth)
      return `${lead}${rest.length ? ` (${rest.join(', ')})` : ''}. No usable return has been received this year: none of the figures below can be worked out.`;
    const figures = keys.map((k) => {
      const g = p.growth![k]!;
      const change = g.increase >= 0 ? `up ${quantity(k, g.increase, 'en')}` : `down ${quantity(k, -g.increase, 'en')}`;
      const pct = g.percent === null ? '' : ` (${formatSignedPercent(g.percent)})`;
      return `${quantity(k, g.current, 'en')}, ${change} on ${m.baselineYear}${pct}`;
    });
    return `${lead}${rest.length ? ` (${rest.join(', ')})` : ''}. ${capital(whole)} has ${figures.join('; ')}.${p.complete ? '' : ' These figures cover only the branches that reported; they will be updated when the rest have.'}`;
  }
  const area = m.scopeWords.whole;
  const lead = `截至 ${m.year} 年 12 月 31 日，${area} ${p.expected} 个单位已报送 ${returned} 个`;
  const rest = [
    p.statuses['by-summary'] > 0 ? `其中由汇总表代报 ${p.statuses['by-summary']} 个` : null,
    p.statuses.resubmit > 0 ? `需重报 ${p.statuses.resubmit} 个` : null,
    p.statuses.missing > 0 ? `未报送 ${p.statuses.missing} 个` : null,
  ].filter(Boolean);
  if (!p.growth) return `${lead}${rest.length ? '，' + rest.join('，') : ''}。本年度尚未收到可用的报表，以下各项数字均无从计算。`;
  const figures = keys.map((k) => {
    const g = p.growth![k]!;
    const ind = indicatorOf(k);
    const change = g.increase >= 0 ? `增加 ${formatNumber(g.increase)} ${ind.unit}` : `减少 ${formatNumber(-g.increase)} ${ind.unit}`;
    const pct = g.percent === null ? '' : `，${g.increase >= 0 ? '增长' : '下降'} ${formatPercent(Math.abs(g.percent))}`;
    return `${ind.annex1.replace(/数$/, '')} ${formatNumber(g.current)} ${ind.unit}，比 ${m.baselineYear} 年${change}${pct}`;
  });
  return `${lead}${rest.length ? '（' + rest.join('，') + '）' : ''}。${area}${figures.join('；')}。${p.complete ? '' : '以上数字仅含已报送单位，未报单位报齐后将另行更新。'}`;
}

/** The root's rates against the goals, one sentence each, with a sentence of its own where returns are partial. */
export function goalsParagraph(m: ReportModel, lang: Lang = 'zh'): string {
  const p = m.province;
  if (p.returned === 0) return lang === 'en' ? 'No usable return has been received: no rate can be worked out.' : '尚未收到可用的报表，各项比率均无从计算。';
  const whole = lang === 'en' ? capital(scopeEn(m).whole) : m.scopeWords.whole;
  const said = rateKeys().filter((k) => p.rates[k]!.value !== null).map((k) => {
    const s = rateSentence(p, k, m.rules, lang);
    const partial = partialSentence(p.rates[k]!, k, lang);
    return lang === 'en' ? `${whole}: ${s}.${partial}` : `${whole}${s}。${partial}`;
  });
  if (said.length === 0) return lang === 'en' ? 'No rate can be worked out from the returns received.' : '已收到的报表尚不足以计算各项比率。';
  return said.join(lang === 'en' ? ' ' : '');
}

/** "长春市" → "长春市红十字会"; a name that already says it, or a special unit, as it is. */
export const orgName = (name: string, level?: string): string => (/红十字会$/.test(name) || level === 'special' ? name : `${name}红十字会`);

/** What a paragraph of a 提示函 says, as data: the rule hit it words, or the opening, or the closing it asks for. */
export type LetterTag = RuleHit | { rule: 'opening' } | { rule: 'closing'; after: 'goal-missed' | 'decrease' };

/** A 提示函: to whom, its paragraphs, and what each of them says (`says[i]` is `body[i]` as data). */
export interface Letter {
  to: string;
  body: string[];
  says: LetterTag[];
}

/** The 提示函 for one unit: what it must do about its own work, and by when. */
export function letterText(e: ListEntry, unit: UnitModel, m: ReportModel, lang: Lang = 'zh'): Letter {
  const en = lang === 'en';
  const deadline = deadlineOf(m.rules, lang);
  const lines: string[] = [];
  const tags: LetterTag[] = [];
  const said = (h: LetterTag): void => {
    while (tags.length < lines.length) tags.push(h);
  };
  let goalLag = false;
  let decrease = false;
  for (const h of e.hits) {
    if (h.rule === 'own-return') lines.push(ownLetterLine(h.problem, h.count, unit, m, lang));
    else if (h.rule === 'below-returns') {
      const names = unit.below.map((o) => (en ? `${o.name} (${PROBLEM_SHORT.en[o.problem](o)})` : `${o.name}（${PROBLEM_SHORT.zh[o.problem](o)}）`));
      lines.push(
        en
          ? `Of the branches under you, ${plural(h.outstanding, 'has', 'have')} not yet sent a usable return: ${names.join(', ')}. Please see that they do so ${deadline}.`
          : `你会所属单位中尚有 ${h.outstanding} 个未报送可用的报表：${names.join('、')}。请督促其于${byWhen(deadline)}报送。`,
      );
    } else if (h.rule === 'goal-missed') {
      goalLag = true;
      const r = unit.rates[h.rate]!;
      const label = rateLabels()[h.rate]!;
      const partial = partialSentence(r, h.rate, lang);
      if (isFact(r)) {
        const fact = factText(unit, h.rate, lang);
        lines.push(
          en
            ? `${aboutItselfOf(unit) ? 'Your branch' : 'Under your branch'}: ${fact}. The plan (section ${clauseEn(label.clause)}) asks for ${GOAL_EN[h.rate] ?? `${formatPercent(h.goal, 0)} (${rateOf(h.rate).titleEn.toLowerCase()})`}.`
            : `你会${aboutItselfOf(unit) ? '' : '所属 '}${fact}，工作方案${label.clause}要求“${label.goalZh}”。`,
        );
      } else {
        lines.push(
          en
            ? `${capital(countSentenceEn(h.rate, r))}; the plan (section ${clauseEn(label.clause)}) asks for ${goalAskedEn(h.rate, h.goal)} ` +
                `(goal ${formatPercent(h.goal, 0)}): ${(h.gap * 100).toFixed(1)} points short.${partial}`
            : `你会${countSentenceZh(h.rate, r)}，工作方案${label.clause}要求“${label.goalZh}”（目标 ${formatPercent(h.goal, 0)}），` +
                `尚差 ${(h.gap * 100).toFixed(1)} 个百分点。${partial}`,
        );
      }
    } else if (h.rule === 'decrease') {
      decrease = true;
      lines.push(
        en ? `${capital(ruleText(h, m, m.rules, 'en', unit))}: please look into the reasons.` : `${ruleText(h, m, m.rules, 'zh', unit)}，请分析原因。`,
      );
    }
    said(h);
  }
  // Explained decreases are acknowledged, not asked about again.
  for (const h of m.noted.find((n) => n.code === e.code)?.hits ?? []) {
    if (h.rule !== 'decrease-explained') continue;
    lines.push(
      en
        ? `${indicatorName(h.indicator, 'en')} went down by ${formatNumber(-h.increase)}; your explanation has been noted: ${h.explanation}.`
        : `${SHORT_ZH(h.indicator)}比 ${m.baselineYear} 年减少 ${quantity(h.indicator, -h.increase, 'zh')}，你会已在报表说明栏说明原因（${h.explanation}），已知悉。`,
    );
    said(h);
  }
  const root = orgName(m.rootName);
  const closing: string[] = [];
  if (goalLag)
    closing.push(
      en
        ? `Please study the plan, take steps to close the gap, and report in writing what has been done to ${root} ${deadline}.`
        : `请对照工作方案认真研究，采取措施加以推进，并于${deadline}将整改情况书面报送${root}。`,
    );
  else if (decrease) closing.push(en ? `Please send the reasons to ${root} ${deadline}.` : `请于${byWhen(deadline)}将原因报${root}。`);
  return {
    to: orgName(e.name, unit.level),
    body: [
      en
        ? `From the ${m.year} survey of organisation-system building, the following concern your branch:`
        : `根据 ${m.year} 年度组织体系建设统计汇总情况，现将你会有关情况提示如下：`,
      ...lines,
      ...closing,
    ],
    says: [{ rule: 'opening' }, ...tags, ...closing.map((): LetterTag => ({ rule: 'closing', after: goalLag ? 'goal-missed' : 'decrease' }))],
  };
}

function ownLetterLine(problem: ReturnProblem, count: number, unit: UnitModel, m: ReportModel, lang: Lang): string {
  const deadline = deadlineOf(m.rules, lang);
  const files = unit.own?.files ?? [];
  if (lang === 'en') {
    switch (problem) {
      case 'missing':
        return `Your ${m.year} return on organisation-system building has not been received. Please send it ${deadline}.`;
      case 'unreadable':
        return `The file you sent${files.length ? ` (${files.join(', ')})` : ''} cannot be opened. Please send it again.`;
      case 'correct':
        return `Your return has ${plural(count, 'cell', 'cells')} to correct. Please correct ${count === 1 ? 'it' : 'them'} on the correction form sent back to you and send the return again.`;
      case 'versions':
        return `You sent ${formatNumber(count)} different versions of your return${files.length ? ` (${files.join(', ')})` : ''}. Please confirm which one stands and send that one again.`;
      case 'form':
        return 'The file you sent is not the issued form. Please fill in the issued form and send it again.';
    }
  }
  switch (problem) {
    case 'missing':
      return `截至目前，尚未收到你会 ${m.year} 年度组织体系建设统计表，请于${byWhen(deadline)}报送。`;
    case 'unreadable':
      return `你会报送的${files.length ? `“${files.join('”“')}”` : '报表'}文件无法打开，请重新发送。`;
    case 'correct':
      return `你会报表有 ${count} 处需修改，请按退回的修改表更正后重新报送。`;
    case 'versions':
      return `你会报送了 ${count} 份内容不同的报表${files.length ? `（${files.join('、')}）` : ''}，请确认以哪一份为准后重新报送。`;
    case 'form':
      return '你会报送的文件不是下发的统计表，请用下发的统计表填报后重新报送。';
  }
}
