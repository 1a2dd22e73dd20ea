import { INDICATORS, INDICATOR_KEYS, indicatorOf, type IndicatorKey } from '../catalogue.js';
import {
  growthKeys,
  rateKeys,
  applyRules,
  growth,
  isFact,
  rankings,
  unitRates,
  type BulletinRules,
  type Growth,
  type GrowthKey,
  type RateKey,
  type ReturnProblem,
  type RuleHit,
  type UnitRate,
} from '../core/rates.js';
import { bodyName, bulletinTitle, type OfficialHeader } from './official.js';
import { STATUS_KEYS, madeWithSurveyInForce, subtreeIndex, type LoadedSummary, type StatusKey, type Summary, type SummaryBranch } from './summary.js';

// The bulletin as data: every figure taken from summary.json (totals as the merge made them), the rates and
// rankings from the pure functions in core/rates.ts. The page, the PDF and the document are all drawn from this.

export type Totals = Record<IndicatorKey, number>;

/** A branch with no usable return: what is wrong, in the terms of what it must do (ReturnProblem). */
export interface Outstanding {
  code: string;
  name: string;
  status: 'missing' | 'resubmit';
  problem: ReturnProblem;
  /** For 'correct': how many cells to correct; for 'versions': how many files. */
  count: number;
  /** The files that came from it (names only, as the clerk saw them). */
  files: string[];
  /** Tied to the branch by its file name only (an unreadable file named as rc-org names them): 按文件名认定. */
  byName: boolean;
}

export interface UnitModel {
  code: string;
  name: string;
  level: string;
  expected: number;
  returned: number;
  statuses: Record<StatusKey, number>;
  complete: boolean;
  /** Every branch of the unit (itself included) with no usable return, tree order: for the status table. */
  outstanding: Outstanding[];
  /** The unit's own branch (本级) when it has no usable return. */
  own: Outstanding | null;
  /** The branches under the unit with no usable return — never the unit itself. */
  below: Outstanding[];
  /** Null when nothing usable came from the unit or anything under it: shown as "—" (未收到报表), never as 0. */
  annex1: Totals | null;
  annex2: Totals | null;
  rates: Record<RateKey, UnitRate>;
  rateRanks: Record<RateKey, number | null>;
  /** Null for a unit with nothing returned: no growth to speak of. */
  growth: Record<GrowthKey, Growth> | null;
  growthRanks: Record<GrowthKey, number | null>;
  /** The 说明 text of each decreased row that every decreasing branch explained (e.g. "2所村小撤并…"). */
  explained: Partial<Record<GrowthKey, string>>;
}

export interface ListEntry {
  code: string;
  name: string;
  hits: RuleHit[];
}

export interface SourceRow {
  /** Relative to the folder the returns were merged from (report.html is e-mailed: no clerk's folders in it). */
  file: string;
  sha256: string;
  code: string | null;
  name: string | null;
  used: boolean;
  /** Tied to its branch by the file name only (按文件名认定). */
  byName: boolean;
}

export interface TrendYear {
  year: number;
  dir: string;
  returned: number;
  expected: number;
  /** Null when nothing usable was received that year. */
  annex1: Totals | null;
}

/** The words that follow the root of the run (docs/domain.md §11), in Chinese: the document and the page use them. */
export interface ScopeWords {
  /** 全省 / 全市 / 全州 … */
  whole: string;
  /** The units directly under the root, as a group: 各市（州） / 各县（市、区） / 各单位. */
  parts: string;
  /** One of them, counted: 市（州） / 县（市、区） / 单位 ("11 个县（市、区）"). */
  part: string;
}

