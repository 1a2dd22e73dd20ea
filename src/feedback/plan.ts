import { basename } from 'node:path';
import { ANNEXES, ANNEX_TITLES, INDICATORS, appliesTo, labelOf, indicatorOf, type Annex, type IndicatorKey, VALUE_COLUMN, itemRow } from '../catalogue.js';
import type { Finding, ReturnResult } from '../core/finding.js';
import { branchFileName, formFileName } from '../issued-form/form.js';
import type { Lang } from '../messages.js';
import { ancestry } from '../registry/build.js';
import type { Org, Registry } from '../registry/types.js';
import { adviceFor } from './advice.js';
import type { BranchState, BranchStatus, CollectionStatus } from '../core/status.js';

// What to send back to whom: from the checked returns and the collection status (i10's), decide per branch what it
// must do and what it gets (a correction form, a fresh blank form, a question, a reminder). Pure: no files.

/** correct: its own form back with the cells marked · fresh-form: a blank form (the file could not be used) ·
 *  resend-file: its file could not be opened (cut off in transfer, empty…): send the same file again ·
 *  choose-file: it sent two different files · resend-summary: its summary workbook is wrong · report: nothing came
 *  · none: nothing to do (passed, by a summary, or its problems are for the summary's sender to pass on). */
export type Action = 'correct' | 'fresh-form' | 'resend-file' | 'choose-file' | 'resend-summary' | 'report' | 'none';

export interface Problem {
  severity: 'error' | 'warning';
  code: Finding['code'];
  annex: Annex | null;
  /** 序号 of the row (1–14), when the problem is about a row. */
  no: number | null;
  label: string | null;
  key: IndicatorKey | null;
  /** Where the correction form has it, e.g. "附件1!C14"; null for a problem with the file as a whole. */
  cell: string | null;
  /** Where it was in the returned file, e.g. "Sheet1!C18", "CSV!L2". */
  source: string | null;
  file: string;
  found: string;
  todo: string;
}

export interface CorrectionSpec {
  org: Org;
  year: number;
  baselineYear: number;
  /** The returned file it corrects. */
  file: string;
  values: Record<Annex, Partial<Record<IndicatorKey, number>>>;
  /** Values that could not be read as numbers, carried over as typed so the branch sees them. */
  texts: Record<Annex, Partial<Record<IndicatorKey, string>>>;
  notes: Record<Annex, Partial<Record<IndicatorKey, string>>>;
  problems: Problem[];
}

export interface BranchFeedback {
  org: Org;
  status: BranchStatus;
  action: Action;
  /** Input files tied to the branch. */
  files: string[];
  via: string | null;
  problems: Problem[];
  /** Output file names for this branch (correction form or blank form). */
  outputs: string[];
  correction: CorrectionSpec | null;
  /** A fresh blank form is written for it. */
  blankForm: boolean;
  /** For a missing branch below a branch that reports to the run's root: that branch, which chases it (else null). */
  chasedBy: string | null;
  /** The missing branches this one chases (it reports to the run's root; they are below it). */
  chases: string[];
  /** The run's root: the office running the command, which never writes to itself (its own return is a to-do). */
  root: boolean;
  /** Warnings the branch explained in 说明: acknowledged in its message, not asked about again. */
  explained: Explained[];
  /** For choose-file: the cells where its different files differ (empty when they differ only outside the figures). */
  differences: Difference[];
}

/** A warning the branch explained: where, what was found, and its own reason. */
export interface Explained {
  annex: Annex | null;
  no: number | null;
  label: string | null;
  found: string;
  reason: string;
}

/** One cell where a branch's different files disagree, with each file's figure or 说明 note (null: blank or
 *  unreadable there). */
export interface Difference {
  annex: Annex;
  no: number;
  label: string;
  /** The figure's cell, or the 说明 note beside it. */
  column: 'value' | 'note';
  values: { file: string; value: number | string | null }[];
}

export interface FeedbackPlanOptions {
  year: number;
  baselineYear: number;
  lang: Lang;
  blankForMissing: boolean;
}

export interface FeedbackPlan {
  /** The code of the run's root (the registry root, or --under CODE). */
  scope: string;
  branches: BranchFeedback[];
  /** guess: the branch its file name points at, when that branch is sent a fresh form because of it. */
  unattributed: { file: string; sha256: string; problems: Problem[]; guess: string | null }[];
}

export const correctionFileName = (year: number, org: Pick<Org, 'code' | 'name'>): string => branchFileName(year, org, '退回修改.xlsx');

