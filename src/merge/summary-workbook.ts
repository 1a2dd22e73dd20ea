import { EventEmitter, once } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { INDICATORS, SURVEY, levelWord, indicatorOf, FORM_LAYOUT, TEMPLATE_VERSION, itemRow } from '../catalogue.js';
import type { Finding, ReturnFigures } from '../core/finding.js';
import type { MergePlan, SourceNote } from '../core/merge-plan.js';
import type { SummaryNode } from '../core/rollup.js';
import {
  BRANCH_STATUSES,
  stateByCode,
  statusCounts,
  type BranchState,
  type CollectionStatus,
  type StatusCounts,
  type UnattributedFile,
} from '../core/status.js';
import { MAX_REASONS, findingText, joinReasons, sourceNoteText, type Lang } from '../messages.js';
import { STATUS_WORDS } from '../lang/status-words.js';
import { identityRows } from '../identity.js';
import type { Org, Registry } from '../registry/types.js';
import { addAnnexSheet, addIdentitySheet } from '../issued-form/annex-sheet.js';
import type { ExcelJSModule } from '../issued-form/form.js';
import {
  DETAIL_FIXED_COLUMNS,
  DETAIL_HEADER_ROW,
  DETAIL_SHEET,
  detailValueColumns,
  SOURCES_SHEET,
  STATUS_DATA_COLUMNS,
  STATUS_DATA_SHEET,
  STATUS_SHEET,
  TOTAL_ROW_CODE,
} from '../core/summary-layout.js';
import { capCell, fileNamePart } from '../text-safety.js';
import { word } from '../words.js';

/** Text from inputs (names, file names, reasons) cut to Excel's per-cell limit. */
const capRow = (values: unknown[]): never => values.map(capCell) as never;

export interface DetailRow {
  code: string;
  figures: ReturnFigures;
  file: string;
}

export interface SourceRow {
  file: string;
  sha256: string;
  code: string | null;
  used: boolean;
  note: SourceNote;
}

/** Everything one summary workbook is written from: plain data, so it can be written on a reader (summary-task.ts). */
export interface SummaryWorkbookSpec {
  node: SummaryNode;
  /** The node and every branch of its subtree, by code. */
  orgs: ReadonlyMap<string, Org>;
  year: number;
  baselineYear: number;
  details: DetailRow[];
  sources: SourceRow[];
  /** The status of every branch of the node's subtree, tree order. */
  branches: BranchState[];
  counts: StatusCounts;
  /** Files tied to no branch (listed on the run's root summary only). */
  unattributed: UnattributedFile[];
  lang: Lang;
  /** --sign-key: the summary's identity is signed too, so a merge with the key can read it back. */
  signKey?: Uint8Array | null;
}

/** The words of the 报送情况 and 来源 sheets, in the run's language. */
const SHEET_WORDS = {
  zh: {
    statusTitle: (name: string, year: number) => `${name} ${year} 年报送情况`,
    expected: '应报单位',
    complete: '是否报齐',
    yes: '是',
    no: '否',
    statusHead: ['代码', '名称', '级别', '状态', '文件', '原因 / 说明'],
    unattributed: '无法确定单位的文件（未计入任何单位）',
    unknownBranch: '（无法识别单位）',
    notUsed: '未采用',
    sourcesHead: ['文件', 'SHA-256', '单位代码', '是否采用', '说明'],
  },
  en: {
    statusTitle: (name: string, year: number) => `${name}: who has reported, ${year}`,
    expected: 'Branches expected',
    complete: 'Complete',
    yes: 'yes',
    no: 'no',
    statusHead: ['Code', 'Name', 'Level', 'Status', 'Files', 'Reasons / notes'],
    unattributed: 'Files tied to no branch (not counted against any)',
    unknownBranch: '(branch not recognised)',
    notUsed: 'not used',
    sourcesHead: ['File', 'SHA-256', 'Branch code', 'Used', 'Note'],
  },
} as const;

