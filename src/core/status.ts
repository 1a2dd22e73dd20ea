import { subtree } from '../registry/build.js';
import type { Registry } from '../registry/types.js';
import { isExplained, isReason, type BranchStatus, type CarriedStatus, type Finding, type ReturnResult } from './finding.js';

// Who has reported (docs/domain.md §7): exactly one status per expected branch, counted per branch, never per file.
// Pure; independent of the order of the inputs.

// The statuses are defined with the findings (a summary carries them up); named here too, where they are worked out.
export { BRANCH_STATUSES, type BranchStatus } from './finding.js';

export interface BranchState {
  /** Registry code. */
  code: string;
  status: BranchStatus;
  /** Input files tied to this branch (its own returns; for by-summary the summary file). */
  files: string[];
  /** For a branch reported through a summary workbook: that workbook. */
  via: string | null;
  /** Why: the errors (resubmit; with "按文件名认定" for a file tied by its name) or unexplained warnings (warnings); [] for passed and missing. */
  findings: Finding[];
}

export interface UnattributedFile {
  file: string;
  sha256: string;
  findings: Finding[];
}

export interface CollectionStatus {
  /** The code of the run's root (the registry root, or --under CODE). */
  scope: string;
  /** Exactly one per expected branch in scope, registry (tree) order. */
  branches: BranchState[];
  /** Files tied to no branch (no identity, unknown code). */
  unattributed: UnattributedFile[];
}

const errorsOf = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
/** A warning the branch explained in the 说明 column does not count against it. */
const openWarningsOf = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity === 'warning' && !isExplained(f));
const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Why a return must be sent again: its errors, and for a file tied to the branch by its name alone, that note. */
const whyResubmit = (r: ReturnResult): Finding[] => r.findings.filter(isReason);

/** A usable own return: no errors (its figures were read; validate drops them once checked, so they are not asked for). */
const usable = (r: ReturnResult): boolean => errorsOf(r.findings).length === 0;

/** What a usable summary says about one branch it covers: its part (figures) and, when it carries them, its status. */
interface Coverage {
  summary: ReturnResult;
  part: boolean;
  carried: CarriedStatus | undefined;
}

export function collectionStatus(returns: readonly ReturnResult[], registry: Registry, scope: string): CollectionStatus {
  const expected = subtree(registry, scope);
  const inScope = new Set(expected.map((o) => o.code));
  const sorted = [...returns].sort(byFile);
  const unattributed: UnattributedFile[] = [];
  const own = new Map<string, ReturnResult[]>();
  const summaries: ReturnResult[] = [];

  for (const r of sorted) {
    if (!r.org || !registry.byCode.has(r.org.code)) {
      unattributed.push({ file: r.file, sha256: r.sha256, findings: errorsOf(r.findings) });
      continue;
    }
    if (r.kind === 'summary') summaries.push(r);
    else if (inScope.has(r.org.code)) own.set(r.org.code, [...(own.get(r.org.code) ?? []), r]);
  }

  // Summaries deepest first: a city's summary speaks for its counties before a province's would (as merge does).
  const depth = (r: ReturnResult): number => registry.byCode.get(r.org!.code)!.depth;
  summaries.sort((a, b) => depth(b) - depth(a) || byFile(a, b));
  const coverage = new Map<string, Coverage>();
  const brokenSummaries = new Map<string, ReturnResult[]>();
  for (const s of summaries) {
    if (!s.parts || errorsOf(s.findings).length > 0) {
      brokenSummaries.set(s.org!.code, [...(brokenSummaries.get(s.org!.code) ?? []), s]);
      continue;
    }
    const parts = new Set(s.parts.map((p) => p.code));
    const carried = new Map((s.statuses ?? []).map((c) => [c.code, c]));
    for (const o of subtree(registry, s.org!.code)) {
      if (coverage.has(o.code)) continue;
      const c = carried.get(o.code);
      if (parts.has(o.code) || (c && c.status !== 'missing')) coverage.set(o.code, { summary: s, part: parts.has(o.code), carried: c });
    }
  }

  const branches = expected.map((org): BranchState => {
    const received = own.get(org.code) ?? [];
    const files = received.map((r) => r.file);
    // A file cut off in transfer whose bytes start another of its returns is that return, not a second one.
    const mine = received.filter((r) => r.cutOffCopyOf === undefined);
    // Identical copies of one file are one return.
    if (new Set(mine.map((r) => r.sha256)).size === 1 && usable(mine[0]!)) {
      const open = openWarningsOf(mine[0]!.findings);
      return { code: org.code, status: open.length > 0 ? 'warnings' : 'passed', files, via: null, findings: open };
    }
    const cov = coverage.get(org.code);
    if (cov) {
      const carried = cov.carried;
      // The summary's word on the branch travels up: 有警告 and 需重报 stay what they were; a pass becomes 由汇总表代报.
      const status: BranchStatus = !cov.part ? 'resubmit' : carried?.status === 'warnings' ? 'warnings' : 'by-summary';
      const findings = status === 'by-summary' ? [] : (carried?.findings ?? []);
      return { code: org.code, status, files: [...files, cov.summary.file], via: cov.summary.file, findings };
    }
    if (mine.length > 0) {
      const findings = mine.flatMap(whyResubmit);
      return { code: org.code, status: 'resubmit', files, via: null, findings };
    }
    const broken = brokenSummaries.get(org.code) ?? [];
    if (broken.length > 0) {
      return { code: org.code, status: 'resubmit', files: broken.map((s) => s.file), via: null, findings: broken.flatMap((s) => errorsOf(s.findings)) };
    }
    return { code: org.code, status: 'missing', files: [], via: null, findings: [] };
  });
  return { scope, branches, unattributed };
}

export type StatusCounts = Record<BranchStatus, number> & { expected: number };

export const zeroCounts = (): StatusCounts => ({ passed: 0, warnings: 0, resubmit: 0, 'by-summary': 0, missing: 0, expected: 0 });

const indexCache = new WeakMap<CollectionStatus, Map<string, BranchState>>();
/** Each branch's state by code (built once per CollectionStatus). */
export function stateByCode(cs: CollectionStatus): ReadonlyMap<string, BranchState> {
  let index = indexCache.get(cs);
  if (!index) {
    index = new Map(cs.branches.map((b) => [b.code, b]));
    indexCache.set(cs, index);
  }
  return index;
}

/** Counts for the subtree of `code` (its own branch included); they add up to `expected`. */
export function statusCounts(cs: CollectionStatus, registry: Registry, code: string): StatusCounts {
  const index = stateByCode(cs);
  const counts = zeroCounts();
  // Walks the subtree, not every branch of the run: a national merge asks this once per summary.
  for (const o of subtree(registry, code)) {
    const b = index.get(o.code);
    if (!b) continue;
    counts[b.status]++;
    counts.expected++;
  }
  return counts;
}
