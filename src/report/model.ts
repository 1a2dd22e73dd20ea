import { INDICATORS, INDICATOR_KEYS, type IndicatorKey } from '../catalogue.js';
import {
  GROWTH_KEYS,
  RATE_KEYS,
  applyRules,
  growth,
  rankings,
  unitRates,
  type BulletinRules,
  type Growth,
  type GrowthKey,
  type RateKey,
  type RuleHit,
  type UnitRate,
} from '../core/rates.js';
import type { OfficialHeader } from './official.js';
import { STATUS_KEYS, subtreeIndex, type LoadedSummary, type StatusKey, type Summary, type SummaryBranch } from './summary.js';

// The bulletin as data: every figure taken from summary.json (totals as the merge made them), the rates and
// rankings from the pure functions in core/rates.ts. The page, the PDF and the document are all drawn from this.

export type Totals = Record<IndicatorKey, number>;

export interface Outstanding {
  code: string;
  name: string;
  status: 'missing' | 'resubmit';
}

export interface UnitModel {
  code: string;
  name: string;
  level: string;
  expected: number;
  returned: number;
  statuses: Record<StatusKey, number>;
  complete: boolean;
  outstanding: Outstanding[];
  annex1: Totals;
  annex2: Totals;
  rates: Record<RateKey, UnitRate>;
  rateRanks: Record<RateKey, number | null>;
  /** Null for a unit with nothing returned: no growth to speak of. */
  growth: Record<GrowthKey, Growth> | null;
  growthRanks: Record<GrowthKey, number | null>;
}

export interface ListEntry {
  code: string;
  name: string;
  hits: RuleHit[];
}

export interface SourceRow {
  file: string;
  sha256: string;
  code: string | null;
  name: string | null;
  used: boolean;
}

export interface TrendYear {
  year: number;
  dir: string;
  returned: number;
  expected: number;
  annex1: Totals;
}

export interface ReportModel {
  title: string;
  /** The day the bulletin was drawn up, e.g. 2022 年 1 月 10 日. */
  date: string;
  year: number;
  baselineYear: number;
  scope: string;
  rootName: string;
  generator: string | null;
  summaryFile: string;
  province: UnitModel;
  /** The root's own branch (本级), for the status counts to add up. */
  rootOwn: { status: StatusKey; name: string };
  /** The units directly under the root (cities, special units, counties run by the province), tree order. */
  units: UnitModel[];
  rules: BulletinRules;
  praise: ListEntry[];
  remind: ListEntry[];
  sources: SourceRow[];
  unattributed: { file: string; sha256: string }[];
  /** The branches of the 附 data table, with their own figures: all of them, or the top two levels of a large run. */
  branches: SummaryBranch[];
  /** How many branches the run has, when the data table shows only the top two levels. */
  branchesLeftOut: number;
  /** Earlier years given together, oldest first, ending with this year; empty when only one year was given. */
  trend: TrendYear[];
  /** The 公文 header (title, 发文字号, 主送, 成文日期, 落款) as `report` set it; see official.ts. */
  official?: OfficialHeader;
}

const ownTotals = (f: Record<IndicatorKey, number | null> | undefined): Totals => Object.fromEntries(INDICATOR_KEYS.map((k) => [k, f?.[k] ?? 0])) as Totals;

function unitOf(s: Summary, subtree: (code: string) => SummaryBranch[], code: string): Omit<UnitModel, 'rateRanks' | 'growthRanks'> {
  const members = subtree(code);
  const self = members[0]!;
  const total = s.totals[code];
  // A unit with no branches under it (梅河口, 长白山) has no totals entry: its own figures are its total.
  const annex1 = total ? total.annex1 : ownTotals(self.figures?.annex1);
  const annex2 = total ? total.annex2 : ownTotals(self.figures?.annex2);
  const statuses = total ? total.statuses : (Object.fromEntries(STATUS_KEYS.map((k) => [k, self.status === k ? 1 : 0])) as Record<StatusKey, number>);
  const returned = members.filter((m) => m.figures !== null).length;
  return {
    code,
    name: total?.name ?? self.name,
    level: self.level,
    expected: members.length,
    returned,
    statuses,
    complete: statuses.missing === 0 && statuses.resubmit === 0,
    outstanding: members
      .filter((m) => m.status === 'missing' || m.status === 'resubmit')
      .map((m) => ({ code: m.code, name: m.name, status: m.status as Outstanding['status'] })),
    annex1,
    annex2,
    rates: unitRates({ annex1, annex2, branches: members.map((m) => ({ level: m.level, annex1: m.figures?.annex1 ?? null })) }),
    growth: returned === 0 ? null : (Object.fromEntries(GROWTH_KEYS.map((k) => [k, growth(annex1[k], annex2[k])])) as Record<GrowthKey, Growth>),
  };
}

/** Up to this many branches the page lists every one; a national run lists the units and points to the CSV. */
export const DATA_TABLE_LIMIT = 2000;

