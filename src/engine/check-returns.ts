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
import type { FileProblem, ReadResult } from '../read/types.js';
import { branchFromFileName, exportOrg, formExportCode, recogniseCsv, recogniseOwnOutput, recogniseOwnWorkbook } from '../core/recognise.js';
import { decodeText } from '../io/text.js';
import { subtree } from '../registry/build.js';
import type { Registry } from '../registry/types.js';

// The one reading-and-checking pipeline behind validate, merge and feedback, in four steps that each hand the next
// a value: discover (which files) → read (in workers, one file at a time) → check (each file reduced to its findings
// and figures as soon as it is read) → status (the batch-wide checks: scope, year, attribution, duplicates). The
// commands compose them (checkPaths is that composition, for a command that needs nothing in between).

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

// ── discover ─────────────────────────────────────────────────────────────────

/** The inputs found: the files to read, those refused unread (not regular files), and what was said on the way. */
export interface FoundInputs {
  /** Files to read, sorted, as shown to the user. */
  files: string[];
  /** Paths named like a form that are not regular files: each fails alone. */
  refused: { file: string; code: MessageCode; params: Params }[];
  notices: RunNotice[];
}

/** Step 1: the files the paths name (a folder's forms, a pattern's matches), and the notices about those passed over. */
export async function discoverInputs(opts: Pick<CheckOptions, 'paths' | 'cwd' | 'outputDir'>): Promise<FoundInputs> {
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
  return { files: found.files, refused: found.problems, notices };
}

// ── read ─────────────────────────────────────────────────────────────────────

type Converted = 'xls' | 'ods' | 'xlsx';

/** One file as the read step hands it on: its bytes or sheets, or why it could not be read. */
export type ReadInput =
  /** Refused when found (not a regular file): never opened. */
  | { kind: 'refused'; file: string; problem: FileProblem }
  | { kind: 'csv'; file: string; read: { bytes: Buffer } | { problem: FileProblem } }
  /** A workbook as a reader read it; `converted` when it was read from LibreOffice's copy (the hash is the original's). */
  | { kind: 'workbook'; file: string; read: ReadResult; converted: Converted | null }
  /** A file only LibreOffice could open, not converted: how the reader failed on it, if it was tried. */
  | { kind: 'unconverted'; file: string; abs: string; readFailure: { sha256: string; problem: FileProblem } | null; haveSoffice: boolean };

/** Workbook reads as they come back from the readers' callbacks, handed on one at a time. */
class Arrivals<T> {
  private readonly queue: T[] = [];
  private wake: (() => void) | null = null;
  private done = false;
  private failure: unknown = null;
  push(item: T): void {
    this.queue.push(item);
    this.wake?.();
  }
  end(error?: unknown): void {
    this.done = true;
    this.failure = error ?? null;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      while (this.queue.length > 0) yield this.queue.shift()!;
      if (this.failure) throw this.failure as Error; // the readers' own error, as readWorkbooks rejects with it
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

/** The workbooks at `abs` read by the readers, each handed on as soon as it is read (nothing waits for the batch). */
async function* readByReaders(abs: readonly string[], opts: PoolOptions): AsyncGenerator<[string, ReadResult]> {
  const arrivals = new Arrivals<[string, ReadResult]>();
  const reading = readWorkbooks(abs, (path, read) => arrivals.push([path, read]), opts).then(
    () => arrivals.end(),
    (e: unknown) => arrivals.end(e),
  );
  yield* arrivals;
  await reading;
}

/**
 * Step 2: read every file found — CSVs here, workbooks in the readers, .xls/.ods and what the readers fail on by
 * LibreOffice afterwards (one call) — and hand each on as it is read. Nothing is kept once handed on but the
 * failures that LibreOffice may still open.
 */
export async function* readInputs(found: FoundInputs, opts: Pick<CheckOptions, 'cwd' | 'soffice'> & PoolOptions): AsyncGenerator<ReadInput> {
  for (const p of found.refused) yield { kind: 'refused', file: p.file, problem: { code: p.code, params: p.params } };
  for (const file of found.files.filter(isCsv)) yield { kind: 'csv', file, read: readInputFile(resolve(opts.cwd, file)) };

  const toConvert: string[] = found.files.filter((f) => CONVERTED_EXTENSIONS.has(extname(f).toLowerCase()));
  const failed = new Map<string, { sha256: string; problem: FileProblem }>();
  const workbooks = found.files.filter((f) => !isCsv(f) && !toConvert.includes(f));
  const absToShown = new Map(workbooks.map((f) => [resolve(opts.cwd, f), f]));
  for await (const [abs, read] of readByReaders([...absToShown.keys()], opts)) {
    const file = absToShown.get(abs)!;
    // What exceljs fails on that LibreOffice may still open waits for the conversion.
    if ((read.problem || !read.workbook) && CONVERTIBLE_PROBLEMS.has(read.problem?.code ?? 'file-unreadable')) {
      failed.set(file, { sha256: read.sha256, problem: read.problem ?? { code: 'file-unreadable', params: {} } });
      toConvert.push(file);
    } else yield { kind: 'workbook', file, read, converted: null };
  }
  if (toConvert.length === 0) return;

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
      else yield { kind: 'unconverted', file, abs: resolve(opts.cwd, file), readFailure: failed.get(file) ?? null, haveSoffice: soffice !== null };
    }
    // The copies are read like any workbook; the hash stays the original file's (the original is read once, here).
    // An .xls behind an .xlsx name is said to be an .xls.
    const kindOf = (file: string): Converted => (failed.get(file)?.problem.code === 'file-old-format' ? 'xls' : conversionKind(file));
    for await (const [copy, read] of readByReaders([...copyToShown.keys()], opts)) {
      const file = copyToShown.get(copy)!;
      yield { kind: 'workbook', file, read: { ...read, sha256: failed.get(file)?.sha256 || hashOf(resolve(opts.cwd, file)) }, converted: kindOf(file) };
    }
  } finally {
    await conversion?.dispose();
  }
}

