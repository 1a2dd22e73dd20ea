import { findingJson, statusOf, type FindingJson, type Status } from '../core/finding.js';
import { message, type Lang, type MessageCode, type Severity } from '../messages.js';
import { loadRegistry } from '../registry/load.js';
import { loadBaseline } from '../validate/baseline-load.js';
import { checkPaths, type CheckRun } from '../validate/engine.js';
import type { PoolOptions } from '../read/pool.js';

export interface ValidateOptions extends PoolOptions {
  cwd: string;
  paths: string[];
  year?: number;
  orgs?: string;
  baseline?: string;
  lang?: Lang;
  /** --under CODE: that branch's subtree only. */
  under?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface FileReport {
  file: string;
  sha256: string;
  org: { code: string; name: string; level: string } | null;
  year: number | null;
  status: Status;
  findings: FindingJson[];
}

export interface ValidateReport {
  files: FileReport[];
  summary: { files: number; ok: number; warnings: number; errors: number };
  notices: { code: MessageCode; severity: Severity; message: string; file?: string }[];
  year: number | null;
}

export function reportOf(run: CheckRun, lang: Lang): ValidateReport {
  const files = run.returns.map((r): FileReport => ({
    file: r.file,
    sha256: r.sha256,
    org: r.org,
    year: r.year,
    status: statusOf(r.findings),
    findings: r.findings.map((f) => findingJson(f, lang)),
  }));
  return {
    files,
    summary: {
      files: files.length,
      ok: files.filter((f) => f.status === 'ok').length,
      warnings: files.filter((f) => f.status === 'warning').length,
      errors: files.filter((f) => f.status === 'error').length,
    },
    notices: noticesOf(run, lang),
    year: run.year,
  };
}

export function noticesOf(run: Pick<CheckRun, 'notices'>, lang: Lang): ValidateReport['notices'] {
  return run.notices.map((n) => ({ code: n.code, severity: 'notice' as const, message: message(n.code, n.params, lang), ...(n.file ? { file: n.file } : {}) }));
}

export async function runValidate(opts: ValidateOptions): Promise<ValidateReport> {
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const baseline = await loadBaseline(opts.baseline, opts.cwd, registry);
  const run = await checkPaths({ ...opts, registry, baseline: baseline?.figures ?? null, keepFigures: false });
  return reportOf(run, opts.lang ?? 'zh');
}

export const exitCodeOf = (r: ValidateReport): number => (r.summary.errors > 0 ? 1 : 0);
