// End to end: `rc-org validate --json` on the committed fixtures (scripts/make-fixtures.mjs writes them; see
// fixtures/validate/README.md). One row per fixture: the exact errors and warnings it must produce (no others),
// the notices it must produce (others allowed, e.g. increments-unchecked), and the exit code (1 if an error).
// Every run happens on copies in a temp folder, with the path given relative to that folder.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixturePath, spawnCli, tempDir } from './helpers.js';

type Severity = 'error' | 'warning' | 'notice';

/** The JSON contract of `rc-org validate --json`. */
interface FindingJson {
  severity: Severity;
  code: string;
  sheet: string | null;
  cell: string | null;
  indicator: string | null;
  message: string;
  explained?: true;
  explanation?: string;
}
interface FileJson {
  file: string;
  sha256: string;
  org: { code: string; name: string; level: string } | null;
  orgFrom?: 'file-name';
  year: number | null;
  status: 'ok' | 'warning' | 'error';
  explained: number;
  findings: FindingJson[];
}
interface ReportJson {
  files: FileJson[];
  summary: { files: number; ok: number; warnings: number; errors: number; explained: number };
  branches: { code: string; status: string; files: string[]; explained: number }[];
  statuses: Record<string, number>;
  notices: { code: string; severity: Severity; message: string; file?: string }[];
}

