import { checkOptionTexts } from '../io/option-texts.js';
import { csvText } from '../io/table.js';
import { collectionStatus, type BranchStatus } from '../core/status.js';
import { dataFile, writeBatch, type OutputFile } from '../io/output.js';
import { SetupError, findingJson, type FindingJson, type Lang } from '../messages.js';
import type { Registry } from '../registry/types.js';
import { buildFormWorkbook, loadExcelJS } from '../issued-form/form.js';
import { checkInputs, discoverInputs, readInputs, runStatus } from '../engine/check-returns.js';
import { noticesOf, type NoticeJson } from '../engine/notices.js';
import { checkContextOf, statusContextOf, withSetup, type CheckCommandOptions, type OutFolderOptions, type OutSetup } from '../engine/setup.js';
import { buildCorrectionWorkbook } from '../feedback/correction-form.js';
import { deadlineWords, letterFor, parseDue, reasonFor, rootTodo } from '../feedback/letters.js';
import { CHASE_CSV, CHASE_XLSX, FEEDBACK_CSV, MESSAGES_TXT, chaseRows, feedbackRows, messagesText, totalsOf, writeChaseWorkbook } from '../feedback/outputs.js';
import { planFeedback, type Action, type FeedbackPlan, type Problem } from '../feedback/plan.js';
import { withSurveyOption } from '../survey/load.js';

// rc-org feedback: check the returns with the same engine as validate, take each branch's collection status, and
// write what goes back to each branch (correction forms, fresh blank forms, messages) and the chase list.

/** --sign-key FILE verifies each identity's signature, and signs the correction forms and blank forms written. */
export interface FeedbackOptions extends CheckCommandOptions, OutFolderOptions {
  /** --due YYYY-MM-DD */
  due?: string;
  contact?: string;
  blankForMissing?: boolean;
}

export interface BranchReport {
  code: string;
  name: string;
  parent: string | null;
  status: BranchStatus;
  action: Action;
  reason: string;
  files: string[];
  via: string | null;
  problems: (Omit<Problem, 'file'> & { file: string })[];
  written: string[];
  message: string | null;
  contact: { person: string; phone: string; email: string } | null;
  /** A missing branch below one that reports to the run's root: that branch's code (it is asked to chase this one). */
  chasedBy: string | null;
  /** The missing branches below this one that its message asks it to chase. */
  chases: string[];
}

export interface FeedbackReport {
  year: number;
  baselineYear: number;
  scope: string;
  due: string | null;
  contact: string | null;
  outDir: string;
  /** The clerk's own to-do about her office's return (the run's root never writes to itself), or null. */
  todo: string | null;
  branches: BranchReport[];
  /** guess: the branch the file's name points at, sent a fresh form because of it (else null). */
  unattributed: { file: string; sha256: string; guess: string | null; findings: FindingJson[] }[];
  totals: ReturnType<typeof totalsOf>;
  written: string[];
  notices: NoticeJson[];
}

/** feedback, with the survey of --survey (or the built-in one) in force. */
export async function runFeedback(opts: FeedbackOptions): Promise<FeedbackReport> {
  return withSurveyOption(opts.survey, opts.cwd, () => feedbackInForce(opts));
}

async function feedbackInForce(opts: FeedbackOptions): Promise<FeedbackReport> {
  const due = opts.due === undefined ? null : parseDue(opts.due);
  if (opts.due !== undefined && due === null) throw new SetupError([{ code: 'feedback-bad-due', params: { value: opts.due } }]);
  checkOptionTexts({ '--contact': opts.contact });
  const contact = opts.contact?.trim() || null;
  return withSetup(opts, opts, (setup) => feedbackInto(setup, opts, due, contact));
}

async function feedbackInto(setup: OutSetup, opts: FeedbackOptions, due: string | null, contact: string | null): Promise<FeedbackReport> {
  const { registry, signKey, lang, outDir: dir } = setup;
  // Files inside --out are this command's own earlier outputs: never inputs.
  const found = await discoverInputs({ ...opts, outputDir: dir });
  const checked = await checkInputs(readInputs(found, opts), checkContextOf(setup, true), { total: found.files.length, onProgress: opts.onProgress });
  const run = runStatus(found, checked, statusContextOf(setup, opts));
  const year = opts.year ?? run.year;
  if (year === null || year === undefined) throw new SetupError([{ code: 'feedback-no-year', params: {} }]);

  const status = collectionStatus(run.returns, registry, run.scope);
  const plan = planFeedback(run.returns, status, registry, { year, baselineYear: run.baselineYear, lang, blankForMissing: opts.blankForMissing ?? false });
  const letters = new Map<string, string>();
  for (const b of plan.branches) {
    const text = letterFor(b, { lang, year, due, contact }, registry);
    if (text !== null) letters.set(b.org.code, text);
  }
  const todo = rootTodo(plan, lang);

  const ExcelJS = await loadExcelJS();
  const formCtx = { lang, deadline: deadlineWords(due, lang), contact, signKey };
  const files: OutputFile[] = [];
  for (const b of plan.branches) {
    if (b.correction) {
      const spec = b.correction;
      files.push({ name: b.outputs[0]!, write: async (path) => (await buildCorrectionWorkbook(ExcelJS, spec, formCtx)).xlsx.writeFile(path) });
    }
    if (b.blankForm) {
      files.push({
        name: b.outputs[b.outputs.length - 1]!,
        write: async (path) => (await buildFormWorkbook(ExcelJS, { org: b.org, year, baselineYear: run.baselineYear, signKey })).xlsx.writeFile(path),
      });
    }
  }
  files.push(
    { name: CHASE_XLSX, write: (path) => writeChaseWorkbook(ExcelJS, plan, registry, lang, path) },
    dataFile(CHASE_CSV, () => csvText(chaseRows(plan, registry, lang))),
    dataFile(MESSAGES_TXT, () => messagesText(plan, letters, lang, todo)),
    dataFile(FEEDBACK_CSV, () => csvText(feedbackRows(plan, letters, lang))),
  );
  const written = await writeBatch(dir, files, { force: opts.force ?? false, requireEmptyDir: true });

  return {
    year,
    baselineYear: run.baselineYear,
    scope: run.scope,
    due,
    contact,
    outDir: dir,
    todo,
    branches: branchReports(plan, registry, letters, lang),
    unattributed: status.unattributed.map((u) => ({
      file: u.file,
      sha256: u.sha256,
      guess: plan.unattributed.find((p) => p.file === u.file)?.guess ?? null,
      findings: u.findings.map((f) => findingJson(f, lang)),
    })),
    totals: totalsOf(plan),
    written,
    notices: noticesOf(run.notices, lang),
  };
}

function branchReports(plan: FeedbackPlan, registry: Registry, letters: ReadonlyMap<string, string>, lang: Lang): BranchReport[] {
  return plan.branches.map((b) => ({
    code: b.org.code,
    name: b.org.name,
    parent: b.org.parent,
    status: b.status,
    action: b.action,
    reason: reasonFor(b, lang),
    files: b.files,
    via: b.via,
    problems: b.problems,
    written: b.outputs,
    message: letters.get(b.org.code) ?? null,
    contact: registry.byCode.get(b.org.code)?.contact ?? null,
    chasedBy: b.chasedBy,
    chases: b.chases,
  }));
}

/** 0 when no branch must act, 1 when some branch must correct, resend or report. */
export const feedbackExitCode = (r: FeedbackReport): number => (r.totals.mustAct > 0 ? 1 : 0);
