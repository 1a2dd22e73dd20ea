// Every message the tool prints about data or setup, in Chinese and English, from one table.
// Each says what was expected, what was found, and what to do. The codes, their severities and the keys a
// parameter may name are data of the core (src/core/finding-codes.ts); this module holds only their words, and
// must have words for exactly those codes and keys.

import { ANNEX_TITLES, INDICATORS, LEVEL_LABELS } from './catalogue.js';
import { isReason, type Finding } from './core/finding.js';
import { ATTRIBUTION_NOTES, isMessageCode, type MessageCode, type ParamKey, type ParamKind, type Params, type Severity } from './core/finding-codes.js';
import type { SourceNote } from './core/merge-plan.js';
import type { LooseWay } from './core/values.js';
import { capQuoted, printable } from './text-safety.js';
import { enCount, word, type Lang } from './words.js';

// The form's words in messages come from the survey in force: its sheet names (附件1, 附件2) and how many rows it has.
/** Hours in a year: more service hours per volunteer than this cannot be (the Jilin 2021 rules' message). */
export const HOURS_PER_YEAR = 8760;

const S1 = (): string => ANNEX_TITLES.annex1.label;
const S2 = (): string => ANNEX_TITLES.annex2.label;
const N = (): number => INDICATORS.length;

// The core's names, handed on: most modules take them from here with the words.
export type { Lang, MessageCode, Params, Severity };
export { isReason };
export { isMessageCode, severityOf } from './core/finding-codes.js';

interface Entry {
  zh: (p: Params) => string;
  en: (p: Params) => string;
}

const s = (v: string | number | boolean | null | undefined): string => (v === undefined || v === null ? '' : String(v));
/** A sentence's first letter in capitals (English words from a table that starts mid-sentence). */
const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Words for a key, in both languages: plain, or made from the message's other parameters (a count, a code). */
type Said = string | ((p: Params) => string);
type Words = Readonly<Record<Lang, Said>>;

/**
 * The words a message parameter names by key. The parameter is data — a language-neutral key (`reason:
 * 'lock-file'`), with any figures beside it (`count`, `detail`) — and the templates below look its words up here,
 * one table per kind of parameter, so no producer ever writes a sentence in one language or both.
 */
