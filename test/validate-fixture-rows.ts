// The fixture table of `rc-org validate`: one row per committed fixture under fixtures/validate (scripts/make-fixtures.mjs
// writes them; see fixtures/validate/README.md), with the exact errors and warnings it must produce (no others), the
// notices it must produce (others allowed, e.g. increments-unchecked), and the exit code (1 if an error). Checked in
// process by test/validate-fixtures.test.ts, and through the built CLI by test/validate-fixtures.e2e.test.ts.
import { basename } from 'node:path';
import { expect } from 'vitest';
import { copyFixture, tempDir } from './helpers.js';

export type Severity = 'error' | 'warning' | 'notice';

/** The JSON contract of `rc-org validate --json`. */
export interface FindingJson {
  severity: Severity;
  code: string;
  sheet: string | null;
  cell: string | null;
  indicator: string | null;
  message: string;
  explained?: true;
  explanation?: string;
}
export interface FileJson {
  file: string;
  sha256: string;
  org: { code: string; name: string; level: string } | null;
  orgFrom?: 'file-name';
  year: number | null;
  status: 'ok' | 'warning' | 'error';
  explained: number;
  findings: FindingJson[];
}
export interface ReportJson {
  files: FileJson[];
  summary: { files: number; ok: number; warnings: number; errors: number; explained: number };
  branches: { code: string; status: string; files: string[]; explained: number }[];
  statuses: Record<string, number>;
  notices: { code: string; severity: Severity; message: string; file?: string }[];
}

/** An expected finding. Left out (undefined) = not checked; null = must be null. */
export interface Want {
  severity: Severity;
  code: string;
  sheet?: string | null;
  cell?: string | null;
  /** true: explained with this text; false: not explained. */
  explained?: boolean;
  explanation?: string;
  /** Text the (Chinese) message must contain. */
  messageIncludes?: string;
  /** Base name of the file it belongs to, when the run covers several files. */
  file?: string;
  /** A run-level notice (report.notices) rather than a finding of a file. */
  topLevel?: true;
}

export interface Row {
  /** Under fixtures/validate: a file, or a folder validated as a whole. */
  fixture: string;
  /** Validate with --baseline baseline-2020.csv. */
  baseline?: true;
  want: Want[];
  /** The branch code the file must be attributed to; null: no branch (the file could not be read). */
  org?: string | null;
  /** Whole run must finish within this many milliseconds. */
  maxMs?: number;
  /** Needs LibreOffice (a converted format): run only through the CLI, in the end-to-end tier. */
  converted?: true;
}

const A1 = '附件1';
const A2 = '附件2';
export const NG = '220102';
const EXPLANATION = '含本年度疫情防控期间社区核酸检测点志愿服务时长，已与区志愿服务平台记录核对。';
const fileLevel = (severity: Severity, code: string): Want => ({ severity, code, sheet: null, cell: null });

