import { explainedCount, statusOf, type ReturnResult, type Status } from '../core/finding.js';
import { findingJson, type FindingJson, type Lang } from '../messages.js';
import { checkInputs, discoverInputs, readInputs, runStatus, type CheckRun } from '../engine/check-returns.js';
import { noticesOf, type NoticeJson } from '../engine/notices.js';
import { checkContextOf, statusContextOf, withSetup, type CheckCommandOptions } from '../engine/setup.js';
import { collectionStatus, statusCounts, type BranchStatus, type CollectionStatus, type StatusCounts } from '../core/status.js';
import type { Registry } from '../registry/types.js';
import { withSurveyOption } from '../survey/load.js';

/** --sign-key FILE verifies each identity's signature (identity-unsigned / identity-forged). */
export type ValidateOptions = CheckCommandOptions;

export interface FileReport {
  file: string;
  /** 'summary' for a summary workbook written by merge (an input only as a summary). */
  kind: 'form' | 'csv' | 'summary';
  sha256: string;
  org: { code: string; name: string; level: string } | null;
  /** Present when the file could not be read and org is what its name says (code and that branch's name). */
  orgFrom?: 'file-name';
  year: number | null;
  /** 'ok' when every warning is explained (the file is 通过, with `explained` warnings 已说明). */
  status: Status;
  /** Warnings the branch explained in the 说明 column (not counted as warnings). */
  explained: number;
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
  /** Warnings its return explained in the 说明 column (a 通过 branch may have some): as the file table counts them. */
  explained: number;
}

export interface ValidateReport {
  files: FileReport[];
  /** Returns only: summary workbooks are counted apart (`summaries`), never as a branch's return. */
  /** `ok` counts the files whose warnings are all explained; `explained` says how many of them that is. */
  summary: { files: number; ok: number; warnings: number; errors: number; summaries: number; explained: number };
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
  notices: NoticeJson[];
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
    ...(r.orgFrom ? { orgFrom: r.orgFrom } : {}),
    year: r.year,
    status: statusOf(r.findings),
    explained: explainedCount(r.findings),
    findings: r.findings.map((f) => findingJson(f, lang)),
  }));
  const returns = files.filter((f) => f.kind !== 'summary');
  // A CSV return is one file for many branches: its results are looked up by file, then by branch.
  const returnsOf = new Map<string, ReturnResult[]>();
  for (const r of run.returns) {
    const list = returnsOf.get(r.file);
    if (list) list.push(r);
    else returnsOf.set(r.file, [r]);
  }
  return {
    files,
    summary: {
      files: returns.length,
      ok: returns.filter((f) => f.status === 'ok').length,
      warnings: returns.filter((f) => f.status === 'warning').length,
      errors: returns.filter((f) => f.status === 'error').length,
      summaries: files.length - returns.length,
      explained: returns.filter((f) => f.status === 'ok' && f.explained > 0).length,
    },
    scope: status.scope,
    statuses: statusCounts(status, registry, status.scope),
    branches: status.branches.map((b) => {
      const org = registry.byCode.get(b.code)!;
      // Only a used return's explanations count (identical copies are one return, so the first is it).
      const used =
        b.status === 'passed' || b.status === 'warnings'
          ? b.files.flatMap((f) => returnsOf.get(f) ?? []).find((r) => r.kind !== 'summary' && r.org?.code === b.code)
          : undefined;
      const explained = used ? explainedCount(used.findings) : 0;
      return { code: b.code, name: org.name, level: org.level, parent: org.parent, status: b.status, files: b.files, explained };
    }),
    missing: status.branches.filter((b) => b.status === 'missing').map((b) => b.code),
    unattributed: status.unattributed.map((u) => u.file),
    notices: noticesOf(run.notices, lang),
    year: run.year,
  };
}

/** validate, with the survey of --survey (or the built-in one) in force. */
export async function runValidate(opts: ValidateOptions): Promise<ValidateReport> {
  return withSurveyOption(opts.survey, opts.cwd, () => validateInForce(opts));
}

async function validateInForce(opts: ValidateOptions): Promise<ValidateReport> {
  return withSetup(opts, null, async (setup) => {
    const found = await discoverInputs(opts);
    // validate reports findings only: each file's figures go as soon as it is checked.
    const checked = await checkInputs(readInputs(found, opts), checkContextOf(setup, false), { total: found.files.length, onProgress: opts.onProgress });
    return reportOf(runStatus(found, checked, statusContextOf(setup, opts)), setup.lang, setup.registry);
  });
}

export const exitCodeOf = (r: ValidateReport): number => (r.files.some((f) => f.status === 'error') ? 1 : 0);
