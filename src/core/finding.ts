import type { Annex, IndicatorKey, Level } from '../catalogue.js';
import { ATTRIBUTION_NOTES, severityOf, type MessageCode, type Params, type Severity } from './finding-codes.js';

/** One problem, wherever it was found. The message is rendered from the catalogue when printed. */
/** The code of a finding from a rule of the survey definition (its own words ride along in `said`). */
export type RuleCode = string & { readonly surveyRule: true };
export type FindingCode = MessageCode | RuleCode;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  file: string;
  sheet: string | null;
  cell: string | null;
  indicator: IndicatorKey | null;
  params: Params;
  /** For warnings the branch explained in the 说明 column. */
  explanation?: string;
  /** A finding of a survey rule: its message, from the definition, in both languages. */
  said?: { zh: string; en: string };
}

export function finding(code: MessageCode, where: Omit<Finding, 'code' | 'severity' | 'params'>, params: Params = {}): Finding {
  return { code, severity: severityOf(code), ...where, params };
}

export type Status = 'ok' | 'warning' | 'error';

/** A warning the branch explained in the 说明 column: shown with its explanation, never counted as a warning. */
export const isExplained = (f: Finding): boolean => f.severity === 'warning' && f.explanation !== undefined;

/** A file's status: explained warnings do not make it 'warning' (docs/domain.md §10: 通过 — no warnings, or all explained). */
export function statusOf(findings: readonly Finding[]): Status {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning' && !isExplained(f))) return 'warning';
  return 'ok';
}

/** A finding said as a reason a file was left out or must be sent again: an error, or how the file was tied to its branch. */
export const isReason = (f: Pick<Finding, 'code' | 'severity'>): boolean => f.severity === 'error' || ATTRIBUTION_NOTES.has(f.code);

/** How many of a file's warnings the branch explained. */
export const explainedCount = (findings: readonly Finding[]): number => findings.filter(isExplained).length;

/** The figures one return gives, once read: both annexes, per indicator. */
export interface ReturnFigures {
  annex1: Record<IndicatorKey, number | null>;
  annex2: Record<IndicatorKey, number | null>;
}

/** What checking one returned form (or one CSV row) yields. */
export interface ReturnResult {
  file: string;
  sha256: string;
  kind: 'form' | 'csv' | 'summary';
  org: { code: string; name: string; level: Level } | null;
  /** 'file-name': the content could not be read, and org is what the file's name says (code and that branch's name). */
  orgFrom?: 'file-name';
  /** For a file attributed by name whose bytes are the start of another return of the same branch: that return. */
  cutOffCopyOf?: string;
  year: number | null;
  /** The baseline year the form was issued against, when it says. */
  baselineYear?: number;
  findings: Finding[];
  /** Present when the figures could be read at all (they may still carry errors). */
  figures: ReturnFigures | null;
  /** For a summary workbook: the per-branch rows of its 明细 sheet. */
  parts?: { code: string; figures: ReturnFigures; file: string }[];
  /** For a summary workbook: the per-branch statuses it carries up (its hidden status sheet), when it has them. */
  statuses?: CarriedStatus[];
  /** Where each figure sat when not where the template puts it (a moved table, a CSV row): annex → key → "Sheet1!C18". */
  cells?: Partial<Record<Annex, Partial<Record<IndicatorKey, string>>>>;
  /** What the branch wrote in the 说明 column, where it wrote anything (feedback carries it into the correction form). */
  notes?: Partial<Record<Annex, Record<IndicatorKey, string>>>;
}

/** A branch's collection status (docs/domain.md §7; worked out in ./status.ts). */
export const BRANCH_STATUSES = ['passed', 'warnings', 'resubmit', 'by-summary', 'missing'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];

/** A branch's collection status as a summary workbook records it for the level above. */
export interface CarriedStatus {
  code: string;
  status: BranchStatus;
  files: string[];
  findings: Finding[];
}
