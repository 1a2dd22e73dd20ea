import chalk from 'chalk';
import type { ValidateReport } from '../commands/validate.js';
import type { Lang } from '../messages.js';
import { capQuoted, printable } from '../text-safety.js';
import { BRANCH_STATUSES } from '../core/status.js';
import { STATUS_WORDS } from './status-words.js';
import { table } from './table.js';

const MARK = { ok: '✓', warning: '⚠', error: '✗' } as const;
const paint = { ok: chalk.green, warning: chalk.yellow, error: chalk.red, notice: chalk.cyan } as const;

/** The report for people: a table of files, then each finding with its exact cell, grouped by file. */
export function renderValidate(r: ValidateReport, lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? ['文件', '单位', '状态', '错误', '警告'] : ['File', 'Branch', 'Status', 'Errors', 'Warnings'];
  const rows = r.files.map((f) => [
    printable(f.file),
    f.org ? printable(`${f.org.code} ${f.org.name}${f.kind === 'summary' ? (zh ? '（汇总表）' : ' (summary)') : ''}`) : '—',
    paint[f.status](MARK[f.status]),
    f.findings.filter((x) => x.severity === 'error').length,
    f.findings.filter((x) => x.severity === 'warning').length,
  ]);
  const out: string[] = [table(head, rows, ['left', 'left', 'center', 'right', 'right'])];
  for (const f of r.files) {
    if (f.findings.length === 0) continue;
    out.push('', chalk.bold(printable(`${f.file}${f.org ? `  (${f.org.code} ${f.org.name})` : ''}`)));
    for (const x of f.findings) {
      const where = printable(x.sheet && x.cell ? `${x.sheet}!${x.cell}` : (x.sheet ?? (zh ? '（整个文件）' : '(whole file)')));
      const tag = paint[x.severity](`[${x.code}]`);
      const explained = x.explained
        ? chalk.dim(zh ? `  （已说明：${printable(capQuoted(x.explanation ?? ''))}）` : `  (explained: ${printable(capQuoted(x.explanation ?? ''))})`)
        : '';
      out.push(`  ${where.padEnd(12)}  ${tag}  ${x.message}${explained}`);
    }
  }
  if (r.notices.length > 0) {
    out.push('');
    for (const n of r.notices) out.push(paint.notice(`• ${n.message}`));
  }
  const s = r.summary;
  out.push(
    '',
    zh
      ? `共 ${s.files} 份：通过 ${s.ok}，有警告 ${s.warnings}，有错误 ${s.errors}`
      : `${s.files} returns: ${s.ok} ok, ${s.warnings} with warnings, ${s.errors} with errors`,
  );
  if (s.summaries > 0)
    out.push(
      zh
        ? `另有汇总表 ${s.summaries} 份（只作为汇总表使用，不计为单位报表）`
        : `and ${s.summaries} summary workbooks (used as summaries only, not counted as returns)`,
    );
  // Who has reported, per branch against the registry (never per file): the counts add up to 应报.
  const words = STATUS_WORDS[lang];
  const root = r.branches.find((b) => b.code === r.scope);
  const counts = BRANCH_STATUSES.map((k) => `${words[k]} ${r.statuses[k]}`).join(zh ? '，' : ', ');
  out.push(
    zh
      ? `${root ? `${root.code} ${root.name}` : r.scope} 应报 ${r.statuses.expected} 个单位：${counts}`
      : `${root ? `${root.code} ${root.name}` : r.scope}: ${r.statuses.expected} branches expected: ${counts}`,
  );
  const name = (code: string): string => `${code} ${r.branches.find((b) => b.code === code)?.name ?? ''}`;
  const resubmit = r.branches.filter((b) => b.status === 'resubmit');
  if (resubmit.length > 0)
    out.push(
      paint.error(
        zh
          ? `需重报（${resubmit.length}）：${resubmit.map((b) => name(b.code)).join('、')}`
          : `To resubmit (${resubmit.length}): ${resubmit.map((b) => name(b.code)).join(', ')}`,
      ),
    );
  if (r.missing.length > 0)
    out.push(
      paint.warning(
        zh ? `未报送（${r.missing.length}）：${r.missing.map(name).join('、')}` : `Missing (${r.missing.length}): ${r.missing.map(name).join(', ')}`,
      ),
    );
  if (r.unattributed.length > 0)
    out.push(
      paint.error(
        zh
          ? `无法确定单位的文件（${r.unattributed.length}）：${r.unattributed.join('、')}`
          : `Files tied to no branch (${r.unattributed.length}): ${r.unattributed.join(', ')}`,
      ),
    );
  return out.join('\n') + '\n';
}
