import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ANNEX_TITLES, INDICATORS, INDICATOR_KEYS } from '../catalogue.js';
import { readSetupText } from '../io/setup-file.js';
import { SetupError, type MessageCode, type Params } from '../messages.js';

// Reading what `merge` wrote: summary.json, schema 2 (summaryJson in src/merge/outputs.ts). The file is checked
// with zod and then for sense (the tree holds together, status counts and 附件1 totals add up to their branches), so
// a hand-edited or foreign file is refused with a message that says where, never turned into a page with NaN in it.

export { SUMMARY_FILE } from '../core/summary-layout.js';
import { SUMMARY_FILE } from '../core/summary-layout.js';
export const SUPPORTED_SCHEMA = 2;

export const STATUS_KEYS = ['passed', 'warnings', 'resubmit', 'by-summary', 'missing'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

const finite = z.number().refine(Number.isFinite);
const keyed = <T extends z.ZodType>(keys: readonly string[], value: T) => z.object(Object.fromEntries(keys.map((k) => [k, value])));
// A node with no usable return has null totals (merge writes null, not 0: nothing was received); older files have 0s.
const figuresSchema = (keys: readonly string[]) => keyed(keys, finite.nullable());
const noteText = z.string().max(2000);
const notes = z.object({ annex1: z.record(z.string(), noteText).optional(), annex2: z.record(z.string(), noteText).optional() });

const findingSchema = z.object({
  code: z.string(),
  severity: z.string(),
  file: z.string().nullable().optional(),
  sheet: z.string().nullable().optional(),
  cell: z.string().nullable().optional(),
  indicator: z.string().nullable().optional(),
});

const branchSchema = (keys: readonly string[]) => z.object({
  code: z.string().min(1),
  name: z.string(),
  level: z.string().min(1), // the summary's own survey's level (another year's form may have others)
  parent: z.string().nullable(),
  status: z.enum(STATUS_KEYS),
  files: z.array(z.string()),
  via: z.string().nullable(),
  findings: z.array(findingSchema),
  figures: z.object({ annex1: figuresSchema(keys), annex2: figuresSchema(keys) }).nullable(),
  baseline: figuresSchema(keys).nullable().optional(),
  /** What the used return wrote in its 说明 column (merge since issue 18). */
  notes: notes.optional(),
});

const totalSchema = (keys: readonly string[]) => z.object({
  name: z.string(),
  level: z.string().min(1), // the summary's own survey's level (another year's form may have others)
  annex1: figuresSchema(keys),
  annex2: figuresSchema(keys),
  complete: z.boolean(),
  missing: z.array(z.string()),
  returned: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  statuses: z.object(Object.fromEntries(STATUS_KEYS.map((k) => [k, z.number().int().nonnegative()])) as Record<StatusKey, z.ZodNumber>),
});

const makeSummarySchema = (keys: readonly string[]) => z.object({
  schema: z.literal(SUPPORTED_SCHEMA),
  generator: z.string().optional(),
  year: z.number().int().min(1900).max(2999),
  baselineYear: z.number().int().min(1900).max(2999),
  scope: z.string().min(1),
  /** Since issue 20: the survey the figures were collected with. */
  survey: z
    .object({
      id: z.string(),
      version: z.string(),
      sha256: z.string(),
      indicators: z.array(z.object({ key: z.string(), no: z.number(), label: z.string(), increaseLabel: z.string(), unit: z.string(), kind: z.string() })),
    })
    .optional(),
  totals: z.record(z.string(), totalSchema(keys)),
  branches: z.array(branchSchema(keys)),
  sources: z.array(z.object({ file: z.string(), sha256: z.string(), code: z.string().nullable(), used: z.boolean() })),
  unattributed: z.array(z.object({ file: z.string(), sha256: z.string() })).optional(),
});

/** summary.json with these rows (its own survey's, or — for a file from before summaries named them — the survey in force's). */
const schemas = new Map<string, ReturnType<typeof makeSummarySchema>>();
export function summarySchema(keys: readonly string[] = INDICATOR_KEYS): ReturnType<typeof makeSummarySchema> {
  const id = keys.join('\n');
  let schema = schemas.get(id);
  if (!schema) schemas.set(id, (schema = makeSummarySchema(keys)));
  return schema;
}

/** The rows a summary.json was made with: the ones it lists (since issue 20), else the survey in force's. */
export interface SummaryRow {
  key: string;
  no: number;
  label: string;
}
export function summaryRows(s: Pick<Summary, 'survey'>): SummaryRow[] {
  return s.survey?.indicators ?? INDICATORS.map((i) => ({ key: i.key, no: i.no, label: i.annex1 }));
}

/** Whether a summary was made with the rows of the survey in force (else its figures are another form's). */
export const madeWithSurveyInForce = (s: Pick<Summary, 'survey'>): boolean => summaryRows(s).map((r) => r.key).join('\n') === INDICATOR_KEYS.join('\n');

/** The rows a parsed-but-unchecked summary.json lists, when it lists them well enough to read its figures by. */
function listedKeys(raw: unknown): readonly string[] | undefined {
  const rows = valueAt(raw, ['survey', 'indicators']);
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > 500) return undefined;
  const keys = rows.map((r) => valueAt(r, ['key']));
  return keys.every((k): k is string => typeof k === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k)) && new Set(keys).size === keys.length ? keys : undefined;
}

