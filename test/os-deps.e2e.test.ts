// Issue 22, items 1 and 2: the README's test command, `bash .ci/run`, installs the operating-system programs the
// tests use from ONE table (scripts/os-deps.sh) when they are missing; where it cannot, it names each missing
// program with its Debian/Ubuntu package and stops before any test runs. Each case runs .ci/run with a PATH that
// holds only bash, node, env and fakes that record their calls (apt-get, sudo, npm), so this test can neither
// install anything nor start the suite, and takes well under a second.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

const SCRIPT = join(repoRoot, 'scripts', 'os-deps.sh');
const CI_RUN = join(repoRoot, '.ci', 'run');

/** A program on the caller's PATH (bash, env): the real ones the restricted PATH links to. */
function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not on PATH`);
}
const BASH = onPath('bash');

interface Row {
  program: string;
  probe: string;
  packages: string[];
}

/** The table's rows, read from the script itself, so a row added later (Wine) is checked too. */
function tableRows(): Row[] {
  const text = readFileSync(SCRIPT, 'utf8');
  const table = /^readonly TABLE='\n([\s\S]*?)^'$/m.exec(text);
  if (!table) throw new Error('scripts/os-deps.sh has no TABLE');
  return table[1]!
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [program, probe, packages] = line.trim().split(/\s+/);
      return { program: program!, probe: probe!, packages: packages!.split(',') };
    });
}

/** All packages of the table, each once, in table order: what apt-get is asked for when everything is missing. */
function allPackages(rows: Row[]): string[] {
  return [...new Set(rows.flatMap((r) => r.packages))];
}

/** A fake program that appends its name and arguments to $CALLS and exits with `status`. */
function recorder(name: string, status = 0): string {
  return `#!${BASH}\necho "${name} $*" >> "$CALLS"\nexit ${status}\n`;
}

