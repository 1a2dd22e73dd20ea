// writeBatch called in-process; publishing --out through the built CLI is output-publish.e2e.test.ts.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { writeBatch, type OutputFile } from '../src/io/output.js';
import { SetupError } from '../src/messages.js';

describe('a batch written concurrently (merge: workbooks on the readers, the rest on the main thread)', () => {
  it('publishes every file once all are written', async () => {
    const out = join(tempDir(), 'out');
    const slow = (name: string, ms: number): OutputFile => ({ name, write: (p) => new Promise((r) => setTimeout(() => r(writeFileSync(p, name)), ms)) });
    const written = await writeBatch(out, [slow('a.txt', 30), slow('b.txt', 1), slow('c.txt', 10)], { force: false, concurrent: true });
    expect(written.map((p) => p.slice(out.length + 1))).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(readdirSync(out).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('one write failing: the error names that file, and nothing is published after every other write has settled', async () => {
    const out = join(tempDir(), 'out');
    let lateDone = false;
    const files: OutputFile[] = [
      { name: 'late.txt', write: (p) => new Promise((r) => setTimeout(() => r(writeFileSync(p, 'x')), 50)).then(() => void (lateDone = true)) },
      { name: '坏.xlsx', write: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) },
      { name: 'ok.txt', write: (p) => Promise.resolve(writeFileSync(p, 'x')) },
    ];
    const err = await writeBatch(out, files, { force: false, concurrent: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SetupError);
    expect((err as SetupError).problems).toEqual([{ code: 'output-failed', params: { file: join(out, '坏.xlsx'), reason: 'ENOSPC' } }]);
    expect(lateDone).toBe(true);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
