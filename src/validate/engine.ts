import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Figures } from '../catalogue.js';
import { checkCsvReturn } from '../core/csv-return.js';
import { finding, type ReturnResult } from '../core/finding.js';
import { checkWorkbook } from '../core/form.js';
import { discover, isCsv } from '../io/discover.js';
import { parseCsvTable } from '../io/table.js';
import { SetupError, type MessageCode, type Params } from '../messages.js';
import { readWorkbooks, type PoolOptions } from '../read/pool.js';
import { subtree } from '../registry/build.js';
import type { Registry } from '../registry/types.js';

// The one reading-and-checking engine behind validate and merge: discover, read (in workers), check, then the
// batch-wide checks (year, duplicates). Each file is reduced to its findings and figures as soon as it is read.

export interface RunNotice {
  code: MessageCode;
  params: Params;
  file?: string;
}

export interface CheckRun {
  returns: ReturnResult[];
  notices: RunNotice[];
  year: number | null;
  baselineYear: number;
  /** The root of the run: the registry's root, or --under CODE. */
  scope: string;
}

export interface CheckOptions extends PoolOptions {
  cwd: string;
  paths: readonly string[];
  registry: Registry;
  year?: number;
  baseline?: ReadonlyMap<string, Figures> | null;
  /** The year the baseline stands for, when the forms do not say (default 2020). */
  baselineYear?: number;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Files under this folder are skipped (merge's own output folder). */
  outputDir?: string;
  /** Keep each return's figures once checked (merge needs them; validate does not, and at scale they add up). */
  keepFigures?: boolean;
  /** --under CODE: only this branch's subtree is expected; returns of branches outside it are set aside with a notice. */
  under?: string;
}

/** The run's root: --under CODE (which must be in the registry), else the registry's root. */
export function scopeOf(registry: Registry, under: string | undefined): string {
  if (under === undefined) return registry.root.code;
  const code = under.trim();
  if (!registry.byCode.has(code)) throw new SetupError([{ code: 'unknown-org-code', params: { option: '--under', code } }]);
  return code;
}

const SKIP_REASONS = {
  'lock-file': { zh: 'Office 临时锁文件', en: 'an Office lock file' },
  hidden: { zh: '隐藏文件', en: 'a hidden file' },
  'not-a-form': { zh: '不是 .xlsx 或 .csv 文件', en: 'not an .xlsx or .csv file' },
  'inside-output': { zh: '位于输出文件夹中', en: 'it is inside the output folder' },
} as const;

export async function checkPaths(opts: CheckOptions): Promise<CheckRun> {
  const scope = scopeOf(opts.registry, opts.under);
  const found = await discover(opts.paths, opts.cwd, opts.outputDir);
  const notices: RunNotice[] = found.skipped.map((s) => ({ code: 'file-skipped', params: { file: s.file, reason: SKIP_REASONS[s.reason].zh, reason_en: SKIP_REASONS[s.reason].en }, file: s.file }));
  if (found.files.length === 0) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const ctx = { registry: opts.registry, baseline: opts.baseline ?? null, baselineYear: opts.baselineYear ?? 2020 };
  const byFile = new Map<string, ReturnResult[]>();
  let done = 0;
  const total = found.files.length;
  const tick = (file: string): void => opts.onProgress?.(++done, total, file);

  for (const file of found.files.filter(isCsv)) {
    const bytes = await readFile(resolve(opts.cwd, file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    byFile.set(file, checkCsvReturn(file, sha256, parseCsvTable(bytes), ctx));
    tick(file);
  }
  const workbooks = found.files.filter((f) => !isCsv(f));
  const absToShown = new Map(workbooks.map((f) => [resolve(opts.cwd, f), f]));
  await readWorkbooks(
    [...absToShown.keys()],
    (abs, read) => {
      const file = absToShown.get(abs)!;
      if (read.problem || !read.workbook) {
        byFile.set(file, [{ file, sha256: read.sha256, kind: 'form', org: null, year: null, figures: null, findings: [finding(read.problem?.code ?? 'file-unreadable', { file, sheet: null, cell: null, indicator: null }, read.problem?.params ?? {})] }]);
      } else {
        const result = checkWorkbook(file, read.sha256, read.workbook, ctx);
        if (opts.keepFigures === false) result.figures = null;
        byFile.set(file, [result]);
      }
      tick(file);
    },
    opts,
  );
  // Files a worker could not even hash (it died on them) get their hash here.
  for (const [file, results] of byFile) {
    for (const r of results) if (!r.sha256) r.sha256 = createHash('sha256').update(await readFile(resolve(opts.cwd, file))).digest('hex');
  }
  const inScope = new Set(subtree(opts.registry, scope).map((o) => o.code));
  const returns: ReturnResult[] = [];
  for (const r of found.files.flatMap((f) => byFile.get(f) ?? [])) {
    // A return for a branch outside --under CODE is neither counted nor checked further: it belongs to another run.
    if (r.org && opts.registry.byCode.has(r.org.code) && !inScope.has(r.org.code)) {
      notices.push({ code: 'outside-scope', params: { file: r.file, code: r.org.code, name: r.org.name, scope, scopeName: opts.registry.byCode.get(scope)!.name }, file: r.file });
      continue;
    }
    returns.push(r);
  }

  const year = resolveYear(returns, opts.year, notices);
  checkDuplicates(returns);
  if (!opts.baseline) notices.push({ code: 'increments-unchecked', params: {} });
  const baselineYear = opts.baselineYear ?? mostCommon(returns.map((r) => r.baselineYear ?? null)) ?? ctx.baselineYear;
  return { returns, notices, year, baselineYear, scope };
}

/** The value most entries carry (ties: the larger, i.e. the later year). */
function mostCommon(xs: readonly (number | null | undefined)[]): number | null {
  const counts = new Map<number, number>();
  for (const x of xs) if (x !== null && x !== undefined) counts.set(x, (counts.get(x) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return ranked[0]?.[0] ?? null;
}

/** The run's year: --year, or the one most forms carry (with a notice). Forms of any other year are errors. */
export function resolveYear(returns: ReturnResult[], given: number | undefined, notices: RunNotice[]): number | null {
  const year = given ?? mostCommon(returns.map((r) => r.year));
  if (year === null) return null;
  if (given === undefined) notices.push({ code: 'year-from-forms', params: { year } });
  for (const r of returns) {
    if (r.year === null) {
      if (r.kind === 'csv' && r.org) r.year = year; // a CSV without a year column stands for the run's year
      continue;
    }
    if (r.year !== year) {
      r.findings.unshift(finding('identity-wrong-year', { file: r.file, sheet: null, cell: null, indicator: null }, {
        found: r.year, expected: year, hint: given === undefined ? '（或用 --year 指定年度）' : '', hint_en: given === undefined ? ' (or pick the year with --year)' : '',
      }));
    }
  }
  return year;
}

/** Two files for one branch: an error on each, naming the other. */
export function checkDuplicates(returns: ReturnResult[]): void {
  const byCode = new Map<string, ReturnResult[]>();
  for (const r of returns) if (r.org && r.kind !== 'summary') byCode.set(r.org.code, [...(byCode.get(r.org.code) ?? []), r]);
  for (const [code, rs] of byCode) {
    if (rs.length < 2) continue;
    for (const r of rs) {
      const others = rs.filter((o) => o !== r).map((o) => o.file);
      const other = others.length > 0 ? others.join('、') : r.file;
      r.findings.unshift(finding('duplicate-org', { file: r.file, sheet: null, cell: null, indicator: null }, { code, name: r.org!.name, other }));
    }
  }
}