export type Summary = z.infer<ReturnType<typeof makeSummarySchema>>;
export type SummaryBranch = Summary['branches'][number];

export interface LoadedSummary {
  dir: string;
  file: string;
  summary: Summary;
}

const problem = (code: MessageCode, params: Params): SetupError => new SetupError([{ code, params }]);

/** What a value is, in a clerk's words ("text", "nothing"), for "expected …, found …". */
function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return `"${v.length > 30 ? v.slice(0, 30) + '…' : v}"`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects were handled above: v is a primitive
  return typeof v === 'object' ? 'object' : String(v);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Read and check one merge folder's summary.json. Every problem is a SetupError (exit 2) naming the file. */
export function loadSummary(cwd: string, dirArg: string): LoadedSummary {
  const dir = resolve(cwd, dirArg);
  const file = join(dir, SUMMARY_FILE);
  // A folder without summary.json, or a path that is no folder, is said as "not a merge folder".
  const text = readSetupText({ abs: file, shown: file, what: 'summary', notFound: { code: 'report-no-summary', params: { dir, file } } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw problem('report-summary-not-json', { file });
  }
  return { dir, file, summary: parseSummary(raw, file) };
}

/** Check a parsed summary.json: its schema version, its shape, then that it adds up. Pure. */
export function parseSummary(raw: unknown, file: string): Summary {
  const version = valueAt(raw, ['schema']);
  if (version !== SUPPORTED_SCHEMA) {
    throw problem('report-schema-unknown', { file, found: version === undefined ? '—' : kindOf(version), expected: SUPPORTED_SCHEMA });
  }
  const parsed = summarySchema(listedKeys(raw)).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5);
    throw new SetupError(
      issues.map((i) => ({
        code: 'report-summary-invalid' as const,
        params: { file, path: i.path.map(String).join('.') || '(root)', found: kindOf(valueAt(raw, i.path)), expected: expectedOf(i) },
      })),
    );
  }
  // Codes the file names are looked up in totals: only its own entries may answer ("constructor" is no total).
  const summary = { ...parsed.data, totals: Object.assign(Object.create(null) as Summary['totals'], parsed.data.totals) };
  checkSense(summary, file);
  return summary;
}

function expectedOf(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_type') return String(i.expected);
  if (i.code === 'invalid_value') return i.values.map((v) => JSON.stringify(v)).join(' | ');
  if (i.code === 'too_small') return `≥ ${String(i.minimum)}`;
  if (i.code === 'too_big') return `≤ ${String(i.maximum)}`;
  return 'a finite number';
}

/**
 * The subtree of each code (itself first, then its descendants in tree order), from the branches' parent links. The
 * lookup is built once, so checking every total of a national run stays linear in its depth.
 */
