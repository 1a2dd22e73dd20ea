import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { DEFAULT_BASELINE_YEAR, type Figures } from '../catalogue.js';
import { checkCsvReturn } from '../core/csv-return.js';
import { finding, type ReturnResult } from '../core/finding.js';
import { checkWorkbook } from '../core/form.js';
import { discover, isCsv } from '../io/discover.js';
import { CsvProblem, parseCsvTable } from '../io/table.js';
import { SetupError, type MessageCode, type ParamWords, type Params } from '../messages.js';
import { readInputFile } from '../read/extract.js';
import { readWorkbooks, type PoolOptions } from '../read/pool.js';
import { CONVERTED_EXTENSIONS, conversionKind, convertToXlsx, findSoffice, odsText } from '../read/convert.js';
import type { ReadResult } from '../read/types.js';
import { branchFromFileName, exportOrg, formExportCode, recogniseCsv, recogniseOwnOutput, recogniseOwnWorkbook } from '../core/recognise.js';
import { decodeText } from '../io/text.js';
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
  /** The year the baseline stands for, when the forms do not say (default DEFAULT_BASELINE_YEAR). */
  baselineYear?: number;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Files under this folder are skipped (merge's own output folder). */
  outputDir?: string;
  /** --sign-key: every workbook's identity must be signed with this key (a CSV return, which has none, is refused). */
  signKey?: Uint8Array | null;
  /** Keep each return's figures once checked (merge needs them; validate does not, and at scale they add up). */
  keepFigures?: boolean;
  /** The run's root (set-up's scopeOf; default the registry's root): returns of branches outside its subtree are set
   *  aside with a notice. */
  scope?: string;
}

/** A file that failed before it could be checked: one file-level finding. */
function failedFile(file: string, sha256: string, kind: ReturnResult['kind'], code: MessageCode, params: Params): ReturnResult {
  return { file, sha256, kind, org: null, year: null, figures: null, findings: [finding(code, { file, sheet: null, cell: null, indicator: null }, params)] };
}

/** The SHA-256 of a file as it is now ('' when it cannot be read: the finding on it already says why). */
function hashOf(abs: string): string {
  const read = readInputFile(abs);
  return 'bytes' in read ? createHash('sha256').update(read.bytes).digest('hex') : '';
}

/**
 * Read, decode, parse and check one CSV return; whatever the file holds, it ends as findings on it. rc-org's own
 * long table and a baseline file are recognised and set aside with a notice; the form saved as CSV is said as such.
 */
