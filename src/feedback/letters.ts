import { basename } from 'node:path';
import { ANNEX_TITLES } from '../catalogue.js';
import { message, type Lang } from '../messages.js';
import type { Registry } from '../registry/types.js';
import { formatNumber } from '../core/rates.js';
import { capQuoted } from '../text-safety.js';
import type { BranchFeedback, FeedbackPlan, Problem } from './plan.js';
import { word } from '../words.js';

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
  return due ? word('deadlineBy', lang)(...parts(due)) : word('deadlineSoon', lang);
}

/** The deadline on the 审核意见 sheet: "2021 年 12 月 31 日前" / "by 31 December 2021". */
export function deadlineWords(due: string | null, lang: Lang): string | null {
  return due ? word('deadlineDate', lang)(...parts(due)) : null;
}

const contactSentence = (contact: string | null, lang: Lang): string => (contact ? word('contactSentence', lang)(contact) : '');

/** One problem as a clause: 附件1 第 10 行“红十字会成人会员数”填的是“三十”，请填阿拉伯数字（如 30）. */
export function problemClause(p: Problem, lang: Lang): string {
  return word('problemClause', lang)({ ...p, annex: p.annex ? ANNEX_TITLES[p.annex].label : '' });
}

/** At most this many problems are spelt out in a message; the rest are on the form's 审核意见 sheet. */
export const MAX_ITEMS = 8;

function itemList(ps: readonly Problem[], lang: Lang): string {
  const shown = ps.slice(0, MAX_ITEMS).map((p) => problemClause(p, lang));
  const more = ps.length > MAX_ITEMS ? word('itemsMore', lang)(ps.length) : '';
  if (shown.length === 1 && !more) return shown[0]!;
  const numbered = shown.map((t, i) => word('itemNumbered', lang)(i + 1, t));
  return [...numbered, ...(more ? [more] : [])].join(word('reasonSep', lang));
}

const quoteFiles = (files: readonly string[], lang: Lang): string => word('quoteFiles', lang)(files.map((f) => basename(f)));

function verbOf(ps: readonly Problem[], lang: Lang, key: 'letterVerb' | 'letterRedo' = 'letterVerb'): string {
  return word(key, lang)(
    ps.some((p) => p.severity === 'error'),
    ps.some((p) => p.severity === 'warning'),
  );
}

/** Why the branch's file cannot be opened, in the letter's words ('' when "cannot be opened" says it all). */
const cannotOpenWhy = (b: Pick<BranchFeedback, 'problems'>, lang: Lang): string => word('cannotOpenWhy', lang)(b.problems[0]?.code ?? '');

/** The files the branch sent itself (not the summary that covers it), as names. */
const ownFiles = (b: Pick<BranchFeedback, 'files' | 'via'>): string[] => b.files.filter((f) => f !== b.via).map((f) => basename(f));

/** Where a branch's different files differ: 附件1 第 10 行：A 填 6,698，B 填 6,798；… (or that the figures agree). */
function differencesText(b: BranchFeedback, lang: Lang): string {
  if (b.differences.length === 0) return word('differencesNone', lang);
  const shown = b.differences.slice(0, MAX_ITEMS).map((d) =>
    word(
      'differenceClause',
      lang,
    )({
      annex: ANNEX_TITLES[d.annex].label,
      no: d.no,
      column: d.column,
      // Notes are the branch's text: capped like any quoted text (the list itself is composed, so not cut whole).
      values: d.values.map((v) => ({
        file: capQuoted(v.file),
        value: typeof v.value === 'number' ? formatNumber(v.value) : v.value === null ? null : capQuoted(v.value),
      })),
    }),
  );
  const more = b.differences.length > MAX_ITEMS ? word('differencesMore', lang)(b.differences.length) : '';
  return word('differencesAre', lang)(shown.join(word('reasonSep', lang)) + more);
}

/** The warnings the branch explained, acknowledged with its reasons ('' when there are none). */
function acknowledged(b: BranchFeedback, lang: Lang): string {
  if (b.explained.length === 0) return '';
  const items = b.explained.map((e) => word('explainedClause', lang)({ ...e, reason: capQuoted(e.reason), annex: e.annex ? ANNEX_TITLES[e.annex].label : '' }));
  return word('explainedSentence', lang)(items.join(word('reasonSep', lang)));
}

/**
 * What the clerk has to do about her own office's return (the run's root), or null when nothing: the root never
 * writes to itself, so this is a line for her (console, head of 消息.txt), not a message or a row of the chase list.
 */
export function rootTodo(plan: FeedbackPlan, lang: Lang): string | null {
  const b = plan.branches.find((x) => x.root);
  return b && b.action !== 'none' ? word('feedbackTodo', lang)(b.org.fullName, ownTodo({ ...b, action: b.action }, lang)) : null;
}

/** The root's own to-do, short ("本级报表尚未填报"): also its reason in the console's table. */
function ownTodo(b: BranchFeedback & { action: Exclude<BranchFeedback['action'], 'none'> }, lang: Lang): string {
  const why =
    b.action === 'resend-file'
      ? cannotOpenWhy(b, lang)
      : (b.problems.find((p) => p.annex === null && p.severity === 'error')?.found ?? word('hasErrors', lang));
  return word('rootTodo', lang)({ action: b.action, count: b.problems.length, files: ownFiles(b), form: b.outputs[0] ?? '', why });
}

