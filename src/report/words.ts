import { indicatorOf } from '../catalogue.js';
import { RATE_LABELS, formatNumber, formatPercent, formatSignedPercent, type BulletinRules, type RuleHit } from '../core/rates.js';
import type { ListEntry, ReportModel, UnitModel } from './model.js';
import type { StatusKey } from './summary.js';

// The bulletin's words (Chinese: it is a 通报 of a Chinese provincial office), shared by the page and the document.

export const STATUS_WORDS: Record<StatusKey, string> = {
  passed: '已报送·通过',
  warnings: '已报送·有警告',
  resubmit: '已报送·需重报',
  'by-summary': '由汇总表代报',
  missing: '未报送',
};

export const STATUS_COLOURS: Record<StatusKey, string> = {
  passed: '#2e7d32',
  warnings: '#f9a825',
  resubmit: '#c62828',
  'by-summary': '#1565c0',
  missing: '#9e9e9e',
};

export const SECTION_TITLES = {
  status: '一、报送情况',
  province: '二、全省总体',
  goals: '三、对照工作目标',
  growth: '四、发展情况',
  lists: '五、表扬与提醒',
  letters: '六、提示函',
  trend: '七、历年对比',
  annex: '附：数据与来源',
} as const;

const growthLabel = (key: string): string =>
  indicatorOf(key as never)
    .annex1.replace(/^红十字会/, '')
    .replace(/数$/, '');
export const indicatorShort = growthLabel;
export const unitOfIndicator = (key: string): string => indicatorOf(key as never).unit;

/** The rule that put a name on a list, as a sentence with its figures. */
export function ruleText(hit: RuleHit, m: Pick<ReportModel, 'baselineYear'>, rules: BulletinRules): string {
  switch (hit.rule) {
    case 'goals-and-growth': {
      const goals = hit.goalsMet.length > 0 ? `${hit.goalsMet.map((k) => RATE_LABELS[k].zh).join('、')}均达到工作目标` : '无未达到的工作目标';
      return (
        `【规则：目标全部达到且增幅领先】${goals}；` +
        `${hit.of} 项发展指标中 ${hit.aboveMedian.length} 项增幅高于各单位中位数（${hit.aboveMedian.map(growthLabel).join('、')}），` +
        `要求至少 ${hit.needed} 项。`
      );
    }
    case 'goal-missed':
      return (
        `【规则：未达工作目标】${RATE_LABELS[hit.rate].zh} ${formatPercent(hit.value)}，` +
        `低于目标 ${formatPercent(hit.goal, 0)}（差 ${(hit.gap * 100).toFixed(1)} 个百分点；` +
        `${hit.gap <= rules.near + 1e-9 ? '接近目标' : '差距较大'}）。`
      );
    case 'decrease':
      return (
        `【规则：` +
        `比 ${m.baselineYear} 年减少】${indicatorOf(hit.indicator).annex1}` +
        `减少 ${formatNumber(-hit.increase)} ${unitOfIndicator(hit.indicator)}（${formatSignedPercent(hit.percent)}）。`
      );
    case 'missing-returns':
      return `【规则：报表未报齐】尚有 ${hit.outstanding} 个单位未报送或需重报${hit.returned === 0 ? '，全部未报' : ''}。`;
  }
}

/** The praise/remind line for one unit: the name, then every rule that put it there. */
export function listLine(e: ListEntry, m: ReportModel): string {
  return `${e.name}：${e.hits.map((h) => ruleText(h, m, m.rules)).join('')}`;
}

/** 全省 for a province-wide run, else the root's name (a run --under a city). */
export const areaWord = (m: Pick<ReportModel, 'province' | 'rootName'>): string => (m.province.level === 'province' ? '全省' : m.rootName);

/** The 全省 paragraph of the 通报, figures filled in. */
export function provinceParagraph(m: ReportModel): string {
  const p = m.province;
  const returned = p.statuses.passed + p.statuses.warnings + p.statuses['by-summary'];
  const lead = `截至 ${m.year} 年 12 月 31 日，${areaWord(m)} ${p.expected} 个单位已报送 ${returned} 个`;
  const rest = [
    p.statuses['by-summary'] > 0 ? `其中由汇总表代报 ${p.statuses['by-summary']} 个` : null,
    p.statuses.resubmit > 0 ? `需重报 ${p.statuses.resubmit} 个` : null,
    p.statuses.missing > 0 ? `未报送 ${p.statuses.missing} 个` : null,
  ].filter(Boolean);
  if (p.returned === 0) return `${lead}${rest.length ? '，' + rest.join('，') : ''}。本年度尚无可用的报表，以下各项数字均无从计算。`;
  const figures = (['grassrootsOrgs', 'adultMembers', 'volunteers', 'volunteerOrgs', 'serviceHours'] as const).map((k) => {
    const g = p.growth![k];
    const ind = indicatorOf(k);
    const change = g.increase >= 0 ? `增加 ${formatNumber(g.increase)} ${ind.unit}` : `减少 ${formatNumber(-g.increase)} ${ind.unit}`;
    const pct = g.percent === null ? '' : `，${g.increase >= 0 ? '增长' : '下降'} ${formatPercent(Math.abs(g.percent))}`;
    return `${ind.annex1.replace(/数$/, '').replace(/^红十字会/, '红十字会')} ${formatNumber(g.current)} ${ind.unit}，比 ${m.baselineYear} 年${change}${pct}`;
  });
  return `${lead}${rest.length ? '（' + rest.join('，') + '）' : ''}。${areaWord(m)}${figures.join('；')}。${p.complete ? '' : '以上数字仅含已报送单位，未报单位报齐后将另行更新。'}`;
}

/** The 提示函 for one lagging unit: what lags, against which goal, by how much, by when. */
export function letterText(e: ListEntry, unit: UnitModel, m: ReportModel): { to: string; body: string[] } {
  const lines: string[] = [];
  for (const h of e.hits) {
    if (h.rule === 'missing-returns') {
      const names = unit.outstanding.map((o) => `${o.name}（${o.status === 'missing' ? '未报送' : '需重报'}）`).join('、');
      lines.push(`你会所属单位中尚有 ${h.outstanding} 个未报送或需重报：${names}。请督促报送本级报表。`);
    } else if (h.rule === 'goal-missed') {
      const r = unit.rates[h.rate];
      const label = RATE_LABELS[h.rate];
      lines.push(
        `${label.zh}为 ${formatPercent(h.value)}（${formatNumber(r.num)}/${formatNumber(r.den)}），` +
          `工作方案${label.clause}要求“${label.goalZh}”（目标 ${formatPercent(h.goal, 0)}），` +
          `尚差 ${(h.gap * 100).toFixed(1)} 个百分点。`,
      );
    } else if (h.rule === 'decrease') {
      const ind = indicatorOf(h.indicator);
      lines.push(
        `${ind.annex1.replace(/数$/, '')}比 ${m.baselineYear} 年减少 ${formatNumber(-h.increase)} ${ind.unit}（${formatSignedPercent(h.percent)}），请分析原因。`,
      );
    }
  }
  return {
    to: /红十字会$/.test(e.name) || unit.level === 'special' ? e.name : `${e.name}红十字会`,
    body: [
      `根据 ${m.year} 年度组织体系建设统计汇总，你会有以下工作与工作方案的要求尚有差距：`,
      ...lines,
      `请对照工作方案认真研究，采取措施加以推进，并于${m.rules.deadline}将整改情况书面报送${m.rootName}红十字会。`,
    ],
  };
}
