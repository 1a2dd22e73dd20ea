import { INDICATORS, labelOf, type Annex, type IndicatorKey, indicatorOf } from '../catalogue.js';
import { joinReasons, message, type Lang } from '../messages.js';
import type { Registry } from '../registry/types.js';
import { statusOf, type Finding, type ReturnResult } from './finding.js';
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
  note: string;
}

export interface MergePlan {
  contributions: Map<string, Contribution>;
  exclusions: Exclusion[];
  reconciliations: Reconciliation[];
  sources: SourceEntry[];
}

const MAX_REASONS = 5;

/** The errors that left a file out, as words (at most MAX_REASONS, then how many more). */
export function exclusionReasons(findings: readonly Finding[], lang: Lang): string[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const text = errors.slice(0, MAX_REASONS).map((f) => `${f.sheet && f.cell ? `${f.sheet}!${f.cell} ` : ''}${message(f.code, f.params, lang)}`);
  if (errors.length > MAX_REASONS)
    text.push(lang === 'zh' ? `……另有 ${errors.length - MAX_REASONS} 处错误` : `… and ${errors.length - MAX_REASONS} more errors`);
  return text;
}

export function planMerge(returnsInAnyOrder: readonly ReturnResult[], registry: Registry, lang: Lang): MergePlan {
  const returns = [...returnsInAnyOrder].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.org?.code ?? '').localeCompare(b.org?.code ?? '')));
  const contributions = new Map<string, Contribution>();
  const exclusions: Exclusion[] = [];
  const sources: SourceEntry[] = [];
  const hasErrors = (r: ReturnResult): boolean => statusOf(r.findings) === 'error';

  for (const r of returns.filter((x) => x.kind !== 'summary')) {
    if (hasErrors(r) || !r.org || !r.figures) {
      const reasons = exclusionReasons(r.findings, lang);
      exclusions.push({ file: r.file, code: r.org?.code ?? null, reasons, findings: r.findings.filter((f) => f.severity === 'error') });
      sources.push({ file: r.file, sha256: r.sha256, code: r.org?.code ?? null, kind: r.kind, used: false, note: joinReasons(reasons, lang) });
      continue;
    }
    const status = statusOf(r.findings) === 'warning' ? 'warning' : 'ok';
    contributions.set(r.org.code, { code: r.org.code, figures: r.figures, status, file: r.file, sha256: r.sha256 });
    sources.push({
      file: r.file,
      sha256: r.sha256,
      code: r.org.code,
      kind: r.kind,
      used: true,
      note: status === 'warning' ? (lang === 'zh' ? '有警告' : 'with warnings') : '',
    });
  }

  // Summaries: deepest first, so a city summary speaks for its counties before a province summary would.
  const depth = (code: string | undefined): number => (code ? (registry.byCode.get(code)?.depth ?? 0) : 0);
  const summaries = returns.filter((x) => x.kind === 'summary').sort((a, b) => depth(b.org?.code) - depth(a.org?.code));
  const reconciliations: Reconciliation[] = [];
  for (const s of summaries) {
    if (hasErrors(s) || !s.org || !s.parts) {
      const reasons = exclusionReasons(s.findings, lang);
      exclusions.push({ file: s.file, code: s.org?.code ?? null, reasons, findings: s.findings.filter((f) => f.severity === 'error') });
      sources.push({ file: s.file, sha256: s.sha256, code: s.org?.code ?? null, kind: 'summary', used: false, note: joinReasons(reasons, lang) });
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
    const note = lang === 'zh' ? `汇总表，采用其中 ${used} 个单位的数据` : `summary; figures of ${used} branches used`;
    sources.push({ file: s.file, sha256: s.sha256, code: s.org.code, kind: 'summary', used: used > 0, note });
  }
  return { contributions, exclusions, reconciliations, sources };
}

export function differenceLabel(d: Difference): string {
  return labelOf(indicatorOf(d.key), d.annex);
}
