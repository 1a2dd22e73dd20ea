import { indicatorOf, isIndicatorKey } from '../catalogue.js';
import type { Finding } from '../core/finding.js';
import { HOURS_PER_YEAR } from '../messages.js';
import { capQuoted } from '../text-safety.js';
import { findingMessage, isMessageCode, paramWord, type Lang, type MessageCode, type Params } from '../messages.js';

// What feedback tells a branch about one finding, split in two: what was found, and what to do. The validate
// messages say both in one sentence for the clerk; the correction form's notes, the 审核意见 sheet and the
// messages to branches need the parts apart ("附件1 第 10 行“…”填的是“三十”，请填阿拉伯数字"). One row per code.

export interface Advice {
  found: string;
  todo: string;
}

// Every parameter is quoted under the one cap (a 40,000-character cell is 200 characters here, as in validate's messages).
const s = (v: string | number | boolean | null | undefined): string => (v === undefined || v === null ? '' : capQuoted(String(v)));
const or = (allowed: Params[string], word: string): string => s(allowed).split(' / ').join(word);

const VERIFY_ZH = '请核实，如数字无误，请在该行“说明”栏写明原因';
const VERIFY_EN = 'please check it; if it is right, say why in the 说明 column of that row';
const REFILL_ZH = '请用下发的报表重新填报';
const REFILL_EN = 'fill in the issued form again';
/**
 * The row the volunteer-hours advice points to: the survey's own number for its volunteers row (these rows of advice
 * answer the Jilin 2021 rule codes, which only a definition with such a row raises).
 */
const volunteersRow = (): string => (isIndicatorKey('volunteers') ? String(indicatorOf('volunteers').no) : '—');

type Row = { zh: (p: Params) => Advice; en: (p: Params) => Advice };

