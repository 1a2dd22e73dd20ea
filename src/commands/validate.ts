import { statusOf, type Status } from '../core/finding.js';
import { findingJson, message, type FindingJson, type Lang, type MessageCode, type Severity } from '../messages.js';
import { loadSignKey } from '../io/sign-key.js';
import { prewarmReaders } from '../read/pool.js';
import { loadRegistry } from '../registry/load.js';
import { loadBaseline } from '../engine/baseline-load.js';
import { checkPaths, type CheckRun } from '../engine/check-returns.js';
import { collectionStatus, statusCounts, type BranchStatus, type CollectionStatus, type StatusCounts } from '../core/status.js';
import type { Registry } from '../registry/types.js';
import type { PoolOptions } from '../read/pool.js';

export interface ValidateOptions extends PoolOptions {
  cwd: string;
  paths: string[];
  year?: number;
  orgs?: string;
  baseline?: string;
  /** --sign-key FILE: verify each identity's signature (identity-unsigned / identity-forged). */
  signKey?: string;
  lang?: Lang;
  /** --under CODE: that branch's subtree only. */
  under?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface FileReport {
  file: string;
  /** 'summary' for a summary workbook written by merge (an input only as a summary). */
  kind: 'form' | 'csv' | 'summary';
  sha256: string;
  org: { code: string; name: string; level: string } | null;
  year: number | null;
  status: Status;
  findings: FindingJson[];
}

/** One expected branch against the registry: its collection status and the files tied to it. */
export interface BranchReport {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  status: BranchStatus;
  files: string[];
}

export interface ValidateReport {
  files: FileReport[];
  /** Returns only: summary workbooks are counted apart (`summaries`), never as a branch's return. */
  summary: { files: number; ok: number; warnings: number; errors: number; summaries: number };
  /** The run's root (the registry's, or --under CODE). */
  scope: string;
  /** Branches per collection status in scope; they add up to `expected`. */
  statuses: StatusCounts;
  /** One per expected branch, tree order. */
  branches: BranchReport[];
  /** Codes of the branches nothing was received from. */
  missing: string[];
  /** Files tied to no branch. */
  unattributed: string[];
  notices: { code: MessageCode; severity: Severity; message: string; file?: string }[];
  year: number | null;
}

export function reportOf(
  run: CheckRun,
  lang: Lang,
  registry: Registry,
  status: CollectionStatus = collectionStatus(run.returns, registry, run.scope),
): ValidateReport {
  const files = run.returns.map((r): FileReport => ({
    file: r.file,
    kind: r.kind,
    sha256: r.sha256,
    org: r.org,
    year: r.year,
    status: statusOf(r.findings),
    findings: r.findings.map((f) => findingJson(f, lang)),
  }));
  const returns = files.filter((f) => f.kind !== 'summary');
  return {
    files,
    summary: {
      files: returns.length,
      ok: returns.filter((f) => f.status === 'ok').length,
      warnings: returns.filter((f) => f.status === 'warning').length,
      errors: returns.filter((f) => f.status === 'error').length,
      summaries: files.length - returns.length,
    },
    scope: status.scope,
    statuses: statusCounts(status, registry, status.scope),
    branches: status.branches.map((b) => {
      const org = registry.byCode.get(b.code)!;
      return { code: b.code, name: org.name, level: org.level, parent: org.parent, status: b.status, files: b.files };
    }),
    missing: status.branches.filter((b) => b.status === 'missing').map((b) => b.code),
    unattributed: status.unattributed.map((u) => u.file),
    notices: noticesOf(run, lang),
    year: run.year,
  };
}

export function noticesOf(run: Pick<CheckRun, 'notices'>, lang: Lang): ValidateReport['notices'] {
  return run.notices.map((n) => ({ code: n.code, severity: 'notice' as const, message: message(n.code, n.params, lang), ...(n.file ? { file: n.file } : {}) }));
}

export async function runValidate(opts: ValidateOptions): Promise<ValidateReport> {
  prewarmReaders(opts); // the readers load exceljs while the registry is read
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const baseline = await loadBaseline(opts.baseline, opts.cwd, registry);
  const signKey = loadSignKey(opts.signKey, opts.cwd);
  const run = await checkPaths({ ...opts, registry, baseline: baseline?.figures ?? null, keepFigures: false, signKey });
  return reportOf(run, opts.lang ?? 'zh', registry);
}

export const exitCodeOf = (r: ValidateReport): number => (r.files.some((f) => f.status === 'error') ? 1 : 0);
