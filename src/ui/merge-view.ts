import chalk from 'chalk';
import { INDICATORS } from '../catalogue.js';
import type { MergeReport } from '../commands/merge.js';
import { differenceLabel } from '../core/merge-plan.js';
import { exclusionReasons, joinReasons, message, type Lang } from '../messages.js';
import { printable } from '../text-safety.js';
import { statusCounts, BRANCH_STATUSES, type CollectionStatus } from '../core/status.js';
import type { Registry } from '../registry/types.js';
import { STATUS_SHORT, STATUS_WORDS } from '../lang/status-words.js';
import { namesOf } from '../merge/summary-workbook.js';
import { table } from './table.js';
import { word } from '../words.js';

/** A total; "—" where nothing was received to sum. */
const fmt = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/** For people: the root's totals (附件1 and 附件2 side by side), completeness per city, what was left out. */
export function renderMerge(r: MergeReport, lang: Lang): string {
  const root = r.nodes.find((n) => n.code === r.status.scope) ?? r.nodes[0];
  const out: string[] = [];
  if (root) {
    const org = r.registry.byCode.get(root.code)!;
    out.push(chalk.bold(printable(word('mergeTitle', lang)(org, r.summary.year, root.complete))));
    const name = word('indicatorName', lang);
    out.push(
      table(
        [...word('mergeTotalsHead', lang)()],
        INDICATORS.map((i) => [i.no, name(i), i.unit, fmt(root.annex1[i.key] ?? null), fmt(root.annex2[i.key] ?? null)]),
        ['right', 'left', 'center', 'right', 'right'],
      ),
    );
    const basis = word(
      'mergeBasis',
      lang,
    )({
      basis: root.incrementBasis,
      baselineYear: r.summary.baselineYear,
      count: root.withoutBaseline.length,
      names: root.incrementBasis === 'mixed' ? namesOf(root.withoutBaseline, r.registry.byCode, lang) : '',
    });
    out.push(chalk.dim(basis));
  }
  out.push('', statusTable(r, lang));
  out.push(...statusLists(r.status, r.registry, lang));
  for (const e of r.plan.exclusions)
    out.push(chalk.red(message('merge-excluded', { file: e.file, reasons: joinReasons(exclusionReasons(e.findings, lang), lang) }, lang)));
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
  out.push('', word('wroteFiles', lang)(r.written.length, r.outDir));
  return out.join('\n') + '\n';
}

/** Per summary branch: who has reported, one status per branch, counts adding up to 应报. */
function statusTable(r: MergeReport, lang: Lang): string {
  const short = STATUS_SHORT[lang];
  return table(
    [...word('mergeStatusHead', lang), ...BRANCH_STATUSES.map((k) => short[k]), word('mergeCompleteHead', lang)],
    r.nodes.map((n) => {
      const c = statusCounts(r.status, r.registry, n.code);
      return [printable(n.code), printable(n.name), c.expected, ...BRANCH_STATUSES.map((k) => c[k]), n.complete ? '✓' : chalk.yellow('✗')];
    }),
    ['left', 'left', 'right', ...BRANCH_STATUSES.map(() => 'right' as const), 'center'],
  );
}

/** The branches to chase (未报送), those to send back (需重报), and files tied to no branch. */
export function statusLists(cs: CollectionStatus, registry: Registry, lang: Lang): string[] {
  const name = (code: string): string => printable(`${code} ${registry.byCode.get(code)?.name ?? ''}`);
  const out: string[] = [];
  const missing = cs.branches.filter((b) => b.status === 'missing').map((b) => name(b.code));
  if (missing.length > 0) out.push(chalk.yellow(word('missingList', lang)(missing)));
  const resubmit = cs.branches.filter((b) => b.status === 'resubmit');
  if (resubmit.length > 0) {
    out.push(chalk.red(word('resubmitHead', lang)(STATUS_WORDS[lang].resubmit, resubmit.length)));
    for (const b of resubmit) {
      // A damaged file tied to the branch by its name alone says so, as validate's table does.
      const byName = b.findings.some((f) => f.code === 'identity-from-file-name') ? word('byFileName', lang) : '';
      out.push(chalk.red(`  ${name(b.code)}${byName}：${printable(b.files.join(word('listSep', lang)))}`));
    }
  }
  if (cs.unattributed.length > 0) {
    out.push(chalk.red(word('unattributedHead', lang)(cs.unattributed.length)));
    for (const u of cs.unattributed) out.push(chalk.red(`  ${printable(u.file)}`));
  }
  return out;
}