/** A Chinese date: 2022 年 1 月 10 日. */
export const chineseDate = (d: Date): string => `${d.getFullYear()} 年 ${d.getMonth() + 1} 月 ${d.getDate()} 日`;

export interface ModelOptions {
  title?: string;
  now?: Date;
  rules: BulletinRules;
}

/** Build the bulletin from one or more years' summaries (oldest first; the last is the bulletin's year). */
export function buildModel(years: readonly LoadedSummary[], opts: ModelOptions): ReportModel {
  const latest = years[years.length - 1]!;
  const s = latest.summary;
  const root = s.branches.find((b) => b.code === s.scope)!;
  const subtree = subtreeIndex(s.branches);
  const province = { ...unitOf(s, subtree, s.scope), rateRanks: nullRanks(RATE_KEYS), growthRanks: nullRanks(GROWTH_KEYS) };
  const bare = s.branches.filter((b) => b.parent === s.scope).map((b) => unitOf(s, subtree, b.code));
  const rateRankCols = Object.fromEntries(RATE_KEYS.map((k) => [k, rankings(bare, (u) => (u.returned > 0 ? u.rates[k].value : null))]));
  const growthRankCols = Object.fromEntries(GROWTH_KEYS.map((k) => [k, rankings(bare, (u) => u.growth?.[k].percent ?? null)]));
  const units: UnitModel[] = bare.map((u, i) => ({
    ...u,
    rateRanks: Object.fromEntries(RATE_KEYS.map((k) => [k, rateRankCols[k]![i] ?? null])) as Record<RateKey, number | null>,
    growthRanks: Object.fromEntries(GROWTH_KEYS.map((k) => [k, growthRankCols[k]![i] ?? null])) as Record<GrowthKey, number | null>,
  }));

  const verdicts = applyRules(
    units.map((u) => ({ code: u.code, rates: u.rates, growth: u.growth ?? emptyGrowth(), outstanding: u.outstanding.length, returned: u.returned })),
    opts.rules,
  );
  const nameOf = new Map(s.branches.map((b) => [b.code, b.name]));
  const praise = verdicts.filter((v) => v.praise.length > 0).map((v) => ({ code: v.code, name: nameOf.get(v.code)!, hits: v.praise }));
  const remind = verdicts.filter((v) => v.remind.length > 0).map((v) => ({ code: v.code, name: nameOf.get(v.code)!, hits: v.remind }));

  return {
    title: opts.title?.trim() || `${root.name}组织体系建设工作通报（${s.year} 年度）`,
    date: chineseDate(opts.now ?? new Date()),
    year: s.year,
    baselineYear: s.baselineYear,
    scope: s.scope,
    rootName: root.name,
    generator: s.generator ?? null,
    summaryFile: latest.file,
    province,
    rootOwn: { status: root.status, name: root.name },
    units,
    rules: opts.rules,
    praise,
    remind,
    sources: s.sources.map((src) => ({ ...src, name: src.code ? (nameOf.get(src.code) ?? null) : null })),
    unattributed: (s.unattributed ?? []).map((u) => ({ file: u.file, sha256: u.sha256 })),
    branches: s.branches.length <= DATA_TABLE_LIMIT ? s.branches : s.branches.filter((b) => b.code === s.scope || b.parent === s.scope),
    branchesLeftOut: s.branches.length <= DATA_TABLE_LIMIT ? 0 : s.branches.length,
    trend:
      years.length < 2
        ? []
        : years.map((y) => {
            const t = y.summary.totals[y.summary.scope]!;
            return { year: y.summary.year, dir: y.dir, returned: t.returned, expected: t.expected, annex1: t.annex1 };
          }),
  };
}

function nullRanks<K extends string>(keys: readonly K[]): Record<K, number | null> {
  return Object.fromEntries(keys.map((k) => [k, null])) as Record<K, number | null>;
}

function emptyGrowth(): Record<GrowthKey, Growth> {
  return Object.fromEntries(GROWTH_KEYS.map((k) => [k, growth(0, 0)])) as Record<GrowthKey, Growth>;
}

/** The 14 rows of 附件1 for the province section: this year, the baseline, the increase. */
export interface ProvinceRow {
  no: number;
  key: IndicatorKey;
  label: string;
  unit: string;
  current: number;
  /** Null for rows 2 and 3: 附件2 there counts completed elections, not a change against the baseline. */
  growth: Growth | null;
  completed: number | null;
}

export function provinceRows(m: ReportModel): ProvinceRow[] {
  const p = m.province;
  return INDICATORS.map((ind) => ({
    no: ind.no,
    key: ind.key,
    label: ind.annex1,
    unit: ind.unit,
    current: p.annex1[ind.key],
    growth: ind.derived && p.returned > 0 ? growth(p.annex1[ind.key], p.annex2[ind.key]) : null,
    completed: ind.derived ? null : p.annex2[ind.key],
  }));
}
