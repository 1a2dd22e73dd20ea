import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Figures } from '../catalogue.js';
import { checkCsvReturn } from '../core/csv-return.js';
import { finding, type ReturnResult } from '../core/finding.js';
import { checkWorkbook } from '../core/form.js';
import { discover, isCsv } from '../io/discover.js';
import { CsvProblem, parseCsvTable } from '../io/table.js';
import { SetupError, type MessageCode, type Params } from '../messages.js';
import { readInputFile } from '../read/extract.js';
import { readWorkbooks, type PoolOptions } from '../read/pool.js';
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
  /** --sign-key: every workbook's identity must be signed with this key (a CSV return, which has none, is refused). */
  signKey?: Uint8Array | null;
  /** Keep each return's figures once checked (merge needs them; validate does not, and at scale they add up). */
  keepFigures?: boolean;
}

const SKIP_REASONS = {
  'lock-file': { zh: 'Office 临时锁文件', en: 'an Office lock file' },
  hidden: { zh: '隐藏文件', en: 'a hidden file' },
  'not-a-form': { zh: '不是 .xlsx 或 .csv 文件', en: 'not an .xlsx or .csv file' },
  'inside-output': { zh: '位于输出文件夹中', en: 'it is inside the output folder' },
  'link-to-folder': { zh: '指向文件夹的链接（不跟随，以免循环）', en: 'a link to a folder (not followed: links can loop)' },
  'broken-link': { zh: '链接指向的文件不存在', en: 'a link to nothing' },
  'unreadable-folder': { zh: '文件夹无法打开（没有权限）', en: 'a folder that cannot be opened (no permission)' },
} as const;

/** A file that failed before it could be checked: one file-level finding. */
function failedFile(file: string, sha256: string, kind: ReturnResult['kind'], code: MessageCode, params: Params): ReturnResult {
  return { file, sha256, kind, org: null, year: null, figures: null, findings: [finding(code, { file, sheet: null, cell: null, indicator: null }, params)] };
}

/** Read, decode, parse and check one CSV return; whatever the file holds, it ends as findings on it. */
function readCsvReturn(file: string, abs: string, ctx: Parameters<typeof checkCsvReturn>[3] & { signKey: Uint8Array | null }): ReturnResult[] {
  const read = readInputFile(abs);
  if ('bytes' in read && ctx.signKey) return [failedFile(file, createHash('sha256').update(read.bytes).digest('hex'), 'csv', 'identity-unsigned', {})];
  if ('problem' in read) return [failedFile(file, '', 'csv', read.problem.code, read.problem.params)];
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  let table;
  try {
    table = parseCsvTable(read.bytes);
  } catch (e) {
    if (e instanceof CsvProblem) return [failedFile(file, sha256, 'csv', e.problem.code, e.problem.params)];
    throw e;
  }
  return checkedAlone(file, sha256, 'csv', () => checkCsvReturn(file, sha256, table, ctx));
}

/** Checking one file never stops the batch: a fault in a check fails that file alone, said as rc-org's fault. */
function checkedAlone(file: string, sha256: string, kind: ReturnResult['kind'], check: () => ReturnResult[]): ReturnResult[] {
  try {
    return check();
  } catch {
    return [failedFile(file, sha256, kind, 'file-check-failed', {})];
  }
}

export async function checkPaths(opts: CheckOptions): Promise<CheckRun> {
  const found = await discover(opts.paths, opts.cwd, opts.outputDir);
  const notices: RunNotice[] = found.skipped.map((s) => ({ code: 'file-skipped', params: { file: s.file, reason: SKIP_REASONS[s.reason].zh, reason_en: SKIP_REASONS[s.reason].en }, file: s.file }));
  for (const l of found.followed) notices.push({ code: 'file-symlink-followed', params: { file: l.file, target: l.target }, file: l.file });
  if (found.files.length === 0 && found.problems.length === 0) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const ctx = { registry: opts.registry, baseline: opts.baseline ?? null, baselineYear: opts.baselineYear ?? 2020, signKey: opts.signKey ?? null };
  const byFile = new Map<string, ReturnResult[]>();
  let done = 0;
  const total = found.files.length;
  for (const p of found.problems) byFile.set(p.file, [failedFile(p.file, '', isCsv(p.file) ? 'csv' : 'form', p.code, p.params)]);
  const tick = (file: string): void => opts.onProgress?.(++done, total, file);

  for (const file of found.files.filter(isCsv)) {
    byFile.set(file, readCsvReturn(file, resolve(opts.cwd, file), ctx));
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
        const results = checkedAlone(file, read.sha256, 'form', () => [checkWorkbook(file, read.sha256, read.workbook!, ctx)]);
        if (opts.keepFigures === false) for (const r of results) r.figures = null;
        byFile.set(file, results);
      }
      tick(file);
    },
    opts,
  );
  // A file no worker could hash (refused before reading) keeps an empty hash: it is never read a second time.
  const returns = [...found.files, ...found.problems.map((p) => p.file)].flatMap((f) => byFile.get(f) ?? []);

  const year = resolveYear(returns, opts.year, notices);
  checkDuplicates(returns);
  if (!opts.baseline) notices.push({ code: 'increments-unchecked', params: {} });
  const baselineYear = opts.baselineYear ?? mostCommon(returns.map((r) => r.baselineYear ?? null)) ?? ctx.baselineYear;
  return { returns, notices, year, baselineYear };
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

