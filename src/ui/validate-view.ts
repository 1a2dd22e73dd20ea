import chalk from 'chalk';
import type { ValidateReport } from '../commands/validate.js';
import type { Lang } from '../messages.js';
import { capQuoted, printable } from '../text-safety.js';
import { table } from './table.js';

const MARK = { ok: '✓', warning: '⚠', error: '✗' } as const;
const paint = { ok: chalk.green, warning: chalk.yellow, error: chalk.red, notice: chalk.cyan } as const;

/** The report for people: a table of files, then each finding with its exact cell, grouped by file. */
export function renderValidate(r: ValidateReport, lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? ['文件', '单位', '状态', '错误', '警告'] : ['File', 'Branch', 'Status', 'Errors', 'Warnings'];
  const rows = r.files.map((f) => [
    printable(f.file),
    f.org ? printable(`${f.org.code} ${f.org.name}`) : '—',
    paint[f.status](MARK[f.status]),
    f.findings.filter((x) => x.severity === 'error').length,
    f.findings.filter((x) => x.severity === 'warning').length,
  ]);
  const out: string[] = [table(head, rows, ['left', 'left', 'center', 'right', 'right'])];
  for (const f of r.files) {
    if (f.findings.length === 0) continue;
    out.push('', chalk.bold(printable(`${f.file}${f.org ? `  (${f.org.code} ${f.org.name})` : ''}`)));
    for (const x of f.findings) {
      const where = printable(x.sheet && x.cell ? `${x.sheet}!${x.cell}` : x.sheet ?? (zh ? '（整个文件）' : '(whole file)'));
      const tag = paint[x.severity](`[${x.code}]`);
      const explained = x.explained ? chalk.dim(zh ? `  （已说明：${printable(capQuoted(x.explanation ?? ''))}）` : `  (explained: ${printable(capQuoted(x.explanation ?? ''))})`) : '';
      out.push(`  ${where.padEnd(12)}  ${tag}  ${x.message}${explained}`);
    }
  }
  if (r.notices.length > 0) {
    out.push('');
    for (const n of r.notices) out.push(paint.notice(`• ${n.message}`));
  }
  const s = r.summary;
  out.push('', zh ? `共 ${s.files} 份：通过 ${s.ok}，有警告 ${s.warnings}，有错误 ${s.errors}` : `${s.files} returns: ${s.ok} ok, ${s.warnings} with warnings, ${s.errors} with errors`);
  return out.join('\n') + '\n';
}