/** The template's cell for a row of an annex, as "附件1!C14". */
export const templateCell = (annex: Annex, key: IndicatorKey): string => `${ANNEX_TITLES[annex].label}!${VALUE_COLUMN}${itemRow(indicatorOf(key).no)}`;

/** Which annex a finding is about: by the cell the return recorded, the sheet's name, the row label, or the CSV column. */
export function annexOf(r: ReturnResult, f: Finding): Annex | null {
  if (f.indicator === null) return f.code === 'sheet-missing' ? (ANNEXES.find((a) => ANNEX_TITLES[a].label === f.params.annex) ?? null) : null;
  const at = f.sheet && f.cell ? `${f.sheet}!${f.cell}` : null;
  for (const a of ANNEXES) if (at !== null && r.cells?.[a]?.[f.indicator] === at) return a;
  for (const a of ANNEXES) if (f.sheet === ANNEX_TITLES[a].label) return a;
  const ind = indicatorOf(f.indicator);
  for (const a of ANNEXES) if (f.params.label === labelOf(ind, a)) return a;
  // A CSV column named after a sheet (附件1-3): the sheet it names.
  const column = String(f.params.column ?? '');
  return ANNEXES.find((a) => column.startsWith(ANNEX_TITLES[a].label)) ?? null;
}

/** Findings about the clerk's own files, not the branch's return (a baseline without its row): never sent back. */
const CLERK_SIDE: ReadonlySet<Finding['code']> = new Set(['baseline-missing']);

/** The findings a branch must act on: errors, and warnings it has not explained in 说明. */
export const actionable = (fs: readonly Finding[]): Finding[] =>
  fs.filter((f) => !CLERK_SIDE.has(f.code) && (f.severity === 'error' || (f.severity === 'warning' && f.explanation === undefined)));

export function problemOf(r: ReturnResult | null, f: Finding, lang: Lang): Problem {
  const annex = r ? annexOf(r, f) : null;
  const ind = f.indicator ? indicatorOf(f.indicator) : null;
  const advice = adviceFor(f, lang);
  return {
    severity: f.severity === 'warning' ? 'warning' : 'error',
    code: f.code,
    annex,
    no: ind && annex ? ind.no : null,
    label: ind && annex ? labelOf(ind, annex) : null,
    key: ind && annex ? ind.key : null,
    cell: ind && annex ? templateCell(annex, ind.key) : null,
    source: f.sheet && f.cell ? `${f.sheet}!${f.cell}` : null,
    file: f.file,
    found: advice.found,
    todo: advice.todo,
  };
}

/** A problem with the file as a whole, which no cell of a form can fix (the file is replaced, not corrected). */
const blocking = (p: Problem): boolean => p.severity === 'error' && p.annex === null && p.code !== 'duplicate-org';

/** A file that could not be opened at all (cut off, empty, not a workbook): the branch most likely still has it
 *  whole, so it is asked to send it again — there is no form to mark, and a blank one would make it type it all anew. */
export const CANNOT_OPEN: ReadonlySet<Finding['code']> = new Set(['file-truncated', 'file-not-zip', 'file-empty', 'file-unreadable']);

/** The warnings a branch explained in 说明 (clerk-side findings aside): acknowledged, not asked again. */
function explainedOf(r: ReturnResult, lang: Lang): Explained[] {
  return r.findings
    .filter((f) => f.severity === 'warning' && f.explanation !== undefined && !CLERK_SIDE.has(f.code))
    .map((f) => {
      const p = problemOf(r, f, lang);
      return { annex: p.annex, no: p.no, label: p.label, found: p.found, reason: f.explanation! };
    });
}

/** Where a branch's different files differ, row by row — the figure, then its 说明 note — each file's in the order given. */
export function differencesOf(forms: readonly ReturnResult[], org: Org): Difference[] {
  const readable = forms.filter((r) => r.figures !== null);
  if (readable.length < 2) return [];
  const out: Difference[] = [];
  const note = (r: ReturnResult, a: Annex, key: IndicatorKey): string | null => r.notes?.[a]?.[key]?.trim() || null;
  for (const a of ANNEXES) {
    for (const i of INDICATORS) {
      const figures = readable.map((r) => ({ file: basename(r.file), value: appliesTo(i, org.level) ? (r.figures![a][i.key] ?? null) : null }));
      const notes = readable.map((r) => ({ file: basename(r.file), value: note(r, a, i.key) }));
      for (const [column, values] of [
        ['value', figures],
        ['note', notes],
      ] as const) {
        if (values.some((v) => v.value !== values[0]!.value)) out.push({ annex: a, no: i.no, label: labelOf(i, a), column, values: [...values] });
      }
    }
  }
  return out;
}