/** The message for one branch (and the missing branches it chases), or null when there is nothing to say. */
export function letterFor(b: BranchFeedback, ctx: LetterContext, registry: Registry): string | null {
  if (b.root) return null; // the office running the command: its own return is a to-do for the clerk (rootTodo)
  if (b.chasedBy !== null) return null; // named in the message to the branch it reports through
  const own = ownLetter(b, ctx);
  if (b.chases.length === 0) return own;
  const { lang } = ctx;
  const names = b.chases.map((c) => registry.byCode.get(c)!.name);
  const listed = names.slice(0, MAX_ITEMS).join(word('listSep', lang)) + (names.length > MAX_ITEMS ? word('andOthers', lang) : '');
  const params = { count: names.length, names: listed, deadline: deadlinePhrase(ctx.due, lang) };
  if (own === null) {
    const name = word('addressee', lang)(b.org);
    return message('feedback-letter-chase-below', { ...params, name, contact: contactSentence(ctx.contact, lang) }, lang, ['names']);
  }
  // The branch's own message, with the reminder about those below it before the contact line.
  const contact = contactSentence(ctx.contact, lang);
  const body = contact && own.endsWith(contact) ? own.slice(0, own.length - contact.length) : own;
  return `${body}${message('feedback-also-below', params, lang, ['names'])}${contact}`;
}

function ownLetter(b: BranchFeedback, ctx: LetterContext): string | null {
  const { lang } = ctx;
  const common = {
    name: word('addressee', lang)(b.org),
    deadline: deadlinePhrase(ctx.due, lang),
    contact: contactSentence(ctx.contact, lang),
  };
  const own = b.files.filter((f) => f !== b.via);
  const ack = acknowledged(b, lang);
  switch (b.action) {
    case 'none':
      return null;
    case 'correct':
      return message(
        'feedback-letter-correct',
        {
          ...common,
          count: b.problems.length,
          verb: verbOf(b.problems, lang),
          redo: verbOf(b.problems, lang, 'letterRedo'),
          items: itemList(b.problems, lang),
          form: b.outputs[0],
          ack,
        },
        lang,
        ['items', 'ack'],
      );
    case 'resend-file':
      return message('feedback-letter-resend-file', { ...common, files: quoteFiles(own, lang), why: cannotOpenWhy(b, lang) }, lang, ['files']);
    case 'fresh-form': {
      const why = b.problems
        .filter((p) => p.annex === null && p.severity === 'error')
        .slice(0, 2)
        .map((p) => p.found);
      const reason = why.length > 0 ? why.join(word('reasonAnd', lang)) : word('hasErrors', lang);
      return message('feedback-letter-fresh-form', { ...common, file: basename(own[0] ?? ''), reason, form: b.outputs[0] }, lang);
    }
    case 'choose-file':
      return message(
        'feedback-letter-choose-file',
        { ...common, count: own.length, files: quoteFiles(own, lang), differences: differencesText(b, lang), ack },
        lang,
        ['files', 'differences', 'ack'],
      );
    case 'resend-summary':
      return message(
        'feedback-letter-resend-summary',
        { ...common, file: basename(own[0] ?? ''), count: b.problems.length, items: itemList(b.problems, lang) },
        lang,
        ['items'],
      );
    case 'report': {
      const blank = b.blankForm ? word('blankAttached', lang)(b.outputs[0] ?? '') : '';
      return message('feedback-letter-missing', { ...common, year: ctx.year, blank }, lang);
    }
  }
}

/** The short reason on the chase list and in the console. */
export function reasonFor(b: BranchFeedback, lang: Lang): string {
  if (b.root && b.action !== 'none') return ownTodo({ ...b, action: b.action }, lang);
  const errors = b.problems.filter((p) => p.severity === 'error').length;
  const warnings = b.problems.length - errors;
  const own = b.files.filter((f) => f !== b.via);
  switch (b.action) {
    case 'report':
      return word('nothingReceived', lang);
    case 'correct': {
      const counts = [errors > 0 ? word('errorCount', lang)(errors) : '', warnings > 0 ? word('toCheckCount', lang)(warnings) : ''].filter(Boolean);
      return word('returnedForCorrection', lang)(counts);
    }
    case 'fresh-form': {
      const why = b.problems.find((p) => p.annex === null && p.severity === 'error')?.found ?? word('hasErrors', lang);
      return word('freshFormSent', lang)(basename(own[0] ?? ''), why);
    }
    case 'resend-file':
      return word('cannotOpenSent', lang)(ownFiles(b), cannotOpenWhy(b, lang));
    case 'choose-file':
      return word('differentFiles', lang)(own.map((f) => basename(f)));
    case 'resend-summary':
      return word('summaryProblems', lang)(b.problems.length);
    case 'none':
      if (b.via !== null && (b.status === 'warnings' || b.status === 'resubmit')) return word('reportedBySummary', lang)(basename(b.via));
      return '';
  }
}
