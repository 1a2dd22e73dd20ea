import chalk from 'chalk';
import { INDICATORS } from '../catalogue.js';
import type { MergeReport } from '../commands/merge.js';
import { differenceLabel } from '../core/merge-plan.js';
import { message, type Lang } from '../messages.js';
import { table } from './table.js';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** For people: the root's totals (附件1 and 附件2 side by side), completeness per city, what was left out. */
export function renderMerge(r: MergeReport, lang: Lang): string {
  const zh = lang === 'zh';
  const root = r.nodes.find((n) => n.code === r.status.scope) ?? r.nodes[0];
  const out: string[] = [];
  if (root) {
    const org = r.registry.byCode.get(root.code)!;
    out.push(chalk.bold(zh ? `${org.fullName} ${r.summary.year} 年汇总${root.complete ? '' : '（未报齐）'}` : `${org.name} totals for ${r.summary.year}${root.complete ? '' : ' (incomplete)'}`));
    out.push(
      table(
        zh ? ['序号', '工作事项（附件1 / 附件2）', '单位', '附件1', `附件2 增加数`] : ['No.', 'Item (annex 1 / annex 2)', 'Unit', 'Annex 1', 'Annex 2 increase'],
        INDICATORS.map((i) => [i.no, zh ? i.annex1 : i.en, i.unit, fmt(root.annex1[i.key]), fmt(root.annex2[i.key])]),
        ['right', 'left', 'center', 'right', 'right'],
      ),
    );
    const basis = { baseline: zh ? `附件2 按附件1 减 ${r.summary.baselineYear} 年基准数计算。` : `Annex 2 = annex 1 minus the ${r.summary.baselineYear} baseline.`, entered: zh ? '附件2 为各单位所报增加数之和（未提供基准数）。' : 'Annex 2 is the sum of the increases branches entered (no baseline given).', mixed: zh ? `附件2 按基准数计算；${root.withoutBaseline.length} 个单位无基准数，采用其所报增加数。` : `Annex 2 from the baseline; ${root.withoutBaseline.length} branches had no baseline row, their own figures were used.` }[root.incrementBasis];
    out.push(chalk.dim(basis));
  }
  out.push(
    '',
    table(
      zh ? ['代码', '单位', '应报', '已报', '有警告', '未采用', '未报', '报齐'] : ['Code', 'Branch', 'Expected', 'Returned', 'Warnings', 'Left out', 'Missing', 'Complete'],
      r.nodes.map((n) => [n.code, n.name, n.expected.length, n.parts.length, n.returnedWithWarnings.length, n.excluded.length, n.missing.length, n.complete ? '✓' : chalk.yellow('✗')]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'center'],
    ),
  );
  if (root && root.missing.length > 0) {
    const names = root.missing.map((c) => `${c} ${r.registry.byCode.get(c)?.name ?? ''}`);
    out.push(chalk.yellow(zh ? `未报送（${names.length}）：${names.join('、')}` : `Missing (${names.length}): ${names.join(', ')}`));
  }
  for (const e of r.plan.exclusions) out.push(chalk.red(message('merge-excluded', { file: e.file, reasons: e.reasons.join('；') }, lang)));
  for (const rec of r.plan.reconciliations) {
    if (rec.differences.length === 0) out.push(chalk.green(message('summary-agrees', { file: rec.summaryFile, code: rec.code, count: rec.compared.length }, lang)));
    for (const d of rec.differences) {
      const branch = `${d.code} ${r.registry.byCode.get(d.code)?.name ?? ''}`;
      out.push(chalk.yellow(message('summary-differs', { file: rec.summaryFile, branch, label: differenceLabel(d), inSummary: d.inSummary ?? '—', inFile: d.inFile ?? '—', source: d.file }, lang)));
    }
  }
  for (const n of r.notices) out.push(chalk.cyan(`• ${n.message}`));
  out.push('', zh ? `已写入 ${r.written.length} 个文件到 ${r.outDir}` : `Wrote ${r.written.length} files to ${r.outDir}`);
  return out.join('\n') + '\n';
}