export function summaryFileName(year: number, node: Pick<SummaryNode, 'code' | 'name'>): string {
  return fileNamePart(`${year}_${node.code}_`, node.name, '_汇总.xlsx');
}

const bold = { name: '宋体', bold: true, size: 11 };
const body = { name: '宋体', size: 10 };
const wrap = { wrapText: true, vertical: 'top' as const };
const wrapped: Partial<ExcelJS.Style> = Object.freeze({ alignment: wrap });
const wrappedBody: Partial<ExcelJS.Style> = Object.freeze({ alignment: wrap, font: body });
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
/**
 * How every wide sheet prints: A4 landscape, one page wide however many pages long (fitToHeight 0), so no column
 * ever prints on a page of its own. The header rows are repeated on every page (printTitlesRow, per sheet).
 */
const ONE_PAGE_WIDE = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: PRINT_MARGINS } as const;
/** A sheet's title: merged across the columns printed, tall enough for its type, so it is never cut at a column. */
function titleRow(ws: ExcelJS.Worksheet, text: string, lastColumn: number): void {
  ws.mergeCells(1, 1, 1, lastColumn);
  const title = ws.getCell(1, 1);
  title.value = capCell(text);
  title.font = { ...bold, size: 13 };
  title.alignment = { vertical: 'middle', horizontal: 'left' };
  ws.getRow(1).height = 24;
}
/** Thousands separators everywhere; hours with one decimal. */
const numFmtOf = (key: string): string => (indicatorOf(key).kind === 'hours' ? '#,##0.0' : '#,##0');

// exceljs's writer recognises a style it has seen by the style object itself, and otherwise renders the cell's
// style to XML to compare it with the ones it has — for every cell. Setting a font or format on a row or cell
// gives each cell an object of its own, which made styles half the time spent writing a large summary. So the
// rows repeated per branch share one frozen style object per kind; exceljs writes the same styles either way.
// Figures sit at the top of their cell, level with the first line of a wrapped name beside them.
const TOP_ALIGNED = Object.freeze({ vertical: 'top' as const });
const COUNT_FORMAT: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '#,##0', alignment: TOP_ALIGNED });
/** For cells of text with no style of their own (a new cell gets an empty style object of its own). */
const PLAIN_TEXT: Partial<ExcelJS.Style> = Object.freeze({});
const HOURS_FORMAT: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '#,##0.0', alignment: TOP_ALIGNED });
const formatStyleOf = (key: string): Partial<ExcelJS.Style> => (numFmtOf(key) === HOURS_FORMAT.numFmt ? HOURS_FORMAT : COUNT_FORMAT);

/** Give a row and each of its cells one shared style (as `row.alignment = …; row.font = …` would, object by object). */
function shareRowStyle(row: ExcelJS.Row, style: Partial<ExcelJS.Style>): void {
  (row as ExcelJS.Row & { style: Partial<ExcelJS.Style> }).style = style; // a plain field exceljs's typings leave out
  row.eachCell({ includeEmpty: true }, (cell) => (cell.style = style));
}

/**
 * The height a row of wrapped texts needs: LibreOffice does not grow rows for wrapped text in a workbook it opens,
 * so long reasons would print over each other. A CJK character takes about two column units, others one.
 */
export function wrappedHeight(texts: readonly string[], widths: readonly number[], lineHeight = 13.5): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const width = Math.max(1, (widths[i] ?? 10) - 1);
    const n = t.split('\n').reduce((acc, part) => acc + Math.max(1, Math.ceil(displayWidth(part) / width)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, lines * lineHeight + 3);
}

/** Column units a line of text takes: 2 for a CJK (or other wide, BMP) character, 1.1 for any other. */
function displayWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x2e80 && cp <= 0xffff ? 2 : 1.1;
  }
  return w;
}

/** Branch names for a sentence: the first eight, then how many more. */
export function namesOf(codes: readonly string[], orgs: ReadonlyMap<string, Org>, lang: Lang): string {
  const names = codes.slice(0, 8).map((c) => `${c} ${orgs.get(c)?.name ?? ''}`);
  const more = codes.length > 8 ? word('moreNames', lang)(codes.length, codes.length - 8) : '';
  return names.join(word('listSep', lang)) + more;
}

