import chalk from 'chalk';
import { INDICATORS } from '../catalogue.js';
import type { MergeReport } from '../commands/merge.js';
import { differenceLabel } from '../core/merge-plan.js';
import { joinReasons, message, type Lang } from '../messages.js';
import { printable } from '../text-safety.js';
import { statusCounts, BRANCH_STATUSES, type CollectionStatus } from '../core/status.js';
import type { Registry } from '../registry/types.js';
import { STATUS_SHORT, STATUS_WORDS } from './status-words.js';
import { namesOf } from '../merge/summary-workbook.js';
import { table } from './table.js';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** For people: the root's totals (附件1 and 附件2 side by side), completeness per city, what was left out. */
export function renderMerge(r: MergeReport, lang: Lang): string {
  const zh = lang === 'zh';
  const root = r.nodes.find((n) => n.code === r.status.scope) ?? r.nodes[0];
  const out: string[] = [];
  if (root) {
    const org = r.registry.byCode.get(root.code)!;
    out.push(
      chalk.bold(
        printable(
          zh
            ? `${org.fullName} ${r.summary.year} 年汇总${root.complete ? '' : '（未报齐）'}`
            : `${org.name} totals for ${r.summary.year}${root.complete ? '' : ' (incomplete)'}`,
        ),
      ),
    );
    out.push(
      table(
        zh
          ? ['序号', '工作事项（附件1 / 附件2）', '单位', '附件1', `附件2 增加数`]
          : ['No.', 'Item (annex 1 / annex 2)', 'Unit', 'Annex 1', 'Annex 2 increase'],
        INDICATORS.map((i) => [i.no, zh ? i.annex1 : i.en, i.unit, fmt(root.annex1[i.key]), fmt(root.annex2[i.key])]),
        ['right', 'left', 'center', 'right', 'right'],
      ),
    );
    const basis = {
      baseline: zh ? `附件2 按附件1 减 ${r.summary.baselineYear} 年基准数计算。` : `Annex 2 = annex 1 minus the ${r.summary.baselineYear} baseline.`,
      entered: zh ? '附件2 为各单位所报增加数之和（未提供基准数）。' : 'Annex 2 is the sum of the increases branches entered (no baseline given).',
      mixed: zh
        ? `附件2 按基准数计算；${root.withoutBaseline.length} 个单位无基准数（${namesOf(root.withoutBaseline, r.registry, lang)}），采用其所报增加数。`
        : `Annex 2 from the baseline; ` +
          `${root.withoutBaseline.length} branches had no baseline row (${namesOf(root.withoutBaseline, r.registry, lang)}), ` +
          `their own figures were used.`,
    }[root.incrementBasis];
    out.push(chalk.dim(basis));
  }
  out.push('', statusTable(r, lang));
  out.push(...statusLists(r.status, r.registry, lang));
  for (const e of r.plan.exclusions) out.push(chalk.red(message('merge-excluded', { file: e.file, reasons: joinReasons(e.reasons, lang) }, lang)));
  for (const rec of r.plan.reconciliations) {
    if (rec.differences.length === 0)
      out.push(chalk.green(message('summary-agrees', { file: rec.summaryFile, code: rec.code, count: rec.compared.length }, lang)));
    for (const d of rec.differences) {
      const branch = `${d.code} ${r.registry.byCode.get(d.code)?.name ?? ''}`;
      out.push(
        chalk.yellow(
          message(
            'summary-differs',
            { file: rec.summaryFile, branch, label: differenceLabel(d), inSummary: d.inSummary ?? '—', inFile: d.inFile ?? '—', source: d.file },
            lang,
          ),
        ),
      );
    }
  }
  for (const n of r.notices) out.push(chalk.cyan(`• ${n.message}`));
  out.push('', zh ? `已写入 ${r.written.length} 个文件到 ${r.outDir}` : `Wrote ${r.written.length} files to ${r.outDir}`);
  return out.join('\n') + '\n';
}

/** Per summary branch: who has reported, one status per branch, counts adding up to 应报. */
function statusTable(r: MergeReport, lang: Lang): string {
  const zh = lang === 'zh';
  const short = STATUS_SHORT[lang];
  return table(
    [...(zh ? ['代码', '单位', '应报'] : ['Code', 'Branch', 'Expected']), ...BRANCH_STATUSES.map((k) => short[k]), zh ? '报齐' : 'Complete'],
    r.nodes.map((n) => {
      const c = statusCounts(r.status, r.registry, n.code);
      return [printable(n.code), printable(n.name), c.expected, ...BRANCH_STATUSES.map((k) => c[k]), n.complete ? '✓' : chalk.yellow('✗')];
    }),
    ['left', 'left', 'right', ...BRANCH_STATUSES.map(() => 'right' as const), 'center'],
  );
}

/** The branches to chase (未报送), those to send back (需重报), and files tied to no branch. */
export function statusLists(cs: CollectionStatus, registry: Registry, lang: Lang): string[] {
  const zh = lang === 'zh';
  const name = (code: string): string => printable(`${code} ${registry.byCode.get(code)?.name ?? ''}`);
  const out: string[] = [];
  const missing = cs.branches.filter((b) => b.status === 'missing').map((b) => name(b.code));
  if (missing.length > 0)
    out.push(chalk.yellow(zh ? `未报送（${missing.length}）：${missing.join('、')}` : `Missing (${missing.length}): ${missing.join(', ')}`));
  const resubmit = cs.branches.filter((b) => b.status === 'resubmit');
  if (resubmit.length > 0) {
    out.push(chalk.red(zh ? `${STATUS_WORDS.zh.resubmit}（${resubmit.length}）：` : `To resubmit (${resubmit.length}):`));
    for (const b of resubmit) out.push(chalk.red(`  ${name(b.code)}：${printable(b.files.join(zh ? '、' : ', '))}`));
  }
  if (cs.unattributed.length > 0) {
    out.push(
      chalk.red(
        zh
          ? `无法确定单位的文件（${cs.unattributed.length}，未计入任何单位）：`
          : `Files tied to no branch (${cs.unattributed.length}, not counted against any):`,
      ),
    );
    for (const u of cs.unattributed) out.push(chalk.red(`  ${printable(u.file)}`));
  }
  return out;
}
