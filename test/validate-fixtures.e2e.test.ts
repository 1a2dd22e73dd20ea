// End to end: the built `rc-org validate --json` on the committed fixtures, on copies in a temp folder with the
// path given relative to that folder: the fixture rows that need LibreOffice (test/validate-fixture-rows.ts; the
// others run in process, test/validate-fixtures.test.ts), the CLI's JSON against the command's report, and batches.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, runValidate } from '../src/commands/validate.js';
import { copyFixture, fixturePath, spawnCli, tempDir } from './helpers.js';
import { base, checkRow, ROW_BASELINE, ROWS, rowFolder, show, type ReportJson, type Row, type Run } from './validate-fixture-rows.js';

// ── running the CLI ─────────────────────────────────────────────────────────────────────────────────────────

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
  return validate(rowFolder(row), [row.fixture, '--year', '2021', ...(row.baseline ? ['--baseline', ROW_BASELINE] : [])]);
}

describe('validate: through the CLI', () => {
  it.each(ROWS.filter((r) => r.converted).map((r) => [r.fixture, r] as const))('%s (converted by LibreOffice)', (_name, row) => {
    checkRow(row, runRow(row));
  });

  it('--json prints the report the command returns, and exits by it: a folder of two versions of one form', async () => {
    const row = ROWS.find((r) => r.fixture === 'duplicate')!;
    const cli = runRow(row);
    checkRow(row, cli);
    const report = await runValidate({ cwd: rowFolder(row), paths: [row.fixture], year: 2021, workers: 1 });
    const same = (r: ReportJson): unknown => ({ ...r, files: r.files.map((f) => ({ ...f, file: base(f.file) })) });
    expect(same(cli.report)).toEqual(same(JSON.parse(JSON.stringify(report)) as ReportJson));
    expect(cli.code).toBe(exitCodeOf(report));
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