/** Why a branch has its status, as one text for a cell: each finding with its cell, joined without doubled stops. */
export function reasonsText(findings: readonly Finding[], lang: Lang): string {
  const shown = findings.slice(0, MAX_REASONS).map((f) => findingText(f, lang));
  if (findings.length > MAX_REASONS) shown.push(word('moreFindings', lang)(findings.length - MAX_REASONS));
  return joinReasons(shown, lang);
}

/** The node and every branch of its subtree, by code: all a summary workbook looks up. */
function subtreeOrgs(registry: Registry, node: SummaryNode): Map<string, Org> {
  const codes = [node.code, ...node.expected, ...node.parts, ...node.withoutBaseline];
  return new Map(codes.map((c) => [c, registry.byCode.get(c)!]));
}

/** What a merge knows that its summary workbooks are written from. */
export interface SummaryRun {
  registry: Registry;
  plan: MergePlan;
  status: CollectionStatus;
  year: number;
  baselineYear: number;
  /** The run's root: files tied to no branch are listed on its summary. */
  scope: string;
  lang: Lang;
  signKey: Uint8Array | null;
}

/** One node's summary workbook as plain data: its subtree's branches, files and statuses. */
export function summarySpecOf(node: SummaryNode, run: SummaryRun): SummaryWorkbookSpec {
  const { registry, plan, status } = run;
  const members = new Set(node.expected);
  return {
    node,
    orgs: subtreeOrgs(registry, node),
    year: run.year,
    baselineYear: run.baselineYear,
    details: node.parts.map((code) => ({ code, figures: plan.contributions.get(code)!.figures, file: plan.contributions.get(code)!.file })),
    sources: plan.sources.filter((s) => (s.code !== null && members.has(s.code)) || (s.code === null && node.code === run.scope)),
    branches: node.expected.flatMap((code) => stateByCode(status).get(code) ?? []),
    counts: statusCounts(status, registry, node.code),
    unattributed: node.code === run.scope ? status.unattributed : [],
    lang: run.lang,
    signKey: run.signKey,
  };
}

/** Findings per branch carried up in the hidden status sheet: enough to say why, small enough for one cell. */
const MAX_CARRIED_FINDINGS = 20;

/**
 * Write one summary workbook to `path`. It goes through exceljs's streaming writer, sheet by sheet and row by row,
 * so a national summary with one 明细 row per branch never sits whole in memory. (Its known loss — style and
 * unlocking on empty cells — does not matter here: a summary has no input cells.)
 */
export async function writeSummaryWorkbook(ExcelJSLib: ExcelJSModule, spec: SummaryWorkbookSpec, path: string): Promise<void> {
  const org = spec.orgs.get(spec.node.code)!;
  // Inline strings: a shared-string table would hold every file name and branch name of a national summary in memory.
  const wb = new ExcelJSLib.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'rc-org';
  await writeAnnexSheets(wb, spec, org);
  await writeDetailSheet(wb, spec, org);
  await writeStatusSheet(wb, spec, org);
  await writeSourcesSheet(wb, spec);
  await writeStatusDataSheet(wb, spec);
  await writeIdentitySheet(wb, spec, org);
  await wb.commit();
}

type SummaryWriter = InstanceType<ExcelJSModule['stream']['xlsx']['WorkbookWriter']>;

/**
 * exceljs's streaming writer hands every committed row on at once: its sheet stream writes into the zip's input
 * (an archiver PassThrough) whatever that says about backpressure, and the compressor behind it only runs when the
 * event loop gets a turn. Writing 30,000 branches, ~30 MB of a sheet's XML waited there, and malloc's heap grew to
 * hold it. So every ROWS_PER_TURN rows the event loop gets a turn, and while more than MAX_BACKLOG bytes of the sheet
 * wait, the rows wait too: for the zip to take the sheet up (it compresses its entries one at a time, and every one
 * before this sheet has ended), then for what is queued to be taken. A zip that stops moving (its error comes out of
 * commit) is waited for no longer than WAIT_LIMIT_MS; the rows then go on as exceljs would have them.
 */