/** What the branch returned, cell by cell: numbers as read, unreadable values as the text typed, its 说明 notes. */
export function returnedValues(r: ReturnResult, org: Org): Pick<CorrectionSpec, 'values' | 'texts' | 'notes'> {
  const values: CorrectionSpec['values'] = { annex1: {}, annex2: {} };
  const texts: CorrectionSpec['texts'] = { annex1: {}, annex2: {} };
  const notes: CorrectionSpec['notes'] = { annex1: { ...r.notes?.annex1 }, annex2: { ...r.notes?.annex2 } };
  for (const a of ANNEXES) {
    for (const i of INDICATORS) {
      const v = r.figures?.[a][i.key];
      if (v !== null && v !== undefined && appliesTo(i, org.level)) values[a][i.key] = v;
    }
  }
  for (const f of r.findings) {
    const a = annexOf(r, f);
    if (!a || !f.indicator) continue;
    const typed = TYPED[f.code]?.(f);
    if (typed !== undefined) texts[a][f.indicator] = typed;
  }
  return { values, texts, notes };
}

const str = (v: string | number | boolean | null | undefined): string => (v === undefined || v === null ? '' : String(v));

/** What was in a cell whose value is not among the figures: the text typed (a figure is not kept for these). */
const TYPED: Partial<Record<Finding['code'], (f: Finding) => string>> = {
  'value-not-number': (f) => str(f.params.found),
  'value-date': (f) => str(f.params.found),
  'formula-no-result': (f) => `=${str(f.params.formula)}`,
  'formula-error': (f) => (f.params.formula ? `=${str(f.params.formula)}` : str(f.params.found)),
  'not-applicable-filled': (f) => str(f.params.found),
  'value-with-unit': (f) => str(f.params.found),
  'value-word': (f) => str(f.params.found),
  'value-dash': (f) => str(f.params.found),
  'value-digits-split': (f) => str(f.params.found),
};

function decide(state: BranchState, mine: ReturnResult[], problems: Problem[]): Action {
  if (state.status === 'passed' || state.status === 'by-summary') return 'none';
  if (state.status === 'missing') return 'report';
  // Covered by a summary from below: the summary's sender passes the problems on, not this run.
  if (state.via !== null && mine.length === 0) return 'none';
  const forms = mine.filter((r) => r.kind !== 'summary');
  if (forms.length > 1 || problems.some((p) => p.code === 'duplicate-org')) return 'choose-file';
  if (forms.length === 0) return mine.some((r) => r.kind === 'summary') ? 'resend-summary' : 'fresh-form';
  if (problems.length === 0) return 'none'; // only the clerk's side is wanting (e.g. the baseline lacks its row)
  const r = forms[0]!;
  if (!r.org || r.figures === null || problems.some(blocking)) return 'fresh-form';
  return 'correct';
}

/**
 * The branch a file tied to no branch probably came from, by its name: a registry code in it, else the branch's
 * full or short name (the longest that matches; none when two branches match equally). Only for the clerk's and
 * the branch's information — the branch's status stays what the status computation says.
 */
export function guessBranch(file: string, candidates: readonly Org[]): Org | null {
  const name = basename(file).normalize('NFKC');
  const byCode = candidates.filter((o) => new RegExp(`(?<![0-9A-Za-z])${o.code.replace(/[^0-9A-Za-z]/g, '')}(?![0-9A-Za-z])`).test(name));
  if (byCode.length === 1) return byCode[0]!;
  let best: { org: Org; length: number; tie: boolean } | null = null;
  for (const o of candidates) {
    const hit = [o.fullName, o.name].find((n) => n.length >= 2 && name.includes(n));
    if (!hit) continue;
    if (!best || hit.length > best.length) best = { org: o, length: hit.length, tie: false };
    else if (hit.length === best.length) best.tie = true;
  }
  return best && !best.tie ? best.org : null;
}

