import type { Finding } from '../core/finding.js';

// TEMPORARY: the shapes of src/core/status.ts (CONTRACT.md §1), until branch i10 is merged; then every import of
// this file becomes '../core/status.js' and this file goes. Types only: the computation is i10's.

export const BRANCH_STATUSES = ['passed', 'warnings', 'resubmit', 'by-summary', 'missing'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
export interface BranchState {
  code: string;
  status: BranchStatus;
  files: string[];
  via: string | null;
  findings: Finding[];
}
export interface CollectionStatus {
  scope: string;
  branches: BranchState[];
  unattributed: { file: string; sha256: string; findings: Finding[] }[];
}