const ROWS_PER_TURN = 200;
const MAX_BACKLOG = 1 << 20;
const WAIT_LIMIT_MS = 1000;
async function keepUp(ws: ExcelJS.Worksheet, i: number): Promise<void> {
  if (i % ROWS_PER_TURN !== ROWS_PER_TURN - 1) return;
  await setImmediate();
  const zipInput = zipInputOf(ws);
  while (zipInput && (zipInput._writableState?.length ?? 0) > MAX_BACKLOG) {
    const next = zipInput._readableState?.flowing == null ? 'resume' : 'drain';
    const moved = await once(zipInput, next, { signal: AbortSignal.timeout(WAIT_LIMIT_MS) }).then(
      () => true,
      () => false,
    );
    if (!moved) return;
  }
}

/** The stream (archiver's) that a sheet's XML is written into. */
interface ZipInput extends EventEmitter {
  _writableState?: { length: number };
  _readableState?: { flowing: boolean | null };
}
/** exceljs internals (WorksheetWriter._stream, StreamBuf.pipes), read defensively: unseen, the rows simply do not wait. */
function zipInputOf(ws: ExcelJS.Worksheet): ZipInput | undefined {
  const stream = (ws as unknown as { _stream?: { pipes?: unknown } })._stream;
  const first = Array.isArray(stream?.pipes) ? (stream.pipes[0] as unknown) : undefined;
  return first instanceof EventEmitter ? (first as ZipInput) : undefined;
}

/** A sheet done: locked (a summary has no input cells) and flushed to the file. */
async function finish(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  ws.commit();
}

/** 附件1 and 附件2 in the form's layout, with the node's totals, headed by whose summary it is and on what basis. */
async function writeAnnexSheets(wb: SummaryWriter, spec: SummaryWorkbookSpec, org: Org): Promise<void> {
  const { node, orgs } = spec;
  // Two lines (who, then year and basis): on one line the 附件2 heading runs past column E and is cut off in print.
  const without = namesOf(node.withoutBaseline, orgs, spec.lang);
  const scope = word('summaryScope', spec.lang)({ org, expected: node.expected.length, summed: node.parts.length, complete: node.complete, year: spec.year });
  // Nothing received: the figures stay empty (never 0s) and the heading says why, in place of how increases were made.
  const received = node.parts.length > 0;
  const basis = !received
    ? word('summaryNoReturns', spec.lang)
    : word(
        'summaryBasis',
        spec.lang,
      )({
        basis: node.incrementBasis,
        baselineYear: spec.baselineYear,
        count: node.withoutBaseline.length,
        names: without,
      });
  const headingOf = (annex: 'annex1' | 'annex2'): string => (annex === 'annex2' || !received ? `${scope}    ${basis}` : scope);
  const sheets = (['annex1', 'annex2'] as const).map((annex) =>
    addAnnexSheet(wb, {
      annex,
      heading: headingOf(annex),
      baselineYear: spec.baselineYear,
      applies: (ind) => node.applicable[ind.key] ?? false,
      mode: 'values',
      values: node[annex],
    }),
  );
  const unitLetter = FORM_LAYOUT.columns.find((c) => c.key === 'unit')!.letter;
  for (const [i, ws] of sheets.entries()) {
    // Summed, the yes/no rows 1–7 count branches: their unit is the count's (个), not the form's "是=1 否=0".
    for (const ind of INDICATORS) if (ind.kind === 'flag') ws.getCell(`${unitLetter}${itemRow(ind.no)}`).value = ind.unit;
    const heading = ws.getCell(`A${FORM_LAYOUT.rows.branch}`);
    heading.alignment = { ...heading.alignment, wrapText: true };
    // Tall enough for every line (a long list of branches without a baseline wraps to more than two): never cut.
    ws.getRow(FORM_LAYOUT.rows.branch).height = Math.max(34, wrappedHeight([headingOf(i === 0 ? 'annex1' : 'annex2')], [headingWidth()], 15));
    await finish(ws);
  }
}

