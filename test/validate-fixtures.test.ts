// `rc-org validate` on every committed fixture, in process: the command's own function (runValidate, what
// `validate --json` prints) on copies in a temp folder, one row per fixture (test/validate-fixture-rows.ts). The
// rows that need LibreOffice, and the CLI itself, are test/validate-fixtures.e2e.test.ts.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeOf, runValidate } from '../src/commands/validate.js';
import { stopSpareReaders } from '../src/read/reader-slot.js';
import { fixturePath } from './helpers.js';
import { base, checkRow, NG, ROW_BASELINE, ROWS, rowFolder, type ReportJson, type Row, type Run } from './validate-fixture-rows.js';

// One reader, kept loaded from row to row (as merge keeps its readers for the summaries): the rows run in turn.
afterAll(stopSpareReaders);

/** Copy a fixtures/validate entry (and the baseline when asked) into a fresh folder and validate it there. */
async function runRow(row: Row): Promise<Run> {
  const dir = rowFolder(row);
  const t0 = Date.now();
  const report = await runValidate({
    cwd: dir,
    paths: [row.fixture],
    year: 2021,
    ...(row.baseline ? { baseline: ROW_BASELINE } : {}),
    workers: 1,
    keepReaders: true,
  });
  const ms = Date.now() - t0;
  // What --json prints is this report as JSON.
  return { code: exitCodeOf(report), report: JSON.parse(JSON.stringify(report)) as ReportJson, stderr: '', ms };
}

describe('validate: one fixture per defect class', () => {
  it.each(ROWS.filter((r) => !r.converted).map((r) => [`${r.fixture}${r.baseline ? ' (with --baseline)' : ''}`, r] as const))('%s', async (_name, row) => {
    checkRow(row, await runRow(row));
  });

  it('duplicate files both name the other and carry no sheet or cell; skipped files are not reported as returns', async () => {
    const dup = await runRow(ROWS.find((r) => r.fixture === 'duplicate')!);
    expect(dup.report.files).toHaveLength(2);
    for (const f of dup.report.files) expect(f.status).toBe('error');
    const skipped = await runRow(ROWS.find((r) => r.fixture === 'skipped')!);
    expect(skipped.report.files.map((f) => base(f.file))).toEqual(['2021_220102_南关区_组织体系建设统计表.xlsx']);
    expect(skipped.report.files[0]!.status).toBe('ok');
  });

  it('an explained warning: the file is 通过 with 已说明 1 in the file, the totals and its branch alike', async () => {
    const { report } = await runRow(ROWS.find((r) => r.fixture === 'hours-implausible-explained.xlsx')!);
    expect(report.files.map((f) => [f.status, f.explained])).toEqual([['ok', 1]]);
    expect(report.summary).toMatchObject({ files: 1, ok: 1, warnings: 0, errors: 0, explained: 1 });
    const branch = report.branches.find((b) => b.code === NG)!;
    expect([branch.status, branch.explained]).toEqual(['passed', 1]);
    expect(report.statuses).toMatchObject({ passed: 1, warnings: 0 });
  });

  it('a damaged file tied by its name is 已报送·需重报 for its branch; cut off and sent again whole, the whole one counts', async () => {
    const named = (await runRow(ROWS.find((r) => r.fixture === 'damaged-rc-org-named')!)).report;
    expect(named.files.map((f) => [f.org?.code, f.orgFrom, f.status])).toEqual([['220103', 'file-name', 'error']]);
    expect(named.branches.find((b) => b.code === '220103')!.status).toBe('resubmit');
    expect(named.statuses).toMatchObject({ resubmit: 1, passed: 0, warnings: 0 });
    const resent = (await runRow(ROWS.find((r) => r.fixture === 'damaged-and-resent')!)).report;
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

