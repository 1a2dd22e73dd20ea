import { LEVELS } from '../catalogue.js';

// The finding codes: every problem and notice rc-org can report, with its severity, and the keys a message
// parameter may name. Data of the core: the core makes findings from these and decides by their severity; the words
// for each code and key (Chinese and English) live in the language layer (src/messages.ts), whose tables must cover
// exactly the codes and keys listed here.

export type Severity = 'error' | 'warning' | 'notice';

/** A finding's parameters: figures, texts quoted from a file, and keys (PARAM_KEYS) — never words in a language. */
export type Params = Record<string, string | number | null | undefined>;

/** Every code with its severity. A setup error (exit 2) is an 'error' raised as a SetupError. */
export const FINDING_CODES = {
  // ── setup (exit 2)
  'path-not-found': 'error',
  'no-input-files': 'error',
  'file-unreadable-setup': 'error',
  'bad-year': 'error',
  'baseline-not-before-year': 'error',
  'unknown-org-code': 'error',
  'output-exists': 'error',
  'output-dir-not-empty': 'error',
  'output-failed': 'error',
  'mixed-options': 'error',
  'internal-error': 'error',
  // a setup input (key, summary.json, rules, registry, baseline) refused before it is read
  'setup-file-not-regular': 'error',
  'setup-file-too-large': 'error',
  'setup-file-no-permission': 'error',
  // a text given on the command line (--title, --to, --doc-number, --contact) the text policy refuses
  'option-bad-character': 'error',
  'option-too-long': 'error',
  // ── registry (exit 2)
  'registry-empty': 'error',
  'registry-missing-column': 'error',
  'registry-duplicate-code': 'error',
  'registry-empty-code': 'error',
  'registry-empty-name': 'error',
  'registry-unknown-level': 'error',
  'registry-unknown-parent': 'error',
  'registry-cycle': 'error',
  'registry-level-order': 'error',
  'registry-multiple-roots': 'error',
  'registry-no-root': 'error',
  'registry-bad-character': 'error',
  'registry-too-long': 'error',
  // ── the file as a whole (validate)
  'file-old-format': 'error',
  'file-not-zip': 'error',
  'file-truncated': 'error',
  'file-empty': 'error',
  'file-suspicious-zip': 'error',
  'file-unreadable': 'error',
  'file-timeout': 'error',
  'file-too-much-memory': 'error',
  'file-unsafe-content': 'error',
  'file-skipped': 'notice',
  // ── identity
  'identity-missing': 'error',
  'identity-edited': 'error',
  'identity-unknown': 'error',
  'identity-mismatch': 'error',
  'identity-wrong-year': 'error',
  'identity-other-template': 'error',
  'identity-other-survey': 'error',
  'report-other-survey': 'error',
  'year-from-forms': 'notice',
  'duplicate-org': 'error',
  // ── the table
  'sheet-missing': 'error',
  'row-missing': 'error',
  'table-moved': 'notice',
  // ── cell values
  'value-blank': 'error',
  'value-not-number': 'error',
  'value-date': 'error',
  'formula-no-result': 'error',
  'formula-error': 'error',
  'formula-used': 'notice',
  'value-loose': 'notice',
  'not-applicable-filled': 'error',
  'flag-out-of-range': 'error',
  'count-negative': 'error',
  'count-fractional': 'error',
  'hours-negative': 'error',
  'hours-beyond-year': 'error',
  'hours-implausible': 'warning',
  'election-completed-above-due': 'warning',
  'volunteer-teams-below-plan': 'warning',
  // ── increments against the baseline
  'increment-mismatch': 'error',
  'increment-decrease': 'warning',
  'increment-jump': 'warning',
  'increments-unchecked': 'notice',
  'baseline-missing-org': 'notice',
  // ── baseline file (exit 2)
  'baseline-missing-column': 'error',
  'baseline-unknown-code': 'error',
  'baseline-duplicate-code': 'error',
  'baseline-bad-number': 'error',
  // ── CSV returns
  'csv-missing-column': 'error',
  // ── merge
  'summary-agrees': 'notice',
  'summary-differs': 'warning',
  'merge-excluded': 'error',
  'summary-mismatch': 'error',
  // ── hostile inputs, outputs, signing (issue 8)
  'file-not-regular': 'error',
  'file-too-large': 'error',
  'file-no-permission': 'error',
  'file-vanished': 'error',
  'file-zip-encrypted': 'error',
  'file-zip-unsafe-path': 'error',
  'file-symlink-followed': 'notice',
  'csv-malformed': 'error',
  'csv-undecodable': 'error',
  'value-implausible': 'error',
  'identity-unsigned': 'error',
  'identity-forged': 'error',
  'output-locked': 'error',
  'output-not-writable': 'error',
  'sign-key-too-short': 'error',
  'file-check-failed': 'error',
  // ── statuses, scope, own outputs, exports, conversion, hints (issue 10)
  'own-output-skipped': 'notice',
  'baseline-in-returns': 'notice',
  'form-exported': 'error',
  'converted-from-xls': 'notice',
  'converted-from-ods': 'notice',
  'converted-by-libreoffice': 'notice',
  'file-needs-libreoffice': 'error',
  'baseline-missing': 'warning',
  'value-with-unit': 'error',
  'value-word': 'error',
  'value-dash': 'error',
  'value-digits-split': 'error',
  'hours-without-volunteers': 'warning',
  'template-year-default': 'notice',
  'file-not-found': 'error',
  'out-is-a-file': 'error',
  'baseline-empty': 'error',
  'baseline-summary-unreadable': 'error',
  'baseline-other-survey': 'error',
  'baseline-new-indicators': 'notice',
  'baseline-dropped-indicators': 'notice',
  'duplicate-copy': 'notice',
  'identity-from-file-name': 'notice',
  'file-cut-off-copy': 'notice',
  'outside-scope': 'notice',
  // ── report (issue 12)
  'report-no-summary': 'error',
  'report-summary-not-json': 'error',
  'report-schema-unknown': 'error',
  'report-summary-invalid': 'error',
  'report-summary-inconsistent': 'error',
  'report-totals-mismatch': 'error',
  'report-same-year': 'error',
  'report-scope-differs': 'error',
  'report-rules-invalid': 'error',
  'report-no-browser': 'error',
  'report-pdf-failed': 'error',
  'report-bad-date': 'error',
  // ── feedback (issue 11)
  'feedback-bad-due': 'error',
  'feedback-no-year': 'error',
  'feedback-letter-correct': 'notice',
  'feedback-letter-fresh-form': 'notice',
  'feedback-letter-resend-file': 'notice',
  'feedback-letter-choose-file': 'notice',
  'feedback-letter-resend-summary': 'notice',
  'feedback-letter-chase-below': 'notice',
  'feedback-also-below': 'notice',
  'feedback-letter-missing': 'notice',
  // ── survey definitions (rc-org survey check, --survey; exit 2)
  'survey-not-a-file': 'error',
  'survey-too-large': 'error',
  'survey-json-syntax': 'error',
  'survey-too-deep': 'error',
  'survey-missing-field': 'error',
  'survey-wrong-type': 'error',
  'survey-unknown-field': 'error',
  'survey-out-of-range': 'error',
  'survey-not-allowed': 'error',
  'survey-bad-format': 'error',
  'survey-duplicate': 'error',
  'survey-unknown-reference': 'error',
  'survey-reserved-word': 'error',
  'survey-root-count': 'error',
  'survey-baseline-year': 'error',
  'survey-no-current-sheet': 'error',
  'survey-rule-target': 'error',
  'survey-no-row-on-sheet': 'error',
  'survey-placeholder': 'error',
  'survey-expression': 'error',
  'survey-more-problems': 'error',
  'survey-sheet-missing': 'error',
  'survey-column-missing': 'error',
  'survey-column-unknown': 'error',
  'survey-setting-name': 'error',
  'survey-param-line': 'error',
  'survey-valid': 'notice',
} as const satisfies Record<string, Severity>;