/** The width of the annex sheets' merged heading (columns A–E). */
const headingWidth = (): number => FORM_LAYOUT.columns.reduce((w, c) => w + c.width, 0);

/** 明细: each branch's own figures, one row per branch, then the node's totals. */
async function writeDetailSheet(wb: SummaryWriter, spec: SummaryWorkbookSpec, org: Org): Promise<void> {
  const { node, orgs } = spec;
  const fixed = DETAIL_FIXED_COLUMNS.length;
  const lastColumn = fixed + detailValueColumns().length;
  // 33 columns on one A4 page wide: names and file names wrapped in narrow columns, each figure column just wide
  // enough for its widest figure, the header rows repeated on every page down.
  const detail = wb.addWorksheet(DETAIL_SHEET, {
    pageSetup: { ...ONE_PAGE_WIDE, margins: DETAIL_MARGINS, printTitlesRow: `${DETAIL_HEADER_ROW - 1}:${DETAIL_HEADER_ROW}` },
    views: [{ state: 'frozen', xSplit: 2, ySplit: DETAIL_HEADER_ROW }],
  });
  const fixedWidths: number[] = DETAIL_FIXED_COLUMNS.map((c) => c.width);
  const fixedHeaders = word('detailFixedHeaders', spec.lang)(DETAIL_FIXED_COLUMNS.map((c) => c.header));
  // The level column as wide as its widest word ("county", "特殊单位"): a word is never broken across lines.
  const levelWords = [fixedHeaders[LEVEL_COLUMN]!, ...new Set(spec.details.map((d) => levelWord(orgs.get(d.code)!.level, spec.lang)))];
  fixedWidths[LEVEL_COLUMN] = Math.max(fixedWidths[LEVEL_COLUMN]!, Math.ceil(Math.max(...levelWords.map(displayWidth))) + 1);
  const valueWidths = figureColumnWidths(spec);
  [...fixedWidths, ...valueWidths].forEach((width, i) => (detail.getColumn(i + 1).width = width));
  titleRow(detail, word('detailTitle', spec.lang)(org, spec.year), lastColumn);
  // The 附件1-N headers are read back by rc-org: they stay as they are in every language.
  const headers = [...fixedHeaders, ...detailValueColumns().map((c) => c.header)];
  detailValueColumns().forEach((c, i) => {
    const cell = detail.getCell(DETAIL_HEADER_ROW - 1, fixed + i + 1);
    cell.value = c.label;
    cell.font = body;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  detail.getRow(DETAIL_HEADER_ROW - 1).height = wrappedHeight(
    detailValueColumns().map((c) => c.label),
    valueWidths,
  );
  headers.forEach((h, i) => {
    const cell = detail.getCell(DETAIL_HEADER_ROW, i + 1);
    cell.value = h;
    // In smaller, regular type "附件1-1" stays on one line in a figure column of MIN_FIGURE_WIDTH.
    cell.font = i < fixed ? bold : { ...body, size: 9 };
    cell.border = border;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  detail.getRow(DETAIL_HEADER_ROW).height = wrappedHeight(headers, [...fixedWidths, ...valueWidths], 15);
  let r = DETAIL_HEADER_ROW + 1;
  for (const [i, d] of spec.details.entries()) {
    await keepUp(detail, i);
    const o = orgs.get(d.code)!;
    const values = detailValueColumns().map((c) => d.figures[c.annex][c.key]);
    const row = detail.getRow(r);
    const texts = [o.code, o.name, levelWord(o.level, spec.lang), o.parent ?? '', d.file];
    row.values = capRow([...texts, ...values.map((v) => (v === null ? null : v))]);
    DETAIL_FIXED_COLUMNS.forEach((_, i) => (row.getCell(i + 1).style = wrapped));
    detailValueColumns().forEach((c, i) => (row.getCell(fixed + i + 1).style = formatStyleOf(c.key)));
    const height = wrappedHeight(texts, fixedWidths, DETAIL_LINE);
    if (height > DETAIL_LINE + 3) row.height = height; // one line: the sheet's default height
    row.commit();
    r++;
  }
  // The totals; none at all (empty cells, and why) when no branch of the node sent a usable return.
  const totals = detail.getRow(r);
  const noReturns = node.parts.length === 0 ? word('summaryNoReturns', spec.lang) : '';
  totals.values = [TOTAL_ROW_CODE, '', '', '', noReturns, ...detailValueColumns().map((c) => node[c.annex][c.key])];
  totals.font = bold;
  detailValueColumns().forEach((c, i) => (totals.getCell(fixed + i + 1).numFmt = numFmtOf(c.key)));
  await finish(detail);
}

/** Where 级别 sits among 明细's fixed columns. */
const LEVEL_COLUMN = DETAIL_FIXED_COLUMNS.findIndex((c) => c.header === '级别');
/** 明细 has more columns than any other sheet: narrower margins leave them more of the page. */
const DETAIL_MARGINS = { ...PRINT_MARGINS, left: 0.25, right: 0.25 };
/** A line of 明细's rows, in the sheet's default type (11 pt). */
const DETAIL_LINE = 15;
/** The narrowest figure column: its label (row 2) wraps in it. */
const MIN_FIGURE_WIDTH = 6;

/** Each figure column of 明细 as wide as the widest figure it shows (the branches' and the total), formatted. */
function figureColumnWidths(spec: SummaryWorkbookSpec): number[] {
  return detailValueColumns().map((c) => {
    const hours = indicatorOf(c.key).kind === 'hours';
    let widest = shownLength(spec.node[c.annex][c.key] ?? null, hours);
    for (const d of spec.details) widest = Math.max(widest, shownLength(d.figures[c.annex][c.key] ?? null, hours));
    return Math.max(MIN_FIGURE_WIDTH, widest + 2);
  });
}

/** Characters a figure takes as '#,##0' (hours '#,##0.0'): digits, thousands separators, sign, decimals. */
export function shownLength(v: number | null, hours: boolean): number {
  if (v === null) return 0;
  const whole = Math.trunc(Math.abs(hours ? Math.round(v * 10) / 10 : Math.round(v)));
  const digits = String(whole).length;
  return digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0) + (hours ? 2 : 0);
}

/** 报送情况: who has reported, each branch's status and why, and the files tied to no branch. */
async function writeStatusSheet(wb: SummaryWriter, spec: SummaryWorkbookSpec, org: Org): Promise<void> {
  const { node, orgs } = spec;
  const words = SHEET_WORDS[spec.lang];
  const statusWords = STATUS_WORDS[spec.lang];
  // Landscape, one page wide (its columns fit at full size), the header row repeated on every page, long texts wrapped.
  const status = wb.addWorksheet(STATUS_SHEET, { pageSetup: { ...ONE_PAGE_WIDE, printTitlesRow: '' } });
  const statusWidths = [9, 23, 7, 13, 34, 44];
  status.columns = statusWidths.map((width) => ({ width }));
  const counts: [string, number | string][] = [
    [words.expected, spec.counts.expected],
    ...BRANCH_STATUSES.map((k): [string, number] => [statusWords[k], spec.counts[k]]),
    [words.complete, node.complete ? words.yes : words.no],
  ];
  titleRow(status, words.statusTitle(org.fullName, spec.year), statusWidths.length);
  counts.forEach(([k, v], i) => {
    status.getCell(i + 2, 1).value = k;
    status.getCell(i + 2, 4).value = v;
    status.mergeCells(i + 2, 1, i + 2, 3);
  });
  const top = counts.length + 3;
  status.pageSetup.printTitlesRow = `${top}:${top}`;
  status.getRow(top).values = [...words.statusHead];
  status.getRow(top).font = bold;
  status.getRow(top).eachCell((c) => {
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  status.getRow(top).commit();
  for (const [i, b] of spec.branches.entries()) {
    await keepUp(status, i);
    const o = orgs.get(b.code)!;
    const row = status.getRow(top + 1 + i);
    const cells = [o.code, o.name, levelWord(o.level, spec.lang), statusWords[b.status], b.files.join('\n'), reasonsText(b.findings, spec.lang)];
    row.values = capRow(cells);
    shareRowStyle(row, wrappedBody);
    row.height = wrappedHeight(cells, statusWidths);
    row.commit();
  }
  if (spec.unattributed.length > 0) writeUnattributedRows(status, spec, top + 2 + spec.branches.length, statusWidths);
  await finish(status);
}

/** Under the branches on 报送情况: the files tied to no branch, counted against none. */
function writeUnattributedRows(status: ExcelJS.Worksheet, spec: SummaryWorkbookSpec, strayTop: number, statusWidths: readonly number[]): void {
  const words = SHEET_WORDS[spec.lang];
  status.getCell(strayTop, 1).value = words.unattributed;
  status.getCell(strayTop, 1).font = bold;
  spec.unattributed.forEach((u, i) => {
    const row = status.getRow(strayTop + 1 + i);
    const cells = ['—', words.unknownBranch, '', words.notUsed, u.file, reasonsText(u.findings, spec.lang)];
    row.values = capRow(cells);
    row.height = wrappedHeight(cells, statusWidths);
    row.alignment = wrap;
    row.font = body;
    row.commit();
  });
}

/** 来源: every file read, its checksum, its branch and whether it was used. */
async function writeSourcesSheet(wb: SummaryWriter, spec: SummaryWorkbookSpec): Promise<void> {
  const words = SHEET_WORDS[spec.lang];
  const sources = wb.addWorksheet(SOURCES_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: PRINT_MARGINS },
  });
  const sourceWidths = [40, 36, 10, 8, 50];
  sources.columns = sourceWidths.map((width) => ({ width }));
  sources.getRow(1).values = [...words.sourcesHead];
  sources.getRow(1).font = bold;
  for (const [i, s] of spec.sources.entries()) {
    await keepUp(sources, i);
    const row = sources.getRow(i + 2);
    const cells = [s.file, s.sha256, s.code ?? '—', s.used ? words.yes : words.no, sourceNoteText(s.note, spec.lang)];
    row.values = capRow(cells);
    shareRowStyle(row, wrapped);
    row.height = wrappedHeight(cells, sourceWidths);
    row.commit();
  }
  await finish(sources);
}

async function writeStatusDataSheet(wb: SummaryWriter, spec: SummaryWorkbookSpec): Promise<void> {
  // Read back by rc-org when this summary is merged upstream: each branch's status, files and findings travel up.
  const data = wb.addWorksheet(STATUS_DATA_SHEET, { state: 'veryHidden' });
  data.getRow(1).values = [...STATUS_DATA_COLUMNS];
  for (const [i, b] of spec.branches.entries()) {
    await keepUp(data, i);
    const row = data.getRow(i + 2);
    row.values = [b.code, b.status, JSON.stringify(b.files), JSON.stringify(b.findings.slice(0, MAX_CARRIED_FINDINGS))];
    row.eachCell((cell) => (cell.style = PLAIN_TEXT));
    row.commit();
  }
  await finish(data);
}

/** The hidden identity sheet: this is a summary, of which branch and year (signed with --sign-key). */
async function writeIdentitySheet(wb: SummaryWriter, spec: SummaryWorkbookSpec, org: Org): Promise<void> {
  const idSheet = addIdentitySheet(
    wb,
    identityRows(
      {
        format: 'rc-org/1',
        kind: 'summary',
        code: org.code,
        name: org.name,
        level: org.level,
        parent: org.parent ?? '',
        year: spec.year,
        baselineYear: spec.baselineYear,
        templateVersion: TEMPLATE_VERSION,
        survey: SURVEY.survey.id,
      },
      spec.signKey,
    ),
  );
  await finish(idSheet);
}