export const ROWS: Row[] = [
  // values written loosely or wrongly (附件1: item N at row 4+N, value column C)
  { fixture: 'value-typed-as-text.xlsx', org: NG, want: [{ severity: 'notice', code: 'value-loose', sheet: A1, cell: 'C16' }] },
  {
    fixture: 'values-written-loosely.xlsx',
    org: NG,
    want: [
      { severity: 'notice', code: 'value-loose', sheet: A1, cell: 'C16' }, // full-width １２００
      { severity: 'notice', code: 'value-loose', sheet: A1, cell: 'C14' }, // 6,400
      { severity: 'notice', code: 'value-loose', sheet: A1, cell: 'C12' }, // " 86 "
    ],
  },
  {
    fixture: 'value-not-a-number.xlsx',
    org: NG,
    want: [
      { severity: 'error', code: 'value-not-number', sheet: A1, cell: 'C13', messageIncludes: '十二' },
      { severity: 'error', code: 'value-not-number', sheet: A1, cell: 'C15', messageIncludes: '约300' },
    ],
  },
  { fixture: 'value-is-a-date.xlsx', org: NG, want: [{ severity: 'error', code: 'value-date', sheet: A1, cell: 'C13' }] },
  { fixture: 'value-left-blank.xlsx', org: NG, want: [{ severity: 'error', code: 'value-blank', sheet: A1, cell: 'C14' }] },
  { fixture: 'formula-with-saved-result.xlsx', org: NG, want: [{ severity: 'notice', code: 'formula-used', sheet: A1, cell: 'C16' }] },
  { fixture: 'formula-without-result.xlsx', org: NG, want: [{ severity: 'error', code: 'formula-no-result', sheet: A1, cell: 'C16' }] },
  { fixture: 'formula-ref-error.xlsx', org: NG, want: [{ severity: 'error', code: 'formula-error', sheet: A1, cell: 'C16', messageIncludes: '#REF!' }] },
  // rules on values
  { fixture: 'not-applicable-row-filled.xlsx', org: NG, want: [{ severity: 'error', code: 'not-applicable-filled', sheet: A1, cell: 'C6' }] },
  { fixture: 'flag-out-of-range.xlsx', org: NG, want: [{ severity: 'error', code: 'flag-out-of-range', sheet: A1, cell: 'C5' }] },
  { fixture: 'count-negative.xlsx', org: NG, want: [{ severity: 'error', code: 'count-negative', sheet: A1, cell: 'C12' }] },
  { fixture: 'count-fractional.xlsx', org: NG, want: [{ severity: 'error', code: 'count-fractional', sheet: A1, cell: 'C13' }] },
  { fixture: 'hours-beyond-year.xlsx', org: NG, want: [{ severity: 'error', code: 'hours-beyond-year', sheet: A1, cell: 'C18' }] },
  { fixture: 'hours-implausible.xlsx', org: NG, want: [{ severity: 'warning', code: 'hours-implausible', sheet: A1, cell: 'C18', explained: false }] },
  {
    fixture: 'hours-implausible-explained.xlsx',
    org: NG,
    want: [{ severity: 'warning', code: 'hours-implausible', sheet: A1, cell: 'C18', explained: true, explanation: EXPLANATION }],
  },
  { fixture: 'election-completed-above-due.xlsx', org: NG, want: [{ severity: 'warning', code: 'election-completed-above-due', sheet: A2, cell: 'C7' }] },
  { fixture: 'volunteer-teams-below-plan.xlsx', org: NG, want: [{ severity: 'warning', code: 'volunteer-teams-below-plan', sheet: A1, cell: 'C17' }] },
  // two files for one branch: the folder is validated
  {
    fixture: 'duplicate',
    want: [
      { ...fileLevel('error', 'duplicate-org'), file: '2021_220102_南关区_组织体系建设统计表.xlsx', messageIncludes: '南关区报表-修改版.xlsx' },
      { ...fileLevel('error', 'duplicate-org'), file: '南关区报表-修改版.xlsx', messageIncludes: '2021_220102_南关区_组织体系建设统计表.xlsx' },
    ],
  },
  // a damaged file whose name is rc-org's own (code and that branch's name): tied to the branch by its name
  {
    fixture: 'damaged-rc-org-named',
    org: '220103',
    want: [fileLevel('error', 'file-truncated'), { ...fileLevel('notice', 'identity-from-file-name'), messageIncludes: '按文件名认定为 220103 宽城区' }],
  },
  // the same file cut off, then sent again whole under another name: one return, the whole one
  {
    fixture: 'damaged-and-resent',
    want: [
      { ...fileLevel('error', 'file-truncated'), file: '2021_220103_宽城区_组织体系建设统计表.xlsx' },
      { ...fileLevel('notice', 'identity-from-file-name'), file: '2021_220103_宽城区_组织体系建设统计表.xlsx' },
      { ...fileLevel('notice', 'file-cut-off-copy'), file: '2021_220103_宽城区_组织体系建设统计表.xlsx', messageIncludes: '宽城区报表-重发.xlsx' },
      { severity: 'warning', code: 'hours-implausible', sheet: A1, cell: 'C18', file: '宽城区报表-重发.xlsx' },
    ],
  },
  // identity
  { fixture: 'identity-sheet-deleted.xlsx', want: [fileLevel('error', 'identity-missing')] },
  // The edit sits on the hidden identity sheet: pointing at that sheet (or at no sheet) are both fine.
  { fixture: 'identity-code-edited.xlsx', want: [{ severity: 'error', code: 'identity-edited', cell: null }] },
  { fixture: 'identity-unknown-branch.xlsx', want: [fileLevel('error', 'identity-unknown')] },
  { fixture: 'identity-wrong-year-2020-form.xlsx', want: [fileLevel('error', 'identity-wrong-year')] },
  { fixture: 'identity-other-template-version.xlsx', org: NG, want: [{ severity: 'error', code: 'identity-other-template', sheet: 'rcorg_identity', cell: null }] },
  { fixture: 'identity-other-survey.xlsx', org: NG, want: [{ severity: 'error', code: 'identity-other-survey', sheet: 'rcorg_identity', cell: null }] },
  // layout changed by the branch: the table is found by its title and labels
  {
    fixture: 'row-inserted-above-table.xlsx',
    org: NG,
    want: [
      { severity: 'notice', code: 'table-moved', sheet: A1 },
      { severity: 'error', code: 'value-blank', sheet: A1, cell: 'C17' }, // the SHIFTED cell (C16 in the template)
    ],
  },
  { fixture: 'sheets-reordered-and-renamed.xlsx', org: NG, want: [{ severity: 'notice', code: 'table-moved', sheet: '调查表' }] },
  { fixture: 'resaved-by-libreoffice.xlsx', org: NG, want: [] },
  { fixture: '南关区-最终版(1).xlsx', org: NG, want: [] },
  { fixture: '南关区-最终版(1).xlsx', baseline: true, org: NG, want: [] },
  // CSV returns: sheet 'CSV', cell = column letter + line in the CSV grid (A 代码, B 名称, C 附件1-1, …)
  { fixture: 'csv-return-gb18030.csv', org: NG, want: [{ severity: 'error', code: 'value-not-number', sheet: 'CSV', cell: 'L2', messageIncludes: '约6400' }] },
  {
    fixture: 'csv-return-utf8-labels.csv',
    org: NG,
    want: [{ severity: 'error', code: 'value-not-number', sheet: 'CSV', cell: 'M2', messageIncludes: '约3150' }],
  },
  // old format: converted by LibreOffice (installed here and in CI) and checked from the copy (issue 10;
  // without LibreOffice they get file-old-format — test/inputs-recognised.e2e.test.ts hides it from PATH)
  { fixture: 'saved-as-xls.xls', converted: true, org: NG, want: [fileLevel('notice', 'converted-from-xls')] },
  { fixture: 'xls-renamed-to-xlsx.xlsx', converted: true, org: NG, want: [fileLevel('notice', 'converted-from-xls')] },
  // not a readable workbook
  { fixture: 'truncated.xlsx', org: null, want: [fileLevel('error', 'file-truncated')] },
  { fixture: 'email-body-renamed.xlsx', org: null, want: [fileLevel('error', 'file-not-zip')] },
  { fixture: 'empty.xlsx', org: null, want: [fileLevel('error', 'file-empty')] },
  { fixture: 'zip-bomb.xlsx', org: null, want: [fileLevel('error', 'file-suspicious-zip')], maxMs: 30_000 },
  { fixture: 'defined-name-proto.xlsx', org: null, want: [fileLevel('error', 'file-unsafe-content')] },
  { fixture: 'sheet-named-proto.xlsx', org: null, want: [fileLevel('error', 'file-unsafe-content')] },
  { fixture: 'validation-over-whole-columns.xlsx', org: NG, want: [], maxMs: 15_000 },
  // the table damaged
  { fixture: 'annex2-sheet-deleted.xlsx', want: [fileLevel('error', 'sheet-missing')] },
  { fixture: 'row-label-rewritten.xlsx', want: [{ severity: 'error', code: 'row-missing', sheet: A1 }] },
  // against the baseline
  { fixture: 'increment-mismatch.xlsx', baseline: true, org: NG, want: [{ severity: 'error', code: 'increment-mismatch', sheet: A2, cell: 'C16' }] },
  { fixture: 'increment-decrease.xlsx', baseline: true, org: NG, want: [{ severity: 'warning', code: 'increment-decrease', sheet: A2, cell: 'C16' }] },
  { fixture: 'increment-jump.xlsx', baseline: true, org: NG, want: [{ severity: 'warning', code: 'increment-jump', sheet: A2, cell: 'C12' }] },
  // things in a returns folder that are not returns: skipped with a notice, the form beside them is clean
  {
    fixture: 'skipped',
    want: [
      { severity: 'notice', code: 'file-skipped', file: '~$南关区.xlsx', topLevel: true },
      { severity: 'notice', code: 'file-skipped', file: 'notes.txt', topLevel: true },
    ],
  },
];