export const PARAM_WORDS = {
  /** file-skipped `reason`: why a file found was passed over. */
  skipped: {
    'lock-file': { zh: 'Office 临时锁文件', en: 'an Office lock file' },
    hidden: { zh: '隐藏文件', en: 'a hidden file' },
    'not-a-form': { zh: '不是 .xlsx 或 .csv 文件', en: 'not an .xlsx or .csv file' },
    'inside-output': { zh: '位于输出文件夹中', en: 'it is inside the output folder' },
    'link-to-folder': { zh: '指向文件夹的链接（不跟随，以免循环）', en: 'a link to a folder (not followed: links can loop)' },
    'broken-link': { zh: '链接指向的文件不存在', en: 'a link to nothing' },
    'unreadable-folder': { zh: '文件夹无法打开（没有权限）', en: 'a folder that cannot be opened (no permission)' },
  },
  /** file-not-regular `kind`: what the path is instead of a file. */
  fileKind: {
    folder: { zh: '文件夹', en: 'a folder' },
    fifo: { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
    socket: { zh: '套接字', en: 'a socket' },
    device: { zh: '设备文件', en: 'a device' },
    special: { zh: '特殊文件', en: 'a special file' },
  },
  /** setup-file-* `what`: which setup input a file is, in its own words. */
  setupInput: {
    key: { zh: '密钥文件', en: 'the key file' },
    summary: { zh: '汇总数据 summary.json', en: 'the summary data summary.json' },
    rules: { zh: '规则文件', en: 'the rules file' },
    registry: { zh: '单位名录', en: 'the registry' },
    baseline: { zh: '基准数文件', en: 'the baseline file' },
  },
  /** csv-malformed `problem`, in a clerk's words (`count`: the figure it quotes). */
  csvProblem: {
    'too-many-columns': { zh: (p) => `列数过多（${s(p.count)} 列）`, en: (p) => `too many columns (${s(p.count)})` },
    'too-many-rows': { zh: (p) => `行数过多（超过 ${s(p.count)} 行）`, en: (p) => `too many rows (more than ${s(p.count)})` },
    'quote-not-closed': { zh: '引号没有闭合', en: 'a quote is never closed' },
    'text-after-quote': { zh: '引号后面紧跟了其他字符', en: 'text follows a closing quote' },
    'quote-inside-cell': { zh: '单元格中间出现了引号', en: 'a quote inside an unquoted cell' },
    'uneven-rows': { zh: '列数不一致', en: 'rows of different lengths' },
    'line-too-long': { zh: '一行过长', en: 'a line too long' },
    unreadable: { zh: '格式无法识别', en: 'not readable as CSV' },
  },
  /** output-not-writable `reason` (`detail`: the system's error code, for an error without words of its own). */
  notWritable: {
    'no-permission': { zh: '没有写入权限', en: 'no permission to write' },
    'read-only': { zh: '磁盘是只读的', en: 'the disk is read-only' },
    'disk-full': { zh: '磁盘已满', en: 'the disk is full' },
    'not-a-folder': { zh: '路径中有一段是文件而不是文件夹', en: 'part of the path is a file, not a folder' },
    'cannot-create': { zh: '无法在此处创建文件夹', en: 'a folder cannot be created there' },
    exists: { zh: '已有同名文件', en: 'a file of that name exists' },
    'system-error': { zh: (p) => `系统错误 ${s(p.detail) || '未知'}`, en: (p) => `system error ${s(p.detail) || 'unknown'}` },
  },
  /** own-output-skipped `what`: which of rc-org's own outputs a file is. */
  ownOutput: {
    'summary-json': { zh: '汇总数据（summary.json）', en: 'the summary data (summary.json)' },
    'summary-long': { zh: '长表（summary-long.csv）', en: 'the long table (summary-long.csv)' },
    report: { zh: '报告页面', en: 'a report page' },
    'feedback-list': { zh: '催报名单或消息表（rc-org feedback）', en: 'a chase list or message table (rc-org feedback)' },
  },
  /** value-loose `how`: the ways a number was written loosely (keys, comma-separated). */
  looseWay: {
    text: { zh: '数字存为文本', en: 'number stored as text' },
    'full-width': { zh: '全角数字', en: 'full-width digits' },
    thousands: { zh: '千位分隔符', en: 'thousands separators' },
    spaces: { zh: '多余空格', en: 'stray spaces' },
    unit: { zh: '带单位', en: 'with a unit' },
  } satisfies Record<LooseWay, Words>,
  /** not-applicable-filled and registry-level-order `level`, `parentLevel`: a branch's level. */
  level: LEVEL_LABELS,
  /** `install` on the messages of a file only LibreOffice could open: how to get it. */
  install: {
    libreoffice: {
      zh: '（如本机安装了 LibreOffice，rc-org 会自动转换后审核：Debian/Ubuntu 用 sudo apt-get install libreoffice-calc，Windows/macOS 从 https://www.libreoffice.org 下载安装。）',
      en:
        ' (With LibreOffice installed, rc-org converts and checks such files itself: on Debian/Ubuntu sudo apt-get install libreoffice-calc; ' +
        'on Windows/macOS download it from https://www.libreoffice.org.)',
    },
  },
  /** identity-wrong-year `hint`: when the run's year was taken from the forms, how to choose another. */
  yearHint: { 'pick-year': { zh: '（或用 --year 指定年度）', en: ' (or pick the year with --year)' } },
  /** form-exported `lost`: what else the saved copy lost. */
  lost: { annex2: { zh: () => `和${S2()}（CSV 只保存当前一张工作表）`, en: () => ` and ${S2()} (a CSV keeps only the sheet on screen)` } },
} as const satisfies { readonly [K in ParamKind]: Readonly<Record<ParamKey<K>, Words>> };

export type ParamWords = typeof PARAM_WORDS;

/** The words for `key` in one of the tables; no key says nothing, and a value that is no key (an older file's words) is shown as it is. */
export function paramWord(table: keyof ParamWords, key: Params[string], p: Params, lang: Lang): string {
  if (key === undefined || key === null || key === '') return '';
  // Levels are the survey's in force (PARAM_WORDS holds the built-in one's, for its type).
  const words: Readonly<Record<string, Words>> = table === 'level' ? LEVEL_LABELS : PARAM_WORDS[table];
  if (!Object.hasOwn(words, String(key))) return s(key);
  const w = words[String(key)]![lang];
  return typeof w === 'string' ? w : w(p);
}

/** Several keys of one table, comma-separated in the parameter, as a list. */
const paramWords = (table: keyof ParamWords, keys: Params[string], p: Params, lang: Lang, sep: string): string =>
  s(keys)
    .split(',')
    .map((k) => paramWord(table, k, p, lang))
    .join(sep);

// Words for the text policy's messages: which registry column, and what kind of character (src/text-safety.ts).
const TEXT_FIELD_WORDS: Record<Lang, Partial<Record<string, string>>> = {
  zh: { code: '代码', name: '名称', parent: '上级代码', person: '联系人', phone: '电话', email: '邮箱' },
  en: { code: 'code', name: 'name', parent: 'parent code', person: 'contact person', phone: 'phone', email: 'email' },
};
const TEXT_DEFECT_WORDS: Record<Lang, Partial<Record<string, string>>> = {
  zh: { control: '控制字符', noncharacter: 'Unicode 非字符', surrogate: '残缺的代理码元', bidi: '文字方向控制符（会使文字倒着显示）' },
  en: { control: 'the control character', noncharacter: 'the Unicode noncharacter', surrogate: 'a lone surrogate', bidi: 'the bidi control' },
};

export const MESSAGES = {
  // ── setup (exit 2) ──────────────────────────────────────────────────────────
  'path-not-found': {
    zh: (p) => `找不到路径：${s(p.path)}。请检查路径是否写对。`,
    en: (p) => `No such path: ${s(p.path)}. Check the spelling.`,
  },
  // Setup inputs (key, summary.json, rules, registry, baseline) refused before reading: `what` names the input.
  'setup-file-not-regular': {
    zh: (p) =>
      `${paramWord('setupInput', p.what, p, 'zh')}不是普通文件，而是${paramWord('fileKind', p.kind, p, 'zh')}，未读取。请给出${paramWord('setupInput', p.what, p, 'zh')}本身的路径。`,
    en: (p) =>
      `${cap(paramWord('setupInput', p.what, p, 'en'))} is not a regular file but ${paramWord('fileKind', p.kind, p, 'en')}; it was not read. Name the file itself.`,
  },
  'setup-file-too-large': {
    zh: (p) =>
      `${paramWord('setupInput', p.what, p, 'zh')}大小为 ${s(p.size)}，超过${paramWord('setupInput', p.what, p, 'zh')}的上限 ${s(p.limit)}，未读取。请确认是否选对了文件。`,
    en: (p) =>
      `${cap(paramWord('setupInput', p.what, p, 'en'))} is ${s(p.size)}, above its limit of ${s(p.limit)}; it was not read. Check that this is the right file.`,
  },
  'setup-file-no-permission': {
    zh: (p) => `没有权限读取${paramWord('setupInput', p.what, p, 'zh')}（或它正被其他程序占用）。请调整权限或关闭占用它的程序后重试。`,
    en: (p) =>
      `${cap(paramWord('setupInput', p.what, p, 'en'))} cannot be opened for reading (no permission, or another program holds it). Fix that and try again.`,
  },
  'no-input-files': {
    zh: (p) => `在 ${s(p.paths)} 中没有找到 .xlsx 或 .csv 文件。请指定报表所在的文件或文件夹。`,
    en: (p) => `No .xlsx or .csv files found in ${s(p.paths)}. Name the files or folders that hold the returned forms.`,
  },
  // reason: an error's own text; or a finding of a file inside a --baseline folder, carried as data (see nestedParams).
  'file-unreadable-setup': {
    zh: (p) => `无法读取 ${s(p.file)}：${p.inner ? nested(p, 'zh') : s(p.reason)}`,
    en: (p) => `Cannot read ${s(p.file)}: ${p.inner ? nested(p, 'en') : s(p.reason)}`,
  },
  'bad-year': {
    zh: (p) => `${s(p.option)} 应为四位年份（如 2021），实际为“${s(p.value)}”。`,
    en: (p) => `${s(p.option)} must be a four-digit year such as 2021; got "${s(p.value)}".`,
  },
  'baseline-not-before-year': {
    zh: (p) => `基准年（${s(p.baseline)}）必须早于统计年度（${s(p.year)}）。`,
    en: (p) => `The baseline year (${s(p.baseline)}) must be earlier than the survey year (${s(p.year)}).`,
  },
  'unknown-org-code': {
    zh: (p) => `${s(p.option)} 中的单位代码 ${s(p.code)} 不在单位名录中。可用 rc-org orgs 查看全部代码。`,
    en: (p) => `${s(p.option)}: branch code ${s(p.code)} is not in the registry. Run rc-org orgs to list the codes.`,
  },
  'output-exists': {
    zh: (p) => `输出文件已存在：${s(p.file)}。如需覆盖，请加 --force。`,
    en: (p) => `Output already exists: ${s(p.file)}. Pass --force to overwrite it.`,
  },
  'output-dir-not-empty': {
    zh: (p) => `输出文件夹不为空：${s(p.dir)}。请换一个空文件夹，或加 --force 覆盖。`,
    en: (p) => `The output folder is not empty: ${s(p.dir)}. Use an empty folder, or pass --force.`,
  },
  'output-failed': {
    zh: (p) => `写入 ${s(p.file)} 失败：${s(p.reason)}。已写入的文件均已撤回。`,
    en: (p) => `Writing ${s(p.file)} failed: ${s(p.reason)}. Nothing was left half-written.`,
  },
  'mixed-options': { zh: (p) => `${s(p.a)} 与 ${s(p.b)} 不能同时使用。`, en: (p) => `${s(p.a)} and ${s(p.b)} cannot be used together.` },
  'internal-error': {
    zh: (p) => `程序内部错误：${s(p.reason)}。请把命令和文件发给维护人员。`,
    en: (p) => `Internal error: ${s(p.reason)}. Please send the command and files to the maintainers.`,
  },

  // ── registry (exit 2) ───────────────────────────────────────────────────────
  'registry-empty': {
    zh: () => `单位名录为空：至少需要一行单位（代码、名称、级别、上级代码）。`,
    en: () => `The registry is empty: it needs at least one row (code, name, level, parent).`,
  },
  'registry-missing-column': {
    zh: (p) => `单位名录缺少“${s(p.column)}”列（可用列名：${s(p.names)}）。`,
    en: (p) => `The registry has no "${s(p.column)}" column (accepted headers: ${s(p.names)}).`,
  },
  'registry-duplicate-code': {
    zh: (p) => `单位代码 ${s(p.code)} 重复（第 ${s(p.other)} 行已有）。每个单位的代码必须唯一。`,
    en: (p) => `Branch code ${s(p.code)} appears twice (first on line ${s(p.other)}). Codes must be unique.`,
  },
  'registry-empty-code': { zh: () => `单位代码为空。请填写代码。`, en: () => `The branch code is empty. Fill it in.` },
  'registry-empty-name': {
    zh: (p) => `单位 ${s(p.code)} 的名称为空。请填写名称。`,
    en: (p) => `Branch ${s(p.code)} has no name. Fill it in.`,
  },
  'registry-unknown-level': {
    zh: (p) => `单位 ${s(p.code)} 的级别“${s(p.level)}”无法识别，应为 省/市/县/特殊（${s(p.levels)}）。`,
    en: (p) => `Branch ${s(p.code)} has an unknown level "${s(p.level)}"; expected one of ${s(p.levels)} (or 省/市/县/特殊).`,
  },
  'registry-unknown-parent': {
    zh: (p) => `单位 ${s(p.code)} 的上级代码 ${s(p.parent)} 不在名录中。请检查上级代码，或补上该上级单位。`,
    en: (p) => `Branch ${s(p.code)} names parent ${s(p.parent)}, which is not in the registry. Fix the parent code or add that branch.`,
  },
  'registry-cycle': {
    zh: (p) => `上级关系成环：${s(p.codes)}。每个单位只能有一条通往最上级的路径。`,
    en: (p) => `The parent links form a cycle: ${s(p.codes)}. Each branch must lead up to a single root.`,
  },
  'registry-level-order': {
    zh: (p) =>
      `单位 ${s(p.code)}（${paramWord('level', p.level, p, 'zh')}）的上级 ${s(p.parent)} 是${paramWord('level', p.parentLevel, p, 'zh')}单位：上级的级别必须高于下级。请检查级别或上级代码。`,
    en: (p) =>
      `Branch ${s(p.code)} (${paramWord('level', p.level, p, 'en')}) sits under ${s(p.parent)} (${paramWord('level', p.parentLevel, p, 'en')}): ` +
      `a parent must be of a higher level. Check the levels or the parent code.`,
  },
  'registry-multiple-roots': {
    zh: (p) => `名录中有多个最上级单位（上级代码为空）：${s(p.codes)}。只能有一个。`,
    en: (p) => `More than one branch has no parent: ${s(p.codes)}. There must be exactly one root.`,
  },
  'registry-no-root': {
    zh: () => `名录中没有最上级单位（上级代码为空的一行）。`,
    en: () => `No branch without a parent: the registry needs one root.`,
  },
  // The text policy (src/text-safety.ts): a name or title holding a character no form, letter or page can carry.
  'registry-bad-character': {
    zh: (p) =>
      `单位 ${s(p.code)} 的${TEXT_FIELD_WORDS.zh[s(p.column)] ?? s(p.column)}含有${TEXT_DEFECT_WORDS.zh[s(p.kind)] ?? ''} ${s(p.char)}（第 ${s(p.position)} 个字符），` +
      `报表、公文和网页都无法如实写出它。请在名录文件中删去该字符（通常是从别处复制时带入的不可见字符）。`,
    en: (p) =>
      `Branch ${s(p.code)}: its ${TEXT_FIELD_WORDS.en[s(p.column)] ?? s(p.column)} holds ${TEXT_DEFECT_WORDS.en[s(p.kind)] ?? ''} ${s(p.char)} ` +
      `(character ${s(p.position)}), which no form, letter or page can carry faithfully. Delete it from the registry file ` +
      `(it is usually invisible, copied in from elsewhere).`,
  },
  'registry-too-long': {
    zh: (p) =>
      `单位 ${s(p.code)} 的${TEXT_FIELD_WORDS.zh[s(p.column)] ?? s(p.column)}有 ${s(p.length)} 个字符，超过上限 ${s(p.max)} 个字符。请缩短（名称只写单位本名，如“南关区”）。`,
    en: (p) =>
      `Branch ${s(p.code)}: its ${TEXT_FIELD_WORDS.en[s(p.column)] ?? s(p.column)} is ${s(p.length)} characters long, over the limit of ${s(p.max)}. ` +
      `Shorten it (a name is the branch's own name, e.g. 南关区).`,
  },
  'option-bad-character': {
    zh: (p) =>
      `${s(p.option)} 的内容含有${TEXT_DEFECT_WORDS.zh[s(p.kind)] ?? ''} ${s(p.char)}（第 ${s(p.position)} 个字符），报表、公文和网页都无法如实写出它。请删去该字符后重新运行。`,
    en: (p) =>
      `${s(p.option)} holds ${TEXT_DEFECT_WORDS.en[s(p.kind)] ?? ''} ${s(p.char)} (character ${s(p.position)}), which no form, letter or page can ` +
      `carry faithfully. Delete it and run again.`,
  },
  'option-too-long': {
    zh: (p) => `${s(p.option)} 的内容有 ${s(p.length)} 个字符，超过上限 ${s(p.max)} 个字符。请缩短后重新运行。`,
    en: (p) => `${s(p.option)} is ${s(p.length)} characters long, over the limit of ${s(p.max)}. Shorten it and run again.`,
  },

  // ── the file as a whole (validate) ─────────────────────────────────────────
  'file-old-format': {
    zh: (p) => `这是旧格式（.xls/.et）或加了密码的文件：请用 Excel 或 WPS 打开，另存为不带密码的 .xlsx 后再发来。${paramWord('install', p.install, p, 'zh')}`,
    en: (p) =>
      `This is an old-format (.xls/.et) or password-protected file: open it and save it as .xlsx without a password.${paramWord('install', p.install, p, 'en')}`,
  },
  'file-not-zip': {
    zh: () => `这不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式，可能是改了扩展名。请用 Excel 或 WPS 另存为 .xlsx。`,
    en: () => `This is not an Excel workbook (.xlsx): its content is not in xlsx format, perhaps just renamed. Save it as .xlsx from Excel or WPS.`,
  },
  'file-truncated': {
    zh: () => `文件不完整（可能下载或复制中断）：请让报送单位重新发送。`,
    en: () => `The file is incomplete (a download or copy was cut off): ask the branch to send it again.`,
  },
  'file-empty': {
    zh: () => `文件是空的（0 字节）：请让报送单位重新发送。`,
    en: () => `The file is empty (0 bytes): ask the branch to send it again.`,
  },
  'file-suspicious-zip': {
    zh: (p) =>
      p.detail
        ? `文件的压缩结构自相矛盾（${s(p.detail)}），不同软件会读出不同内容，已拒绝读取。请让报送单位用 Excel 或 WPS 另存后重新发送。`
        : `文件解压后将达 ${s(p.size)}，远超正常报表（上限 ${s(p.limit)}），已拒绝读取。请让报送单位用模板重新填报。`,
    en: (p) =>
      p.detail
        ? `The file's zip structure contradicts itself (${s(p.detail)}): ` +
          `different programs would read different content, so it was refused. ` +
          `Ask the branch to save it again from Excel or WPS and resend it.`
        : `The file would expand to ${s(p.size)}, far beyond a normal form (limit ${s(p.limit)}); ` +
          `refused as suspicious. Ask the branch to fill in the template again.`,
  },
  // params.reason says why, for maintainers ('read-error' with the system's code as detail, 'damaged', 'reader-stopped');
  // it is never shown to a clerk.
  'file-unreadable': {
    zh: (p) =>
      `无法读取此工作簿：文件内部结构不符合 Excel 格式（可能由其他软件生成，或已损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再发来。${paramWord('install', p.install, p, 'zh')}`,
    en: (p) =>
      `Cannot read this workbook: its internal structure is not what Excel writes (made by other software, ` +
      `or damaged). Open it in Excel or WPS and save it again as .xlsx.${paramWord('install', p.install, p, 'en')}`,
  },
  'file-timeout': {
    zh: (p) => `读取超时（超过 ${s(p.seconds)} 秒），已放弃此文件。文件可能含有异常内容，请用模板重新填报。`,
    en: (p) => `Reading took longer than ${s(p.seconds)} s and was stopped. The file may contain something unusual; fill in the template again.`,
  },
  'file-too-much-memory': {
    zh: (p) => `读取时占用内存超过 ${s(p.limit)}，已放弃此文件。请用模板重新填报。`,
    en: (p) => `Reading it needed more than ${s(p.limit)} of memory and was stopped. Fill in the template again.`,
  },
  'file-unsafe-content': {
    zh: (p) => `工作簿含有不安全的名称定义（${s(p.detail)}），已拒绝读取。请用模板重新填报。`,
    en: (p) => `The workbook contains an unsafe defined name (${s(p.detail)}) and was refused. Fill in the template again.`,
  },
  'file-skipped': {
    zh: (p) => `已跳过 ${s(p.file)}：${paramWord('skipped', p.reason, p, 'zh')}。`,
    en: (p) => `Skipped ${s(p.file)}: ${paramWord('skipped', p.reason, p, 'en')}.`,
  },

  // ── identity ────────────────────────────────────────────────────────────────
  'identity-missing': {
    zh: () => `工作簿中没有 rc-org 写入的单位标识（隐藏工作表被删或不是用 rc-org template 生成）。请使用下发的模板填报。`,
    en: () => `The workbook carries no rc-org identity (the hidden sheet was removed, or it was not made by rc-org template). Use the issued template.`,
  },
  'identity-edited': {
    zh: (p) => `单位标识被修改过（校验码不符${s(p.detail)}）。请使用原下发的模板填报，不要改动隐藏工作表。`,
    en: (p) => `The branch identity was edited (checksum mismatch${s(p.detail)}). Use the template as issued; do not edit the hidden sheet.`,
  },
  'identity-unknown': {
    zh: (p) => `工作簿标识的单位代码 ${s(p.code)}（${s(p.name)}）不在单位名录中。请确认名录，或用 --orgs 指定正确的名录。`,
    en: (p) => `The workbook is for branch ${s(p.code)} (${s(p.name)}), which is not in the registry. Check the registry, or pass the right one with --orgs.`,
  },
  'identity-mismatch': {
    zh: (p) => `工作簿标识与名录不一致：标识为 ${s(p.found)}，名录为 ${s(p.expected)}。请用当前名录重新生成模板。`,
    en: (p) =>
      `The identity does not match the registry: the workbook says ${s(p.found)}, ` +
      `the registry ${s(p.expected)}. Issue a new template from the current registry.`,
  },
  'identity-wrong-year': {
    zh: (p) => `这是 ${s(p.found)} 年度的报表，本次审核的是 ${s(p.expected)} 年度。请报送本年度的报表${paramWord('yearHint', p.hint, p, 'zh')}。`,
    en: (p) => `This form is for ${s(p.found)}; this run checks ${s(p.expected)}. Send this year's form${paramWord('yearHint', p.hint, p, 'en')}.`,
  },
  'identity-other-template': {
    zh: (p) => `这份报表是另一版模板（${s(p.found)} 版），本次审核的是 ${s(p.expected)} 版，其数据不予读取。请用本次下发的空白报表重新填报。`,
    en: (p) =>
      `This form is from another version of the template (${s(p.found)}); this run checks version ${s(p.expected)}, ` +
      'so its figures are not read. Fill in the blank form issued this time.',
  },
  'identity-other-survey': {
    zh: (p) => `这份报表属于另一项调查（${s(p.found)}），本次审核的是“${s(p.title)}”（${s(p.expected)}），其数据不予读取。请用本次下发的空白报表填报。`,
    en: (p) =>
      `This form belongs to another survey (${s(p.found)}); this run checks "${s(p.title)}" (${s(p.expected)}), ` +
      'so its figures are not read. Fill in the blank form issued this time.',
  },
  'report-other-survey': {
    zh: (p) => `${s(p.file)} 是按另一版表（${s(p.found)} 版）汇总的，本次使用的是 ${s(p.expected)} 版的定义。请用 --survey 给出汇总时所用的定义文件。`,
    en: (p) =>
      `${s(p.file)} was merged with another version of the form (${s(p.found)}); this run uses version ${s(p.expected)}. ` +
      'Give the definition it was merged with as --survey.',
  },
  'year-from-forms': {
    zh: (p) => `未指定 --year，按报表所载年度 ${s(p.year)} 审核。`,
    en: (p) => `No --year given: checking against ${s(p.year)}, the year the forms carry.`,
  },
  'duplicate-org': {
    zh: (p) => `同一单位（${s(p.code)} ${s(p.name)}）报送了多个文件，另一个是 ${s(p.other)}。请确认哪一份有效，删去另一份。`,
    en: (p) => `The same branch (${s(p.code)} ${s(p.name)}) sent more than one file; the other is ${s(p.other)}. Keep the valid one and remove the other.`,
  },

  // ── the table ───────────────────────────────────────────────────────────────
  'sheet-missing': {
    zh: (p) => `找不到${s(p.annex)}《${s(p.title)}》的表格（按标题和行名查找）。请勿删除工作表或改动表头。`,
    en: (p) => `Cannot find the ${s(p.annex)} table "${s(p.title)}" (looked for its title and row labels). Do not delete sheets or change the header.`,
  },
  'row-missing': {
    zh: (p) => `表格中找不到第 ${s(p.no)} 行“${s(p.label)}”。请勿删除或改写行名。`,
    en: (p) => `Row ${s(p.no)} "${s(p.label)}" is missing from the table. Do not delete or rename rows.`,
  },
  'table-moved': {
    zh: (p) =>
      `${s(p.annex)}表格位置有变动：在工作表“${s(p.sheet)}”的 ${s(p.range)} 找到（模板中为“${s(p.expectedSheet)}”!${s(p.expectedRange)}），已按行名读取。`,
    en: (p) =>
      `The ${s(p.annex)} table has moved: found in sheet "${s(p.sheet)}" at ${s(p.range)} (template: ` +
      `"${s(p.expectedSheet)}"!${s(p.expectedRange)}); read by its row labels.`,
  },

  // ── cell values ─────────────────────────────────────────────────────────────
  'value-blank': {
    zh: (p) => `“${s(p.label)}”未填写。本级适用此项：没有的请填 0，不要留空。`,
    en: (p) => `"${s(p.label)}" is blank. This row applies to the branch: type 0 if there is none; blank means not reported.`,
  },
  'value-not-number': {
    zh: (p) => `“${s(p.label)}”应填数字，实际为“${s(p.found)}”。请改为阿拉伯数字（如 12）。`,
    en: (p) => `"${s(p.label)}" must be a number; found "${s(p.found)}". Type digits, e.g. 12.`,
  },
  'value-date': {
    zh: (p) => `“${s(p.label)}”应填数字，实际是日期（${s(p.found)}）。请把单元格格式改为“常规”后重新输入数字。`,
    en: (p) => `"${s(p.label)}" must be a number; found a date (${s(p.found)}). Set the cell format to General and type the number again.`,
  },
  'formula-no-result': {
    zh: (p) => `“${s(p.label)}”是公式（=${s(p.formula)}），但文件中没有保存计算结果。请在 Excel 中打开、重新计算并保存，或直接填数字。`,
    en: (p) => `"${s(p.label)}" is a formula (=${s(p.formula)}) with no saved result. Open it in Excel, recalculate and save, or type the number.`,
  },
  'formula-error': {
    zh: (p) => `“${s(p.label)}”的公式结果是错误值 ${s(p.found)}。请改正公式或直接填数字。`,
    en: (p) => `"${s(p.label)}" evaluates to the error ${s(p.found)}. Fix the formula or type the number.`,
  },
  'formula-used': {
    zh: (p) => `“${s(p.label)}”是公式（=${s(p.formula)}），按保存的结果 ${s(p.value)} 读取。`,
    en: (p) => `"${s(p.label)}" is a formula (=${s(p.formula)}); read its saved result ${s(p.value)}.`,
  },
  'value-loose': {
    zh: (p) => `“${s(p.label)}”写作“${s(p.found)}”（${paramWords('looseWay', p.how, p, 'zh', '、')}），按 ${s(p.value)} 读取。`,
    en: (p) => `"${s(p.label)}" was written "${s(p.found)}" (${paramWords('looseWay', p.how, p, 'en', ', ')}); read as ${s(p.value)}.`,
  },
  'not-applicable-filled': {
    zh: (p) => `“${s(p.label)}”不适用于${paramWord('level', p.level, p, 'zh')}单位（表中为“—”），但填了 ${s(p.found)}。请清空或填 0。`,
    en: (p) => `"${s(p.label)}" does not apply to a ${paramWord('level', p.level, p, 'en')} branch (shown "—"), but holds ${s(p.found)}. Clear it or type 0.`,
  },
  'flag-out-of-range': {
    zh: (p) => `“${s(p.label)}”是本级是否（是填 1，否填 0），实际为 ${s(p.found)}。请填 ${s(p.allowed)}。`,
    en: (p) => `"${s(p.label)}" is a yes/no for this branch (1 yes, 0 no); found ${s(p.found)}. Type ${s(p.allowed)}.`,
  },
  'count-negative': {
    zh: (p) => `“${s(p.label)}”不能为负数，实际为 ${s(p.found)}。请填 0 或正整数。`,
    en: (p) => `"${s(p.label)}" cannot be negative; found ${s(p.found)}. Type 0 or a positive whole number.`,
  },
  'count-fractional': {
    zh: (p) => `“${s(p.label)}”应为整数（${s(p.unit)}），实际为 ${s(p.found)}。请填整数。`,
    en: (p) => `"${s(p.label)}" must be a whole number (${s(p.unit)}); found ${s(p.found)}. Type a whole number.`,
  },
  'hours-negative': {
    zh: (p) => `“${s(p.label)}”不能为负数，实际为 ${s(p.found)}。`,
    en: (p) => `"${s(p.label)}" cannot be negative; found ${s(p.found)}.`,
  },
  'hours-beyond-year': {
    zh: (p) =>
      `志愿服务总时长 ${s(p.hours)} 小时，按注册志愿者 ${s(p.volunteers)} 人计每人 ${s(p.perVolunteer)} 小时，超过一年的 ${HOURS_PER_YEAR} 小时。请核对时长和人数。`,
    en: (p) =>
      `${s(p.hours)} service hours over ${s(p.volunteers)} registered volunteers is ${s(p.perVolunteer)} h each, ` +
      `more than the ${HOURS_PER_YEAR.toLocaleString('en-US')} hours in a year. Check both figures.`,
  },
  'hours-implausible': {
    zh: (p) =>
      `志愿服务总时长 ${s(p.hours)} 小时，按注册志愿者 ${s(p.volunteers)} 人计每人 ${s(p.perVolunteer)} 小时，高于常见水平（${s(p.limit)} 小时）。请核实，如属实请在“说明”栏注明。`,
    en: (p) =>
      `${s(p.hours)} service hours over ${s(p.volunteers)} registered volunteers is ${s(p.perVolunteer)} h each, ` +
      `above the usual level (${s(p.limit)} h). Please verify; if correct, explain in the 说明 column.`,
  },
  'election-completed-above-due': {
    zh: (p) => `${S2()}“${s(p.label2)}”为 ${s(p.completed)}，大于${S1()}“${s(p.label1)}”的 ${s(p.due)}。完成换届数一般不超过应换届数，请核实。`,
    en: (p) =>
      `${S2()} "${s(p.label2)}" is ${s(p.completed)}, more than ${S1()} "${s(p.label1)}" (${s(p.due)}). ` +
      'Completed elections rarely exceed those due; please verify.',
  },
  'volunteer-teams-below-plan': {
    zh: (p) =>
      `县级红十字会志愿服务组织 ${s(p.found)} 支，少于工作方案要求的 ${s(p.required)} 支（工作方案第二部分第（三）项第14条：每个县级红十字会至少建立 ${s(p.required)} 支志愿服务队伍）。请核实；如属实，请在“说明”栏注明。`,
    en: (p) =>
      `The county branch has ${s(p.found)} volunteer service teams, ` +
      `fewer than the ${s(p.required)} the work plan asks for (part 2, section (3), item 14: ` +
      `at least ${s(p.required)} volunteer teams per county branch). Please verify; if correct, ` +
      `explain in the 说明 column.`,
  },

  // ── increments against the baseline ────────────────────────────────────────
  'increment-mismatch': {
    zh: (p) =>
      `${S2()}“${s(p.label)}”为 ${s(p.found)}，` +
      `但${S1()} 本年 ${s(p.current)} 减去 ${s(p.baselineYear)} 年 ${s(p.baseline)} 应为 ${s(p.expected)}。` +
      `请改为 ${s(p.expected)}，或核对${S1()} 与基准数。`,
    en: (p) =>
      `${S2()} "${s(p.label)}" is ${s(p.found)}, ` +
      `but ${S1()} ${s(p.current)} minus ${s(p.baselineYear)}'s ${s(p.baseline)} is ${s(p.expected)}. ` +
      `Change it to ${s(p.expected)}, or check ${S1()} and the baseline.`,
  },
  'increment-decrease': {
    zh: (p) => `“${s(p.label)}”为 ${s(p.found)}，比基准年减少。请核实，如属实请在“说明”栏注明原因。`,
    en: (p) => `"${s(p.label)}" is ${s(p.found)}: a decrease against the baseline year. Please verify; if correct, explain in the 说明 column.`,
  },
  'increment-jump': {
    zh: (p) => `“${s(p.label)}”增加 ${s(p.found)}，是基准年 ${s(p.baseline)} 的 ${s(p.factor)} 倍以上。请核实，如属实请在“说明”栏注明。`,
    en: (p) =>
      `"${s(p.label)}" grew by ${s(p.found)}, over ${s(p.factor)} times the baseline ${s(p.baseline)}. Please verify; if correct, explain in the 说明 column.`,
  },
  'increments-unchecked': {
    zh: () => `未提供基准数（--baseline），${S2()} 只检查了格式，未核对“增加数”是否等于${S1()} 减基准数。`,
    en: () => `No baseline given (--baseline): ${S2()} was checked for form only; increments were not checked against ${S1()} minus the baseline.`,
  },
  'baseline-missing-org': {
    zh: (p) => `基准数中没有单位 ${s(p.code)}，${S2()} 增加数未核对。`,
    en: (p) => `The baseline has no row for ${s(p.code)}; its increments were not checked.`,
  },

  // ── baseline file (exit 2) ──────────────────────────────────────────────────
  'baseline-missing-column': {
    zh: (p) => `基准数文件缺少“${s(p.column)}”列。需要一列单位代码（如“代码”）和 ${N()} 项指标列（按键名、序号或中文行名）。`,
    en: (p) =>
      `The baseline has no "${s(p.column)}" column. It needs a code column (e.g. 代码) and the ${N()} indicators as columns (by key, number or Chinese label).`,
  },
  'baseline-unknown-code': {
    zh: (p) => `基准数中的单位代码 ${s(p.code)} 不在单位名录中。`,
    en: (p) => `Baseline: branch code ${s(p.code)} is not in the registry.`,
  },
  'baseline-duplicate-code': {
    zh: (p) => `基准数中单位代码 ${s(p.code)} 重复（第 ${s(p.other)} 行已有）。`,
    en: (p) => `Baseline: branch code ${s(p.code)} appears twice (first on line ${s(p.other)}).`,
  },
  'baseline-bad-number': {
    zh: (p) => `基准数“${s(p.column)}”列应为数字，实际为“${s(p.found)}”。`,
    en: (p) => `Baseline: column "${s(p.column)}" must hold a number; found "${s(p.found)}".`,
  },

  // ── CSV returns ─────────────────────────────────────────────────────────────
  'csv-missing-column': {
    zh: (p) => `CSV 缺少“${s(p.column)}”列。需要单位代码列和${S1()}、${S2()} 的各项列（列名可为键名、${S1()}-N/${S2()}-N 或中文行名）。`,
    en: (p) =>
      `The CSV has no "${s(p.column)}" column. It needs a code column and a column per ${S1()}/${S2()} row ` +
      `(headed by key, ${S1()}-N/${S2()}-N or the Chinese label).`,
  },

  // ── merge ───────────────────────────────────────────────────────────────────
  'summary-agrees': {
    zh: (p) => `汇总表 ${s(p.file)}（${s(p.code)}）与同时提供的 ${s(p.count)} 份下级报表一致。`,
    en: (p) => `Summary ${s(p.file)} (${s(p.code)}) agrees with the ${s(p.count)} branch files given with it.`,
  },
  'summary-differs': {
    zh: (p) =>
      `汇总表 ${s(p.file)} 与单位报表不一致：${s(p.branch)}“${s(p.label)}”汇总表为 ${s(p.inSummary)}，报表 ${s(p.source)} 为 ${s(p.inFile)}。已采用单位报表的数字。`,
    en: (p) =>
      `Summary ${s(p.file)} disagrees with a branch file: ` +
      `${s(p.branch)} "${s(p.label)}" is ${s(p.inSummary)} in the summary and ${s(p.inFile)} in ${s(p.source)}. ` +
      `The branch file's figure was used.`,
  },
  'merge-excluded': {
    zh: (p) => `${s(p.file)} 有错误，未纳入汇总：${s(p.reasons)}`,
    en: (p) => `${s(p.file)} has errors and was left out: ${s(p.reasons)}`,
  },
  'summary-mismatch': {
    zh: (p) => `汇总表的合计与明细不符：${s(p.detail)}。请重新生成汇总表。`,
    en: (p) => `The summary's totals disagree with its detail: ${s(p.detail)}. Produce the summary again.`,
  },

  // ── hostile inputs, outputs, signing (issue 8) ─────────────────────────────
  'file-not-regular': {
    zh: (p) => `这不是普通文件，而是${paramWord('fileKind', p.kind, p, 'zh')}，已跳过读取。请把报表文件本身放到这里。`,
    en: (p) => `This is not a regular file but ${paramWord('fileKind', p.kind, p, 'en')}; it was not read. Put the form file itself here.`,
  },
  'file-too-large': {
    zh: (p) => `文件大小为 ${s(p.size)}，超过报表上限 ${s(p.limit)}（正常报表只有几十 KB），未读取。请确认发来的是否为本表。`,
    en: (p) => `The file is ${s(p.size)}, above the ${s(p.limit)} limit for a return (a real one is tens of KB); it was not read. Check that this is the form.`,
  },
  'file-no-permission': {
    zh: () => `没有权限读取此文件（或文件正被其他程序占用，如 Excel 仍打开着）。请关闭占用它的程序或调整权限后重试。`,
    en: () =>
      `This file cannot be opened for reading (no permission, ` +
      `or another program such as Excel holds it open). ` +
      `Close that program or fix the permissions and run again.`,
  },
  'file-vanished': {
    zh: () => `文件在读取前被移走或删除了。请确认文件仍在后重试。`,
    en: () => `The file was moved or deleted before it could be read. Make sure it is there and run again.`,
  },
  'file-zip-encrypted': {
    zh: () => `工作簿的压缩包内容被加密（设置了压缩密码），无法读取。请去掉密码，用 Excel 或 WPS 另存为 .xlsx 后再发来。`,
    en: () => `The workbook's zip content is encrypted (a zip password) and cannot be read. Remove the password and save it as .xlsx from Excel or WPS.`,
  },
  'file-zip-unsafe-path': {
    zh: (p) => `工作簿的压缩包含有指向包外的路径（${s(p.name)}），这不是 Excel 会写出的内容，已拒绝读取。请用模板重新填报。`,
    en: (p) => `The workbook's zip holds an entry pointing outside it (${s(p.name)}), which Excel never writes; it was refused. Fill in the template again.`,
  },
  'file-symlink-followed': {
    zh: (p) => `${s(p.file)} 是指向 ${s(p.target)} 的链接，已按链接到的文件读取。`,
    en: (p) => `${s(p.file)} is a link to ${s(p.target)}; the file it points to was read.`,
  },
  'csv-malformed': {
    zh: (p) =>
      `CSV 格式有误（第 ${s(p.line)} 行：${paramWord('csvProblem', p.problem, p, 'zh')}），无法读取。请用 Excel 或 WPS 打开后另存为 CSV（或填报 .xlsx 模板）。`,
    en: (p) =>
      `The CSV is malformed (line ${s(p.line)}: ${paramWord('csvProblem', p.problem, p, 'en')}) and cannot be read. ` +
      `Open it in Excel or WPS and save it as CSV again (or fill in the .xlsx template).`,
  },
  'csv-undecodable': {
    zh: (p) => `CSV 第 ${s(p.line)} 行含有无法识别的字符（既不是 UTF-8、UTF-16，也不是 GB18030 编码）。请用 Excel 或 WPS 另存为“CSV UTF-8”。`,
    en: (p) => `Line ${s(p.line)} of the CSV holds bytes that are not UTF-8, UTF-16 or GB18030 text. Save it again as "CSV UTF-8" from Excel or WPS.`,
  },
  'value-implausible': {
    zh: (p) => `“${s(p.label)}”为 ${s(p.found)}，超过任何单位可能的数量（上限 ${s(p.limit)}）。请核对是否多输了数字。`,
    en: (p) => `"${s(p.label)}" is ${s(p.found)}, more than any branch could have (limit ${s(p.limit)}). Check for extra digits.`,
  },
  'identity-unsigned': {
    zh: () => `本次审核要求模板带签名（--sign-key），但此工作簿没有签名。请使用省级下发的签名模板填报。`,
    en: () => `This run requires signed templates (--sign-key), but this workbook carries no signature. Use the signed template the province issued.`,
  },
  'identity-forged': {
    zh: () => `单位标识的签名不符：标识在下发后被改动过，或不是用本次密钥签发的模板。请使用省级下发的模板填报。`,
    en: () =>
      `The identity's signature does not match: the identity was changed after issue, ` +
      `or the template was not signed with this key. Use the template the province issued.`,
  },
  'output-locked': {
    zh: (p) => `另一个 rc-org 进程（PID ${s(p.pid)}）正在向 ${s(p.dir)} 写入。请等它结束，或换一个输出文件夹。`,
    en: (p) => `Another rc-org run (PID ${s(p.pid)}) is writing into ${s(p.dir)}. Wait for it to finish, or choose another output folder.`,
  },
  'output-not-writable': {
    zh: (p) => `无法写入输出文件夹 ${s(p.dir)}（${paramWord('notWritable', p.reason, p, 'zh')}）。请换一个可写的文件夹。`,
    en: (p) => `Cannot write into the output folder ${s(p.dir)} (${paramWord('notWritable', p.reason, p, 'en')}). Choose a folder you can write to.`,
  },
  'sign-key-too-short': {
    zh: (p) => `签名密钥太短（${s(p.found)} 字节，至少 ${s(p.min)} 字节）。可用 openssl rand -hex 32 > key.txt 生成一个。`,
    en: (p) => `The signing key is too short (${s(p.found)} bytes; at least ${s(p.min)}). Make one with: openssl rand -hex 32 > key.txt`,
  },
  'file-check-failed': {
    zh: () => `rc-org 审核此文件时出错（这是 rc-org 的缺陷，不是填报的问题）：本文件未审核、不采用，其余文件照常处理。请把此文件发给维护人员。`,
    en: () =>
      `rc-org failed while checking this file (a fault in rc-org, not in the form): ` +
      `it was not checked or used; the other files were. Please send this file to the maintainers.`,
  },
  // ── statuses, scope, own outputs, exports, conversion, hints (issue 10) ───────
  'own-output-skipped': {
    zh: (p) => `已跳过 ${s(p.file)}：这是 rc-org 自己生成的${paramWord('ownOutput', p.what, p, 'zh')}，不是报表。`,
    en: (p) => `Skipped ${s(p.file)}: it is ${paramWord('ownOutput', p.what, p, 'en')} written by rc-org itself, not a return.`,
  },
  'baseline-in-returns': {
    zh: (p) => `已跳过 ${s(p.file)}：这看起来是基准数文件，不是报表。如需按基准数核对增加数，请用 --baseline ${s(p.file)} 指定。`,
    en: (p) => `Skipped ${s(p.file)}: this looks like a baseline file, not a return. To check increments against it, pass it with --baseline ${s(p.file)}.`,
  },
  'form-exported': {
    zh: (p) =>
      `这是${s(p.fullName) || '某单位'}的报表另存成的 ${s(p.format)} 文件：另存时丢失了单位标识${paramWord('lost', p.lost, p, 'zh')}，无法采用。请把报表原样保存为 Excel 工作簿（.xlsx）后重新报送${paramWord('install', p.install, p, 'zh')}。`,
    en: (p) =>
      `This is ${p.name ? `${s(p.code)} ${s(p.name)}` : 'a branch'}'s form saved as ${s(p.format)}: ` +
      `saving it so lost the branch identity${paramWord('lost', p.lost, p, 'en')}, so it cannot be used. ` +
      `Please send the form as an Excel workbook (.xlsx)${paramWord('install', p.install, p, 'en')}.`,
  },
  'converted-from-xls': {
    zh: () => `这是旧格式 .xls 文件，已用 LibreOffice 转换为 .xlsx 副本后审核（原文件未改动）。请提醒报送单位今后报送 .xlsx。`,
    en: () =>
      `An old-format .xls file: checked from a copy LibreOffice converted to .xlsx (the file itself is untouched). Ask the branch to send .xlsx next time.`,
  },
  'converted-from-ods': {
    zh: () => `这是 .ods（OpenDocument）文件，已用 LibreOffice 转换为 .xlsx 副本后审核（原文件未改动）。请提醒报送单位今后报送 .xlsx。`,
    en: () =>
      `An .ods (OpenDocument) file: checked from a copy LibreOffice converted to .xlsx (the file itself is untouched). Ask the branch to send .xlsx next time.`,
  },
  'converted-by-libreoffice': {
    zh: () => `此工作簿的内部格式不标准（可能由其他软件生成），已用 LibreOffice 转换为副本后审核（原文件未改动）。`,
    en: () =>
      `This workbook's internal format is non-standard (perhaps written by other software): ` +
      `checked from a copy LibreOffice converted (the file itself is untouched).`,
  },
  'file-needs-libreoffice': {
    zh: (p) => `这是 ${s(p.format)} 文件，本机没有安装 LibreOffice，无法读取。请让报送单位另存为 .xlsx 后再发来${paramWord('install', p.install, p, 'zh')}`,
    en: (p) =>
      `This is ${s(p.format)} file and LibreOffice is not installed here, so it cannot be read. ` +
      `Ask the branch to save it as .xlsx and send it again${paramWord('install', p.install, p, 'en')}`,
  },
  'baseline-missing': {
    zh: (p) => `基准数中没有 ${s(p.code)} ${s(p.name)} 的数据：${S2()} 只检查了格式，未核对“增加数”是否等于${S1()} 减基准数。请在基准数文件中补上该单位。`,
    en: (p) =>
      `The baseline has no row for ${s(p.code)} ${s(p.name)}: its ${S2()} was checked for form only, ` +
      `not against ${S1()} minus the baseline. Add the branch to the baseline file.`,
  },
  'value-with-unit': {
    zh: (p) =>
      `“${s(p.label)}”只填数字，不要带单位：实际为“${s(p.found)}”，单位“${s(p.unit)}”与本行的计量单位“${s(p.rowUnit)}”不符。请核实后只填按“${s(p.rowUnit)}”计的数字。`,
    en: (p) =>
      `"${s(p.label)}" takes a number only, without a unit: found "${s(p.found)}", ` +
      `whose unit "${s(p.unit)}" is not the row's unit "${s(p.rowUnit)}". ` +
      `Check it and type the figure in ${s(p.rowUnit)} only.`,
  },
  'value-word': {
    zh: (p) =>
      Number(p.yes)
        ? `“${s(p.label)}”是“是否”类事项，应填数字，实际为“${s(p.found)}”。“是”请填 1，“否”请填 0。`
        : `“${s(p.label)}”应填数字，实际为“${s(p.found)}”。没有的请填 0${Number(p.flag) ? '（“是”填 1）' : ''}。`,
    en: (p) =>
      Number(p.yes)
        ? `"${s(p.label)}" is a yes/no row and takes a number; found "${s(p.found)}". Type 1 for yes, 0 for no.`
        : `"${s(p.label)}" takes a number; found "${s(p.found)}". Type 0 for none${Number(p.flag) ? ' (1 for yes)' : ''}.`,
  },
  'value-dash': {
    zh: (p) => `“${s(p.label)}”填的是“${s(p.found)}”（表示不适用），但本级适用此项，不能填“不适用”。没有的请填 0。`,
    en: (p) =>
      `"${s(p.label)}" holds "${s(p.found)}" (not applicable), but the row applies to this branch: ` +
      `"not applicable" is not allowed here. Type 0 if there is none.`,
  },
  'value-digits-split': {
    zh: (p) => `“${s(p.label)}”写作“${s(p.found)}”，数字中间有空格，无法确定是哪个数。请只填一个数字，中间不要留空格。`,
    en: (p) =>
      `"${s(p.label)}" was written "${s(p.found)}": digits split by a space, so which number was meant cannot be told. Type one number without spaces.`,
  },
  'hours-without-volunteers': {
    zh: (p) => `志愿服务总时长为 ${s(p.hours)} 小时，但注册志愿者为 0 人。请核对这两项；如属实，请在“说明”栏注明。`,
    en: (p) => `${s(p.hours)} service hours, but 0 registered volunteers. Check both figures; if correct, explain in the 说明 column.`,
  },
  'template-year-default': {
    zh: (p) => `未指定 --year，按今年（${s(p.year)} 年）生成报表。如需其他年度，请加 --year（例如 --year ${Number(p.year) - 1}）并加 --force 重新生成。`,
    en: (p) =>
      `No --year given: the forms are for this year, ${s(p.year)}. For another year pass --year (e.g. ` +
      `--year ${Number(p.year) - 1}) and regenerate with --force.`,
  },
  'file-not-found': {
    zh: (p) => `找不到文件：${s(p.file)}。请检查路径和文件名是否写对。`,
    en: (p) => `File not found: ${s(p.file)}. Check the path and the file name.`,
  },
  'out-is-a-file': {
    zh: (p) => `--out 是一个文件，不是文件夹：${s(p.out)}。请指定一个文件夹（不存在时会自动创建）。`,
    en: (p) => `--out is a file, not a folder: ${s(p.out)}. Name a folder (it is created if it does not exist).`,
  },
  'baseline-summary-unreadable': {
    zh: () => '这不是 rc-org merge 写出的 summary.json（或已损坏），不能作为基准数。请指定上一年度汇总的输出文件夹或其中的 summary.json。',
    en: () => "This is not a summary.json written by rc-org merge (or it is damaged), so it cannot be the baseline. Name last year's merge folder or its summary.json.",
  },
  'baseline-other-survey': {
    zh: (p) => `这份汇总属于另一项调查（${s(p.found)}），本次的调查是 ${s(p.expected)}，不能作为基准数。`,
    en: (p) => `This summary belongs to another survey (${s(p.found)}); this run's survey is ${s(p.expected)}, so it cannot be the baseline.`,
  },
  'baseline-new-indicators': {
    zh: (p) => `上一年度没有的 ${s(p.count)} 项指标（${s(p.labels)}）无基准数：其增加数采用各单位所报数，通报中不计增长率。`,
    en: (p) =>
      `${s(p.count)} ${Number(p.count) === 1 ? 'indicator is' : 'indicators are'} new this year (${s(p.labels)}) and ` +
      "have no baseline: their increases are the branches' own figures, and the bulletin shows no growth for them.",
  },
  'baseline-dropped-indicators': {
    zh: (p) => `上一年度的 ${s(p.count)} 项指标本年度表式已不再统计（${s(p.labels)}），其基准数未使用。`,
    en: (p) => `${s(p.count)} of last year's ${Number(p.count) === 1 ? 'indicator is' : 'indicators are'} no longer on this year's form (${s(p.labels)}); their baseline is not used.`,
  },
  'baseline-empty': {
    zh: (p) => `基准数文件是空的：${s(p.file)}。请检查是否选对了文件；基准数文件需要一行表头（单位代码和 ${N()} 项指标）和每个单位一行数字。`,
    en: (p) =>
      `The baseline file is empty: ${s(p.file)}. Check it is the right file; ` +
      `it needs a header row (code and the ${N()} indicators) and one row of figures per branch.`,
  },
  'duplicate-copy': {
    zh: (p) => `此文件与 ${s(p.other)} 完全相同（同一单位 ${s(p.code)} ${s(p.name)} 的同一份报表），按一份计。`,
    en: (p) => `This file is identical to ${s(p.other)} (the same return of ${s(p.code)} ${s(p.name)}); counted once.`,
  },
  'identity-from-file-name': {
    zh: (p) => `按文件名认定为 ${s(p.code)} ${s(p.name)} 报送的文件（文件内容无法读取，无法核对其中的单位标识），该单位计为已报送·需重报。`,
    en: (p) =>
      `Attributed to ${s(p.code)} ${s(p.name)} by its file name (the content cannot be read, so the identity in it cannot be checked); ` +
      `the branch counts as returned, to resubmit.`,
  },
  'file-cut-off-copy': {
    zh: (p) => `此文件是 ${s(p.other)} 的不完整副本（内容与其开头完全相同，传输中断所致），不另计；${s(p.code)} ${s(p.name)} 按 ${s(p.other)} 审核。`,
    en: (p) =>
      `This file is an incomplete copy of ${s(p.other)} (its bytes are the start of that file: a transfer cut off); ` +
      `not counted again: ${s(p.code)} ${s(p.name)} is checked on ${s(p.other)}.`,
  },
  'outside-scope': {
    zh: (p) => `${s(p.file)} 是 ${s(p.code)} ${s(p.name)} 的报表，不在本次范围（${s(p.scope)} ${s(p.scopeName)} 及其下级）内，未计入。`,
    en: (p) => `${s(p.file)} is the return of ${s(p.code)} ${s(p.name)}, outside this run (${s(p.scope)} ${s(p.scopeName)} and below); not counted.`,
  },

  // ── report (issue 12) ──
  'report-no-summary': {
    zh: (p) => `${s(p.dir)} 中没有 summary.json：请给出 rc-org merge 的输出文件夹（--out 所指的文件夹）。`,
    en: (p) => `${s(p.dir)} holds no summary.json: name the folder rc-org merge wrote (its --out).`,
  },
  'report-summary-not-json': {
    zh: (p) => `${s(p.file)} 不是有效的 JSON（可能被手工改坏或未写完）。请重新运行 rc-org merge。`,
    en: (p) => `${s(p.file)} is not valid JSON (edited by hand or cut short). Run rc-org merge again.`,
  },
  'report-schema-unknown': {
    zh: (p) => `${s(p.file)} 的格式版本为 ${s(p.found)}，本程序只能读取版本 ${s(p.expected)}：它来自另一版本的 rc-org。请用当前版本的 rc-org merge 重新汇总。`,
    en: (p) =>
      `${s(p.file)} has format version ${s(p.found)}; this program reads version ${s(p.expected)} only: ` +
      `it was written by another rc-org version. Run this version's rc-org merge again.`,
  },
  'report-summary-invalid': {
    zh: (p) => `${s(p.file)} 内容不完整或被改动：“${s(p.path)}”应为 ${s(p.expected)}，实际为 ${s(p.found)}。请勿手工修改 summary.json，重新运行 rc-org merge。`,
    en: (p) =>
      `${s(p.file)} is incomplete or was edited: "${s(p.path)}" should be ${s(p.expected)}; ` +
      `found ${s(p.found)}. Do not edit summary.json by hand; run rc-org merge again.`,
  },
  'report-summary-inconsistent': {
    zh: (p) => `${s(p.file)} 的单位结构前后矛盾（${s(p.detail)}）。请重新运行 rc-org merge。`,
    en: (p) => `${s(p.file)} does not hold together (${s(p.detail)}). Run rc-org merge again.`,
  },
  'report-totals-mismatch': {
    zh: (p) =>
      `${s(p.file)}：${s(p.code)} ${s(p.name)} 的“${s(p.label)}”合计为 ${s(p.total)}，但其下各单位之和为 ${s(p.sum)}。summary.json 可能被手工改动，请重新运行 rc-org merge。`,
    en: (p) =>
      `${s(p.file)}: ${s(p.code)} ${s(p.name)} "${s(p.label)}" totals ${s(p.total)}, ` +
      `but its branches add up to ${s(p.sum)}. summary.json may have been edited; run rc-org merge again.`,
  },
  'report-same-year': {
    zh: (p) => `${s(p.a)} 与 ${s(p.b)} 是同一年度（${s(p.year)} 年）的汇总：每个年度只能给一个文件夹。`,
    en: (p) => `${s(p.a)} and ${s(p.b)} are both for ${s(p.year)}: give one folder per year.`,
  },
  'report-scope-differs': {
    zh: (p) => `${s(p.a)}（${s(p.scopeA)}）与 ${s(p.b)}（${s(p.scopeB)}）的汇总范围不同，不能放在一起比较。`,
    en: (p) => `${s(p.a)} (${s(p.scopeA)}) and ${s(p.b)} (${s(p.scopeB)}) cover different branches and cannot be compared.`,
  },
  'report-rules-invalid': {
    zh: (p) => `规则文件 ${s(p.file)} 有误：“${s(p.path)}”（${s(p.detail)}）。可用的键及取值见 README“rc-org report”一节。`,
    en: (p) => `Rules file ${s(p.file)} is wrong at "${s(p.path)}" (${s(p.detail)}). The keys and values allowed are in the README, section "rc-org report".`,
  },
  'report-no-browser': {
    zh: () =>
      `生成 PDF 需要 Chromium 浏览器，但没有找到。请安装（Debian/Ubuntu：sudo apt-get install chromium），或用环境变量 CHROME_PATH 指向已安装的 Chromium/Chrome。未写入任何文件。`,
    en: () =>
      `--pdf needs a Chromium browser and none was found. Install one (Debian/Ubuntu: ` +
      `sudo apt-get install chromium) or point CHROME_PATH at an installed Chromium/Chrome. ` +
      `Nothing was written.`,
  },
  'report-pdf-failed': {
    zh: (p) => `用 Chromium（${s(p.browser)}）打印 PDF 失败。请确认该浏览器能正常启动，或用 CHROME_PATH 指定另一个。未写入任何文件。`,
    en: (p) => `Printing the PDF with Chromium (${s(p.browser)}) failed. Check that this browser starts, or point CHROME_PATH at another. Nothing was written.`,
  },
  'report-bad-date': {
    zh: (p) => `--date 应为成文日期 YYYY-MM-DD（如 2022-01-10），实际为“${s(p.value)}”。`,
    en: (p) => `--date must be the date of issue as YYYY-MM-DD, such as 2022-01-10; got "${s(p.value)}".`,
  },
  // ── feedback (issue 11) ──
  'feedback-bad-due': {
    zh: (p) => `--due 应为日期 YYYY-MM-DD（如 2021-12-31），实际为“${s(p.value)}”。`,
    en: (p) => `--due must be a date YYYY-MM-DD such as 2021-12-31; got "${s(p.value)}".`,
  },
  'feedback-no-year': {
    zh: () => `无法从报表确定统计年度（没有一份可读的报表）。请用 --year 指定。`,
    en: () => `Cannot tell the survey year from the returns (none could be read). Pass it with --year.`,
  },
  'feedback-letter-correct': {
    zh: (p) =>
      `${s(p.name)}：你会报表有 ${s(p.count)} 处需${s(p.verb)}：${s(p.items)}。` +
      `请按退回的修改表（${s(p.form)}，已标出这些单元格）${s(p.deadline)}${s(p.redo)}后重新报送。${s(p.ack)}${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: your return (组织体系建设统计表) has ${enCount(p.count, 'point', 'points')} to ${s(p.verb)}: ${s(p.items)}. ` +
      `Please ${s(p.redo)} ${Number(p.count) === 1 ? 'it' : 'them'} on the form sent back to you (${s(p.form)}, where ${Number(p.count) === 1 ? 'it is' : 'they are'} marked) ` +
      `and send it back ${s(p.deadline)}.${s(p.ack)}${s(p.contact)}`,
  },
  'feedback-letter-fresh-form': {
    zh: (p) =>
      `${s(p.name)}：你会报送的文件“${s(p.file)}”${s(p.reason)}，无法使用。现将空白报表（${s(p.form)}）重新发给你会，请用它填报，${s(p.deadline)}报送。${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: the file you sent ("${s(p.file)}") ${s(p.reason)} and cannot be used. ` +
      `A blank form (${s(p.form)}) is sent to you again: ` +
      `please fill it in and send it ${s(p.deadline)}.${s(p.contact)}`,
  },
  'feedback-letter-resend-file': {
    zh: (p) => `${s(p.name)}：你会报送的文件${s(p.files)}无法打开${p.why ? `（${s(p.why)}）` : ''}，请${s(p.deadline)}重新发送。${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: the file you sent (${s(p.files)}) cannot be opened${p.why ? ` (${s(p.why)})` : ''}. ` +
      `Please send it again ${s(p.deadline)}.${s(p.contact)}`,
  },
  'feedback-letter-choose-file': {
    zh: (p) =>
      `${s(p.name)}：你会报送了 ${s(p.count)} 份不同的《组织体系建设统计表》：${s(p.files)}。${s(p.differences)}请确认哪一份是最终版，并${s(p.deadline)}只重新报送最终的那一份。${s(p.ack)}${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: you sent ${s(p.count)} different returns (组织体系建设统计表): ${s(p.files)}.${s(p.differences)} ` +
      `Please tell us which one is final and send only that one again ${s(p.deadline)}.${s(p.ack)}${s(p.contact)}`,
  },
  'feedback-letter-resend-summary': {
    zh: (p) =>
      `${s(p.name)}：你会报送的汇总表“${s(p.file)}”有 ${s(p.count)} 处问题：${s(p.items)}。请核对后重新汇总，并${s(p.deadline)}重新报送。${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: the summary you sent ("${s(p.file)}") has ${enCount(p.count, 'problem', 'problems')}: ${s(p.items)}. ` +
      `Please check it, produce it again and send it ${s(p.deadline)}.${s(p.contact)}`,
  },
  'feedback-letter-chase-below': {
    zh: (p) =>
      `${s(p.name)}：截至目前尚未收到你会所辖 ${s(p.count)} 个单位的《组织体系建设统计表》：${s(p.names)}。请督促其${s(p.deadline)}报送（或报送你会的汇总表）。${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: we have not yet received the returns of ${enCount(p.count, 'branch', 'branches')} under you: ` +
      `${s(p.names)}. ` +
      `Please see that ${Number(p.count) === 1 ? 'it sends its return' : 'they send theirs'} (or send your summary) ${s(p.deadline)}.${s(p.contact)}`,
  },
  'feedback-also-below': {
    zh: (p) => `另有所辖 ${s(p.count)} 个单位尚未报送：${s(p.names)}，请督促其${s(p.deadline)}报送（或报送你会的汇总表）。`,
    en: (p) =>
      ` Also, ${enCount(p.count, 'branch', 'branches')} under you ${Number(p.count) === 1 ? 'has' : 'have'} not reported: ${s(p.names)}; ` +
      `please see that they report (or send your summary) ${s(p.deadline)}.`,
  },
  'feedback-letter-missing': {
    zh: (p) => `${s(p.name)}：截至目前尚未收到你会 ${s(p.year)} 年度的《组织体系建设统计表》。${s(p.blank)}请${s(p.deadline)}报送。${s(p.contact)}`,
    en: (p) =>
      `${s(p.name)}: ` +
      `we have not yet received your return (组织体系建设统计表) for ${s(p.year)}.${s(p.blank)} Please send your return ${s(p.deadline)}.${s(p.contact)}`,
  },

  // ── survey definitions: rc-org survey check, --survey (exit 2); the file and path are printed before each ──
  'survey-not-a-file': {
    zh: () => `这不是普通文件（可能是文件夹）。请给出调查表定义文件（.json）本身。`,
    en: () => `This is not a regular file (a folder?). Name the survey definition file (.json) itself.`,
  },
  'survey-too-large': {
    zh: (p) => `文件大小为 ${s(p.size)} 字节，超过调查表定义的上限 ${s(p.limit)} 字节（正常的定义只有几十 KB）。请确认给出的是定义文件。`,
    en: (p) =>
      `The file is ${s(p.size)} bytes, above the ${s(p.limit)}-byte limit for a survey definition (a real one is tens of KB). ` +
      `Check that this is the definition.`,
  },
  'survey-json-syntax': {
    zh: () => `此处 JSON 格式有误（如缺逗号、多了逗号、引号未闭合）。请改正后再试；可用任何 JSON 编辑器检查。`,
    en: () => `The JSON is broken here (a missing or extra comma, an unclosed quote…). Fix it and try again; any JSON editor will point at it.`,
  },
  'survey-too-deep': {
    zh: (p) => `嵌套超过 ${s(p.limit)} 层，不是调查表定义应有的结构。请用 rc-org survey show 输出的定义为底本修改。`,
    en: (p) => `Nested more than ${s(p.limit)} levels deep: not the shape of a survey definition. Start from the one rc-org survey show prints.`,
  },
  'survey-missing-field': {
    zh: (p) => `缺少此项（应为${surveyType(p.expected, 'zh')}）。请补上。`,
    en: (p) => `This field is missing (expected ${surveyType(p.expected, 'en')}). Add it.`,
  },
  'survey-wrong-type': {
    zh: (p) => `应为${surveyType(p.expected, 'zh')}，实际为${surveyType(p.found, 'zh')}。`,
    en: (p) => `Expected ${surveyType(p.expected, 'en')}, found ${surveyType(p.found, 'en')}.`,
  },
  'survey-unknown-field': {
    zh: () => `没有这一项（可能拼错了）。可用的项见 templates/survey.schema.json 和 docs/survey-format.md。`,
    en: () => `No such field (a typo?). The fields allowed are in templates/survey.schema.json and docs/survey-format.md.`,
  },
  'survey-out-of-range': {
    zh: (p) =>
      `${p.origin === 'string' ? '文字长度' : p.origin === 'array' ? '项数' : '数值'}${p.bound === 'max' ? '超过上限' : '低于下限'} ${s(p.limit)}${p.origin === 'string' ? ' 个字符' : p.origin === 'array' ? ' 项' : ''}。`,
    en: (p) =>
      `${p.origin === 'string' ? 'The text' : p.origin === 'array' ? 'The list' : 'The number'} is ${p.bound === 'max' ? 'above the maximum' : 'below the minimum'} of ${s(p.limit)}${p.origin === 'string' ? ' characters' : p.origin === 'array' ? ' items' : ''}.`,
  },
  'survey-not-allowed': {
    zh: (p) => `取值不在允许范围内，应为以下之一：${s(p.allowed)}。`,
    en: (p) => `Not one of the values allowed: ${s(p.allowed)}.`,
  },
  'survey-bad-format': {
    zh: (p) =>
      ({
        key: '键名应以英文字母开头，只含字母、数字和 _（至多 40 个字符）。',
        id: '标识应由小写字母、数字和 - 组成。',
        code: '代码应为小写字母开头、用 - 连接的英文词。',
        column: '列应为 A–ZZ 的列字母。',
        colour: '颜色应为 8 位十六进制 ARGB（如 FFF2F2F2）。',
      })[s(p.format)] ?? '格式不符。',
    en: (p) =>
      ({
        key: 'A key starts with a letter and has only letters, digits and _ (at most 40 characters).',
        id: 'An id is lower-case letters, digits and -.',
        code: 'A code is lower-case words joined by -.',
        column: 'A column is a letter A–ZZ.',
        colour: 'A colour is 8 hex digits, ARGB (e.g. FFF2F2F2).',
      })[s(p.format)] ?? 'Wrong format.',
  },
  'survey-duplicate': {
    zh: (p) => `“${s(p.value)}”重复（${s(p.first)} 已有）。同一类中每项必须唯一。`,
    en: (p) => `"${s(p.value)}" appears twice (first at ${s(p.first)}). Each must be unique.`,
  },
  'survey-unknown-reference': {
    zh: (p) =>
      `“${s(p.value)}”不是本定义中的${({ level: '级别', sheet: '工作表', indicator: '指标' } as Record<string, string>)[s(p.kind)] ?? ''}键名。请检查拼写。`,
    en: (p) => `"${s(p.value)}" is not a ${s(p.kind)} key of this definition. Check the spelling.`,
  },
  'survey-reserved-word': {
    zh: (p) => `“${s(p.value)}”是表达式的保留字，不能用作键名。请换一个名字。`,
    en: (p) => `"${s(p.value)}" is a reserved word of the expression language and cannot be a key. Choose another name.`,
  },
  'survey-root-count': {
    zh: (p) => `应恰有一个最上级（role 为 root）的级别，实际有 ${s(p.count)} 个。`,
    en: (p) => `Exactly one level must have role "root"; found ${s(p.count)}.`,
  },
  'survey-baseline-year': {
    zh: (p) => `基准年（${s(p.baselineYear)}）必须早于调查年度（${s(p.year)}）。`,
    en: (p) => `The baseline year (${s(p.baselineYear)}) must be earlier than the survey year (${s(p.year)}).`,
  },
  'survey-no-current-sheet': {
    zh: () => `至少要有一张 role 为 current（本年数）的工作表。`,
    en: () => `At least one sheet must have role "current" (this year's figures).`,
  },
  'survey-rule-target': {
    zh: () => `规则应写 indicator（一个指标）或 forEach（逐项适用）二者之一，且只能写一个。`,
    en: () => `A rule names either an indicator or a forEach selection: exactly one of the two.`,
  },
  'survey-no-row-on-sheet': {
    zh: (p) => `指标 ${s(p.indicator)} 在工作表 ${s(p.sheet)} 上没有行，规则无法指向它。`,
    en: (p) => `Indicator ${s(p.indicator)} has no row on sheet ${s(p.sheet)}, so the rule cannot point at it.`,
  },
  'survey-placeholder': {
    zh: (p) => `消息中的 ${s(p.placeholder)} 既不是本规则 params 中的名字，也不是 {label}、{label:工作表}、{baselineYear}。`,
    en: (p) => `${s(p.placeholder)} in the message is neither a name in the rule's params nor {label}, {label:SHEET} or {baselineYear}.`,
  },
  'survey-expression': {
    zh: (p) => `表达式第 ${s(p.pos)} 个字符处：${exprReason(p, 'zh')}`,
    en: (p) => `Expression, at character ${s(p.pos)}: ${exprReason(p, 'en')}`,
  },
  'survey-more-problems': {
    zh: (p) => `另有 ${s(p.count)} 个问题未列出。请先改正以上问题。`,
    en: (p) => `${s(p.count)} more problems not listed. Fix the ones above first.`,
  },
  'survey-sheet-missing': {
    zh: (p) => `工作簿中没有“${s(p.sheet)}”工作表。请以 rc-org survey export 导出的工作簿为底本修改。`,
    en: (p) => `The workbook has no "${s(p.sheet)}" sheet. Start from a workbook written by rc-org survey export.`,
  },
  'survey-column-missing': {
    zh: (p) => `缺少“${s(p.column)}”列（第 1 行是列名）。请补上这一列。`,
    en: (p) => `The "${s(p.column)}" column is missing (row 1 holds the column names). Add it.`,
  },
  'survey-column-unknown': {
    zh: (p) => `不认识的列“${s(p.column)}”（可能拼错了）。请改正列名或删去这一列。`,
    en: (p) => `Unknown column "${s(p.column)}" (a typo?). Fix its name or remove it.`,
  },
  'survey-setting-name': {
    zh: (p) => `设置名“${s(p.name)}”写法有误，应为用 . 连接的键名（列表项写作 [0]），如 title.zh、layout.columns[0].width。`,
    en: (p) => `The setting name "${s(p.name)}" is malformed: keys joined by . (list items as [0]), e.g. title.zh, layout.columns[0].width.`,
  },
  'survey-param-line': {
    zh: (p) => `“${s(p.line)}”应写成“名字 = 表达式”，每行一个。`,
    en: (p) => `"${s(p.line)}" should read "name = expression", one per line.`,
  },
  'survey-valid': {
    zh: (p) =>
      `有效：${s(p.id)} ${s(p.version)}（${s(p.year)} 年，基准年 ${s(p.baselineYear)}），${s(p.sheets)} 张表、${s(p.indicators)} 项指标、${s(p.rules)} 条规则、${s(p.rates)} 个比率。`,
    en: (p) =>
      `Valid: ${s(p.id)} ${s(p.version)} (${s(p.year)}, baseline ${s(p.baselineYear)}): ` +
      `${s(p.sheets)} sheets, ${s(p.indicators)} indicators, ${s(p.rules)} rules, ${s(p.rates)} rates.`,
  },
} as const satisfies Record<MessageCode, Entry>;

/** A JSON type as the survey messages name it. */
function surveyType(t: Params[string], lang: Lang): string {
  const words: Record<string, [string, string]> = {
    string: ['文字', 'text'],
    number: ['数字', 'a number'],
    integer: ['整数', 'a whole number'],
    boolean: ['true/false', 'true/false'],
    array: ['列表 [...]', 'a list [...]'],
    object: ['对象 {...}', 'an object {...}'],
    null: ['null', 'null'],
    'out-of-range': ['超出范围的数字', 'a number out of range'],
    date: ['日期', 'a date'],
  };
  const w = s(t);
  return Object.hasOwn(words, w) ? words[w]![lang === 'zh' ? 0 : 1] : w;
}

/** Why an expression of a survey definition was refused (src/core/expr.ts ExprErrorCode), with what stood there. */
function exprReason(p: Params, lang: Lang): string {
  const d = s(p.detail);
  const words: Record<string, [string, string]> = {
    'too-long': [`表达式过长（${d} 个字符）。`, `the expression is too long (${d} characters).`],
    'too-deep': [`括号或函数嵌套超过 ${d} 层。`, `brackets or calls nest deeper than ${d}.`],
    'bad-character': [`不认识的字符“${d}”。`, `the character "${d}" is not part of the language.`],
    'bad-number': [`数字“${d}”写法有误。`, `"${d}" is not a number.`],
    unexpected: [`此处不应出现“${d}”。`, `"${d}" is not expected here.`],
    'unexpected-end': ['表达式不完整。', 'the expression ends too soon.'],
    'unknown-name': [
      `“${d}”不是可用的名字（指标须写成 工作表.指标，如 annex1.volunteers）。`,
      `"${d}" is not a name it knows (write an indicator as sheet.key, e.g. annex1.volunteers).`,
    ],
    'unknown-sheet': [`“${d}”不是本定义的工作表键名。`, `"${d}" is not a sheet key of this definition.`],
    'unknown-indicator': [`“${d}”不是本定义的指标键名。`, `"${d}" is not an indicator key of this definition.`],
    'unknown-function': [
      `没有函数“${d}”（可用：min、max、sum、abs、round、if、known、ifnull、count、countIf）。`,
      `there is no function "${d}" (min, max, sum, abs, round, if, known, ifnull, count, countIf).`,
    ],
    'no-current-indicator': [`${d} 只能用在带 forEach 的规则中。`, `${d} can only be used in a rule with forEach.`],
    arity: [`函数参数个数不对（${d}）。`, `wrong number of arguments (${d}).`],
    type: [`类型不符（应为/实际为：${d}）。`, `wrong type (expected/found: ${d}).`],
    'not-here': [`${d} 只能用于比率的分子、分母。`, `${d} can only be used in a rate's numerator or denominator.`],
  };
  const code = s(p.reason);
  if (!Object.hasOwn(words, code)) return code;
  return words[code]![lang === 'zh' ? 0 : 1];
}

/**
 * Render a message. Text parameters come from files: each is capped (MAX_QUOTED_CHARS, with "…") so a 50 MB cell
 * cannot become a 50 MB message, and the message is made printable (no control or escape characters). `composed`
 * names parameters that rc-org built itself from parts already capped (a list of problems in a letter): not cut.
 */
export function message(code: MessageCode, params: Params, lang: Lang, composed: readonly string[] = []): string {
  const capped: Params = {};
  for (const [k, v] of Object.entries(params)) capped[k] = typeof v === 'string' && !composed.includes(k) ? capQuoted(v) : v;
  return printable(MESSAGES[code][lang](capped));
}

/** Errors that stop a command before it starts (exit 2). */
export class SetupError extends Error {
  constructor(readonly problems: readonly { code: MessageCode; params: Params; file?: string; line?: number | null }[]) {
    super(problems.map((p) => p.code).join(', '));
  }
}

export function renderSetupProblem(p: SetupError['problems'][number], lang: Lang): string {
  const where = p.file ? printable(p.line ? `${p.file}:${p.line}: ` : `${p.file}: `) : '';
  return where + message(p.code, p.params, lang);
}

/** Join sentences that may already end in punctuation without doubling it ("不要留空。；附件2…" → "不要留空；附件2…"). */
export function joinReasons(reasons: readonly string[], lang: Lang): string {
  return reasons.map((r, i) => (i < reasons.length - 1 ? r.replace(/[。．.;；]+\s*$/u, '') : r)).join(word('reasonSep', lang));
}

/** One finding as a reason: its cell, then its message ("附件1!C13 “…”未填写。…"). */
export const findingText = (f: Pick<Finding, 'code' | 'params' | 'sheet' | 'cell' | 'said'>, lang: Lang): string =>
  `${f.sheet && f.cell ? `${f.sheet}!${f.cell} ` : ''}${findingMessage(f, lang)}`;

/** A finding's message: from the catalogue, or — for a rule of the survey definition — the definition's own words. */
export function findingMessage(f: Pick<Finding, 'code' | 'params' | 'said'>, lang: Lang): string {
  if (f.said) return printable(f.said[lang]);
  return isMessageCode(f.code) ? message(f.code, f.params, lang) : printable(f.code);
}

/** At most this many errors are spelt out as the reasons a file was left out; then how many more. */
export const MAX_REASONS = 5;

/** The errors that left a file out, as words (at most MAX_REASONS, then how many more), then how it was tied to its branch. */
export function exclusionReasons(findings: readonly Finding[], lang: Lang): string[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const text = errors.slice(0, MAX_REASONS).map((f) => findingText(f, lang));
  if (errors.length > MAX_REASONS) text.push(word('moreErrors', lang)(errors.length - MAX_REASONS));
  for (const f of findings) if (ATTRIBUTION_NOTES.has(f.code)) text.push(findingText(f, lang));
  return text;
}

/** Why an input was used or not (the 来源 sheet's note): nothing for a clean file, else in the run's words. */
export function sourceNoteText(note: SourceNote, lang: Lang): string {
  switch (note.kind) {
    case 'used':
      return note.explained ? word('sourceExplained', lang)(note.explained) : '';
    case 'with-warnings':
      return word('sourceWithWarnings', lang);
    case 'summary':
      return word('sourceSummaryUsed', lang)(note.used);
    case 'excluded':
      return joinReasons(exclusionReasons(note.findings, lang), lang);
  }
}

/** A finding inside another message (a form in a --baseline folder): its code, where it sat, and its params under "inner.". */
export function nestedParams(f: Pick<Finding, 'code' | 'params' | 'sheet' | 'cell'>): Params {
  const inner = Object.fromEntries(Object.entries(f.params).map(([k, v]) => [`inner.${k}`, v]));
  return { inner: f.code, where: f.sheet ? `${f.sheet}!${f.cell ?? ''} ` : '', ...inner };
}

/** The finding nestedParams carried, rendered in the run's language and capped as a quoted text. */
function nested(p: Params, lang: Lang): string {
  const code = String(p.inner);
  if (!isMessageCode(code)) return s(p.reason ?? code);
  const inner = Object.fromEntries(Object.entries(p).flatMap(([k, v]) => (k.startsWith('inner.') ? [[k.slice('inner.'.length), v]] : [])));
  return capQuoted(`${s(p.where)}${message(code, inner, lang)}`);
}

/** What --json says of a finding: the data, and its message in the run's language. */
export interface FindingJson {
  severity: Severity;
  code: Finding['code'];
  sheet: string | null;
  cell: string | null;
  indicator: Finding['indicator'];
  message: string;
  explained?: true;
  explanation?: string;
}

export function findingJson(f: Finding, lang: Lang): FindingJson {
  return {
    severity: f.severity,
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    indicator: f.indicator,
    message: findingMessage(f, lang),
    ...(f.explanation !== undefined ? { explained: true as const, explanation: f.explanation } : {}),
  };
}
