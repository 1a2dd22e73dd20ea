import { INDICATORS, labelOf, type Annex, type IndicatorKey, indicatorOf } from '../catalogue.js';
import type { Registry } from '../registry/types.js';
import { explainedCount, isReason, statusOf, type Finding, type ReturnResult } from './finding.js';
import type { Contribution, Exclusion } from './rollup.js';

// Which figures stand for which branch: clean branch files first, summaries for what they alone cover,
// files with errors left out with their reasons. Pure; independent of the order of the inputs.

export interface Difference {
  code: string;
  annex: Annex;
  key: IndicatorKey;
  inSummary: number | null;
  inFile: number | null;
  file: string;
}

export interface Reconciliation {
  summaryFile: string;
  code: string;
  /** Branches the summary covers for which a branch file was given too. */
  compared: string[];
  differences: Difference[];
}

export interface SourceEntry {
  file: string;
  sha256: string;
  code: string | null;
  kind: ReturnResult['kind'];
  used: boolean;
  note: SourceNote;
}

/** Why a file was used or not, as data: the workbooks say it in the run's language. */
export type SourceNote =
  /** Used; `explained`: warnings the branch explained in the 说明 column (the file still counts as 通过). */
  | { kind: 'used'; explained?: number }
  | { kind: 'with-warnings' }
  /** A summary workbook, and how many branches' figures were taken from it. */
  | { kind: 'summary'; used: number }
  /** Left out: the errors that left it out. */
  | { kind: 'excluded'; findings: Finding[] };

export interface MergePlan {
  contributions: Map<string, Contribution>;
  exclusions: Exclusion[];
  reconciliations: Reconciliation[];
  sources: SourceEntry[];
}

/** Why a file is left out: its errors, and how it was tied to its branch when not by its identity. */
const errorsOf = (r: ReturnResult): Finding[] => r.findings.filter(isReason);

export function planMerge(returnsInAnyOrder: readonly ReturnResult[], registry: Registry): MergePlan {
  const returns = [...returnsInAnyOrder].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.org?.code ?? '').localeCompare(b.org?.code ?? '')));
  const contributions = new Map<string, Contribution>();
  const exclusions: Exclusion[] = [];
  const sources: SourceEntry[] = [];
  const hasErrors = (r: ReturnResult): boolean => statusOf(r.findings) === 'error';

  for (const r of returns.filter((x) => x.kind !== 'summary')) {
    if (hasErrors(r) || !r.org || !r.figures) {
      const findings = errorsOf(r);
      exclusions.push({ file: r.file, code: r.org?.code ?? null, findings });
      sources.push({ file: r.file, sha256: r.sha256, code: r.org?.code ?? null, kind: r.kind, used: false, note: { kind: 'excluded', findings } });
      continue;
    }
    const status = statusOf(r.findings) === 'warning' ? 'warning' : 'ok';
    contributions.set(r.org.code, { code: r.org.code, figures: r.figures, status, file: r.file, sha256: r.sha256, ...(r.notes ? { notes: r.notes } : {}) });
    sources.push({
      file: r.file,
      sha256: r.sha256,
      code: r.org.code,
      kind: r.kind,
      used: true,
      note:
        status === 'warning'
          ? { kind: 'with-warnings' }
          : explainedCount(r.findings) > 0
            ? { kind: 'used', explained: explainedCount(r.findings) }
            : { kind: 'used' },
    });
  }

  // Summaries: deepest first, so a city summary speaks for its counties before a province summary would.
  const depth = (code: string | undefined): number => (code ? (registry.byCode.get(code)?.depth ?? 0) : 0);
  const summaries = returns.filter((x) => x.kind === 'summary').sort((a, b) => depth(b.org?.code) - depth(a.org?.code));
  const reconciliations: Reconciliation[] = [];
  for (const s of summaries) {
    if (hasErrors(s) || !s.org || !s.parts) {
      const findings = errorsOf(s);
      exclusions.push({ file: s.file, code: s.org?.code ?? null, findings });
      sources.push({ file: s.file, sha256: s.sha256, code: s.org?.code ?? null, kind: 'summary', used: false, note: { kind: 'excluded', findings } });
      continue;
    }
    const rec: Reconciliation = { summaryFile: s.file, code: s.org.code, compared: [], differences: [] };
    let used = 0;
    for (const part of s.parts) {
      const existing = contributions.get(part.code);
      if (!existing) {
        contributions.set(part.code, { code: part.code, figures: part.figures, status: 'ok', file: part.file || s.file, sha256: s.sha256, via: s.file });
        used++;
        continue;
      }
      rec.compared.push(part.code);
      for (const annex of ['annex1', 'annex2'] as const) {
        for (const ind of INDICATORS) {
          const a = part.figures[annex][ind.key] ?? null;
          const b = existing.figures[annex][ind.key] ?? null;
          if ((a ?? 0) !== (b ?? 0)) rec.differences.push({ code: part.code, annex, key: ind.key, inSummary: a, inFile: b, file: existing.file });
        }
      }
    }
    if (rec.compared.length > 0) reconciliations.push(rec);
    sources.push({ file: s.file, sha256: s.sha256, code: s.org.code, kind: 'summary', used: used > 0, note: { kind: 'summary', used } });
  }
  return { contributions, exclusions, reconciliations, sources };
}

export function differenceLabel(d: Difference): string {
  return labelOf(indicatorOf(d.key), d.annex);
}