/** The baseline a row validates against when it asks for one (`baseline: true`), beside the fixture. */
export const ROW_BASELINE = 'baseline-2020.csv';

/** A fresh folder holding a copy of the row's fixture (and the baseline when the row asks for it). */
export function rowFolder(row: Row): string {
  const dir = tempDir();
  copyFixture(`fixtures/validate/${row.fixture}`, dir);
  if (row.baseline) copyFixture(`fixtures/validate/${ROW_BASELINE}`, dir);
  return dir;
}

/** One validate run: its exit code, its JSON report, what it said on stderr, how long it took. */
export interface Run {
  code: number;
  report: ReportJson;
  stderr: string;
  ms: number;
}

export const base = (p: string): string => basename(p.replace(/\\/g, '/'));

function matches(f: FindingJson, w: Want): boolean {
  return (
    f.code === w.code &&
    f.severity === w.severity &&
    (w.sheet === undefined || f.sheet === w.sheet) &&
    (w.cell === undefined || f.cell === w.cell) &&
    (w.explained === undefined || (w.explained ? f.explained === true : f.explained === undefined)) &&
    (w.explanation === undefined || f.explanation === w.explanation) &&
    (w.messageIncludes === undefined || f.message.includes(w.messageIncludes))
  );
}

export const show = (f: { severity: string; code: string; sheet?: string | null; cell?: string | null }): string =>
  `${f.severity} ${f.code} ${f.sheet ?? '-'}!${f.cell ?? '-'}`;

