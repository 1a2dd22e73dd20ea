import { basename } from 'node:path';
import { ANNEX_TITLES } from '../catalogue.js';
import { message, type Lang } from '../messages.js';
import type { Registry } from '../registry/types.js';
import type { BranchFeedback, Problem } from './plan.js';

// The words of feedback: the message to paste into WeChat or an e-mail for each branch, the short reason on the
// chase list, the deadline. Pure; the sentences themselves are in the catalogue (src/messages.ts, feedback block).

export interface LetterContext {
  lang: Lang;
  year: number;
  /** --due as YYYY-MM-DD, or null. */
  due: string | null;
  /** --contact TEXT, or null. */
  contact: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Parse --due: a real calendar date YYYY-MM-DD (full-width digits and 2021/12/31 accepted), else null. */
export function parseDue(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const parts = (due: string): [number, number, number] => due.split('-').map(Number) as [number, number, number];

/** The deadline inside a sentence: "于 12 月 31 日前" / "尽快"; "by 31 December 2021" / "as soon as possible". */
export function deadlinePhrase(due: string | null, lang: Lang): string {
  if (!due) return lang === 'zh' ? '尽快' : 'as soon as possible';
  const [y, m, d] = parts(due);
  return lang === 'zh' ? `于 ${m} 月 ${d} 日前` : `by ${d} ${MONTHS[m - 1]} ${y}`;
}

/** The deadline on the 审核意见 sheet: "2021 年 12 月 31 日前" / "by 31 December 2021". */
export function deadlineWords(due: string | null, lang: Lang): string | null {
  if (!due) return null;
  const [y, m, d] = parts(due);
  return lang === 'zh' ? `${y} 年 ${m} 月 ${d} 日前` : `by ${d} ${MONTHS[m - 1]} ${y}`;
}

const contactSentence = (contact: string | null, lang: Lang): string => (!contact ? '' : lang === 'zh' ? `联系人：${contact}。` : ` Contact: ${contact}.`);

/** One problem as a clause: 附件1 第 10 行“红十字会成人会员数”填的是“三十”，请填阿拉伯数字（如 30）. */
export function problemClause(p: Problem, lang: Lang): string {
  const annex = p.annex ? ANNEX_TITLES[p.annex].label : '';
  if (lang === 'zh') {
    const where = p.no !== null ? `${annex} 第 ${p.no} 行“${p.label}”` : annex ? `${annex}：` : '';
    return `${where}${p.found}${p.todo ? `，${p.todo}` : ''}`;
  }
  const where = p.no !== null ? `${annex} row ${p.no} "${p.label}" ` : annex ? `${annex}: ` : '';
  return `${where}${p.found}${p.todo ? `: ${p.todo}` : ''}`;
}

/** At most this many problems are spelt out in a message; the rest are on the form's 审核意见 sheet. */
export const MAX_ITEMS = 8;

function itemList(ps: readonly Problem[], lang: Lang): string {
  const shown = ps.slice(0, MAX_ITEMS).map((p) => problemClause(p, lang));
  const more =
    ps.length > MAX_ITEMS
      ? lang === 'zh'
        ? `……共 ${ps.length} 处，详见退回报表的“审核意见”表`
        : `… ${ps.length} in all, listed on the 审核意见 sheet of the form`
      : '';
  if (shown.length === 1 && !more) return shown[0]!;
  const numbered = shown.map((t, i) => (lang === 'zh' ? `（${i + 1}）${t}` : `(${i + 1}) ${t}`));
  return numbered.join(lang === 'zh' ? '；' : '; ') + (more ? (lang === 'zh' ? `；${more}` : `; ${more}`) : '');
}

const quoteFiles = (files: readonly string[], lang: Lang): string =>
  lang === 'zh' ? files.map((f) => `“${basename(f)}”`).join('') : files.map((f) => `"${basename(f)}"`).join(', ');

function verbOf(ps: readonly Problem[], lang: Lang): string {
  const e = ps.some((p) => p.severity === 'error');
  const w = ps.some((p) => p.severity === 'warning');
  if (lang === 'zh') return e && w ? '修改或核实' : e ? '修改' : '核实';
  return e && w ? 'correct or check' : e ? 'correct' : 'check';
}

/** The message for one branch (and the missing branches it chases), or null when there is nothing to say. */
export function letterFor(b: BranchFeedback, ctx: LetterContext, registry: Registry): string | null {
  if (b.chasedBy !== null) return null; // named in the message to the branch it reports through
  const own = ownLetter(b, ctx);
  if (b.chases.length === 0) return own;
  const { lang } = ctx;
  const names = b.chases.map((c) => registry.byCode.get(c)!.name);
  const listed =
    names.length > MAX_ITEMS
      ? names.slice(0, MAX_ITEMS).join(lang === 'zh' ? '、' : ', ') + (lang === 'zh' ? '等' : ' and others')
      : names.join(lang === 'zh' ? '、' : ', ');
  const params = { count: names.length, names: listed, deadline: deadlinePhrase(ctx.due, lang) };
  if (own === null) {
    return message(
      'feedback-letter-chase-below',
      { ...params, name: lang === 'zh' ? b.org.fullName : `${b.org.fullName} (${b.org.code})`, contact: contactSentence(ctx.contact, lang) },
      lang,
      ['names'],
    );
  }
  // The branch's own message, with the reminder about those below it before the contact line.
  const contact = contactSentence(ctx.contact, lang);
  const body = contact && own.endsWith(contact) ? own.slice(0, own.length - contact.length) : own;
  return `${body}${message('feedback-also-below', params, lang, ['names'])}${contact}`;
}

function ownLetter(b: BranchFeedback, ctx: LetterContext): string | null {
  const { lang } = ctx;
  const common = {
    name: lang === 'zh' ? b.org.fullName : `${b.org.fullName} (${b.org.code})`,
    deadline: deadlinePhrase(ctx.due, lang),
    contact: contactSentence(ctx.contact, lang),
  };
  const own = b.files.filter((f) => f !== b.via);
  switch (b.action) {
    case 'none':
      return null;
    case 'correct':
      return message(
        'feedback-letter-correct',
        { ...common, count: b.problems.length, verb: verbOf(b.problems, lang), items: itemList(b.problems, lang), form: b.outputs[0] },
        lang,
        ['items'],
      );
    case 'fresh-form': {
      const why = b.problems
        .filter((p) => p.annex === null && p.severity === 'error')
        .slice(0, 2)
        .map((p) => p.found);
      const reason = why.length > 0 ? why.join(lang === 'zh' ? '，且' : ' and ') : lang === 'zh' ? '有错误' : 'has errors';
      return message('feedback-letter-fresh-form', { ...common, file: basename(own[0] ?? ''), reason, form: b.outputs[0] }, lang);
    }
    case 'choose-file':
      return message('feedback-letter-choose-file', { ...common, count: own.length, files: quoteFiles(own, lang) }, lang, ['files']);
    case 'resend-summary':
      return message(
        'feedback-letter-resend-summary',
        { ...common, file: basename(own[0] ?? ''), count: b.problems.length, items: itemList(b.problems, lang) },
        lang,
        ['items'],
      );
    case 'report': {
      const blank = b.blankForm ? (lang === 'zh' ? `现将空白报表（${b.outputs[0]}）发给你单位，` : ` A blank form (${b.outputs[0]}) is attached.`) : '';
      return message('feedback-letter-missing', { ...common, year: ctx.year, blank }, lang);
    }
  }
}

/** The short reason on the chase list and in the console. */
export function reasonFor(b: BranchFeedback, lang: Lang): string {
  const zh = lang === 'zh';
  const errors = b.problems.filter((p) => p.severity === 'error').length;
  const warnings = b.problems.length - errors;
  const own = b.files.filter((f) => f !== b.via);
  switch (b.action) {
    case 'report':
      return zh ? '未收到报表' : 'nothing received';
    case 'correct': {
      const counts = [
        errors > 0 ? (zh ? `错误 ${errors} 处` : `${errors} errors`) : '',
        warnings > 0 ? (zh ? `需核实 ${warnings} 处` : `${warnings} to check`) : '',
      ].filter(Boolean);
      return zh ? `${counts.join('、')}，已退回修改` : `${counts.join(', ')}; form returned for correction`;
    }
    case 'fresh-form': {
      const why = b.problems.find((p) => p.annex === null && p.severity === 'error')?.found ?? (zh ? '有错误' : 'has errors');
      return zh ? `文件“${basename(own[0] ?? '')}”${why}，已重发空白报表` : `file "${basename(own[0] ?? '')}" ${why}; a blank form sent again`;
    }
    case 'choose-file':
      return zh
        ? `报送了 ${own.length} 份不同的文件：${own.map((f) => basename(f)).join('、')}`
        : `sent ${own.length} different files: ${own.map((f) => basename(f)).join(', ')}`;
    case 'resend-summary':
      return zh ? `汇总表有 ${b.problems.length} 处问题` : `the summary has ${b.problems.length} problems`;
    case 'none':
      if (b.via !== null && (b.status === 'warnings' || b.status === 'resubmit'))
        return zh ? `由汇总表“${basename(b.via)}”代报，问题由其报送单位处理` : `reported in the summary "${basename(b.via)}"; its sender handles the problems`;
      return '';
  }
}