function readCsvReturn(
  file: string,
  abs: string,
  ctx: Parameters<typeof checkCsvReturn>[3] & { signKey: Uint8Array | null },
): { results: ReturnResult[] } | { notice: RunNotice } {
  const read = readInputFile(abs);
  if ('problem' in read) return { results: [failedFile(file, '', 'csv', read.problem.code, read.problem.params)] };
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  let table;
  let text;
  try {
    table = parseCsvTable(read.bytes);
    text = decodeText(read.bytes).text;
  } catch (e) {
    if (e instanceof CsvProblem) return { results: [failedFile(file, sha256, 'csv', e.problem.code, e.problem.params)] };
    throw e;
  }
  const seen = recogniseCsv(table, text);
  if (seen?.kind === 'own-output') return { notice: ownOutputNotice(file, seen.what) };
  if (seen?.kind === 'baseline') return { notice: { code: 'baseline-in-returns', params: { file }, file } };
  if (seen?.kind === 'form-export') return { results: [formExported(file, sha256, 'CSV', seen.code, ctx.registry)] };
  if (ctx.signKey) return { results: [failedFile(file, sha256, 'csv', 'identity-unsigned', {})] };
  return { results: checkedAlone(file, sha256, 'csv', () => checkCsvReturn(file, sha256, table, ctx)) };
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
  const scope = opts.scope ?? opts.registry.root.code;
  const found = await discover(opts.paths, opts.cwd, opts.outputDir);
  const notices: RunNotice[] = [];
  for (const s of found.skipped) {
    // A file passed over for its extension may be one of rc-org's own outputs: say so rather than "not a form".
    const own = s.reason === 'not-a-form' ? await ownOutputOf(resolve(opts.cwd, s.file)) : null;
    if (own) notices.push(ownOutputNotice(s.file, own));
    else notices.push({ code: 'file-skipped', params: { file: s.file, reason: s.reason satisfies keyof ParamWords['skipped'] }, file: s.file });
  }
  for (const l of found.followed) notices.push({ code: 'file-symlink-followed', params: { file: l.file, target: l.target }, file: l.file });
  if (found.files.length === 0 && found.problems.length === 0) throw new SetupError([{ code: 'no-input-files', params: { paths: opts.paths.join(' ') } }]);

  const ctx = {
    registry: opts.registry,
    baseline: opts.baseline ?? null,
    baselineYear: opts.baselineYear ?? DEFAULT_BASELINE_YEAR,
    signKey: opts.signKey ?? null,
  };
  const byFile = new Map<string, ReturnResult[]>();
  let done = 0;
  const total = found.files.length;
  for (const p of found.problems) byFile.set(p.file, [failedFile(p.file, '', isCsv(p.file) ? 'csv' : 'form', p.code, p.params)]);
  const tick = (file: string): void => opts.onProgress?.(++done, total, file);
  const where = (file: string) => ({ file, sheet: null, cell: null, indicator: null });
  /** Once a file is checked: the baseline gap is said, and validate lets the figures go. */
  const settle = (result: ReturnResult): ReturnResult => {
    if (ctx.baseline && result.org && result.figures && result.kind !== 'summary' && !ctx.baseline.has(result.org.code)) {
      result.findings.push(finding('baseline-missing', where(result.file), { code: result.org.code, name: result.org.name }));
    }
    if (opts.keepFigures === false) result.figures = null;
    return result;
  };

  for (const file of found.files.filter(isCsv)) {
    const read = readCsvReturn(file, resolve(opts.cwd, file), ctx);
    if ('notice' in read) notices.push(read.notice);
    else byFile.set(file, read.results.map(settle));
    tick(file);
  }
  // Workbooks exceljs reads go to the workers; .xls/.ods, and any it fails on, to LibreOffice afterwards (one call).
  const toConvert: string[] = found.files.filter((f) => CONVERTED_EXTENSIONS.has(extname(f).toLowerCase()));
  const failed = new Map<string, ReturnResult>();
  const workbooks = found.files.filter((f) => !isCsv(f) && !toConvert.includes(f));
  const onRead = (file: string, read: ReadResult, converted: 'xls' | 'ods' | 'xlsx' | null): void => {
    if (read.problem || !read.workbook) {
      const result = failedFile(file, read.sha256, 'form', read.problem?.code ?? 'file-unreadable', read.problem?.params ?? {});
      if (!converted && CONVERTIBLE_PROBLEMS.has(result.findings[0]!.code)) {
        failed.set(file, result);
        toConvert.push(file);
        return;
      }
      byFile.set(file, [result]);
    } else {
      const own = recogniseOwnWorkbook(read.workbook);
      if (own?.kind === 'own-output') {
        notices.push(ownOutputNotice(file, own.what));
        tick(file);
        return;
      }
      const results = checkedAlone(file, read.sha256, 'form', () => [checkWorkbook(file, read.sha256, read.workbook!, ctx)]);
      if (converted && results[0]!.findings[0]?.code !== 'file-check-failed') results[0]!.findings.unshift(finding(CONVERTED_NOTICE[converted], where(file)));
      byFile.set(file, results.map(settle));
    }
    tick(file);
  };
  const absToShown = new Map(workbooks.map((f) => [resolve(opts.cwd, f), f]));
  await readWorkbooks([...absToShown.keys()], (abs, read) => onRead(absToShown.get(abs)!, read, null), opts);

  if (toConvert.length > 0) {
    const soffice = findSoffice(process.env, opts.soffice && resolve(opts.cwd, opts.soffice));
    const conversion = soffice
      ? await convertToXlsx(
          toConvert.map((f) => resolve(opts.cwd, f)),
          { soffice },
        )
      : null;
    try {
      const copyToShown = new Map<string, string>();
      for (const file of toConvert) {
        const copy = conversion?.converted.get(resolve(opts.cwd, file));
        if (copy) copyToShown.set(copy, file);
        else {
          byFile.set(file, [await notConverted(file, resolve(opts.cwd, file), failed.get(file), soffice !== null, opts.registry)]);
          tick(file);
        }
      }
      // The copies are read like any workbook; the hash stays the original file's (the original is read once, here).
      // An .xls behind an .xlsx name is said to be an .xls.
      const kindOf = (file: string): 'xls' | 'ods' | 'xlsx' => (failed.get(file)?.findings[0]?.code === 'file-old-format' ? 'xls' : conversionKind(file));
      await readWorkbooks(
        [...copyToShown.keys()],
        (copy, read) => {
          const file = copyToShown.get(copy)!;
          onRead(file, { ...read, sha256: failed.get(file)?.sha256 || hashOf(resolve(opts.cwd, file)) }, kindOf(file));
        },
        opts,
      );
    } finally {
      await conversion?.dispose();
    }
  }
  // A file refused before reading keeps an empty hash: it is never read a second time.
  const inScope = new Set(subtree(opts.registry, scope).map((o) => o.code));
  const returns: ReturnResult[] = [];
  for (const r of [...found.files, ...found.problems.map((p) => p.file)].flatMap((f) => byFile.get(f) ?? [])) {
    // A return for a branch outside --under CODE is neither counted nor checked further: it belongs to another run.
    if (r.org && opts.registry.byCode.has(r.org.code) && !inScope.has(r.org.code)) {
      notices.push({
        code: 'outside-scope',
        params: { file: r.file, code: r.org.code, name: r.org.name, scope, scopeName: opts.registry.byCode.get(scope)!.name },
        file: r.file,
      });
      continue;
    }
    returns.push(r);
  }

  const year = resolveYear(returns, opts.year, notices);
  attributeByFileName(returns, opts.registry, (code) => inScope.has(code), year, opts.cwd);
  checkDuplicates(returns);
  if (!opts.baseline) notices.push({ code: 'increments-unchecked', params: {} });
  const baselineYear = opts.baselineYear ?? mostCommon(returns.map((r) => r.baselineYear ?? null)) ?? ctx.baselineYear;
  return { returns, notices, year, baselineYear, scope };
}

