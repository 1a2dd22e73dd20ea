// Issue 8: every bad file fails alone. The hostile corpus (fixtures/hostile, README table) plus the cases that
// cannot be committed (made here: a 2 GiB sparse file, a FIFO, a link to /dev/zero, a 1 MB cell, a followed
// link, a file the user may not read) are run through the BUILT CLI together with good returns, in one batch:
// the run must finish (exit 1, never "程序内部错误"), every good return must be ok and merged, each case must be
// reported with its own code, and no input may change.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  ftruncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, fixturePath, repoRoot, spawnCli, tempDir } from './helpers.js';

const RETURNS = fixturePath('fixtures/example-2021/returns');
const returnOf = (code: string): string =>
  join(
    RETURNS,
    readdirSync(RETURNS).find((f) => f.includes(`_${code}_`))!,
  );
const GOOD = ['220103', '220104', '220105'];
const INTERNAL = /程序内部错误|Internal error/;

/** The README table: situation | `file` | `code` or ok. */
function corpus(): { file: string; expected: string }[] {
  const readme = readFileSync(fixturePath('fixtures/hostile/README.md'), 'utf8');
  return [...readme.matchAll(/^\| [^|]+ \| `([^`]+)` \| (?:`([^`]+)`|ok[^|]*) \|$/gm)].map((m) => ({ file: m[1]!, expected: m[2] ?? 'ok' }));
}

/** Made by the test: what cannot be committed. */
const MADE: { file: string; expected: string }[] = [
  { file: 'sparse-2gib.xlsx', expected: 'file-too-large' },
  { file: 'fifo-named-like-a-form.xlsx', expected: 'file-not-regular' },
  { file: 'link-to-dev-zero.xlsx', expected: 'file-not-regular' },
  { file: 'folder-named-like-a-form.xlsx', expected: 'file-not-regular' },
  { file: 'csv-1mb-cell.csv', expected: 'value-not-number' },
  { file: 'link-to-a-good-return.xlsx', expected: 'ok' },
];

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const st = lstatSync(join(dir, name));
    if (st.isFile() && st.size < 50 * 1024 * 1024)
      out.set(
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      );
    else out.set(name, `${st.mode}:${st.size}`);
  }
  return out;
}

interface FileJson {
  file: string;
  status: string;
  org: { code: string } | null;
  findings: { code: string; severity: string; message: string }[];
}

let dir = '';
let input = '';
let before = new Map<string, string>();
let validateJson: { files: FileJson[] } = { files: [] };
let validateText = { code: -1, stdout: '', stderr: '' };
let merge = { code: -1, stdout: '', stderr: '' };
let summary: { sources: { file: string; used: boolean; code: string | null }[] } = { sources: [] };
const cases = [...corpus(), ...MADE];

beforeAll(() => {
  dir = tempDir();
  input = join(dir, 'in');
  mkdirSync(input);
  for (const c of corpus()) copyFixture(`fixtures/hostile/${c.file}`, input);
  for (const code of GOOD) copyFileSync(returnOf(code), join(input, `good-${code}.xlsx`));
  const fd = openSync(join(input, 'sparse-2gib.xlsx'), 'w');
  ftruncateSync(fd, 2 * 1024 ** 3 + 1);
  closeSync(fd);
  expect(spawnSync('mkfifo', [join(input, 'fifo-named-like-a-form.xlsx')]).status).toBe(0);
  symlinkSync('/dev/zero', join(input, 'link-to-dev-zero.xlsx'));
  mkdirSync(join(input, 'folder-named-like-a-form.xlsx'));
  copyFileSync(returnOf('220523'), join(input, 'folder-named-like-a-form.xlsx', 'inside.xlsx'));
  const header = readFileSync(fixturePath('fixtures/validate/csv-return-utf8-labels.csv'), 'utf8').split(/\r?\n/)[0]!;
  writeFileSync(
    join(input, 'csv-1mb-cell.csv'),
    `${header}\n220521,x,1,,1,,0,,1,${'8'.repeat(500)}${'x'.repeat(1024 * 1024)},23,6400,3150,1200,5,28536.5,0,,1,,0,,1,12,4,600,250,150,1,4436.5\n`,
  );
  mkdirSync(join(dir, 'elsewhere'));
  copyFileSync(returnOf('220221'), join(dir, 'elsewhere', 'yongji.xlsx'));
  symlinkSync(join(dir, 'elsewhere', 'yongji.xlsx'), join(input, 'link-to-a-good-return.xlsx'));
  before = hashes(input);

  const v = spawnCli(['validate', 'in', '--json'], { cwd: dir, timeoutMs: 120_000 });
  expect(v.stderr).not.toMatch(INTERNAL);
  validateJson = JSON.parse(v.stdout);
  // The same files through a glob pattern (the other way in): links, the FIFO and /dev/zero met by the glob.
  validateText = { ...spawnCli(['validate', 'in/*', '--lang', 'en'], { cwd: dir, timeoutMs: 120_000 }) };
  merge = spawnCli(['merge', 'in', '--out', 'out'], { cwd: dir, timeoutMs: 120_000 });
  summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
}, 300_000);

