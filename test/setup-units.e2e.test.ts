// Issue 19, items 1 and 3, in process: the guarded read of setup files (its own words, its own limits, no wait on a
// FIFO), the key's BOM and line ends, and the import rules the one pipeline stands on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSetupFile, sizeWords } from '../src/io/setup-file.js';
import { loadSignKey } from '../src/io/sign-key.js';
import { SetupError } from '../src/messages.js';
import { repoRoot, tempDir } from './helpers.js';

/** The problems a setup error carries (or fails the test). */
function problemsOf(f: () => unknown): SetupError['problems'] {
  try {
    f();
  } catch (e) {
    if (e instanceof SetupError) return e.problems;
    throw e;
  }
  throw new Error('no SetupError');
}

describe('readSetupFile: a setup file read like a return, said in its own words', () => {
  it('a FIFO is refused without being waited on, as not a regular file, named and called what it is', () => {
    const dir = tempDir();
    expect(spawnSync('mkfifo', [join(dir, 'rules.json')]).status).toBe(0);
    const started = Date.now();
    const problems = problemsOf(() => readSetupFile({ abs: join(dir, 'rules.json'), shown: 'rules.json', what: 'rules' }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problems).toEqual([{ code: 'setup-file-not-regular', params: { file: 'rules.json', what: 'rules', kind: 'fifo' }, file: 'rules.json' }]);
  });

  it('a key over 64 KB is over the key limit, in KB', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'k'), Buffer.alloc(65 * 1024 + 1, 0x61));
    const problems = problemsOf(() => readSetupFile({ abs: join(dir, 'k'), shown: 'k', what: 'key' }));
    expect(problems).toEqual([{ code: 'setup-file-too-large', params: { file: 'k', what: 'key', size: '66 KB', limit: '64 KB' }, file: 'k' }]);
  });

  it("a missing file is said with the caller's words (report: no summary.json in that folder)", () => {
    const dir = tempDir();
    const notFound = { code: 'report-no-summary' as const, params: { dir, file: join(dir, 'summary.json') } };
    expect(problemsOf(() => readSetupFile({ abs: join(dir, 'summary.json'), shown: 'x', what: 'summary', notFound }))).toEqual([notFound]);
    // A path through a file (ENOTDIR) is as missing as a path to nothing.
    writeFileSync(join(dir, 'f'), '');
    expect(problemsOf(() => readSetupFile({ abs: join(dir, 'f', 'summary.json'), shown: 'x', what: 'summary', notFound }))).toEqual([notFound]);
  });

  it('sizes are said in the unit that suits them', () => {
    expect([sizeWords(64 * 1024), sizeWords(1024 * 1024), sizeWords(50 * 1024 * 1024)]).toEqual(['64 KB', '1 MB', '50 MB']);
  });
});

describe('loadSignKey: a key file is a key', () => {
  const KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';
  it.each([
    ['bare', Buffer.from(KEY)],
    ['LF', Buffer.from(`${KEY}\n`)],
    ['CRLF', Buffer.from(`${KEY}\r\n`)],
    ['BOM', Buffer.from(`\ufeff${KEY}`)],
    ['BOM + CRLF', Buffer.from(`\ufeff${KEY}\r\n\r\n`)],
  ])('%s gives the same key', (_, bytes) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'key.txt'), bytes);
    expect(Buffer.from(loadSignKey('key.txt', dir)!).toString('utf8')).toBe(KEY);
  });

  it('a folder is refused as a folder; a key of a BOM and a line end only is too short', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'keys'));
    expect(problemsOf(() => loadSignKey('keys', dir))).toEqual([
      { code: 'setup-file-not-regular', params: { file: 'keys', what: 'key', kind: 'folder' }, file: 'keys' },
    ]);
    writeFileSync(join(dir, 'empty.txt'), '\ufeff\r\n');
    expect(problemsOf(() => loadSignKey('empty.txt', dir))).toEqual([{ code: 'sign-key-too-short', params: { min: 16, found: 0 }, file: 'empty.txt' }]);
  });
});

describe('the import rules the one pipeline stands on', () => {
  const importsOf = (file: string): string[] => [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

  it('no command imports another command', () => {
    for (const f of readdirSync(join(repoRoot, 'src/commands'))) {
      expect(
        importsOf(`src/commands/${f}`).filter((i) => i.startsWith('./')),
        f,
      ).toEqual([]);
    }
  });

  it('the registry imports nothing from io (the loader that reads the file lives in engine)', () => {
    for (const f of readdirSync(join(repoRoot, 'src/registry'))) {
      expect(
        importsOf(`src/registry/${f}`).filter((i) => i.startsWith('../io/')),
        f,
      ).toEqual([]);
    }
  });
});