export function planFeedback(returns: readonly ReturnResult[], status: CollectionStatus, registry: Registry, opts: FeedbackPlanOptions): FeedbackPlan {
  // A file tied to no branch whose name points at a branch that has sent nothing usable: that branch gets a fresh form.
  const missing = status.branches.filter((b) => b.status === 'missing').map((b) => registry.byCode.get(b.code)!);
  const guessed = new Map<string, ReturnResult[]>();
  const guessedFiles = new Set<string>();
  for (const u of status.unattributed) {
    const org = guessBranch(u.file, missing);
    const r = returns.find((x) => x.file === u.file && x.org === null);
    if (!org || !r) continue;
    guessed.set(org.code, [...(guessed.get(org.code) ?? []), r]);
    guessedFiles.add(u.file);
  }
  const branches = status.branches.map((state): BranchFeedback => {
    const org = registry.byCode.get(state.code)!;
    const files = new Set(state.files.filter((f) => f !== state.via));
    const hinted = guessed.get(org.code) ?? [];
    // The same bytes twice (a forwarded copy) are one return, as the engine counts them.
    const all0 = [...returns.filter((r) => files.has(r.file) && (r.org === null || r.org.code === org.code)), ...hinted];
    // A copy cut off in transfer of another of its files is that file, as the status counts it: not a second version.
    const mine = all0.filter((r, i) => r.cutOffCopyOf === undefined && all0.findIndex((x) => x.sha256 === r.sha256 && x.org?.code === r.org?.code) === i);
    const all =
      mine.length > 0
        ? mine.flatMap((r) => actionable(r.findings).map((f) => problemOf(r, f, opts.lang)))
        : actionable(state.findings).map((f) => problemOf(null, f, opts.lang));
    const decided = hinted.length > 0 ? 'fresh-form' : decide(state, mine, all);
    const blockers = all.filter(blocking);
    // A file that is replaced is not corrected: only why it cannot be used is said.
    const problems = decided === 'fresh-form' && blockers.length > 0 ? blockers : all;
    // A file that could not be opened at all, and nothing else wrong with the file as a whole: send it again (a
    // warning beside it, e.g. about how the file was tied to the branch, does not make it a case for a blank form).
    const unopened = decided === 'fresh-form' && blockers.length > 0 && blockers.every((p) => CANNOT_OPEN.has(p.code));
    const action: Action = unopened ? 'resend-file' : decided;
    // In the order the branch's files are listed (by name), so a message names them as the chase list does.
    const order = [...state.files, ...hinted.map((r) => r.file)];
    const forms = mine.filter((r) => r.kind !== 'summary').sort((x, y) => order.indexOf(x.file) - order.indexOf(y.file));
    const explained = forms.flatMap((r) => explainedOf(r, opts.lang));
    let correction: CorrectionSpec | null = null;
    const outputs: string[] = [];
    if (action === 'correct') {
      const r = mine.find((x) => x.kind !== 'summary')!;
      correction = { org, year: r.year ?? opts.year, baselineYear: r.baselineYear ?? opts.baselineYear, file: r.file, ...returnedValues(r, org), problems };
      outputs.push(correctionFileName(correction.year, org));
    }
    const blankForm = action === 'fresh-form' || (action === 'report' && opts.blankForMissing);
    if (blankForm) outputs.push(formFileName(opts.year, org));
    return {
      org,
      status: state.status,
      action,
      files: order,
      via: state.via,
      problems,
      outputs,
      correction,
      blankForm,
      chasedBy: null,
      chases: [],
      root: org.code === status.scope,
      explained: explained.filter((e, i) => explained.findIndex((x) => x.annex === e.annex && x.no === e.no && x.found === e.found) === i),
      differences: action === 'choose-file' ? differencesOf(forms, org) : [],
    };
  });
  // Each level chases the level below it (三(一)): the run's clerk writes to the branches that report to her, and a
  // missing branch further down is named in the message to the branch it reports through, not written to itself.
  const byCode = new Map(branches.map((b) => [b.org.code, b]));
  for (const b of branches) {
    if (b.action !== 'report' || b.blankForm) continue;
    const chain = ancestry(registry, b.org.code).map((o) => o.code);
    const at = chain.indexOf(status.scope);
    const through = at >= 0 && chain.length - at > 2 ? byCode.get(chain[at + 1]!) : undefined;
    if (!through) continue;
    b.chasedBy = through.org.code;
    through.chases.push(b.org.code);
  }
  const unattributed = status.unattributed.map((u) => {
    const guess = guessedFiles.has(u.file) ? guessBranch(u.file, missing) : null;
    return { file: u.file, sha256: u.sha256, problems: u.findings.map((f) => problemOf(null, f, opts.lang)), guess: guess ? guess.code : null };
  });
  return { scope: status.scope, branches, unattributed };
}

/** Whether a branch has something to do in this run: correct, resend, choose, or report (one covered by a summary
 *  is its sender's to chase; one whose only warning is the clerk's own baseline gap has nothing to do). */
export const mustAct = (b: Pick<BranchFeedback, 'action'>): boolean => b.action !== 'none';
