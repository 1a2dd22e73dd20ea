// Issue 8, item 6: whole or nothing, really. --out is checked before any input is read; a lock in --out makes a
// second run refuse at once; Ctrl-C at any point of a large merge (hundreds of outputs) leaves --out with all of
// the set or none of it, and no temp folder or lock behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, repoRoot, spawnCli, tempDir } from './helpers.js';

const CITIES = 150;

/** A synthetic registry: a province, CITIES cities with one county each (CITIES + 1 summaries), and one CSV return. */
function largeCase(): string {
  const dir = tempDir();
  const rows = ['code,name,level,parent', '900000,测试省,province,'];
  for (let i = 1; i <= CITIES; i++) {
    const city = String(900000 + i * 100);
    rows.push(`${city},市${i},city,900000`, `${String(Number(city) + 1)},县${i},county,${city}`);
  }
  writeFileSync(join(dir, 'orgs.csv'), rows.join('\n') + '\n');
  const header = readFileSync(fixturePath('fixtures/validate/csv-return-utf8-labels.csv'), 'utf8').split(/\r?\n/)[0]!;
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'r.csv'), `${header}\n900101,县1,1,,1,,0,,1,86,23,6400,3150,1200,5,28536.5,0,,1,,0,,1,12,4,600,250,150,1,4436.5\n`);
  return dir;
}

const ARGS = ['merge', 'in', '--orgs', 'orgs.csv', '--year', '2021', '--out', 'out'];
const BIN = join(repoRoot, 'bin', 'rc-org.js');

function runWithSignal(cwd: string, afterMs: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...ARGS], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGINT'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('publishing --out whole or not at all', () => {
  it('SIGINT at random points of a large merge: --out holds all of the set or none, nothing temporary left', async () => {
    const dir = largeCase();
    const t0 = Date.now();
    const full = spawnCli(ARGS, { cwd: dir, timeoutMs: 180_000 });
    const took = Date.now() - t0;
    expect(full.stderr).toBe('');
    const set = readdirSync(join(dir, 'out')).sort();
    expect(set.length).toBe(CITIES + 1 + 3); // the summaries, summary.json, summary-long.csv and report.html
    // A handful of runs, at random points spread over the run (reading, writing, publishing, done).
    const points = [0.3, 0.8, 0.97].map((f) => Math.round(took * (f + (Math.random() - 0.5) * 0.1)));
    for (const ms of points) {
      const cwd = largeCase();
      const r = await runWithSignal(cwd, ms);
      const out = join(cwd, 'out');
      const left = existsSync(out) ? readdirSync(out).sort() : [];
      expect(
        left.filter((n) => n.startsWith('.')),
        `after ${ms} ms`,
      ).toEqual([]);
      if (left.length > 0) expect(left, `after ${ms} ms (${JSON.stringify(r)})`).toEqual(set);
    }
  }, 300_000);

  it('a second run into a locked --out refuses at once; a stale lock (dead process) is taken over', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    spawnSync('cp', [
      join(
        fixturePath('fixtures/example-2021/returns'),
        readdirSync(fixturePath('fixtures/example-2021/returns')).find((f) => f.includes('_220103_'))!,
      ),
      join(dir, 'in'),
    ]);
    mkdirSync(join(dir, 'out'));
    // A live process holds it: this test's own runner.
    writeFileSync(join(dir, 'out', '.rc-org.lock'), String(process.pid));
    const locked = spawnCli(['merge', 'in', '--out', 'out', '--lang', 'en'], { cwd: dir });
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain(`Another rc-org run (PID ${process.pid}) is writing into`);
    expect(readFileSync(join(dir, 'out', '.rc-org.lock'), 'utf8')).toBe(String(process.pid)); // not ours to remove
    // A lock left by a run killed outright (no such process) is stale.
    writeFileSync(join(dir, 'out', '.rc-org.lock'), '2147483646');
    const stale = spawnCli(['merge', 'in', '--out', 'out'], { cwd: dir });
    expect(stale.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 120_000);

  it.each([
    ['a file', (d: string) => (writeFileSync(join(d, 'taken'), 'x'), 'taken'), '--out is a file, not a folder'],
    ['under a file', (d: string) => (writeFileSync(join(d, 'taken'), 'x'), 'taken/out'), 'Cannot write into the output folder'],
    ['under /proc', () => '/proc/rc-org-out', 'Cannot write into the output folder'],
  ])('--out that is %s is refused before any input is read', (what, make, said) => {
    const dir = tempDir();
    const out = make(dir);
    // The input does not exist: had it been looked at first, the error would be path-not-found.
    const r = spawnCli(['merge', 'no-such-folder', '--out', out, '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(said);
    if (what !== 'a file') expect(r.stderr).toContain(what === 'under a file' ? 'part of the path is a file' : 'a folder cannot be created there');
    expect(r.stderr).not.toMatch(/No such path|Internal error/);
  });
});
