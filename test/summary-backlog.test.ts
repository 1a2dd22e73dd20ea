// A large summary is compressed as it is written (src/merge/summary-workbook.ts, keepUp): exceljs's sheet stream
// writes into archiver's input regardless of backpressure, so without rc-org waiting a 6,000-branch 明细 sheet left
// megabytes of XML queued for the compressor (and at 30,000 branches ~30 MB, which malloc kept after). The writer
// here is exceljs's own, watched: how much of each sheet ever waited, uncompressed, in the zip's input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/catalogue.js';
import type { ReturnResult } from '../src/core/finding.js';
import { loadExcelJS, type ExcelJSModule } from '../src/issued-form/form.js';
import { DETAIL_SHEET } from '../src/core/summary-layout.js';
import { writeSummaryWorkbook } from '../src/merge/summary-workbook.js';
import { tempDir } from './helpers.js';
import { registryOf, summarySpecs } from './merge-support.js';

const COUNTIES = 6000;

/** One city of COUNTIES counties, every one returned with figures of its own. */
function largeCitySpec() {
  const registry = registryOf([
    { code: 'P', name: '测试省', level: 'province', parent: null },
    { code: 'C', name: '甲市', level: 'city', parent: 'P' },
    ...Array.from({ length: COUNTIES }, (_, i) => ({ code: `K${i}`, name: `第${i}县`, level: 'county' as const, parent: 'C' })),
  ]);
  const returns: ReturnResult[] = Array.from({ length: COUNTIES }, (_, i) => {
    const figures = { annex1: emptyFigures(), annex2: emptyFigures() };
    figures.annex1.adultMembers = 100 + i;
    figures.annex2.adultMembers = i % 7;
    return {
      file: `returns/第${i}县-2021年报.xlsx`,
      sha256: i.toString(16).padStart(64, '0'),
      kind: 'form',
      org: { code: `K${i}`, name: `第${i}县`, level: 'county' },
      year: 2021,
      findings: [],
      figures,
    };
  });
  const { nodes, specOf } = summarySpecs(registry, returns, 'P');
  return specOf(nodes.find((n) => n.code === 'C')!);
}

interface Watched {
  _writableState: { length: number };
  write: (...args: unknown[]) => boolean;
}

/** exceljs with its streaming WorkbookWriter watched: the most bytes ever waiting in each part's zip input. */
function watchedExcelJS(ExcelJS: ExcelJSModule, backlog: Map<string, number>): ExcelJSModule {
  const Base = ExcelJS.stream.xlsx.WorkbookWriter as unknown as new (...a: unknown[]) => { _openStream(path: string): { pipes: Watched[] } };
  class WatchedWriter extends Base {
    override _openStream(path: string) {
      const stream = super._openStream(path);
      const input = stream.pipes[0]!;
      const write = input.write.bind(input);
      backlog.set(path, 0);
      input.write = (...args: unknown[]) => {
        const ok = write(...args);
        backlog.set(path, Math.max(backlog.get(path)!, input._writableState.length));
        return ok;
      };
      return stream;
    }
  }
  return { ...ExcelJS, stream: { ...ExcelJS.stream, xlsx: { ...ExcelJS.stream.xlsx, WorkbookWriter: WatchedWriter } } } as unknown as ExcelJSModule;
}

describe('a large summary workbook', () => {
  it('is compressed as its rows are written: no sheet waits in the zip input beyond ~1 MB', async () => {
    const spec = largeCitySpec();
    expect(spec.details).toHaveLength(COUNTIES);
    const backlog = new Map<string, number>();
    const path = join(tempDir(), 'C.xlsx');
    await writeSummaryWorkbook(watchedExcelJS(await loadExcelJS(), backlog), spec, path);

    const sheets = [...backlog].filter(([part]) => part.includes('/worksheets/sheet'));
    expect(sheets.length).toBeGreaterThanOrEqual(6);
    // The 明细 sheet (sheet3) alone is ~6 MB of XML: all of it, but for the bound and one turn's rows, was compressed
    // before the next rows were made.
    expect(backlog.get('/xl/worksheets/sheet3.xml')).toBeGreaterThan(0);
    for (const [part, bytes] of sheets) expect(bytes, part).toBeLessThan(2 << 20);

    // And the workbook is whole: every branch on 明细, in order.
    const zip = await JSZip.loadAsync(readFileSync(path));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toContain(`sheetId="3" name="${DETAIL_SHEET}"`);
    const detail = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    expect(detail.length).toBeGreaterThan(4 << 20);
    expect(detail).toContain('第0县');
    expect(detail).toContain(`第${COUNTIES - 1}县`);
    expect(detail.indexOf(`第${COUNTIES - 1}县`)).toBeGreaterThan(detail.indexOf('第0县'));
  }, 60_000);
});