/** The file of the report a wanted finding belongs to (the only one unless `file` names another). */
function fileFor(report: ReportJson, w: Want, row: Row): FileJson {
  const candidates = w.file ? report.files.filter((f) => base(f.file) === w.file) : report.files;
  expect(
    candidates,
    `${row.fixture}: expected exactly one file report${w.file ? ` for ${w.file}` : ''}; got ${report.files.map((f) => f.file).join(', ')}`,
  ).toHaveLength(1);
  return candidates[0]!;
}

export function checkRow(row: Row, run: Run): void {
  const { report } = run;
  const wants = row.want.filter((w) => !w.topLevel);
  // Every wanted finding is there.
  for (const w of wants) {
    const file = fileFor(report, w, row);
    const found = file.findings.filter((f) => matches(f, w));
    expect(
      found.length,
      `${row.fixture}: missing ${show(w)}${w.file ? ` in ${w.file}` : ''}; found ${file.findings.map(show).join('; ') || 'nothing'}`,
    ).toBeGreaterThan(0);
  }
  for (const w of row.want.filter((x) => x.topLevel)) {
    const found = report.notices.filter(
      (n) => n.code === w.code && n.severity === w.severity && (!w.file || (n.file !== undefined && base(n.file) === w.file)),
    );
    expect(found.length, `${row.fixture}: missing run notice ${w.code} for ${w.file}; notices: ${JSON.stringify(report.notices)}`).toBeGreaterThan(0);
  }
  // No error or warning that was not wanted.
  for (const file of report.files) {
    for (const f of file.findings.filter((x) => x.severity !== 'notice')) {
      const wanted = wants.some((w) => (!w.file || w.file === base(file.file)) && matches(f, w));
      expect(wanted, `${row.fixture}: unexpected ${show(f)} in ${file.file}: ${f.message}`).toBe(true);
    }
    // An explained warning is not a warning of the file: it is 通过 (ok), with the warning counted as explained.
    const open = file.findings.filter((f) => f.severity === 'warning' && !f.explained).length;
    const status = file.findings.some((f) => f.severity === 'error') ? 'error' : open > 0 ? 'warning' : 'ok';
    expect(file.status, `${file.file}: status`).toBe(status);
    expect(file.explained, `${file.file}: explained`).toBe(file.findings.filter((f) => f.explained).length);
  }
  // Exit code: 1 if any error, else 0.
  const anyError = row.want.some((w) => w.severity === 'error');
  expect(run.code, `${row.fixture}: exit code (stderr: ${run.stderr.slice(0, 500)})`).toBe(anyError ? 1 : 0);
  expect(report.summary.errors > 0).toBe(anyError);
  expect(report.summary.files).toBe(report.files.length);
  if (row.org !== undefined) {
    expect(report.files, `${row.fixture}: one file report`).toHaveLength(1);
    expect(report.files[0]!.org?.code ?? null, `${row.fixture}: org`).toBe(row.org);
  }
  if (row.maxMs !== undefined) expect(run.ms, `${row.fixture}: took ${run.ms} ms`).toBeLessThan(row.maxMs);
}