// ── check ────────────────────────────────────────────────────────────────────

export interface CheckContext {
  registry: Registry;
  baseline: ReadonlyMap<string, Figures> | null;
  baselineYear: number;
  signKey: Uint8Array | null;
  /** Keep each return's figures once checked (default: kept). */
  keepFigures?: boolean;
}

/** Every file checked: its results by file (a CSV may hold many branches), and what was said on the way. */
export interface CheckedInputs {
  byFile: Map<string, ReturnResult[]>;
  notices: RunNotice[];
}

/** Step 3: each file as it is read, reduced at once to its findings (and figures, when kept). */
export async function checkInputs(
  reads: AsyncIterable<ReadInput>,
  ctx: CheckContext,
  progress?: { total: number; onProgress?: CheckOptions['onProgress'] },
): Promise<CheckedInputs> {
  const byFile = new Map<string, ReturnResult[]>();
  const notices: RunNotice[] = [];
  let done = 0;
  for await (const input of reads) {
    const checked = await checkInput(input, ctx);
    if ('notice' in checked) notices.push(checked.notice);
    else
      byFile.set(
        input.file,
        checked.results.map((r) => settle(r, ctx)),
      );
    // A file refused when found was never counted among those to read.
    if (input.kind !== 'refused') progress?.onProgress?.(++done, progress.total, input.file);
  }
  return { byFile, notices };
}

const where = (file: string) => ({ file, sheet: null, cell: null, indicator: null });

/** Once a file is checked: the baseline gap is said, and the figures go unless kept. */
function settle(result: ReturnResult, ctx: CheckContext): ReturnResult {
  if (ctx.baseline && result.org && result.figures && result.kind !== 'summary' && !ctx.baseline.has(result.org.code)) {
    result.findings.push(finding('baseline-missing', where(result.file), { code: result.org.code, name: result.org.name }));
  }
  if (ctx.keepFigures === false) result.figures = null;
  return result;
}

/** One file checked: its results, or a notice when it is no return at all (one of rc-org's own outputs, a baseline). */
type FileChecked = { results: ReturnResult[] } | { notice: RunNotice };

async function checkInput(input: ReadInput, ctx: CheckContext): Promise<FileChecked> {
  switch (input.kind) {
    case 'refused':
      return { results: [failedFile(input.file, '', isCsv(input.file) ? 'csv' : 'form', input.problem.code, input.problem.params)] };
    case 'csv':
      return checkCsvInput(input.file, input.read, ctx);
    case 'unconverted':
      return { results: [await notConverted(input.file, input.abs, input.readFailure, input.haveSoffice, ctx.registry)] };
    case 'workbook': {
      const { file, read, converted } = input;
      if (read.problem || !read.workbook) {
        return { results: [failedFile(file, read.sha256, 'form', read.problem?.code ?? 'file-unreadable', read.problem?.params ?? {})] };
      }
      const own = recogniseOwnWorkbook(read.workbook);
      if (own?.kind === 'own-output') return { notice: ownOutputNotice(file, own.what) };
      const results = checkedAlone(file, read.sha256, 'form', () => [checkWorkbook(file, read.sha256, read.workbook!, ctx)]);
      if (converted && results[0]!.findings[0]?.code !== 'file-check-failed') results[0]!.findings.unshift(finding(CONVERTED_NOTICE[converted], where(file)));
      return { results };
    }
  }
}

