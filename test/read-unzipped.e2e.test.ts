// The readers make exceljs load faster (src/read/exceljs-fast-load.ts): they hand it the parts the pre-scan
// already unpacked instead of letting JSZip unpack the file again, and read theme parts without exceljs's 1 MB
// buffers. That may only ever change the speed: on every .xlsx fixture (forms as rc-org, Excel, WPS, LibreOffice
// and openpyxl save them, and the hostile ones) the workbook must be the one untouched exceljs builds from the
// file — computed in a separate process, where nothing is patched; and zips whose parts JSZip would file
// differently must not take the quick way at all.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { speedUpLoading, unzippedWorkbook } from '../src/read/exceljs-fast-load.js';
import { WORKBOOK_LOAD_OPTIONS } from '../src/read/extract.js';
import { inspectXlsxParts } from '../src/read/sniff.js';
import { repoRoot } from './helpers.js';

speedUpLoading();

function xlsxUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return xlsxUnder(path);
    return name.endsWith('.xlsx') ? [path] : [];
  });
}

const digest = (model: unknown): string => createHash('sha256').update(JSON.stringify(model)).digest('hex');

async function modelDigest(input: unknown): Promise<string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(input as never, WORKBOOK_LOAD_OPTIONS as never);
  } catch {
    return 'error'; // the reader says "damaged" whatever exceljs's own error was
  }
  return digest(wb.model);
}

/** The model digests untouched exceljs gives, file by file, from a process where nothing is patched. */
function untouchedDigests(files: string[]): string[] {
  const script = `
    import { readFileSync } from 'node:fs';
    import { createHash } from 'node:crypto';
    import ExcelJS from 'exceljs';
    const out = [];
    for (const f of JSON.parse(process.argv[1])) {
      const wb = new ExcelJS.Workbook();
      try { await wb.xlsx.load(readFileSync(f), ${JSON.stringify(WORKBOOK_LOAD_OPTIONS)}); }
      catch { out.push('error'); continue; }
      out.push(createHash('sha256').update(JSON.stringify(wb.model)).digest('hex'));
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 }),
  ) as string[];
}

const FIXTURES = xlsxUnder(join(repoRoot, 'fixtures'));

describe('exceljs, loading the quick way', () => {
  it('finds .xlsx fixtures of every kind to compare', () => {
    expect(FIXTURES.length).toBeGreaterThan(100);
  });

  it('builds the workbook untouched exceljs builds, from the parts and from the file, on every fixture', async () => {
    const reference = untouchedDigests(FIXTURES);
    let fromParts = 0;
    for (const [i, file] of FIXTURES.entries()) {
      const bytes = readFileSync(file);
      expect(await modelDigest(bytes), file).toBe(reference[i]);
      const inspection = await inspectXlsxParts(bytes).catch(() => null);
      if (!inspection || inspection.problem || !inspection.parts) continue;
      expect(await modelDigest(unzippedWorkbook(inspection.parts)), file).toBe(reference[i]);
      fromParts++;
    }
    // Nearly every fixture is a well-formed zip: if the quick way stopped being taken, this says so.
    expect(fromParts).toBeGreaterThan(FIXTURES.length * 0.6);
  }, 120_000);
});

/** A zip of stored or deflated entries with the given names and attributes. */
