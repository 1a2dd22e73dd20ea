import chalk from 'chalk';
import type { FeedbackReport } from '../commands/feedback.js';
import { STATUS_WORDS } from '../lang/status-words.js';
import type { Lang } from '../messages.js';
import { table } from './table.js';
import { word } from '../words.js';

const paint = { passed: chalk.green, warnings: chalk.yellow, resubmit: chalk.red, 'by-summary': chalk.green, missing: chalk.yellow } as const;

/** For people: one row per branch (status, problems, what was written), the files of no branch, the totals. */
export function renderFeedback(r: FeedbackReport, lang: Lang): string {
  const out: string[] = [];
  out.push(
    table(
      [...word('feedbackHead', lang)],
      r.branches.map((b) => [
        b.code,
        b.name,
        paint[b.status](STATUS_WORDS[lang][b.status]),
        b.problems.length || '',
        b.reason,
        b.written.join(word('listSep', lang)),
      ]),
      ['left', 'left', 'left', 'right', 'left', 'left'],
    ),
  );
  if (r.unattributed.length > 0) {
    out.push('', chalk.bold(word('feedbackUnattributed', lang)(r.unattributed.length)));
    for (const u of r.unattributed) {
      const guess = u.guess ? word('feedbackGuess', lang)(u.guess) : '';
      out.push(chalk.red(`  ${u.file}  ${u.findings.map((f) => f.message).join(' ')}`) + guess);
    }
  }
  for (const n of r.notices) out.push(chalk.cyan(`• ${n.message}`));
  if (r.todo !== null) out.push('', chalk.bold.yellow(r.todo));
  const t = r.totals;
  out.push('', word('feedbackTotals', lang)(t), word('wroteFiles', lang)(r.written.length, r.outDir));
  return out.join('\n') + '\n';
}