export function subtreeIndex(branches: readonly SummaryBranch[]): (code: string) => SummaryBranch[] {
  const children = new Map<string, SummaryBranch[]>();
  const byCode = new Map<string, SummaryBranch>();
  for (const b of branches) {
    byCode.set(b.code, b);
    if (b.parent !== null) {
      const list = children.get(b.parent);
      if (list) list.push(b);
      else children.set(b.parent, [b]);
    }
  }
  return (code) => {
    const self = byCode.get(code);
    if (!self) return [];
    const out: SummaryBranch[] = [];
    const walk = (b: SummaryBranch): void => {
      out.push(b);
      for (const c of children.get(b.code) ?? []) walk(c);
    };
    walk(self);
    return out;
  };
}

/**
 * A summary rc-org has just built in memory (merge's own report.html): typed already, so only checked for sense —
 * a zod parse would copy every branch, which at a national run's size costs more memory than the page itself.
 */
export function checkOwnSummary(s: Summary, file: string): Summary {
  checkSense(s, file);
  return s;
}

function checkSense(s: Summary, file: string): void {
  const byCode = new Map<string, SummaryBranch>();
  for (const b of s.branches) {
    if (byCode.has(b.code)) throw problem('report-summary-inconsistent', { file, detail: `branches: ${b.code} ×2` });
    if (b.code !== s.scope && (b.parent === null || !byCode.has(b.parent)))
      throw problem('report-summary-inconsistent', { file, detail: `branches: ${b.code} → parent ${b.parent ?? 'null'}` });
    byCode.set(b.code, b);
  }
  if (!byCode.has(s.scope)) throw problem('report-summary-inconsistent', { file, detail: `scope ${s.scope} ∉ branches` });
  if (!Object.hasOwn(s.totals, s.scope)) throw problem('report-summary-inconsistent', { file, detail: `totals.${s.scope} missing` });
  const subtree = subtreeIndex(s.branches);
  const rows = summaryRows(s);
  for (const [code, t] of Object.entries(s.totals)) {
    if (!byCode.has(code)) throw problem('report-summary-inconsistent', { file, detail: `totals.${code} ∉ branches` });
    const members = subtree(code);
    const counted = STATUS_KEYS.reduce((n, k) => n + t.statuses[k], 0);
    if (t.expected !== members.length || counted !== members.length) {
      throw problem('report-totals-mismatch', { file, code, name: t.name, label: 'statuses', total: counted, sum: members.length });
    }
    const byStatus = new Map<StatusKey, number>();
    for (const m of members) byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
    for (const k of STATUS_KEYS) {
      const n = byStatus.get(k) ?? 0;
      if (n !== t.statuses[k]) throw problem('report-totals-mismatch', { file, code, name: t.name, label: `statuses.${k}`, total: t.statuses[k], sum: n });
    }
    // 附件1 totals are the sum of the branches' own figures (附件2 depends on the baseline, so it is not re-added).
    // A null total (nothing usable received) is right only when no branch of the node has figures.
    const withFigures = members.filter((m) => m.figures !== null).length;
    for (const ind of rows) {
      const sum = members.reduce((n, m) => n + (m.figures?.annex1[ind.key] ?? 0), 0);
      const total = t.annex1[ind.key] ?? null;
      if (total === null ? withFigures > 0 : Math.abs(sum - total) > 1e-3) {
        throw problem('report-totals-mismatch', {
          file,
          code,
          name: t.name,
          label: `${ANNEX_TITLES.annex1.label} ${ind.no} ${ind.label}`,
          total: total ?? '—',
          sum: Math.round(sum * 1e4) / 1e4,
        });
      }
    }
  }
}

/** Several years' folders: one per year, same scope; sorted by year (the last is the bulletin's year). */
export function orderYears(loaded: readonly LoadedSummary[]): LoadedSummary[] {
  const sorted = [...loaded].sort((a, b) => a.summary.year - b.summary.year);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (a.summary.year === b.summary.year) throw problem('report-same-year', { a: a.dir, b: b.dir, year: a.summary.year });
    if (a.summary.scope !== b.summary.scope) throw problem('report-scope-differs', { a: a.dir, b: b.dir, scopeA: a.summary.scope, scopeB: b.summary.scope });
  }
  return sorted;
}