/**
 * What makes a file unreadable as such — damaged, not a workbook, encrypted, refused as unsafe, beyond what a reader
 * can take. Such a file has no identity to read, so its name may say whose it is. Not here: what says nothing about
 * the file (no permission, vanished, not a regular file, rc-org's own fault), a CSV (one may hold many branches),
 * and any file that was read (no identity in a readable file keeps it unattributed).
 */
const UNREADABLE = new Set<MessageCode>([
  'file-truncated',
  'file-not-zip',
  'file-empty',
  'file-unreadable',
  'file-zip-encrypted',
  'file-old-format',
  'file-needs-libreoffice',
  'file-suspicious-zip',
  'file-unsafe-content',
  'file-zip-unsafe-path',
  'file-timeout',
  'file-too-much-memory',
]);

/**
 * An unreadable workbook whose name carries a registry code with that branch's own name (core/recognise.ts) is
 * that branch's return, to resubmit: said on it ("按文件名认定"). When its bytes are the start of a readable return
 * of the same branch, it is that return cut off in transfer: a copy, not a second version (checkDuplicates).
 */
export function attributeByFileName(returns: ReturnResult[], registry: Registry, inScope: (code: string) => boolean, year: number | null, cwd: string): void {
  const where = (file: string) => ({ file, sheet: null, cell: null, indicator: null });
  const named: ReturnResult[] = [];
  for (const r of returns) {
    const only = r.findings.length === 1 ? r.findings[0]! : null;
    if (r.org || r.kind !== 'form' || isCsv(r.file) || !only || !UNREADABLE.has(only.code)) continue;
    const org = branchFromFileName(r.file, registry, inScope, year);
    if (!org) continue;
    // A file refused before it was read has no hash yet: two such files must not pass for one copy.
    const sha256 = r.sha256 || hashOf(resolve(cwd, r.file));
    if (!sha256) continue;
    Object.assign(r, { org, orgFrom: 'file-name', sha256 });
    r.findings.push(finding('identity-from-file-name', where(r.file), { code: org.code, name: org.name }));
    named.push(r);
  }
  for (const r of named) {
    const readable = returns.filter((o) => o.org?.code === r.org!.code && o.orgFrom === undefined && o.kind !== 'summary' && o.sha256 !== r.sha256);
    const mine = readInputFile(resolve(cwd, r.file));
    if (!('bytes' in mine)) continue;
    const whole = readable.find((o) => {
      const theirs = readInputFile(resolve(cwd, o.file));
      return 'bytes' in theirs && theirs.bytes.length > mine.bytes.length && theirs.bytes.subarray(0, mine.bytes.length).equals(mine.bytes);
    });
    if (!whole) continue;
    r.cutOffCopyOf = whole.file;
    r.findings.push(finding('file-cut-off-copy', where(r.file), { code: r.org!.code, name: r.org!.name, other: whole.file }));
  }
}

const CONVERTED_NOTICE = { xls: 'converted-from-xls', ods: 'converted-from-ods', xlsx: 'converted-by-libreoffice' } as const;
/** What exceljs fails on that LibreOffice may still open: an old format behind an .xlsx name, or XML exceljs trips over. */
const CONVERTIBLE_PROBLEMS = new Set<MessageCode>(['file-old-format', 'file-unreadable']);

