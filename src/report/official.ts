import type { Lang } from '../messages.js';
import { esc } from './escape.js';

// The bulletin as a 公文 (GB/T 9704-2012): who issues it, its title, 发文字号, 主送机关, 成文日期 and 落款. Pure:
// the page (html.ts), the PDF (printed from the page) and the document (docx.ts) all take the header from here.

/** A branch as the header needs it: the registry's name, level and parent. */
export interface OfficialBranch {
  code: string;
  name: string;
  level: string;
  parent: string | null;
}

export interface OfficialHeader {
  /** The issuing body, e.g. 吉林省红十字会; it signs the bulletin (落款) and its letters. */
  issuer: string;
  title: string;
  /** 发文字号 as the office gave it, or a visible blank to fill in. */
  docNumber: string;
  /** The 主送 line, ending with a full-width colon. */
  to: string;
  /** 成文日期, e.g. 2022年1月10日. */
  date: string;
}

/** Where 发文字号 is not given yet: the office writes it in by hand or in WPS. */
export const DOC_NUMBER_PLACEHOLDER = '〔    〕 号';

const RED_CROSS = '红十字会';

/** A branch as a body that can be written to: 长春市 → 长春市红十字会; a special unit (长白山管委会社管办) is its name. */
export function bodyName(b: Pick<OfficialBranch, 'name' | 'level'>): string {
  return b.level === 'special' || b.name.endsWith(RED_CROSS) ? b.name : `${b.name}${RED_CROSS}`;
}

/** 吉林省红十字会关于2021年度组织体系建设工作情况的通报 */
export function bulletinTitle(issuer: string, year: number): string {
  return `${issuer}关于${year}年度组织体系建设工作情况的通报`;
}

/** 成文日期: Arabic numerals, no spaces, no leading zeros — 2022年1月10日. */
export function officialDate(d: { year: number; month: number; day: number }): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** --date YYYY-MM-DD (a real calendar day), else null. */
export function parseOfficialDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

const CITIES = '各市（州）红十字会';
const COUNTIES = '各县（市、区）红十字会';

/**
 * 主送机关, grouped as the province's own notice does: "各市（州）红十字会、长白山管委会社管办，梅河口市红十字会，
 * 各县（市、区）红十字会：". Several branches of a level are one collective word; a level with one branch, a special
 * unit, and a county the province runs directly are named. `hasCountiesBelow` says whether county branches sit below
 * the root's direct subordinates (a large run's page may list only the top two levels).
 */
export function addressees(root: Pick<OfficialBranch, 'code' | 'level'>, direct: readonly OfficialBranch[], hasCountiesBelow: boolean): string {
  const collective = (list: readonly OfficialBranch[], word: string): string[] => (list.length === 0 ? [] : list.length === 1 ? [bodyName(list[0]!)] : [word]);
  const of = (level: string): OfficialBranch[] => direct.filter((b) => b.level === level);
  const others = direct.filter((b) => !['city', 'county', 'special'].includes(b.level)).map(bodyName);
  const specials = of('special').map(bodyName);
  let groups: string[][];
  if (root.level === 'province') {
    groups = [[...collective(of('city'), CITIES), ...specials, ...others], of('county').map(bodyName), hasCountiesBelow ? [COUNTIES] : []];
  } else {
    // A city (or a county) addresses its counties collectively, then anything else it has directly.
    const counties = of('county');
    groups = [
      counties.length > 1 || (counties.length > 0 && hasCountiesBelow) ? [COUNTIES] : counties.map(bodyName),
      [...of('city').map(bodyName), ...specials, ...others],
    ];
  }
  const line = groups
    .filter((g) => g.length > 0)
    .map((g) => g.join('、'))
    .join('，');
  return `${line || '各有关单位'}：`;
}

export interface HeaderInput {
  root: OfficialBranch;
  year: number;
  /** The run's branches (at least the root's direct subordinates). */
  branches: readonly OfficialBranch[];
}

export interface HeaderOptions {
  title?: string;
  docNumber?: string;
  to?: string;
  date: { year: number; month: number; day: number };
}

/** The header of the bulletin: defaults from the root of the run, each part overridable from the command line. */
export function officialHeader(input: HeaderInput, opts: HeaderOptions): OfficialHeader {
  const issuer = bodyName(input.root);
  const direct = input.branches.filter((b) => b.parent === input.root.code);
  const directCodes = new Set(direct.map((b) => b.code));
  const hasCountiesBelow = input.branches.some((b) => b.level === 'county' && b.parent !== null && directCodes.has(b.parent));
  const to = opts.to?.trim();
  return {
    issuer,
    title: opts.title?.trim() || bulletinTitle(issuer, input.year),
    docNumber: opts.docNumber?.trim() || DOC_NUMBER_PLACEHOLDER,
    // The 主送 line always ends in a full-width colon, whether the office typed one or not.
    to: to ? `${to.replace(/[:：]+$/, '')}：` : addressees(input.root, direct, hasCountiesBelow),
    date: officialDate(opts.date),
  };
}

/** The date as the calendar day it names, for code that wants a Date (the model's own date line). */
export const dayAsDate = (d: { year: number; month: number; day: number }): Date => new Date(d.year, d.month - 1, d.day);

/** Today on this machine's calendar. */
export const today = (now = new Date()): { year: number; month: number; day: number } => ({
  year: now.getFullYear(),
  month: now.getMonth() + 1,
  day: now.getDate(),
});

/**
 * The model's header: the one `report` set from its options, else the defaults from the run (merge's own page),
 * dated today.
 */
/** What the header is drawn from: the report's model, as far as this module reads it (model.ts imports this one). */
export interface OfficialSource {
  official?: OfficialHeader;
  scope: string;
  year: number;
  branches: readonly OfficialBranch[];
  rootName: string;
  province: { level: string };
}

export function officialOf(m: OfficialSource): OfficialHeader {
  if (m.official) return m.official;
  const root = m.branches.find((b) => b.code === m.scope) ?? { code: m.scope, name: m.rootName, level: m.province.level, parent: null };
  return officialHeader({ root, year: m.year, branches: m.branches }, { date: today() });
}

// ── On the page (html.ts calls these two; the PDF is the page printed) ──

// The Chinese page only: the header belongs to the 公文, which stays Chinese; the English page is a reading copy.

/** 发文字号 and 主送 under the page's title. */
export function officialHeadHtml(m: OfficialSource, lang: Lang = 'zh'): string {
  if (lang !== 'zh') return '';
  const h = officialOf(m);
  return `<div class="official-head" data-official="head"><p class="doc-number" style="text-align:center;margin:0 0 6px">${esc(h.docNumber)}</p>
<p class="to" style="margin:12px 0 6px">${esc(h.to)}</p></div>`;
}

/** 落款: the issuing body and the 成文日期 under it, right-aligned. */
export function officialSignHtml(m: OfficialSource, lang: Lang = 'zh'): string {
  if (lang !== 'zh') return '';
  const h = officialOf(m);
  return `<div class="official-sign" data-official="sign" style="text-align:right;margin:24px 4em 12px 0;break-inside:avoid">
<p class="signer" style="margin:0">${esc(h.issuer)}</p><p class="date" style="margin:0">${esc(h.date)}</p></div>`;
}
