import type { BranchStatus } from '../core/status.js';
import type { Lang } from '../words.js';

// The words for a branch's collection status (docs/domain.md §7): on the console, in the workbooks, the CSV lists
// and the report alike, so a branch is never "to resubmit" in one output and "to resend" in another.
export const STATUS_WORDS: Record<Lang, Record<BranchStatus, string>> = {
  zh: { passed: '已报送·通过', warnings: '已报送·有警告', resubmit: '已报送·需重报', 'by-summary': '由汇总表代报', missing: '未报送' },
  en: {
    passed: 'returned, passed',
    warnings: 'returned, with warnings',
    resubmit: 'returned, to resubmit',
    'by-summary': 'reported by a summary',
    missing: 'missing',
  },
};

/** Short column headings for the count tables. */
export const STATUS_SHORT: Record<Lang, Record<BranchStatus, string>> = {
  zh: { passed: '通过', warnings: '有警告', resubmit: '需重报', 'by-summary': '汇总表代报', missing: '未报送' },
  en: { passed: 'Passed', warnings: 'Warnings', resubmit: 'Resubmit', 'by-summary': 'By summary', missing: 'Missing' },
};
