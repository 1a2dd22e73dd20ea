import { ANNEX_TITLES, type Indicator } from './catalogue.js';

// The form's sheet names in the words: the survey in force's (附件1, 附件2 for Jilin 2021).
const S1 = (): string => ANNEX_TITLES.annex1.label;
const S2 = (): string => ANNEX_TITLES.annex2.label;

// The words rc-org says around its messages — on the console, in the workbooks, lists and letters it writes — in
// Chinese and English, one entry per key. Code looks a word up for the run's language (`word(key, lang)`) and
// never branches on the language itself. Words a message parameter names are with the messages (PARAM_WORDS in
// src/messages.ts); the status words are in src/lang/status-words.ts; a few per-writer tables stay beside their writer
// (sheet words).

/** The languages rc-org speaks: Chinese by default, English on --lang en. */
export type Lang = 'zh' | 'en';

/** The same word in both languages: a text, a list, or a phrase made from figures. */
const both = <T>(zh: T, en: T): Readonly<Record<Lang, T>> => ({ zh, en });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const enDate = (y: number, m: number, d: number): string => `by ${d} ${MONTHS[m - 1]} ${y}`;

/** A branch as the console and the letters name it. */
interface Named {
  code: string;
  name: string;
  fullName: string;
}

/** What a summary workbook's heading says of its branch. */
interface SummaryScope {
  org: Named;
  expected: number;
  summed: number;
  complete: boolean;
  year: number;
}

/** How the 附件2 totals were made, with what that needs said. */
interface Basis {
  basis: 'baseline' | 'entered' | 'mixed';
  baselineYear: number;
  /** Branches without a baseline row, and their names as a list. */
  count: number;
  names: string;
}

/** An English count with its noun: "1 point", "2 points" (Chinese needs no plural: "1 处"). */
export const enCount = (n: number | string | null | undefined, one: string, many: string): string => `${String(n ?? '')} ${Number(n) === 1 ? one : many}`;

/** A cell where a branch's files differ, its annex as a label, each file's figure as shown. */
interface DifferenceWords {
  annex: string;
  no: number;
  /** The figure, or the 说明 note beside it. */
  column: 'value' | 'note';
  values: readonly { file: string; value: string | null }[];
}

/** What the clerk still has to do about her own office's return (the run's root never writes to itself). */
interface RootTodo {
  action: 'correct' | 'fresh-form' | 'resend-file' | 'choose-file' | 'resend-summary' | 'report';
  count: number;
  files: readonly string[];
  form: string;
  why: string;
}

/** Why a file cannot be opened, by finding code (a code not here needs no more than "cannot be opened"). */
const CANNOT_OPEN_WHY: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  zh: { 'file-truncated': '文件不完整，可能是传送时中断了', 'file-not-zip': '不是 Excel 工作簿（.xlsx）', 'file-empty': '是空文件（0 字节）' },
  en: {
    'file-truncated': 'it is incomplete, probably cut off in transfer',
    'file-not-zip': 'it is not an Excel workbook (.xlsx)',
    'file-empty': 'it is empty (0 bytes)',
  },
};

/** One problem of a letter, its annex as a label ("附件1"; '' for the whole file). */
interface Clause {
  annex: string;
  no: number | null;
  label: string | null;
  found: string;
  todo: string;
}

