// Issue 19, item 4: Ctrl-C or SIGTERM while Chromium prints report.pdf. The run closes the browser, removes its
// profile and playwright's temp folders, removes its own staging folder and lock (and the --out folder it created),
// and dies of the signal — at every point: while Chromium starts, while the page loads, while it prints.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../src/report/pdf.js';
import { copyFixture, repoRoot, tempDir } from './helpers.js';

if (!findBrowser()) throw new Error('This test needs Chromium: apt-get install chromium (.ci/run does), or set CHROME_PATH.');

const BIN = join(repoRoot, 'bin', 'rc-org.js');
const FIXTURE = 'fixtures/report/small-registry-2021';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the browser's profile folder appearing to the signal. */
  sentAt: number | null;
}

/** `report --pdf` with its own temp folder; `signal` is sent `delayMs` after the browser's profile folder appears. */
function interruptPrint(dir: string, tmp: string, signal: NodeJS.Signals, delayMs: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'report', '2021', '--out', 'out', '--pdf'], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    let sentAt: number | null = null;
    const watch = setInterval(() => {
      if (!readdirSync(tmp).some((n) => n.startsWith('rc-org-chromium-'))) return;
      clearInterval(watch);
      const seen = Date.now();
      setTimeout(() => {
        sentAt = Date.now() - seen;
        child.kill(signal);
      }, delayMs);
    }, 10);
    const limit = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearInterval(watch);
      clearTimeout(limit);
      resolve({ code, signal: sig, sentAt });
    });
  });
}

/** Chromium processes still running with a profile under `tmp`. */
function browsersUnder(tmp: string): string[] {
  const r = spawnSync('pgrep', ['-af', tmp], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes('chromium'));
}

describe('report --pdf interrupted while the browser prints', () => {
  // 0 ms: Chromium is starting; ~500 ms: the page is loading; ~1000 ms and later: printing, or about to publish.
  it.each([
    ['SIGINT', 0],
    ['SIGINT', 500],
    ['SIGINT', 1000],
    ['SIGTERM', 700],
  ] as const)(
    '%s %i ms after the browser starts: dies of it, nothing left in --out or the temp folder',
    async (signal, delayMs) => {
      const dir = tempDir('rc-org-pdf-int-');
      copyFixture(FIXTURE, dir, '2021');
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      const ended = await interruptPrint(dir, tmp, signal, delayMs);
      expect(ended.sentAt, 'the browser was started').not.toBeNull();
      if (ended.code === 0) {
        // The print finished before the signal: the whole set was published, and nothing temporary is left.
        expect(readdirSync(join(dir, 'out')).sort()).toEqual(['report.html', 'report.pdf']);
      } else {
        expect(ended).toMatchObject({ code: null, signal });
        // --out was created by this run: with nothing published it is removed, lock and staging folder with it.
        expect(existsSync(join(dir, 'out'))).toBe(false);
      }
      expect(readdirSync(tmp)).toEqual([]);
      expect(browsersUnder(tmp)).toEqual([]);
    },
    120_000,
  );
});
