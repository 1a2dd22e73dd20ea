import chalk from 'chalk';
import type { FeedbackReport } from '../commands/feedback.js';
import { STATUS_WORDS } from './status-words.js';
import type { Lang } from '../messages.js';
import { table } from './table.js';

const paint = { passed: chalk.green, warnings: chalk.yellow, resubmit: chalk.red, 'by-summary': chalk.green, missing: chalk.yellow } as const;

/** For people: one row per branch (status, problems, what was written), the files of no branch, the totals. */
export function renderFeedback(r: FeedbackReport, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(
    table(
      zh ? ['代码', '单位', '状态', '问题', '处理', '写出的文件'] : ['Code', 'Branch', 'Status', 'Problems', 'What to do', 'Written'],
      r.branches.map((b) => [
        b.code,
        b.name,
        paint[b.status](STATUS_WORDS[lang][b.status]),
        b.problems.length || '',
        b.reason,
        b.written.join(zh ? '、' : ', '),
      ]),
      ['left', 'left', 'left', 'right', 'left', 'left'],
    ),
  );
  if (r.unattributed.length > 0) {
    out.push(
      '',
      chalk.bold(
        zh ? `无法认定单位的文件（${r.unattributed.length}）：请人工查看` : `Files tied to no branch (${r.unattributed.length}): look at them yourself`,
      ),
    );
    for (const u of r.unattributed) {
      const guess = u.guess ? (zh ? `（按文件名应是 ${u.guess}，已按其重发空白报表）` : ` (by its name from ${u.guess}: a blank form is sent to it)`) : '';
      out.push(chalk.red(`  ${u.file}  ${u.findings.map((f) => f.message).join(' ')}`) + guess);
    }
  }
  for (const n of r.notices) out.push(chalk.cyan(`• ${n.message}`));
  const t = r.totals;
  out.push(
    '',
    zh
      ? `应报 ${t.expected}：通过 ${t.passed}，有警告 ${t.warnings}，需重报 ${t.resubmit}，由汇总表代报 ${t['by-summary']}，未报送 ${t.missing}；需要处理 ${t.mustAct} 个单位。`
      : `${t.expected} expected: ${t.passed} passed, ${t.warnings} with warnings, ${t.resubmit} to resubmit, ` +
          `${t['by-summary']} in a summary, ${t.missing} missing; ${t.mustAct} branches must act.`,
    zh ? `已写入 ${r.written.length} 个文件到 ${r.outDir}` : `Wrote ${r.written.length} files to ${r.outDir}`,
  );
  return out.join('\n') + '\n';
}