export type MessageCode = keyof typeof FINDING_CODES;

export const severityOf = (code: MessageCode): Severity => FINDING_CODES[code];

/** A code rc-org knows (a finding carried in a file may name anything). */
export const isMessageCode = (code: string): code is MessageCode => Object.hasOwn(FINDING_CODES, code);

/**
 * Notices said with a file's errors wherever they are given as the reasons it was left out or must be sent again:
 * how the file was tied to its branch.
 */
export const ATTRIBUTION_NOTES: ReadonlySet<string> = new Set<MessageCode>(['identity-from-file-name', 'file-cut-off-copy']);

/**
 * The kinds of keyed parameter: a parameter of one of these kinds holds a key (`reason: 'lock-file'`), and the
 * message says the key's words in the run's language.
 */
export const PARAM_KEYS = {
  /** file-skipped `reason`: why a file found was passed over. */
  skipped: ['lock-file', 'hidden', 'not-a-form', 'inside-output', 'link-to-folder', 'broken-link', 'unreadable-folder'],
  /** file-not-regular `kind`: what the path is instead of a file. */
  fileKind: ['folder', 'fifo', 'socket', 'device', 'special'],
  /** setup-file-* `what`: which setup input a file is. */
  setupInput: ['key', 'summary', 'rules', 'registry', 'baseline'],
  /** csv-malformed `problem` (with `count`: the figure it quotes). */
  csvProblem: ['too-many-columns', 'too-many-rows', 'quote-not-closed', 'text-after-quote', 'quote-inside-cell', 'uneven-rows', 'line-too-long', 'unreadable'],
  /** output-not-writable `reason` (with `detail`: the system's error code, for an error without words of its own). */
  notWritable: ['no-permission', 'read-only', 'disk-full', 'not-a-folder', 'cannot-create', 'exists', 'system-error'],
  /** own-output-skipped `what`: which of rc-org's own outputs a file is. */
  ownOutput: ['summary-json', 'summary-long', 'report', 'feedback-list'],
  /** value-loose `how`: the ways a number was written loosely (keys, comma-separated). */
  looseWay: ['text', 'full-width', 'thousands', 'spaces', 'unit'],
  /** not-applicable-filled and registry-level-order `level`, `parentLevel`: a branch's level. */
  level: LEVELS,
  /** `install` on the messages of a file only LibreOffice could open: how to get it. */
  install: ['libreoffice'],
  /** identity-wrong-year `hint`: when the run's year was taken from the forms, how to choose another. */
  yearHint: ['pick-year'],
  /** form-exported `lost`: what else the saved copy lost. */
  lost: ['annex2'],
} as const satisfies Record<string, readonly string[]>;

export type ParamKind = keyof typeof PARAM_KEYS;
export type ParamKey<K extends ParamKind> = (typeof PARAM_KEYS)[K][number];
