import { FORM_LAYOUT } from '../catalogue.js';
import { FEEDBACK_LIST_HEADERS } from '../core/summary-layout.js';
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Lang } from '../messages.js';
import { cleanWorkbook } from '../text-safety.js';
import type { Registry } from '../registry/types.js';
import type { ExcelJSModule } from '../issued-form/form.js';
import { STATUS_WORDS } from '../lang/status-words.js';
import { reasonFor } from './letters.js';
import { word } from '../words.js';
import { mustAct, type BranchFeedback, type FeedbackPlan } from './plan.js';

// The clerk's lists: the chase list (催报名单.xlsx / .csv), the messages (消息.txt, feedback.csv). Rows are built
// here as plain data (tested as such); the writers only lay them out.

export const CHASE_XLSX = '催报名单.xlsx';
export const CHASE_CSV = '催报名单.csv';
export const MESSAGES_TXT = '消息.txt';
export const FEEDBACK_CSV = 'feedback.csv';

const HEADERS = FEEDBACK_LIST_HEADERS;

const ACTION_WORDS = {
  correct: { zh: '退回修改', en: 'correct' },
  'fresh-form': { zh: '重发空白报表', en: 'fresh form' },
  'resend-file': { zh: '请其重新发送文件', en: 'send the file again' },
  'choose-file': { zh: '确认最终版', en: 'choose the final file' },
  'resend-summary': { zh: '重新汇总', en: 'resend summary' },
  report: { zh: '催报', en: 'chase' },
  none: { zh: '无需处理', en: 'nothing to do' },
} as const;

export const actionWord = (b: Pick<BranchFeedback, 'action'>, lang: Lang): string => ACTION_WORDS[b.action][lang];

/** Who must be chased: every branch with status 未报送 or 需重报 (docs/domain.md §8) — but never the office running
 *  the command: its own return is the clerk's to-do, not a row of her chase list. */
export const chased = (plan: FeedbackPlan): BranchFeedback[] => plan.branches.filter((b) => !b.root && (b.status === 'missing' || b.status === 'resubmit'));

/** The chase list as rows, header first; the contact columns only when the registry has them. */
export function chaseRows(plan: FeedbackPlan, registry: Registry, lang: Lang): string[][] {
  const h = HEADERS[lang];
  const withContacts = registry.hasContacts === true;
  const rows = chased(plan).map((b) => {
    const parent = b.org.parent === null ? undefined : registry.byCode.get(b.org.parent);
    // Who follows it up: the branch whose message names it, else its parent — for a branch that reports to the
    // run's root, the office running the command itself.
    const by = registry.byCode.get(b.chasedBy ?? b.org.parent ?? '');
    const through = by === undefined ? '' : by.code === plan.scope ? word('chaseSelf', lang)(by.name) : by.name;
    const row = [b.org.code, b.org.name, parent?.code ?? '', parent?.name ?? '', STATUS_WORDS[lang][b.status], reasonFor(b, lang), through];
    return withContacts ? [...row, b.org.contact?.person ?? '', b.org.contact?.phone ?? '', b.org.contact?.email ?? ''] : row;
  });
  return [withContacts ? [...h.chase, ...h.contact] : [...h.chase], ...rows];
}

/** feedback.csv as rows, header first: one per branch that gets a message. */
export function feedbackRows(plan: FeedbackPlan, letters: ReadonlyMap<string, string>, lang: Lang): string[][] {
  const rows = plan.branches
    .filter((b) => letters.has(b.org.code))
    .map((b) => [
      b.org.code,
      b.org.name,
      STATUS_WORDS[lang][b.status],
      actionWord(b, lang),
      String(b.problems.length),
      b.outputs.join('；'),
      letters.get(b.org.code)!,
    ]);
  return [[...HEADERS[lang].feedback], ...rows];
}

export function unattributedRows(plan: FeedbackPlan, lang: Lang): string[][] {
  return [
    [...HEADERS[lang].unattributed],
    ...plan.unattributed.map((u) => [u.file, u.sha256, u.problems.map((p) => p.found).join(word('reasonSep', lang)), u.guess ?? '']),
  ];
}

/** 消息.txt: the clerk's own to-do first when there is one, then one block per branch (a heading line for the clerk,
 *  then the message to paste), CRLF, UTF-8 with BOM. */
export function messagesText(plan: FeedbackPlan, letters: ReadonlyMap<string, string>, lang: Lang, todo: string | null = null): string {
  const blocks = plan.branches
    .filter((b) => letters.has(b.org.code))
    .map((b) => {
      const c = b.org.contact;
      const who = c ? [c.person, c.phone, c.email].filter(Boolean).join(' ') : '';
      const head = word('messageHead', lang)({ code: b.org.code, name: b.org.name, status: STATUS_WORDS[lang][b.status], who, outputs: b.outputs });
      return `${head}\r\n${letters.get(b.org.code)!}\r\n`;
    });
  const head = todo === null ? [] : [`${word('messageTodo', lang)(todo)}\r\n`];
  return '\ufeff' + [...head, ...blocks].join('\r\n');
}

function addListSheet(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly string[])[], widths: readonly number[]): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = rows[0]!.map((_, i) => ({ width: widths[i] ?? 14 }));
  rows.forEach((r, i) => {
    const row = ws.addRow([...r]);
    row.eachCell((c) => {
      c.font = { name: FORM_LAYOUT.font, size: 10, bold: i === 0 };
      c.alignment = { vertical: 'middle', wrapText: true };
      if (i === 0) c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FORM_LAYOUT.headerFill } };
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rows[0]!.length } };
}

/** 催报名单.xlsx: the chase list, and the files tied to no branch on a second sheet when there are any. */
export async function writeChaseWorkbook(ExcelJSLib: ExcelJSModule, plan: FeedbackPlan, registry: Registry, lang: Lang, path: string): Promise<void> {
  const wb = new ExcelJSLib.Workbook();
  wb.creator = 'rc-org';
  addListSheet(wb, word('chaseSheet', lang), chaseRows(plan, registry, lang), [10, 18, 10, 14, 14, 60, 12, 10, 16, 24]);
  if (plan.unattributed.length > 0) addListSheet(wb, word('unattributedSheet', lang), unattributedRows(plan, lang), [50, 20, 50, 14]);
  cleanWorkbook(wb);
  await wb.xlsx.writeFile(path);
}

/** How many branches must act, per status, and in all. */
export function totalsOf(plan: FeedbackPlan): Record<BranchFeedback['status'], number> & { expected: number; mustAct: number; unattributed: number } {
  const t = {
    passed: 0,
    warnings: 0,
    resubmit: 0,
    'by-summary': 0,
    missing: 0,
    expected: plan.branches.length,
    mustAct: 0,
    unattributed: plan.unattributed.length,
  };
  for (const b of plan.branches) {
    t[b.status]++;
    if (mustAct(b)) t.mustAct++;
  }
  return t;
}

export const shown = (file: string): string => basename(file);