export const WORDS = {
  // ── lists and reasons ──
  /** Between names or files in a list. */
  listSep: both('、', ', '),
  /** Between reasons (sentences) joined into one text. */
  reasonSep: both('；', '; '),
  /** After the reasons a file was left out: how many errors more. */
  moreErrors: both(
    (n: number) => `……另有 ${n} 处错误`,
    (n) => `… and ${n} more errors`,
  ),
  /** After the reasons for a branch's status: how many findings more. */
  moreFindings: both(
    (n: number) => `……另有 ${n} 处`,
    (n) => `… and ${n} more`,
  ),
  /** The first names of a long list of branches, then how many in all (zh) or how many more (en). */
  moreNames: both(
    (all: number, _more: number) => `等 ${all} 个`,
    (_all, more) => ` and ${more} more`,
  ),
  wroteFiles: both(
    (n: number, dir: string) => `已写入 ${n} 个文件到 ${dir}`,
    (n, dir) => `Wrote ${n} files to ${dir}`,
  ),
  wroteFile: both(
    (file: string) => `已写入 ${file}`,
    (file) => `Wrote ${file}`,
  ),
  missingList: both(
    (names: readonly string[]) => `未报送（${names.length}）：${names.join('、')}`,
    (names) => `Missing (${names.length}): ${names.join(', ')}`,
  ),

  // ── progress bar ──
  progressTemplate: both('生成报表', 'Writing'),
  progressCheck: both('审核', 'Checking'),
  progressRead: both('读取', 'Reading'),
  progressLeft: both('剩余', 'left'),
  progressSlow: both('较慢', 'slow'),
  seconds: both(
    (s: number) => `${s} 秒`,
    (s) => `${s}s`,
  ),
  minutes: both(
    (m: number, s: number) => `${m} 分 ${s} 秒`,
    (m, s) => `${m} min ${s} s`,
  ),

  // ── template, orgs ──
  templateHead: both<readonly string[]>(['年度', '基准年', '文件数', '文件夹'], ['Year', 'Baseline', 'Files', 'Folder']),
  orgsTotal: both(
    (n: number, counts: string) => `共 ${n} 个单位（${counts}）`,
    (n, counts) => `${n} branches (${counts})`,
  ),

  // ── validate (console) ──
  validateHead: both<readonly string[]>(['文件', '单位', '状态', '错误', '警告'], ['File', 'Branch', 'Status', 'Errors', 'Warnings']),
  summaryTag: both('（汇总表）', ' (summary)'),
  wholeFile: both('（整个文件）', '(whole file)'),
  explained: both(
    (text: string) => `  （已说明：${text}）`,
    (text) => `  (explained: ${text})`,
  ),
  validateTotals: both(
    (t: { files: number; ok: number; warnings: number; errors: number; explained?: number }) =>
      `共 ${t.files} 份：通过 ${t.ok}${t.explained ? `（其中 ${t.explained} 份的警告均已说明）` : ''}，有警告 ${t.warnings}，有错误 ${t.errors}`,
    (t) =>
      `${t.files} returns: ${t.ok} ok${t.explained ? ` (${t.explained} of them with every warning explained)` : ''}, ` +
      `${t.warnings} with warnings, ${t.errors} with errors`,
  ),
  // A warning explained in the 说明 column is not a warning of the file or the branch: counted as 已说明, beside 通过.
  warningsCell: both(
    (open: number, explained: number) => (explained > 0 ? `${open}（已说明 ${explained} 条）` : String(open)),
    (open, explained) => (explained > 0 ? `${open} (${explained} explained)` : String(open)),
  ),
  passedWithExplained: both(
    (n: number) => `（其中 ${n} 个单位的警告均已说明）`,
    (n) => ` (${n} of them with every warning explained)`,
  ),
  byFileName: both('（按文件名认定）', ' (by its file name)'),
  validateSummaries: both(
    (n: number) => `另有汇总表 ${n} 份（只作为汇总表使用，不计为单位报表）`,
    (n) => `and ${n} summary workbooks (used as summaries only, not counted as returns)`,
  ),
  countSep: both('，', ', '),
  expectedCounts: both(
    (who: string, n: number, counts: string) => `${who} 应报 ${n} 个单位：${counts}`,
    (who, n, counts) => `${who}: ${n} branches expected: ${counts}`,
  ),
  resubmitList: both(
    (names: readonly string[]) => `需重报（${names.length}）：${names.join('、')}`,
    (names) => `To resubmit (${names.length}): ${names.join(', ')}`,
  ),
  unattributedList: both(
    (files: readonly string[]) => `无法确定单位的文件（${files.length}）：${files.join('、')}`,
    (files) => `Files tied to no branch (${files.length}): ${files.join(', ')}`,
  ),

  // ── merge (console) ──
  mergeTitle: both(
    (org: Named, year: number, complete: boolean) => `${org.fullName} ${year} 年汇总${complete ? '' : '（未报齐）'}`,
    (org, year, complete) => `${org.name} totals for ${year}${complete ? '' : ' (incomplete)'}`,
  ),
  mergeTotalsHead: both(
    (): readonly string[] => ['序号', `工作事项（${S1()} / ${S2()}）`, '单位', S1(), `${S2()} 增加数`],
    () => ['No.', 'Item (annex 1 / annex 2)', 'Unit', 'Annex 1', 'Annex 2 increase'],
  ),
  indicatorName: both(
    (i: Pick<Indicator, 'annex1' | 'en'>) => i.annex1,
    (i) => i.en,
  ),
  mergeBasis: both(
    (b: Basis) =>
      ({
        baseline: `${S2()} 按${S1()} 减 ${b.baselineYear} 年基准数计算。`,
        entered: `${S2()} 为各单位所报增加数之和（未提供基准数）。`,
        mixed: `${S2()} 按基准数计算；${b.count} 个单位无基准数（${b.names}），采用其所报增加数。`,
      })[b.basis],
    (b) =>
      ({
        baseline: `Annex 2 = annex 1 minus the ${b.baselineYear} baseline.`,
        entered: 'Annex 2 is the sum of the increases branches entered (no baseline given).',
        mixed: `Annex 2 from the baseline; ${b.count} branches had no baseline row (${b.names}), their own figures were used.`,
      })[b.basis],
  ),
  mergeStatusHead: both<readonly string[]>(['代码', '单位', '应报'], ['Code', 'Branch', 'Expected']),
  mergeCompleteHead: both('报齐', 'Complete'),
  /** Over the branches to send back: the status word (zh), and how many. */
  resubmitHead: both(
    (status: string, n: number) => `${status}（${n}）：`,
    (_status, n) => `To resubmit (${n}):`,
  ),
  unattributedHead: both(
    (n: number) => `无法确定单位的文件（${n}，未计入任何单位）：`,
    (n) => `Files tied to no branch (${n}, not counted against any):`,
  ),

  // ── merge (the summary workbooks) ──
  sourceWithWarnings: both('有警告', 'with warnings'),
  sourceExplained: both(
    (n: number) => `警告已说明 ${n} 条`,
    (n) => `${n} ${n === 1 ? 'warning' : 'warnings'} explained`,
  ),
  sourceSummaryUsed: both(
    (n: number) => `汇总表，采用其中 ${n} 个单位的数据`,
    (n) => `summary; figures of ${n} branches used`,
  ),
  summaryScope: both(
    (s: SummaryScope) =>
      `汇总单位：${s.org.fullName}（代码 ${s.org.code}，含本级及下级共 ${s.expected} 个单位，已汇总 ${s.summed} 个${s.complete ? '' : '，未报齐'}）\n统计年度：${s.year} 年`,
    (s) =>
      `Summary of ${s.org.name} (code ${s.org.code}; ${s.expected} branches including itself, ` +
      `${s.summed} summed${s.complete ? '' : ', incomplete'})\nSurvey year: ${s.year}`,
  ),
  /** A summary none of whose branches sent a usable return: its figures are left empty, never shown as 0. */
  summaryNoReturns: both('未收到报表', 'No return received'),
  summaryBasis: both(
    (b: Basis) =>
      ({
        baseline: `增加数按${S1()} 减 ${b.baselineYear} 年基准数计算`,
        entered: `增加数为各单位所报${S2()} 之和（未提供基准数）`,
        mixed: `增加数按基准数计算；${b.count} 个单位无基准数（${b.names}），采用其所报${S2()}`,
      })[b.basis],
    (b) =>
      ({
        baseline: `Increases = ${S1()} minus the ${b.baselineYear} baseline`,
        entered: `Increases are the sum of the ${S2()} figures branches entered (no baseline given)`,
        mixed: `Increases from the baseline; ${b.count} branches have no baseline row (${b.names}), their own ${S2()} used`,
      })[b.basis],
  ),
  detailTitle: both(
    (org: Named, year: number) => `${org.fullName} ${year} 年汇总明细（各单位本级数据）`,
    (org, year) => `${org.name} ${year}: detail (each branch's own figures)`,
  ),
  /** The 明细 sheet's first headers: in Chinese the layout's own (rc-org reads them back). */
  detailFixedHeaders: both(
    (layout: readonly string[]) => layout,
    (_layout) => ['Code', 'Name', 'Level', 'Parent', 'Source file'] as readonly string[],
  ),

  // ── report (console) ──
  reportHead: both<readonly string[]>(
    ['年度', '应报', '已报送', '未报送', '需重报', '表扬', '提醒'],
    ['Year(s)', 'Expected', 'Returned', 'Missing', 'Re-send', 'Praised', 'Reminded'],
  ),
  reportNoReturns: both(
    '注意：本年度没有任何可用的报表，通报中的比率和增幅均为“—”。',
    'Note: no usable return this year; every rate and growth figure in the bulletin is "—".',
  ),

  // ── feedback (console and lists) ──
  feedbackHead: both<readonly string[]>(
    ['代码', '单位', '状态', '问题', '处理', '写出的文件'],
    ['Code', 'Branch', 'Status', 'Problems', 'What to do', 'Written'],
  ),
  feedbackUnattributed: both(
    (n: number) => `无法认定单位的文件（${n}）：请人工查看`,
    (n) => `Files tied to no branch (${n}): look at them yourself`,
  ),
  feedbackGuess: both(
    (code: string) => `（按文件名应是 ${code}，已在给该单位的消息中说明）`,
    (code) => ` (by its name from ${code}: the message to that branch speaks of it)`,
  ),
  /** The clerk's own to-do about her office's return, in the console and at the head of 消息.txt. */
  feedbackTodo: both(
    (name: string, todo: string) => `本级待办（${name}）：${todo}`,
    (name, todo) => `To do for your own office (${name}): ${todo}`,
  ),
  messageTodo: both(
    (line: string) => `【${line}】`,
    (line) => `[${line}]`,
  ),
  rootTodo: both(
    (t: RootTodo): string => {
      switch (t.action) {
        case 'report':
          return '本级报表尚未填报';
        case 'correct':
          return `本级报表有 ${t.count} 处需修改或核实，见 ${t.form}`;
        case 'fresh-form':
          return `本级报表文件“${t.files[0] ?? ''}”${t.why}，无法使用，请用空白报表 ${t.form} 重新填报`;
        case 'resend-file':
          return `本级报表文件${t.files.map((f) => `“${f}”`).join('')}无法打开${t.why ? `（${t.why}）` : ''}，请重新保存`;
        case 'choose-file':
          return `本级报表有 ${t.files.length} 个不同版本（${t.files.join('、')}），请确定最终版，只留一份`;
        case 'resend-summary':
          return `本级汇总表“${t.files[0] ?? ''}”有 ${t.count} 处问题，请重新汇总`;
      }
    },
    (t) => {
      switch (t.action) {
        case 'report':
          return 'its own return has not been filled in yet';
        case 'correct':
          return `its own return has ${enCount(t.count, 'point', 'points')} to correct or check; see ${t.form}`;
        case 'fresh-form':
          return `its own return "${t.files[0] ?? ''}" ${t.why} and cannot be used; fill in the blank form ${t.form}`;
        case 'resend-file':
          return `its own return ${t.files.map((f) => `"${f}"`).join(', ')} cannot be opened${t.why ? ` (${t.why})` : ''}; save it again`;
        case 'choose-file':
          return `its own return exists in ${t.files.length} different versions (${t.files.join(', ')}); keep only the final one`;
        case 'resend-summary':
          return `its own summary "${t.files[0] ?? ''}" has ${enCount(t.count, 'problem', 'problems')}; produce it again`;
      }
    },
  ),
  /** 由谁督促 for a branch that reports to the run's root: the office running the command. */
  chaseSelf: both(
    (name: string) => `${name}（本级）`,
    (name) => `${name} (this office)`,
  ),
  feedbackTotals: both(
    (t: { expected: number; passed: number; warnings: number; resubmit: number; 'by-summary': number; missing: number; mustAct: number }) =>
      `应报 ${t.expected}：通过 ${t.passed}，有警告 ${t.warnings}，需重报 ${t.resubmit}，由汇总表代报 ${t['by-summary']}，未报送 ${t.missing}；需要处理 ${t.mustAct} 个单位。`,
    (t) =>
      `${t.expected} expected: ${t.passed} passed, ${t.warnings} with warnings, ${t.resubmit} to resubmit, ` +
      `${t['by-summary']} in a summary, ${t.missing} missing; ${enCount(t.mustAct, 'branch must', 'branches must')} act.`,
  ),
  chaseSheet: both('催报名单', 'chase list'),
  unattributedSheet: both('无法认定单位的文件', 'files of no branch'),
  /** The heading line of one branch's block in 消息.txt. */
  messageHead: both(
    (h: { code: string; name: string; status: string; who: string; outputs: readonly string[] }) =>
      `【${h.code} ${h.name} · ${h.status}${h.who ? ` · ${h.who}` : ''}${h.outputs.length > 0 ? ` · 附：${h.outputs.join('、')}` : ''}】`,
    (h) => `[${h.code} ${h.name} · ${h.status}${h.who ? ` · ${h.who}` : ''}${h.outputs.length > 0 ? ` · attach: ${h.outputs.join(', ')}` : ''}]`,
  ),

  // ── feedback (the letters) ──
  deadlineSoon: both('尽快', 'as soon as possible'),
  /** The deadline inside a sentence. */
  deadlineBy: both((_y: number, m: number, d: number) => `于 ${m} 月 ${d} 日前`, enDate),
  /** The deadline on the 审核意见 sheet. */
  deadlineDate: both((y: number, m: number, d: number) => `${y} 年 ${m} 月 ${d} 日前`, enDate),
  contactSentence: both(
    (contact: string) => `联系人：${contact}。`,
    (contact) => ` Contact: ${contact}.`,
  ),
  /** One problem as a clause of a letter. */
  problemClause: both(
    (c: Clause) => `${c.no !== null ? `${c.annex} 第 ${c.no} 行“${c.label}”` : c.annex ? `${c.annex}：` : ''}${c.found}${c.todo ? `，${c.todo}` : ''}`,
    (c) => `${c.no !== null ? `${c.annex} row ${c.no} "${c.label}" ` : c.annex ? `${c.annex}: ` : ''}${c.found}${c.todo ? `: ${c.todo}` : ''}`,
  ),
  itemNumbered: both(
    (i: number, text: string) => `（${i}）${text}`,
    (i, text) => `(${i}) ${text}`,
  ),
  itemsMore: both(
    (n: number) => `……共 ${n} 处，详见退回报表的“审核意见”表`,
    (n) => `… ${n} in all, listed on the 审核意见 sheet of the form`,
  ),
  quoteFiles: both(
    (files: readonly string[]) => files.map((f) => `“${f}”`).join(''),
    (files) => files.map((f) => `"${f}"`).join(', '),
  ),
  /** What a branch is asked to do with its problems: errors to correct, warnings to check, or both. */
  letterVerb: both(
    (errors: boolean, warnings: boolean): string => (errors && warnings ? '修改或核实' : errors ? '修改' : '核实'),
    (errors, warnings) => (errors && warnings ? 'correct or check' : errors ? 'correct' : 'check'),
  ),
  andOthers: both('等', ' and others'),
  addressee: both(
    (org: Pick<Named, 'code' | 'fullName'>) => org.fullName,
    (org) => `${org.fullName} (${org.code})`,
  ),
  /** Between the two reasons a file cannot be used. */
  reasonAnd: both('，且', ' and '),
  hasErrors: both('有错误', 'has errors'),
  blankAttached: both(
    (form: string) => `现将空白报表（${form}）发给你会，`,
    (form) => ` A blank form (${form}) is attached.`,
  ),
  /** What a branch is asked to do on the form sent back: correct, check, or both. */
  letterRedo: both(
    (errors: boolean, warnings: boolean): string => (errors && warnings ? '更正或核实' : errors ? '更正' : '核实'),
    (errors, warnings) => (errors && warnings ? 'correct or check' : errors ? 'correct' : 'check'),
  ),
  /** Why a file cannot be opened, inside the letter's brackets ('' when there is nothing more to say). */
  cannotOpenWhy: both(
    (code: string): string => CANNOT_OPEN_WHY.zh[code] ?? '',
    (code) => CANNOT_OPEN_WHY.en[code] ?? '',
  ),
  /** One cell where a branch's files differ: 附件1 第 10 行：A 填 6,698，B 填 6,798. */
  differenceClause: both(
    (d: DifferenceWords) =>
      `${d.annex} 第 ${d.no} 行${d.column === 'note' ? '“说明”' : ''}：` +
      d.values.map((v) => `${v.file} ${v.value === null ? '未填' : d.column === 'note' ? `填“${v.value}”` : `填 ${v.value}`}`).join('，'),
    (d) =>
      `${d.annex} row ${d.no}${d.column === 'note' ? ' (说明)' : ''}: ` +
      d.values.map((v) => `${v.file} ${v.value === null ? 'is blank' : d.column === 'note' ? `has "${v.value}"` : `has ${v.value}`}`).join(', '),
  ),
  /** Before the differing cells in a two-versions letter. */
  differencesAre: both(
    (items: string) => `不同之处：${items}。`,
    (items) => ` They differ at ${items}.`,
  ),
  /** When the files differ, but not in any figure. */
  differencesNone: both('各份的数字和说明相同，差别在其他地方。', ' Their figures and notes are the same; they differ elsewhere.'),
  differencesMore: both(
    (n: number) => `等共 ${n} 处`,
    (n) => `, ${n} cells in all`,
  ),
  /** One warning the branch explained, acknowledged. */
  explainedClause: both(
    (c: Omit<Clause, 'todo'> & { reason: string }) => `${c.no !== null ? `${c.annex} 第 ${c.no} 行“${c.label}”` : ''}${c.found}（已说明：${c.reason}）`,
    (c) => `${c.no !== null ? `${c.annex} row ${c.no} "${c.label}" ` : ''}${c.found} (explained: ${c.reason})`,
  ),
  explainedSentence: both(
    (items: string) => `你会已在“说明”栏说明的情况不再核实：${items}。`,
    (items) => ` Already explained in the 说明 column, not asked again: ${items}.`,
  ),

  // ── feedback (the short reason on the chase list) ──
  nothingReceived: both('未收到报表', 'nothing received'),
  errorCount: both(
    (n: number) => `错误 ${n} 处`,
    (n) => enCount(n, 'error', 'errors'),
  ),
  toCheckCount: both(
    (n: number) => `需核实 ${n} 处`,
    (n) => `${n} to check`,
  ),
  returnedForCorrection: both(
    (counts: readonly string[]) => `${counts.join('、')}，已退回修改`,
    (counts) => `${counts.join(', ')}; form returned for correction`,
  ),
  freshFormSent: both(
    (file: string, why: string) => `文件“${file}”${why}，已重发空白报表`,
    (file, why) => `file "${file}" ${why}; a blank form sent again`,
  ),
  differentFiles: both(
    (files: readonly string[]) => `报送了 ${files.length} 份不同的文件：${files.join('、')}`,
    (files) => `sent ${files.length} different files: ${files.join(', ')}`,
  ),
  summaryProblems: both(
    (n: number) => `汇总表有 ${n} 处问题`,
    (n) => `the summary has ${enCount(n, 'problem', 'problems')}`,
  ),
  cannotOpenSent: both(
    (files: readonly string[], why: string) => `文件${files.map((f) => `“${f}”`).join('')}无法打开${why ? `（${why}）` : ''}，已请其重新发送`,
    (files, why) => `file ${files.map((f) => `"${f}"`).join(', ')} cannot be opened${why ? ` (${why})` : ''}; asked to send it again`,
  ),
  reportedBySummary: both(
    (file: string) => `由汇总表“${file}”代报，问题由其报送单位处理`,
    (file) => `reported in the summary "${file}"; its sender handles the problems`,
  ),
} as const;

export type WordKey = keyof typeof WORDS;

/** The word for `key` in the run's language. */
export function word<K extends WordKey>(key: K, lang: Lang): (typeof WORDS)[K][Lang] {
  return WORDS[key][lang];
}
