// The reading pool (src/read/pool.ts): files are read in worker threads, a few queued ahead per worker; a file
// that blows the heap limit or the time limit fails alone, its worker is replaced, and the files queued behind
// it on that worker are read by the replacement. Runs the built worker (npm test builds first).
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbooks } from '../src/read/pool.js';
import type { ReadResult } from '../src/read/types.js';
import { fixturePath, tempDir } from './helpers.js';

const GOOD = fixturePath('fixtures/validate/南关区-最终版(1).xlsx');

/** A form whose first sheet holds 300,000 numbers: a few MB on disk, far more than 32 MB of heap once read. */
async function hugeForm(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(await import('node:fs').then((fs) => fs.readFileSync(GOOD)));
  const rows: string[] = [];
  for (let r = 1; r <= 30_000; r++) {
    let cells = '';
    for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r + c}</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  );
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
}

async function readAll(paths: string[], opts: Parameters<typeof readWorkbooks>[2]): Promise<Map<string, ReadResult[]>> {
  const seen = new Map<string, ReadResult[]>();
  await readWorkbooks(paths, (p, r) => seen.set(p, [...(seen.get(p) ?? []), r]), opts);
  return seen;
}

describe('reading pool', () => {
  it('reads every file exactly once, across workers', async () => {
    const dir = tempDir();
    const paths = Array.from({ length: 9 }, (_, i) => join(dir, `f${i}.xlsx`));
    for (const p of paths) copyFileSync(GOOD, p);
    const seen = await readAll(paths, { workers: 2 });
    expect([...seen.keys()].sort()).toEqual([...paths].sort());
    for (const rs of seen.values()) {
      expect(rs).toHaveLength(1);
      expect(rs[0]!.problem).toBeUndefined();
      expect(rs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rs[0]!.workbook?.sheets.map((s) => s.name)).toContain('附件1');
    }
  });

  it('a file that needs more memory than the limit fails alone; the files queued behind it are still read', async () => {
    const dir = tempDir();
    const huge = join(dir, 'huge.xlsx');
    await hugeForm(huge);
    const goods = [0, 1, 2, 3].map((i) => join(dir, `good${i}.xlsx`));
    for (const g of goods) copyFileSync(GOOD, g);
    const missing = join(dir, 'missing.xlsx');
    // One worker, so good1 and good2 wait in the same worker's queue behind huge.xlsx.
    const seen = await readAll([goods[0]!, huge, goods[1]!, goods[2]!, missing, goods[3]!], { workers: 1, memoryMb: 32 });
    // The hash is the one the worker took of the bytes it read, before parsing killed it (issue 8: one read per file).
    const { createHash } = await import('node:crypto');
    const hugeBytes = (await import('node:fs')).readFileSync(huge);
    expect(seen.get(huge)).toEqual([
      {
        sha256: createHash('sha256').update(hugeBytes).digest('hex'),
        size: hugeBytes.length,
        problem: { code: 'file-too-much-memory', params: { limit: '32 MB' } },
      },
    ]);
    expect(seen.get(missing)?.[0]?.problem?.code).toBe('file-vanished');
    for (const g of goods) {
      expect(seen.get(g)).toHaveLength(1);
      expect(seen.get(g)![0]!.workbook?.sheets.length).toBe(3);
    }
  });

  it('a file that takes longer than the time limit fails alone with file-timeout, and the run still ends', async () => {
    const dir = tempDir();
    const paths = [0, 1, 2].map((i) => join(dir, `t${i}.xlsx`));
    for (const p of paths) copyFileSync(GOOD, p);
    // 1 ms (counted from when the reader is ready) is less than any file needs, so every file times out, each on its
    // own fresh worker.
    const seen = await readAll(paths, { workers: 2, timeoutMs: 1 });
    expect(seen.size).toBe(3);
    for (const rs of seen.values()) {
      expect(rs.map((r) => r.problem)).toEqual([{ code: 'file-timeout', params: { seconds: 0 } }]);
      // Hashing may finish inside that millisecond (the clock starts once the reader is ready): then it is kept.
      expect([rs[0]!.sha256 === '' && rs[0]!.size === 0, /^[0-9a-f]{64}$/.test(rs[0]!.sha256) && rs[0]!.size === statSync(GOOD).size]).toContain(true);
    }
  });

  it('an error in the caller stops the run and is passed on', async () => {
    const dir = tempDir();
    const paths = [0, 1, 2, 3].map((i) => join(dir, `e${i}.xlsx`));
    for (const p of paths) copyFileSync(GOOD, p);
    await expect(
      readWorkbooks(
        paths,
        () => {
          throw new Error('boom');
        },
        { workers: 2 },
      ),
    ).rejects.toThrow('boom');
  });
});