describe('hostile inputs fail alone (validate and merge over all of them with good returns)', () => {
  it('the corpus covers every class (README table)', () => {
    expect(corpus().length).toBeGreaterThanOrEqual(20);
  });

  it('validate and merge finish with exit 1, never an internal error, and change no input', () => {
    expect(validateText.code).toBe(1);
    expect(merge.code).toBe(1);
    for (const out of [validateText.stdout, validateText.stderr, merge.stdout, merge.stderr, JSON.stringify(validateJson)]) expect(out).not.toMatch(INTERNAL);
    expect(hashes(input)).toEqual(before);
  });

  it('the good returns are ok and merged', () => {
    for (const code of GOOD) {
      const f = validateJson.files.find((x) => x.file.endsWith(`good-${code}.xlsx`));
      expect(f?.status, code).toBe('ok');
      expect(summary.sources.find((s) => s.file.endsWith(`good-${code}.xlsx`))?.used).toBe(true);
    }
  });

  it('nothing printed for people carries a control or escape character', () => {
    expect(validateText.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(validateText.stdout).toContain('csv-escape-sequences-in-cell.csv');
  });

  it.each(cases)('$file → $expected', ({ file, expected }) => {
    const results = validateJson.files.filter((x) => x.file === join('in', file));
    expect(results.length, `${file} reported`).toBeGreaterThan(0);
    for (const r of results) {
      if (expected === 'ok') {
        expect(r.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
        expect(summary.sources.filter((s) => s.file === join('in', file)).every((s) => s.used)).toBe(true);
      } else {
        expect(r.status).toBe('error');
        expect(r.findings.map((f) => f.code)).toContain(expected);
        expect(summary.sources.filter((s) => s.file === join('in', file)).some((s) => s.used)).toBe(false);
      }
      for (const f of r.findings) expect(f.message.length, 'a message quoting a file is capped').toBeLessThan(600);
    }
  });

  it('through the glob too, every case is reported with its code (FIFOs are never matched by a glob)', () => {
    const blocks = validateText.stdout.split('\n\n');
    for (const c of cases.filter((x) => x.expected !== 'ok' && !x.file.startsWith('fifo'))) {
      const block = blocks.find((b) => b.startsWith(`in/${c.file}`));
      expect(block, c.file).toContain(`[${c.expected}]`);
    }
  });

  it('a followed link is said, a bare-CR CSV gives both its rows', () => {
    expect(validateText.stdout).toMatch(/link-to-a-good-return\.xlsx is a link to/);
    expect(validateJson.files.filter((x) => x.file === join('in', 'csv-bare-cr-line-ends.csv')).map((x) => x.org?.code)).toEqual(['220421', '220422']);
  });
});

// CI runs as root, who may read anything: the run drops the capabilities that let root ignore file permissions
// (setpriv, util-linux), so a file of mode 000 is refused as it would be for any user. Unlike running as `nobody`,
// this still works when the clone sits in a folder only root may enter.
describe('a file the user may not read (root without its override capabilities)', () => {
  it('fails alone with file-no-permission; the others are checked', () => {
    const d = tempDir();
    for (const code of GOOD) copyFileSync(returnOf(code), join(d, `good-${code}.xlsx`));
    copyFileSync(returnOf('220106'), join(d, 'locked.xlsx'));
    chmodSync(join(d, 'locked.xlsx'), 0o000);
    const dropped = ['--bounding-set', '-dac_override,-dac_read_search', '--'];
    const r = spawnSync('setpriv', [...dropped, process.execPath, join(repoRoot, 'bin', 'rc-org.js'), 'validate', d, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(INTERNAL);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { files: FileJson[] };
    expect(report.files.find((f) => f.file.endsWith('locked.xlsx'))?.findings.map((f) => f.code)).toEqual(['file-no-permission']);
    for (const code of GOOD) expect(report.files.find((f) => f.file.endsWith(`good-${code}.xlsx`))?.status).toBe('ok');
  }, 120_000);
});