export const ADVICE: Partial<Record<MessageCode, Row>> = {
  // ── cells ──
  'value-blank': {
    zh: () => ({ found: '未填写', todo: '本级适用此项，请填写（没有的填 0，不要留空）' }),
    en: () => ({ found: 'is blank', todo: 'this row applies to your branch: type the figure, or 0 if there is none' }),
  },
  'value-not-number': {
    zh: (p) => ({ found: `填的是“${s(p.found)}”`, todo: '请改为阿拉伯数字' }),
    en: (p) => ({ found: `holds "${s(p.found)}"`, todo: 'type the figure in digits' }),
  },
  'value-with-unit': {
    zh: (p) => ({
      found: `填的是“${s(p.found)}”，单位“${s(p.unit)}”与本行的计量单位“${s(p.rowUnit)}”不符`,
      todo: `请只填按“${s(p.rowUnit)}”计的数字，不要带单位`,
    }),
    en: (p) => ({
      found: `holds "${s(p.found)}", whose unit "${s(p.unit)}" is not the row's unit "${s(p.rowUnit)}"`,
      todo: `type the figure in ${s(p.rowUnit)}, without a unit`,
    }),
  },
  'value-word': {
    zh: (p) => ({
      found: `填的是“${s(p.found)}”`,
      todo: Number(p.yes) ? '请填数字：“是”填 1，“否”填 0' : `请填数字，没有的填 0${Number(p.flag) ? '（“是”填 1）' : ''}`,
    }),
    en: (p) => ({
      found: `holds "${s(p.found)}"`,
      todo: Number(p.yes) ? 'type 1 for yes, 0 for no' : `type a number, 0 if there is none${Number(p.flag) ? ' (1 for yes)' : ''}`,
    }),
  },
  'value-dash': {
    zh: (p) => ({ found: `填的是“${s(p.found)}”（表示不适用），但本级适用此项`, todo: '请填数字，没有的填 0' }),
    en: (p) => ({ found: `holds "${s(p.found)}" (not applicable), but the row applies to your branch`, todo: 'type the figure, or 0 if there is none' }),
  },
  'value-digits-split': {
    zh: (p) => ({ found: `写作“${s(p.found)}”，数字中间有空格，无法确定是哪个数`, todo: '请只填一个数字，中间不要留空格' }),
    en: (p) => ({ found: `reads "${s(p.found)}": digits split by a space`, todo: 'type one number without spaces' }),
  },
  'value-date': {
    zh: (p) => ({ found: `填成了日期（${s(p.found)}）`, todo: '请把单元格格式改为“常规”，再填数字' }),
    en: (p) => ({ found: `holds a date (${s(p.found)})`, todo: 'set the cell format to General and type the number' }),
  },
  'formula-no-result': {
    zh: (p) => ({ found: `是公式（=${s(p.formula)}），文件中没有计算结果`, todo: '请直接填数字' }),
    en: (p) => ({ found: `is a formula (=${s(p.formula)}) with no saved result`, todo: 'type the number instead' }),
  },
  'formula-error': {
    zh: (p) => ({ found: `公式结果是错误值 ${s(p.found)}`, todo: '请直接填数字' }),
    en: (p) => ({ found: `is a formula that gives the error ${s(p.found)}`, todo: 'type the number instead' }),
  },
  'not-applicable-filled': {
    zh: (p) => ({ found: `不适用于${paramWord('level', p.level, p, 'zh')}单位（应为“—”），但填了 ${s(p.found)}`, todo: '请清空或填 0' }),
    en: (p) => ({ found: `does not apply to a ${paramWord('level', p.level, p, 'en')} branch but holds ${s(p.found)}`, todo: 'clear it or type 0' }),
  },
  'flag-out-of-range': {
    zh: (p) => ({ found: `填的是 ${s(p.found)}`, todo: `此项问本单位“是否”，请填 ${or(p.allowed, ' 或 ')}` }),
    en: (p) => ({ found: `holds ${s(p.found)}`, todo: `this row asks yes or no: type ${or(p.allowed, ' or ')}` }),
  },
  'count-negative': {
    zh: (p) => ({ found: `填的是 ${s(p.found)}，不能为负数`, todo: '请填 0 或正整数' }),
    en: (p) => ({ found: `holds ${s(p.found)}, which is negative`, todo: 'type 0 or a positive whole number' }),
  },
  'count-fractional': {
    zh: (p) => ({ found: `填的是 ${s(p.found)}，应为整数`, todo: '请填整数' }),
    en: (p) => ({ found: `holds ${s(p.found)}, not a whole number`, todo: 'type a whole number' }),
  },
  'hours-negative': {
    zh: (p) => ({ found: `填的是 ${s(p.found)}，不能为负数`, todo: '请填 0 或正数' }),
    en: (p) => ({ found: `holds ${s(p.found)}, which is negative`, todo: 'type 0 or a positive number' }),
  },
  'hours-beyond-year': {
    zh: (p) => ({
      found: `为 ${s(p.hours)} 小时，按注册志愿者 ${s(p.volunteers)} 人计每人 ${s(p.perVolunteer)} 小时，超过一年的 ${HOURS_PER_YEAR} 小时`,
      todo: `请核对志愿服务总时长和注册志愿者数（第 ${volunteersRow()} 行）`,
    }),
    en: (p) => ({
      found: `is ${s(p.hours)} hours, ${s(p.perVolunteer)} h for each of ${s(p.volunteers)} registered volunteers: more than the ${HOURS_PER_YEAR.toLocaleString('en-US')} hours in a year`,
      todo: `check the hours and the registered volunteers (row ${volunteersRow()})`,
    }),
  },
  'increment-mismatch': {
    zh: (p) => ({
      found: `填的是 ${s(p.found)}，但附件1 本年 ${s(p.current)} 减去 ${s(p.baselineYear)} 年的 ${s(p.baseline)} 应为 ${s(p.expected)}`,
      todo: `请改为 ${s(p.expected)}（如附件1 有误，请一并改正）`,
    }),
    en: (p) => ({
      found: `holds ${s(p.found)}, but 附件1's ${s(p.current)} minus ${s(p.baseline)} in ${s(p.baselineYear)} is ${s(p.expected)}`,
      todo: `change it to ${s(p.expected)}; if 附件1 is wrong, correct that too`,
    }),
  },
  // ── warnings ──
  'hours-implausible': {
    zh: (p) => ({
      found: `为 ${s(p.hours)} 小时，按注册志愿者 ${s(p.volunteers)} 人计每人 ${s(p.perVolunteer)} 小时，高于常见水平（${s(p.limit)} 小时）`,
      todo: VERIFY_ZH,
    }),
    en: (p) => ({
      found: `is ${s(p.hours)} hours, ${s(p.perVolunteer)} h for each of ${s(p.volunteers)} registered volunteers, above the usual ${s(p.limit)} h`,
      todo: VERIFY_EN,
    }),
  },
  'election-completed-above-due': {
    zh: (p) => ({ found: `填的是 ${s(p.completed)}，大于附件1“${s(p.label1)}”的 ${s(p.due)}`, todo: VERIFY_ZH }),
    en: (p) => ({ found: `holds ${s(p.completed)}, more than the ${s(p.due)} of 附件1 "${s(p.label1)}"`, todo: VERIFY_EN }),
  },
  'volunteer-teams-below-plan': {
    zh: (p) => ({ found: `为 ${s(p.found)} 支，少于工作方案要求的 ${s(p.required)} 支`, todo: VERIFY_ZH }),
    en: (p) => ({ found: `is ${s(p.found)}, fewer than the ${s(p.required)} teams the plan asks for`, todo: VERIFY_EN }),
  },
  'hours-without-volunteers': {
    zh: (p) => ({ found: `为 ${s(p.hours)} 小时，但注册志愿者（第 ${volunteersRow()} 行）为 0 人`, todo: '请核对这两项，如属实，请在该行“说明”栏写明原因' }),
    en: (p) => ({
      found: `is ${s(p.hours)} hours, but there are 0 registered volunteers (row ${volunteersRow()})`,
      todo: 'check both figures; if right, say why in the 说明 column',
    }),
  },
  'increment-decrease': {
    zh: (p) => ({ found: `为 ${s(p.found)}，比基准年减少`, todo: VERIFY_ZH }),
    en: (p) => ({ found: `is ${s(p.found)}, a decrease`, todo: VERIFY_EN }),
  },
  'increment-jump': {
    zh: (p) => ({ found: `增加 ${s(p.found)}，是基准年 ${s(p.baseline)} 的 ${s(p.factor)} 倍以上`, todo: VERIFY_ZH }),
    en: (p) => ({ found: `grew by ${s(p.found)}, over ${s(p.factor)} times the baseline ${s(p.baseline)}`, todo: VERIFY_EN }),
  },
  // ── the table ──
  'row-missing': {
    zh: () => ({ found: '在报表中找不到（行名被改动或被删除）', todo: '退回的报表已恢复此行，请填写' }),
    en: () => ({ found: 'is missing from the table (its label was changed or the row deleted)', todo: 'the returned form has it again: fill it in' }),
  },
  'sheet-missing': {
    zh: (p) => ({ found: `找不到${s(p.annex)}《${s(p.title)}》的表格`, todo: `退回的报表已恢复${s(p.annex)}，请填写` }),
    en: (p) => ({ found: `the ${s(p.annex)} table "${s(p.title)}" is missing`, todo: `the returned form has ${s(p.annex)} again: fill it in` }),
  },
  'csv-missing-column': {
    zh: (p) => ({ found: `报送的 CSV 缺少“${s(p.column)}”列`, todo: '请在退回的报表中填写' }),
    en: (p) => ({ found: `the CSV sent has no "${s(p.column)}" column`, todo: 'fill it in on the returned form' }),
  },
  // ── the file as a whole: why a fresh form is sent ──
  'file-old-format': {
    zh: () => ({ found: '是旧格式（.xls/.et）或加了密码的文件', todo: REFILL_ZH }),
    en: () => ({ found: 'is an old-format (.xls/.et) or password-protected file', todo: REFILL_EN }),
  },
  'file-not-zip': {
    zh: () => ({ found: '不是 Excel 工作簿（.xlsx）', todo: REFILL_ZH }),
    en: () => ({ found: 'is not an Excel workbook (.xlsx)', todo: REFILL_EN }),
  },
  'file-truncated': {
    zh: () => ({ found: '不完整（可能是传送时中断了）', todo: REFILL_ZH }),
    en: () => ({ found: 'is incomplete (the transfer was probably cut off)', todo: REFILL_EN }),
  },
  'file-empty': { zh: () => ({ found: '是空文件（0 字节）', todo: REFILL_ZH }), en: () => ({ found: 'is empty (0 bytes)', todo: REFILL_EN }) },
  'file-unreadable': { zh: () => ({ found: '打不开', todo: REFILL_ZH }), en: () => ({ found: 'cannot be opened', todo: REFILL_EN }) },
  'file-suspicious-zip': {
    zh: () => ({ found: '含有异常内容，无法读取', todo: REFILL_ZH }),
    en: () => ({ found: 'holds unusual content and cannot be read', todo: REFILL_EN }),
  },
  'file-unsafe-content': {
    zh: () => ({ found: '含有异常内容，无法读取', todo: REFILL_ZH }),
    en: () => ({ found: 'holds unusual content and cannot be read', todo: REFILL_EN }),
  },
  'file-timeout': {
    zh: () => ({ found: '含有异常内容，无法读取', todo: REFILL_ZH }),
    en: () => ({ found: 'holds unusual content and cannot be read', todo: REFILL_EN }),
  },
  'file-too-much-memory': {
    zh: () => ({ found: '含有异常内容，无法读取', todo: REFILL_ZH }),
    en: () => ({ found: 'holds unusual content and cannot be read', todo: REFILL_EN }),
  },
  'identity-wrong-year': {
    zh: (p) => ({ found: `是 ${s(p.found)} 年度的报表（本次收集 ${s(p.expected)} 年度）`, todo: REFILL_ZH }),
    en: (p) => ({ found: `is the form for ${s(p.found)} (this collection is for ${s(p.expected)})`, todo: REFILL_EN }),
  },
  'identity-other-template': {
    zh: (p) => ({ found: `是另一版模板（${s(p.found)} 版）填写的报表`, todo: REFILL_ZH }),
    en: (p) => ({ found: `was filled in on another version of the template (${s(p.found)})`, todo: REFILL_EN }),
  },
  'identity-other-survey': {
    zh: () => ({ found: '是另一项调查的报表', todo: REFILL_ZH }),
    en: () => ({ found: 'belongs to another survey', todo: REFILL_EN }),
  },
  'identity-mismatch': {
    zh: () => ({ found: '是按旧的单位名录生成的报表（单位信息与现名录不符）', todo: REFILL_ZH }),
    en: () => ({ found: 'was issued from an older registry (its branch details differ)', todo: REFILL_EN }),
  },
  'identity-missing': {
    zh: () => ({ found: '不是用下发的报表填写的（没有单位标识）', todo: REFILL_ZH }),
    en: () => ({ found: 'was not filled in on the issued form (it has no branch identity)', todo: REFILL_EN }),
  },
  'form-exported': {
    zh: (p) => ({ found: `是报表另存成的 ${s(p.format)} 文件，丢失了单位标识${paramWord('lost', p.lost, p, 'zh')}`, todo: REFILL_ZH }),
    en: (p) => ({ found: `is the form saved as ${s(p.format)}, which lost the branch identity${paramWord('lost', p.lost, p, 'en')}`, todo: REFILL_EN }),
  },
  'file-needs-libreoffice': { zh: () => ({ found: '不是 .xlsx 格式', todo: REFILL_ZH }), en: () => ({ found: 'is not in .xlsx format', todo: REFILL_EN }) },
  'identity-edited': {
    zh: () => ({ found: '中的单位标识被改动过', todo: REFILL_ZH }),
    en: () => ({ found: 'has had its branch identity edited', todo: REFILL_EN }),
  },
};

/** What was found and what to do, for one finding; codes without a row fall back to the clerk's message. */
export function adviceFor(f: Pick<Finding, 'code' | 'params' | 'said'>, lang: Lang): Advice {
  const row = isMessageCode(f.code) ? ADVICE[f.code] : undefined;
  return row ? row[lang](f.params) : { found: findingMessage(f, lang), todo: '' };
}