/** Said on a file only LibreOffice could open, when it is not installed: how to get it. */
const INSTALL_LIBREOFFICE = { install: 'libreoffice' satisfies keyof ParamWords['install'] };

/** Why a file could not be converted: without LibreOffice, say how to get it; with it, what the file is. */
async function notConverted(file: string, abs: string, readFailure: ReturnResult | undefined, haveSoffice: boolean, registry: Registry): Promise<ReturnResult> {
  const where = { file, sheet: null, cell: null, indicator: null };
  const install = haveSoffice ? {} : INSTALL_LIBREOFFICE;
  if (readFailure) {
    const f = readFailure.findings[0]!;
    return { ...readFailure, findings: [finding(f.code, where, { ...f.params, ...install })] };
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.ods') {
    // An .ods is a zip with its text in content.xml: enough to see whether it is the issued form.
    const text = await odsText(abs);
    const form = text ? formExportCode(text) : null;
    if (form) return formExported(file, '', 'ODS', form.code, registry, haveSoffice ? {} : INSTALL_LIBREOFFICE);
    return {
      file,
      sha256: '',
      kind: 'form',
      org: null,
      year: null,
      figures: null,
      findings: [finding('file-needs-libreoffice', where, { format: '.ods（OpenDocument）', ...install })],
    };
  }
  return { file, sha256: '', kind: 'form', org: null, year: null, figures: null, findings: [finding('file-old-format', where, install)] };
}

/** The issued form saved as CSV/ODS: tied to the branch its "代码" line names, never used. */
function formExported(
  file: string,
  sha256: string,
  format: 'CSV' | 'ODS',
  code: string | null,
  registry: Registry,
  extra: Record<string, string> = {},
): ReturnResult {
  const org = exportOrg(registry, code);
  // A CSV keeps the sheet on screen only: 附件2 is lost too.
  const lost: keyof ParamWords['lost'] | '' = format === 'CSV' ? 'annex2' : '';
  return {
    file,
    sha256,
    kind: 'form',
    org,
    year: null,
    figures: null,
    findings: [
      finding(
        'form-exported',
        { file, sheet: null, cell: null, indicator: null },
        { fullName: org ? registry.byCode.get(org.code)!.fullName : '', name: org?.name ?? '', format, lost, install: extra.install ?? '', code: code ?? '' },
      ),
    ],
  };
}

/** rc-org's own output among the files skipped for their extension, by content (the first 64 KB). */
async function ownOutputOf(abs: string): Promise<OwnOutput | null> {
  let handle;
  try {
    handle = await open(abs, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const seen = recogniseOwnOutput(buf.subarray(0, bytesRead).toString('utf8'));
    return seen?.kind === 'own-output' ? seen.what : null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

type OwnOutput = keyof ParamWords['ownOutput'];

function ownOutputNotice(file: string, what: OwnOutput): RunNotice {
  return { code: 'own-output-skipped', params: { file, what }, file };
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
      r.findings.unshift(
        finding(
          'identity-wrong-year',
          { file: r.file, sheet: null, cell: null, indicator: null },
          {
            found: r.year,
            expected: year,
            hint: given === undefined ? ('pick-year' satisfies keyof ParamWords['yearHint']) : '',
          },
        ),
      );
    }
  }
  return year;
}

/** Two files for one branch: an error on each, naming the other. */
export function checkDuplicates(returns: ReturnResult[]): void {
  const byCode = new Map<string, ReturnResult[]>();
  for (const r of returns) if (r.org && r.kind !== 'summary' && r.cutOffCopyOf === undefined) byCode.set(r.org.code, [...(byCode.get(r.org.code) ?? []), r]);
  for (const [code, rs] of byCode) {
    if (rs.length < 2) continue;
    // The same bytes twice (a copy in another folder, a forwarded mail) are one return, not two versions.
    if (new Set(rs.map((r) => r.sha256)).size === 1) {
      for (const r of rs.slice(1))
        r.findings.unshift(
          finding('duplicate-copy', { file: r.file, sheet: null, cell: null, indicator: null }, { code, name: r.org!.name, other: rs[0]!.file }),
        );
      continue;
    }
    for (const r of rs) {
      const others = rs.filter((o) => o !== r).map((o) => o.file);
      const other = others.length > 0 ? others.join('、') : r.file;
      r.findings.unshift(finding('duplicate-org', { file: r.file, sheet: null, cell: null, indicator: null }, { code, name: r.org!.name, other }));
    }
  }
}