export interface ReportModel {
  title: string;
  /** The day the bulletin was drawn up, e.g. 2022 年 1 月 10 日. */
  date: string;
  /** The same day as YYYY-MM-DD (the English page writes it its own way). */
  dateIso: string;
  year: number;
  baselineYear: number;
  scope: string;
  rootName: string;
  /** The root's level (province, city …): the scope words and the English page follow it. */
  rootLevel: string;
  /** 全省/全市/全州 and 各市（州）/各县（市、区）, from the root of the run. */
  scopeWords: ScopeWords;
  /** The level most of the units directly under the root have (city for a province run, county for a city run). */
  partsLevel: string;
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
  /** Units with a decrease they explained in the 说明 column: acknowledged with the reason, not reminded. */
  noted: ListEntry[];
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

/** Finding codes that mean the file itself could not be opened or read: the branch must send it again. */
const UNREADABLE = new Set<string>([
  'file-old-format',
  'file-not-zip',
  'file-truncated',
  'file-empty',
  'file-suspicious-zip',
  'file-unreadable',
  'file-timeout',
  'file-too-much-memory',
  'file-unsafe-content',
  'file-zip-encrypted',
  'file-zip-unsafe-path',
  'file-needs-libreoffice',
  'file-check-failed',
  'csv-malformed',
  'csv-undecodable',
]);
/** Not the issued form (exported, a sheet missing, its identity gone): a fresh form is needed, not a correction. */
const NOT_THE_FORM = new Set<string>([
  'form-exported',
  'sheet-missing',
  'identity-missing',
  'identity-edited',
  'identity-unknown',
  'identity-mismatch',
  'identity-wrong-year',
  'identity-other-template',
  'identity-other-survey',
  'identity-forged',
]);

/** The notice merge leaves on a file it tied to a branch by its name alone. */
const BY_FILE_NAME = 'identity-from-file-name';

const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/** What a branch without a usable return must do, from its findings. */
function outstandingOf(b: SummaryBranch): Outstanding {
  const base = { code: b.code, name: b.name, files: b.files.map(baseName), byName: b.findings.some((f) => f.code === BY_FILE_NAME) };
  if (b.status === 'missing') return { ...base, status: 'missing', problem: 'missing', count: 0 };
  const errors = b.findings.filter((f) => f.severity === 'error');
  const codes = new Set(errors.map((f) => f.code));
  if (codes.has('duplicate-org')) return { ...base, status: 'resubmit', problem: 'versions', count: Math.max(2, b.files.length) };
  if ([...codes].some((c) => UNREADABLE.has(c))) return { ...base, status: 'resubmit', problem: 'unreadable', count: 0 };
  if ([...codes].some((c) => NOT_THE_FORM.has(c))) return { ...base, status: 'resubmit', problem: 'form', count: 0 };
  const cells = new Set(errors.map((f) => `${f.file ?? ''}|${f.sheet ?? ''}|${f.cell ?? f.indicator ?? f.code}`));
  return { ...base, status: 'resubmit', problem: 'correct', count: Math.max(1, cells.size) };
}

const ownTotals = (f: Record<IndicatorKey, number | null> | undefined): Totals => Object.fromEntries(INDICATOR_KEYS.map((k) => [k, f?.[k] ?? 0]));
/** Totals as summary.json has them: null figures (a node with nothing usable, since issue 18) count as nothing. */
const totalsOf = (t: Record<IndicatorKey, number | null>): Totals => ownTotals(t);

/**
 * A year's totals by this year's rows: as they are when the year was merged with the survey in force, else through
 * each row's `previous` key (a row new since has no figure that year: "—", never 0).
 */
function trendTotals(s: Summary, annex1: Record<IndicatorKey, number | null>): Totals {
  if (madeWithSurveyInForce(s)) return totalsOf(annex1);
  const out: Totals = {};
  for (const ind of INDICATORS) {
    const v = ind.previous === null ? undefined : annex1[ind.previous];
    if (typeof v === 'number') out[ind.key] = v;
  }
  return out;
}

/** Growth against the baseline year; a row new this year had no figure then, so it has no growth per cent ("—", never 0). */
function growthOf(key: IndicatorKey, current: number, increase: number): Growth {
  const g = growth(current, increase);
  return indicatorOf(key).previous === null ? { ...g, percent: null } : g;
}

/** The 说明 of a decreased row, when every branch of the unit whose row went down wrote one. */
function explanationsOf(members: readonly SummaryBranch[], single: boolean): Partial<Record<GrowthKey, string>> {
  const out: Partial<Record<GrowthKey, string>> = {};
  for (const k of growthKeys()) {
    const down = members.filter((m) => m.figures !== null && (m.figures.annex2[k] ?? 0) < 0);
    if (down.length === 0) continue;
    const notes = down.map((m) => (m.notes?.annex2?.[k] ?? m.notes?.annex1?.[k] ?? '').trim());
    if (notes.some((n) => n === '')) continue;
    out[k] = single && down.length === 1 ? notes[0]! : down.map((m, i) => `${m.name}：${notes[i]}`).join('；');
  }
  return out;
}

function unitOf(s: Summary, subtree: (code: string) => SummaryBranch[], code: string): Omit<UnitModel, 'rateRanks' | 'growthRanks'> {
  const members = subtree(code);
  const self = members[0]!;
  const total = s.totals[code];
  const returned = members.filter((m) => m.figures !== null).length;
  // A unit with no branches under it (梅河口, 长白山) has no totals entry: its own figures are its total.
  const a1 = total ? totalsOf(total.annex1) : ownTotals(self.figures?.annex1);
  const a2 = total ? totalsOf(total.annex2) : ownTotals(self.figures?.annex2);
  const statuses = total ? total.statuses : (Object.fromEntries(STATUS_KEYS.map((k) => [k, self.status === k ? 1 : 0])) as Record<StatusKey, number>);
  const outstanding = members.filter((m) => m.status === 'missing' || m.status === 'resubmit').map(outstandingOf);
  return {
    code,
    name: total?.name ?? self.name,
    level: self.level,
    expected: members.length,
    returned,
    statuses,
    complete: statuses.missing === 0 && statuses.resubmit === 0,
    outstanding,
    own: outstanding.find((o) => o.code === code) ?? null,
    below: outstanding.filter((o) => o.code !== code),
    annex1: returned === 0 ? null : a1,
    annex2: returned === 0 ? null : a2,
    rates: unitRates({ annex1: a1, annex2: a2, branches: members.map((m) => ({ level: m.level, annex1: m.figures?.annex1 ?? null })) }),
    growth: returned === 0 ? null : (Object.fromEntries(growthKeys().map((k) => [k, growthOf(k, a1[k] ?? 0, a2[k] ?? 0)]))),
    explained: explanationsOf(members, members.length === 1),
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
  const province = { ...unitOf(s, subtree, s.scope), rateRanks: nullRanks(rateKeys()), growthRanks: nullRanks(growthKeys()) };
  const bare = s.branches.filter((b) => b.parent === s.scope).map((b) => unitOf(s, subtree, b.code));
  // Ranked: rates that have a goal, of units with data, never a one-branch yes/no; rankings() wants three or more.
  const rateRankCols = Object.fromEntries(
    rateKeys().map((k) => [k, rankings(bare, (u) => (u.returned > 0 && opts.rules.goals[k] !== null && !isFact(u.rates[k]!) ? u.rates[k]!.value : null))]),
  );
  const growthRankCols = Object.fromEntries(growthKeys().map((k) => [k, rankings(bare, (u) => u.growth?.[k]?.percent ?? null)]));
  const units: UnitModel[] = bare.map((u, i) => ({
    ...u,
    rateRanks: Object.fromEntries(rateKeys().map((k) => [k, rateRankCols[k]![i] ?? null])),
    growthRanks: Object.fromEntries(growthKeys().map((k) => [k, growthRankCols[k]![i] ?? null])),
  }));

  const verdicts = applyRules(
    units.map((u) => ({
      code: u.code,
      rates: u.rates,
      growth: u.growth ?? emptyGrowth(),
      own: u.own ? { problem: u.own.problem, count: u.own.count } : null,
      below: u.below.length,
      returned: u.returned,
      explained: u.explained,
    })),
    opts.rules,
  );
  const nameOf = new Map(s.branches.map((b) => [b.code, b.name]));
  const entries = (pick: (v: (typeof verdicts)[number]) => RuleHit[]): ListEntry[] =>
    verdicts.filter((v) => pick(v).length > 0).map((v) => ({ code: v.code, name: nameOf.get(v.code)!, hits: pick(v) }));
  const byName = new Set(s.branches.flatMap((b) => b.findings.filter((f) => f.code === BY_FILE_NAME && f.file).map((f) => f.file!)));
  const inputDir = commonDir([...s.sources.map((x) => x.file), ...(s.unattributed ?? []).map((u) => u.file)]);
  const now = opts.now ?? new Date();
  const partsLevel = majorityLevel(bare.map((u) => u.level));

  return {
    // The 公文 title (official.ts), also on merge's own page: 吉林省红十字会关于2021年度组织体系建设工作情况的通报.
    title: opts.title?.trim() || bulletinTitle(bodyName(root), s.year),
    date: chineseDate(now),
    dateIso: `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`,
    year: s.year,
    baselineYear: s.baselineYear,
    scope: s.scope,
    rootName: root.name,
    rootLevel: root.level,
    scopeWords: scopeWordsOf(root.name, partsLevel),
    partsLevel,
    generator: s.generator ?? null,
    summaryFile: latest.file,
    province,
    rootOwn: { status: root.status, name: root.name },
    units,
    rules: opts.rules,
    praise: entries((v) => v.praise),
    remind: entries((v) => v.remind),
    noted: entries((v) => v.noted),
    sources: s.sources.map((src) => ({
      ...src,
      file: relativeTo(inputDir, src.file),
      name: src.code ? (nameOf.get(src.code) ?? null) : null,
      byName: byName.has(src.file),
    })),
    unattributed: (s.unattributed ?? []).map((u) => ({ file: relativeTo(inputDir, u.file), sha256: u.sha256 })),
    branches: s.branches.length <= DATA_TABLE_LIMIT ? s.branches : s.branches.filter((b) => b.code === s.scope || b.parent === s.scope),
    branchesLeftOut: s.branches.length <= DATA_TABLE_LIMIT ? 0 : s.branches.length,
    trend:
      years.length < 2
        ? []
        : years.map((y) => {
            const t = y.summary.totals[y.summary.scope]!;
            const annex1 = t.returned === 0 ? null : trendTotals(y.summary, t.annex1);
            return { year: y.summary.year, dir: y.dir, returned: t.returned, expected: t.expected, annex1 };
          }),
  };
}

/** The words of a run's root: 全 + the last character of its name (吉林省 → 全省, 长春市 → 全市, 延边朝鲜族自治州 → 全州). */
export function scopeWordsOf(rootName: string, partsLevel: string): ScopeWords {
  const last = rootName.trim().slice(-1);
  const whole = /[省市州县区盟旗]/.test(last) ? `全${last}` : rootName;
  if (partsLevel === 'city') return { whole, parts: '各市（州）', part: '市（州）' };
  if (partsLevel === 'county') return { whole, parts: '各县（市、区）', part: '县（市、区）' };
  return { whole, parts: '各单位', part: '单位' };
}

function majorityLevel(levels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best = '';
  for (const [l, n] of counts) if (n > (counts.get(best) ?? 0)) best = l;
  return best;
}

/** The deepest folder every path is in ('' when they share none). */
function commonDir(files: readonly string[]): string {
  if (files.length === 0) return '';
  const split = files.map((f) => f.split(/[\\/]/).slice(0, -1));
  const first = split[0]!;
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/');
}

/** A file as seen from the input folder: "returns/x.xlsx" rather than the clerk's whole path. */
function relativeTo(dir: string, file: string): string {
  const norm = file.split(/[\\/]/).join('/');
  if (dir !== '' && norm.startsWith(dir + '/')) return norm.slice(dir.length + 1);
  // Not under the common folder (cannot happen for files that made it): at least never the absolute path.
  return norm.replace(/^([A-Za-z]:)?\/+/, '');
}

function nullRanks<K extends string>(keys: readonly K[]): Record<K, number | null> {
  return Object.fromEntries(keys.map((k) => [k, null])) as Record<K, number | null>;
}

function emptyGrowth(): Record<GrowthKey, Growth> {
  return Object.fromEntries(growthKeys().map((k) => [k, growth(0, 0)]));
}

/** The 14 rows of 附件1 for the province section: this year, the baseline, the increase. */
export interface ProvinceRow {
  no: number;
  key: IndicatorKey;
  label: string;
  unit: string;
  /** Null when nothing usable was received ("—", 未收到报表). */
  current: number | null;
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
    current: p.annex1 ? (p.annex1[ind.key] ?? null) : null,
    growth: ind.derived && p.annex1 && p.annex2 ? growthOf(ind.key, p.annex1[ind.key] ?? 0, p.annex2[ind.key] ?? 0) : null,
    completed: ind.derived || !p.annex2 ? null : (p.annex2[ind.key] ?? null),
  }));
}