/** A file that failed before it could be checked: one file-level finding. */
function failedFile(file: string, sha256: string, kind: ReturnResult['kind'], code: MessageCode, params: Params): ReturnResult {
  return { file, sha256, kind, org: null, year: null, figures: null, findings: [finding(code, where(file), params)] };
}

/** The SHA-256 of a file as it is now ('' when it cannot be read: the finding on it already says why). */
function hashOf(abs: string): string {
  const read = readInputFile(abs);
  return 'bytes' in read ? createHash('sha256').update(read.bytes).digest('hex') : '';
}

/**
 * Decode, parse and check one CSV return; whatever the file holds, it ends as findings on it. rc-org's own long
 * table and a baseline file are recognised and set aside with a notice; the form saved as CSV is said as such.
 */
function checkCsvInput(file: string, read: { bytes: Buffer } | { problem: FileProblem }, ctx: CheckContext): FileChecked {
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

// ── status ───────────────────────────────────────────────────────────────────

export interface StatusContext {
  registry: Registry;
  scope: string;
  cwd: string;
  year?: number;
  /** Whether a baseline was given (without one, increments are not checked: said as a notice). */
  hasBaseline: boolean;
  /** What the baseline's reading had to say (rows new or dropped against last year's summary). */
  baselineNotices?: readonly RunNotice[];
  baselineYear?: number;
}

/**
 * Step 4: the batch as a whole — returns in the order found, those outside the run's scope set aside, the run's
 * year, files tied to their branch by name, duplicates — into the run every command reports on.
 */
export function runStatus(found: FoundInputs, checked: CheckedInputs, ctx: StatusContext): CheckRun {
  const notices = [...found.notices, ...checked.notices];
  const { registry, scope } = ctx;
  const inScope = new Set(subtree(registry, scope).map((o) => o.code));
  const returns: ReturnResult[] = [];
  for (const r of [...found.files, ...found.refused.map((p) => p.file)].flatMap((f) => checked.byFile.get(f) ?? [])) {
    // A return for a branch outside --under CODE is neither counted nor checked further: it belongs to another run.
    if (r.org && registry.byCode.has(r.org.code) && !inScope.has(r.org.code)) {
      notices.push({
        code: 'outside-scope',
        params: { file: r.file, code: r.org.code, name: r.org.name, scope, scopeName: registry.byCode.get(scope)!.name },
        file: r.file,
      });
      continue;
    }
    returns.push(r);
  }

  const year = resolveYear(returns, ctx.year, notices);
  attributeByFileName(returns, registry, (code) => inScope.has(code), year, ctx.cwd);
  checkDuplicates(returns);
  if (!ctx.hasBaseline) notices.push({ code: 'increments-unchecked', params: {} });
  notices.push(...(ctx.baselineNotices ?? []));
  const baselineYear = ctx.baselineYear ?? mostCommon(returns.map((r) => r.baselineYear ?? null)) ?? DEFAULT_BASELINE_YEAR;
  return { returns, notices, year, baselineYear, scope };
}

/** The four steps, composed: the run over `opts.paths`. */
export async function checkPaths(opts: CheckOptions): Promise<CheckRun> {
  const found = await discoverInputs(opts);
  const ctx: CheckContext = {
    registry: opts.registry,
    baseline: opts.baseline ?? null,
    baselineYear: opts.baselineYear ?? DEFAULT_BASELINE_YEAR,
    signKey: opts.signKey ?? null,
    keepFigures: opts.keepFigures,
  };
  const checked = await checkInputs(readInputs(found, opts), ctx, { total: found.files.length, onProgress: opts.onProgress });
  return runStatus(found, checked, {
    registry: opts.registry,
    scope: opts.scope ?? opts.registry.root.code,
    cwd: opts.cwd,
    year: opts.year,
    hasBaseline: Boolean(opts.baseline),
    baselineYear: opts.baselineYear,
  });
}

/**
 * What makes a file unreadable as such — damaged, not a workbook, encrypted, refused as unsafe, beyond what a reader
 * can take. Such a file has no identity to read, so its name may say whose it is. Not here: what says nothing about
 * the file (no permission, vanished, not a regular file, rc-org's own fault), a CSV (one may hold many branches),
 * and any file that was read (no identity in a readable file keeps it unattributed).
 */
const UNREADABLE: ReadonlySet<string> = new Set<MessageCode>([
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
async function notConverted(
  file: string,
  abs: string,
  readFailure: { sha256: string; problem: FileProblem } | null,
  haveSoffice: boolean,
  registry: Registry,
): Promise<ReturnResult> {
  const where = { file, sheet: null, cell: null, indicator: null };
  const install = haveSoffice ? {} : INSTALL_LIBREOFFICE;
  if (readFailure) return failedFile(file, readFailure.sha256, 'form', readFailure.problem.code, { ...readFailure.problem.params, ...install });
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
