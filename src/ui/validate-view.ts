import chalk from 'chalk';
import type { ValidateReport } from '../commands/validate.js';
import type { Lang } from '../messages.js';
import { capQuoted, printable } from '../text-safety.js';
import { BRANCH_STATUSES } from '../core/status.js';
import { STATUS_WORDS } from '../lang/status-words.js';
import { table } from './table.js';
import { word } from '../words.js';

const MARK = { ok: '✓', warning: '⚠', error: '✗' } as const;
const paint = { ok: chalk.green, warning: chalk.yellow, error: chalk.red, notice: chalk.cyan } as const;

/** The report for people: a table of files, then each finding with its exact cell, grouped by file. */
export function renderValidate(r: ValidateReport, lang: Lang): string {
  const head = [...word('validateHead', lang)];
  // A warning explained in the 说明 column is not counted as a warning: the file is ✓, its count said as 已说明 N 条.
  const warnings = (f: ValidateReport['files'][number]): string =>
    word('warningsCell', lang)(f.findings.filter((x) => x.severity === 'warning' && !x.explained).length, f.explained);
  const rows = r.files.map((f) => [
    printable(f.file),
    f.org
      ? printable(
          `${f.org.code} ${f.org.name}${f.kind === 'summary' ? word('summaryTag', lang) : ''}${f.orgFrom === 'file-name' ? word('byFileName', lang) : ''}`,
        )
      : '—',
    paint[f.status](MARK[f.status]),
    f.findings.filter((x) => x.severity === 'error').length,
    warnings(f),
  ]);
  const out: string[] = [table(head, rows, ['left', 'left', 'center', 'right', 'right'])];
  for (const f of r.files) {
    if (f.findings.length === 0) continue;
    out.push('', chalk.bold(printable(`${f.file}${f.org ? `  (${f.org.code} ${f.org.name})` : ''}`)));
    for (const x of f.findings) {
      const where = printable(x.sheet && x.cell ? `${x.sheet}!${x.cell}` : (x.sheet ?? word('wholeFile', lang)));
      const tag = paint[x.severity](`[${x.code}]`);
      const explained = x.explained ? chalk.dim(word('explained', lang)(printable(capQuoted(x.explanation ?? '')))) : '';
      out.push(`  ${where.padEnd(12)}  ${tag}  ${x.message}${explained}`);
    }
  }
  if (r.notices.length > 0) {
    out.push('');
    for (const n of r.notices) out.push(paint.notice(`• ${n.message}`));
  }
  const s = r.summary;
  out.push('', word('validateTotals', lang)(s));
  if (s.summaries > 0) out.push(word('validateSummaries', lang)(s.summaries));
  // Who has reported, per branch against the registry (never per file): the counts add up to 应报.
  const words = STATUS_WORDS[lang];
  const root = r.branches.find((b) => b.code === r.scope);
  // Said as the file table says it: a branch whose return's warnings are all explained is 通过, with how many such.
  const passedExplained = r.branches.filter((b) => b.status === 'passed' && b.explained > 0).length;
  const counts = BRANCH_STATUSES.map(
    (k) => `${words[k]} ${r.statuses[k]}${k === 'passed' && passedExplained > 0 ? word('passedWithExplained', lang)(passedExplained) : ''}`,
  ).join(word('countSep', lang));
  out.push(word('expectedCounts', lang)(root ? `${root.code} ${root.name}` : r.scope, r.statuses.expected, counts));
  const name = (code: string): string => `${code} ${r.branches.find((b) => b.code === code)?.name ?? ''}`;
  const resubmit = r.branches.filter((b) => b.status === 'resubmit');
  if (resubmit.length > 0) out.push(paint.error(word('resubmitList', lang)(resubmit.map((b) => name(b.code)))));
  if (r.missing.length > 0) out.push(paint.warning(word('missingList', lang)(r.missing.map(name))));
  if (r.unattributed.length > 0) out.push(paint.error(word('unattributedList', lang)(r.unattributed)));
  return out.join('\n') + '\n';
}
