// The 14 indicators of the survey (吉红会发〔2021〕35号, 附件1 and 附件2), as one table.
// Everything else — types, zod schemas, form rows, CSV headers, JSON keys — derives from it.

export const LEVELS = ['province', 'city', 'county', 'special'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
  special: { zh: '特殊单位', en: 'special' },
};

/** flag: 0/1 about the branch itself; count: whole number; hours: decimal hours. */
export type ValueKind = 'flag' | 'count' | 'hours';

export const ANNEXES = ['annex1', 'annex2'] as const;
export type Annex = (typeof ANNEXES)[number];

export interface Indicator {
  readonly no: number;
  readonly key: string;
  readonly annex1: string;
  readonly annex2: string;
  readonly unit: '个' | '人' | '小时';
  readonly kind: ValueKind;
  readonly levels: readonly Level[];
  /** Whether the 附件2 figure is 附件1 minus the baseline (false for rows 2 and 3: completed elections). */
  readonly derived: boolean;
  readonly en: string;
}

const OWN = ['province', 'city', 'county', 'special'] as const satisfies readonly Level[];

export const INDICATORS = [
  {
    no: 1,
    key: 'countyReformed',
    annex1: '县级红十字会理顺管理体制数',
    annex2: '县级红十字会理顺管理体制增加数',
    unit: '个',
    kind: 'flag',
    levels: ['county'],
    derived: true,
    en: 'county branches with the management system put in order',
  },
  {
    no: 2,
    key: 'cityElectionDue',
    annex1: '市级红十字会应换届数',
    annex2: '市级红十字会完成换届增加数',
    unit: '个',
    kind: 'flag',
    levels: ['city'],
    derived: false,
    en: 'city branches due an election / elections completed',
  },
  {
    no: 3,
    key: 'countyElectionDue',
    annex1: '县级红十字会应换届个数',
    annex2: '县级红十字会完成换届增加数',
    unit: '个',
    kind: 'flag',
    levels: ['county'],
    derived: false,
    en: 'county branches due an election / elections completed',
  },
  {
    no: 4,
    key: 'cityPartyGroup',
    annex1: '市级红十字会已设立党组数',
    annex2: '市级红十字会设立党组增加数',
    unit: '个',
    kind: 'flag',
    levels: ['city'],
    derived: true,
    en: 'city branches with a Party group',
  },
  {
    no: 5,
    key: 'countyPartyGroup',
    annex1: '县级红十字会已设立党组数',
    annex2: '县级红十字会设立党组增加数',
    unit: '个',
    kind: 'flag',
    levels: ['county'],
    derived: true,
    en: 'county branches with a Party group',
  },
  {
    no: 6,
    key: 'citySupervisory',
    annex1: '市级红十字会已设立监事会数',
    annex2: '市级红十字会设立监事会增加数',
    unit: '个',
    kind: 'flag',
    levels: ['city'],
    derived: true,
    en: 'city branches with a supervisory board',
  },
  {
    no: 7,
    key: 'countySupervisory',
    annex1: '县级红十字会已设立监事会数',
    annex2: '县级红十字会设立监事会增加数',
    unit: '个',
    kind: 'flag',
    levels: ['county'],
    derived: true,
    en: 'county branches with a supervisory board',
  },
  {
    no: 8,
    key: 'grassrootsOrgs',
    annex1: '红十字会基层组织数',
    annex2: '红十字会基层组织增加数',
    unit: '个',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'grassroots organisations',
  },
  {
    no: 9,
    key: 'groupMembers',
    annex1: '红十字会团体会员数',
    annex2: '红十字会团体会员增加数',
    unit: '个',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'group members',
  },
  {
    no: 10,
    key: 'adultMembers',
    annex1: '红十字会成人会员数',
    annex2: '红十字会成人会员增加数',
    unit: '人',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'adult members',
  },
  {
    no: 11,
    key: 'youthMembers',
    annex1: '红十字会青少年会员数',
    annex2: '红十字会青少年会员增加数',
    unit: '人',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'youth members',
  },
  {
    no: 12,
    key: 'volunteers',
    annex1: '红十字会注册志愿者数',
    annex2: '红十字会注册志愿者增加数',
    unit: '人',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'registered volunteers',
  },
  {
    no: 13,
    key: 'volunteerOrgs',
    annex1: '红十字会志愿服务组织数',
    annex2: '红十字会志愿服务组织增加数',
    unit: '个',
    kind: 'count',
    levels: OWN,
    derived: true,
    en: 'volunteer service organisations',
  },
  {
    no: 14,
    key: 'serviceHours',
    annex1: '红十字会志愿服务总时长',
    annex2: '红十字会志愿服务总时长增加数',
    unit: '小时',
    kind: 'hours',
    levels: OWN,
    derived: true,
    en: 'total volunteer service hours',
  },
] as const satisfies readonly Indicator[];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];
export const INDICATOR_KEYS = INDICATORS.map((i) => i.key) as readonly IndicatorKey[];

/** One annex's figures: a number per indicator, or null where nothing was reported / not applicable. */
export type Figures = Record<IndicatorKey, number | null>;

export const ANNEX_TITLES: Record<Annex, { label: string; title: string }> = {
  annex1: { label: '附件1', title: '组织体系建设工作情况调查表' },
  annex2: { label: '附件2', title: '组织体系建设年工作成效统计表' },
};

export const TABLE_HEADER = ['序号', '工作事项', '个(人、小时)'] as const;

/** The 说明 line under 附件2, as in the seed; the baseline year is the variable part. */
export const annex2Note = (baselineYear: number): string => `说明：表中“增加数”是指与 ${baselineYear} 年相比的增加数。`;

const BY_KEY = new Map<string, (typeof INDICATORS)[number]>(INDICATORS.map((i) => [i.key, i]));

/** The catalogue row of a key (keys come from the catalogue, so there always is one). */
export function indicatorOf(key: IndicatorKey): (typeof INDICATORS)[number] {
  return BY_KEY.get(key)!;
}

export function appliesTo(ind: Indicator, level: Level): boolean {
  return ind.levels.includes(level);
}

export function emptyFigures(): Figures {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null])) as Figures;
}

export function labelOf(ind: Indicator, annex: Annex): string {
  return annex === 'annex1' ? ind.annex1 : ind.annex2;
}

/** The year the increments of 附件2 are counted against, unless a form or --baseline-year says otherwise. */
export const DEFAULT_BASELINE_YEAR = 2020;