/** An expected finding. Left out (undefined) = not checked; null = must be null. */
interface Want {
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

interface Row {
  /** Under fixtures/validate: a file, or a folder validated as a whole. */
  fixture: string;
  /** Validate with --baseline baseline-2020.csv. */
  baseline?: true;
  want: Want[];
  /** The branch code the file must be attributed to; null: no branch (the file could not be read). */
  org?: string | null;
  /** Whole run must finish within this many milliseconds. */
  maxMs?: number;
}

const A1 = '附件1';
const A2 = '附件2';
const NG = '220102';
const EXPLANATION = '含本年度疫情防控期间社区核酸检测点志愿服务时长，已与区志愿服务平台记录核对。';
const fileLevel = (severity: Severity, code: string): Want => ({ severity, code, sheet: null, cell: null });

const ROWS: Row[] = [
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
  { fixture: 'saved-as-xls.xls', org: NG, want: [fileLevel('notice', 'converted-from-xls')] },
  { fixture: 'xls-renamed-to-xlsx.xlsx', org: NG, want: [fileLevel('notice', 'converted-from-xls')] },
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

// ── running the CLI ─────────────────────────────────────────────────────────────────────────────────────────

interface Run {
  code: number;
  report: ReportJson;
  stderr: string;
  ms: number;
}

function validate(cwd: string, args: string[], timeoutMs = 120_000): Run {
  const t0 = Date.now();
  const r = spawnCli(['validate', ...args, '--json'], { cwd, timeoutMs });
  const ms = Date.now() - t0;
  let report: ReportJson;
  try {
    report = JSON.parse(r.stdout) as ReportJson;
  } catch {
    throw new Error(`validate ${args.join(' ')} did not print JSON (exit ${r.code}).\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
  return { code: r.code, report, stderr: r.stderr, ms };
}

/** Copy a fixtures/validate entry (and the baseline when asked) into a fresh folder and validate it there. */
function runRow(row: Row): Run {
  const dir = tempDir();
  copyFixture(`fixtures/validate/${row.fixture}`, dir);
  const args = [row.fixture, '--year', '2021'];
  if (row.baseline) {
    copyFixture('fixtures/validate/baseline-2020.csv', dir);
    args.push('--baseline', 'baseline-2020.csv');
  }
  return validate(dir, args);
}

const base = (p: string): string => basename(p.replace(/\\/g, '/'));

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

const show = (f: { severity: string; code: string; sheet?: string | null; cell?: string | null }): string =>
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

function checkRow(row: Row, run: Run): void {
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

describe('validate: one fixture per defect class', () => {
  it.each(ROWS.map((r) => [`${r.fixture}${r.baseline ? ' (with --baseline)' : ''}`, r] as const))('%s', (_name, row) => {
    checkRow(row, runRow(row));
  });

  it('duplicate files both name the other and carry no sheet or cell; skipped files are not reported as returns', () => {
    const dup = runRow(ROWS.find((r) => r.fixture === 'duplicate')!);
    expect(dup.report.files).toHaveLength(2);
    for (const f of dup.report.files) expect(f.status).toBe('error');
    const skipped = runRow(ROWS.find((r) => r.fixture === 'skipped')!);
    expect(skipped.report.files.map((f) => base(f.file))).toEqual(['2021_220102_南关区_组织体系建设统计表.xlsx']);
    expect(skipped.report.files[0]!.status).toBe('ok');
  });

  it('an explained warning: the file is 通过 with 已说明 1 in the file, the totals and its branch alike', () => {
    const { report } = runRow(ROWS.find((r) => r.fixture === 'hours-implausible-explained.xlsx')!);
    expect(report.files.map((f) => [f.status, f.explained])).toEqual([['ok', 1]]);
    expect(report.summary).toMatchObject({ files: 1, ok: 1, warnings: 0, errors: 0, explained: 1 });
    const branch = report.branches.find((b) => b.code === NG)!;
    expect([branch.status, branch.explained]).toEqual(['passed', 1]);
    expect(report.statuses).toMatchObject({ passed: 1, warnings: 0 });
  });

  it('a damaged file tied by its name is 已报送·需重报 for its branch; cut off and sent again whole, the whole one counts', () => {
    const named = runRow(ROWS.find((r) => r.fixture === 'damaged-rc-org-named')!).report;
    expect(named.files.map((f) => [f.org?.code, f.orgFrom, f.status])).toEqual([['220103', 'file-name', 'error']]);
    expect(named.branches.find((b) => b.code === '220103')!.status).toBe('resubmit');
    expect(named.statuses).toMatchObject({ resubmit: 1, passed: 0, warnings: 0 });
    const resent = runRow(ROWS.find((r) => r.fixture === 'damaged-and-resent')!).report;
    const kc = resent.branches.find((b) => b.code === '220103')!;
    expect(kc.status).toBe('warnings'); // the whole file's unexplained warning, not a second version
    expect(kc.files.map(base).sort()).toEqual(['2021_220103_宽城区_组织体系建设统计表.xlsx', '宽城区报表-重发.xlsx']);
    expect(resent.files.flatMap((f) => f.findings.map((x) => x.code))).not.toContain('duplicate-org');
  });

  it('every fixture file is covered by a row', () => {
    const root = fixturePath('fixtures/validate');
    const covered = new Set(ROWS.map((r) => r.fixture));
    const listed = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(join(dir, e.name)) : [relative(root, join(dir, e.name))]));
    const uncovered = listed(root).filter((p) => !['README.md', 'baseline-2020.csv'].includes(p) && !covered.has(p) && !covered.has(p.split(/[\\/]/)[0]!));
    expect(uncovered).toEqual([]);
  });
});

// ── batches ─────────────────────────────────────────────────────────────────────────────────────────────────

function exampleReturn(prefix: string): string {
  const name = readdirSync(fixturePath('fixtures/example-2021/returns')).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no example return starting ${prefix}`);
  return `fixtures/example-2021/returns/${name}`;
}

function hashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

describe('validate: batches', () => {
  it('the example 2021 set validates clean against its baseline: exit 0, no errors, no warnings', () => {
    const dir = tempDir();
    copyFixture('fixtures/example-2021', dir);
    const run = validate(join(dir, 'example-2021'), ['returns', '--year', '2021', '--baseline', 'baseline-2020.csv'], 180_000);
    const bad = run.report.files.flatMap((f) => f.findings.filter((x) => x.severity !== 'notice').map((x) => `${f.file}: ${show(x)} ${x.message}`));
    expect(bad).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.files).toHaveLength(71);
    expect(run.report.summary).toEqual({ files: 71, ok: 71, warnings: 0, errors: 0, summaries: 0, explained: 0 });
    expect(new Set(run.report.files.map((f) => f.org?.code)).size).toBe(71);
  }, 240_000);

  it('a zip bomb, a __proto__ name and a whole-column validation do not hold up a batch: < 30 s, clean files ok', () => {
    const dir = tempDir();
    const batch = join(dir, 'batch');
    copyFixture('fixtures/validate/zip-bomb.xlsx', dir, 'batch/zip-bomb.xlsx');
    copyFixture('fixtures/validate/defined-name-proto.xlsx', dir, 'batch/defined-name-proto.xlsx');
    copyFixture('fixtures/validate/validation-over-whole-columns.xlsx', dir, 'batch/validation-over-whole-columns.xlsx');
    const clean = [exampleReturn('2021_220103_'), exampleReturn('延吉市')];
    for (const c of clean) copyFixture(c, batch);
    const run = validate(dir, ['batch', '--year', '2021'], 60_000);
    expect(run.ms, `took ${run.ms} ms`).toBeLessThan(30_000);
    const byName = new Map(run.report.files.map((f) => [base(f.file), f]));
    for (const c of clean) expect(byName.get(base(c))?.status, base(c)).toBe('ok');
    expect(byName.get('validation-over-whole-columns.xlsx')?.status).toBe('ok');
    expect(byName.get('zip-bomb.xlsx')?.findings.map((f) => f.code)).toContain('file-suspicious-zip');
    expect(byName.get('defined-name-proto.xlsx')?.findings.map((f) => f.code)).toContain('file-unsafe-content');
    expect(run.report.summary).toMatchObject({ files: 5, ok: 3, errors: 2 });
    expect(run.code).toBe(1);
  }, 90_000);

  it('never modifies its inputs: every file in fixtures/validate hashes the same after a run over the folder', () => {
    const dir = tempDir();
    const root = copyFixture('fixtures/validate', dir);
    const before = hashes(root);
    const r = spawnCli(['validate', 'validate', '--year', '2021', '--baseline', 'validate/baseline-2020.csv', '--json'], { cwd: dir, timeoutMs: 180_000 });
    expect(() => JSON.parse(r.stdout), r.stderr).not.toThrow();
    expect(r.code).toBe(1); // the folder is full of errors, but it is a data verdict, not a setup failure
    const after = hashes(root);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [p, h] of before) expect(after.get(p), p).toBe(h);
  }, 240_000);
});