function writeExecutable(path: string, body: string): void {
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

interface Machine {
  dir: string;
  bin: string;
  calls: string;
}

/**
 * A folder whose bin/ holds only node, bash, env and the given fakes. `installs` names the folder apt-get's fake
 * "installs" by renaming pending/ to installed/ (on PATH from the start, empty until then): fake soffice, poppler
 * tools, chromium, a python3 that imports anything and an fc-list that lists a Chinese font.
 */
function machine(fakes: Record<string, string>): Machine {
  const dir = tempDir('rc-org-os-deps-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(BASH, join(bin, 'bash'));
  symlinkSync(onPath('env'), join(bin, 'env'));
  for (const [name, body] of Object.entries(fakes)) writeExecutable(join(bin, name), body);
  return { dir, bin, calls: join(dir, 'calls.txt') };
}

function runCi(m: Machine, env: Record<string, string> = {}): { code: number | null; stderr: string; calls: string[] } {
  const r = spawnSync(join(m.bin, 'bash'), [CI_RUN], {
    // python3 looked up on PATH (default /usr/bin/python3, the one the tests run), so it is hidden like the rest.
    env: { PATH: [m.bin, join(m.dir, 'installed')].join(delimiter), CALLS: m.calls, OS_DEPS_PYTHON: 'python3', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (r.error) throw r.error;
  const calls = existsSync(m.calls) ? readFileSync(m.calls, 'utf8').split('\n').filter(Boolean) : [];
  return { code: r.status, stderr: r.stderr, calls };
}

/** Each row named on a line of its own with its package(s). */
function expectAllNamed(stderr: string, rows: Row[]): void {
  for (const row of rows) {
    const line = stderr.split('\n').find((l) => l.trim().split(/\s+/)[0] === row.program);
    expect(line, `${row.program} is named`).toBeDefined();
    expect(line).toContain(`Debian/Ubuntu: ${row.packages.join(', ')}`);
  }
  expect(stderr).toContain(`apt-get install --no-install-recommends ${allPackages(rows).join(' ')}`);
  expect(stderr).toContain('No test was run.');
}

describe('the table of OS programs (scripts/os-deps.sh)', () => {
  it('holds every program the tests use, each with a known probe and its Debian/Ubuntu package', () => {
    const rows = tableRows();
    const byProgram = new Map(rows.map((r) => [r.program, r]));
    const expected: Record<string, string[]> = {
      soffice: ['libreoffice-calc-nogui', 'libreoffice-writer-nogui'],
      'python3/uno': ['python3-uno'],
      pdftotext: ['poppler-utils'],
      pdfinfo: ['poppler-utils'],
      pdftoppm: ['poppler-utils'],
      chromium: ['chromium'],
      'python3/openpyxl': ['python3-openpyxl'],
      'CJK-font': ['fonts-wqy-zenhei', 'fontconfig'],
      wine: ['wine', 'wine64'],
    };
    for (const [program, packages] of Object.entries(expected)) expect(byProgram.get(program)?.packages, program).toEqual(packages);
    for (const row of rows) expect(row.probe, row.program).toMatch(/^(command|python|font):[\w.-]+$/);
    expect(new Set(rows.map((r) => r.program)).size).toBe(rows.length);
  });

  it('finds every program on this machine, where the suite runs (a probe that never finds would install on every run)', () => {
    const r = spawnSync(BASH, [SCRIPT, 'check'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('bash .ci/run when the programs are missing', () => {
  it('not Debian/Ubuntu (no apt-get): names each program and its package, exit 2, npm never started', () => {
    const m = machine({ npm: recorder('npm') });
    const r = runCi(m);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no apt-get: not Debian/Ubuntu');
    expectAllNamed(r.stderr, tableRows());
    expect(r.calls).toEqual([]);
  });

  it('installing turned off (OS_DEPS_INSTALL=no): the same, and apt-get is never called', () => {
    const m = machine({ npm: recorder('npm'), 'apt-get': recorder('apt-get'), sudo: recorder('sudo') });
    const r = runCi(m, { OS_DEPS_INSTALL: 'no' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('check only');
    expectAllNamed(r.stderr, tableRows());
    expect(r.calls).toEqual([]);
  });

  it('apt-get installs the packages but the programs are still not found: names them, exit 2, npm never started', () => {
    // sudo's fake passes `sudo -n true` and runs the rest, so this holds whether the suite runs as root or not.
    const sudo = `#!${BASH}\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"\n`;
    const m = machine({ npm: recorder('npm'), 'apt-get': recorder('apt-get'), sudo });
    const r = runCi(m);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('still not found after installing');
    expectAllNamed(r.stderr, tableRows());
    expect(r.calls).toEqual(['apt-get update -qq', `apt-get install -y -qq --no-install-recommends ${allPackages(tableRows()).join(' ')}`]);
  });

  it('apt-get installs them: each package asked for once, then npm ci and npm test run', () => {
    const sudo = `#!${BASH}\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"\n`;
    // apt-get's fake "installs" by renaming pending/ (fakes of every program) to installed/, which is on PATH.
    const aptGet = [
      `#!${process.execPath}`,
      `const fs = require('node:fs'), path = require('node:path');`,
      `fs.appendFileSync(process.env.CALLS, 'apt-get ' + process.argv.slice(2).join(' ') + ' [' + process.env.DEBIAN_FRONTEND + ']\\n');`,
      `if (process.argv[2] === 'install') fs.renameSync(path.join(process.env.MACHINE, 'pending'), path.join(process.env.MACHINE, 'installed'));`,
    ].join('\n');
    const m = machine({ npm: recorder('npm'), 'apt-get': aptGet, sudo });
    const pending = join(m.dir, 'pending');
    mkdirSync(pending);
    for (const p of ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm', 'chromium', 'python3', 'wine']) writeExecutable(join(pending, p), `#!${BASH}\nexit 0\n`);
    writeExecutable(join(pending, 'fc-list'), `#!${BASH}\necho 'WenQuanYi Zen Hei,文泉驿正黑'\n`);
    const r = runCi(m, { MACHINE: m.dir });
    expect(r.stderr).not.toContain('No test was run');
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([
      'apt-get update -qq [noninteractive]',
      `apt-get install -y -qq --no-install-recommends ${allPackages(tableRows()).join(' ')} [noninteractive]`,
      'npm ci',
      'npm test',
      'npm run test:dist',
    ]);
  });
});
