// Work on the readers after reading (src/read/reader-tasks.ts): merge keeps its readers (PoolOptions.keepReaders)
// and writes the summary workbooks on them. A workbook written on a reader is the same, part for part, as one written
// on the main thread; a task that fails rejects without stopping the readers; without keepReaders no reader is left
// running. Runs the built worker (npm test builds first).
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { SURVEY, emptyFigures } from '../src/catalogue.js';
import type { ReturnFigures, ReturnResult } from '../src/core/finding.js';
import { loadExcelJS } from '../src/issued-form/form.js';
import type { SummaryTask } from '../src/merge/summary-task.js';
import { writeSummaryWorkbook } from '../src/merge/summary-workbook.js';
import { readWorkbooks } from '../src/read/pool.js';
import { stopSpareReaders, takeSpareReaders } from '../src/read/reader-slot.js';
import { readerTasks } from '../src/read/reader-tasks.js';
import { runMerge } from '../src/commands/merge.js';
import { copyFixture, fixturePath, tempDir } from './helpers.js';
import { registryOf, summarySpecs } from './merge-support.js';

const GOOD = fixturePath('fixtures/validate/南关区-最终版(1).xlsx');

/** A province with a city and two counties; one county returned, with a warning to carry into 报送情况. */
function smallMerge() {
  const registry = registryOf([
    { code: 'P', name: '测试省', level: 'province', parent: null },
    { code: 'C', name: '甲市', level: 'city', parent: 'P' },
    { code: 'K', name: '乙县', level: 'county', parent: 'C' },
    { code: 'L', name: '丙县', level: 'county', parent: 'C' },
  ]);
  const figures: ReturnFigures = { annex1: emptyFigures(), annex2: emptyFigures() };
  figures.annex1.adultMembers = 120;
  figures.annex2.adultMembers = 7;
  const ret: ReturnResult = {
    file: 'returns/乙县.xlsx',
    sha256: 'ab'.repeat(32),
    kind: 'form',
    org: { code: 'K', name: '乙县', level: 'county' },
    year: 2021,
    findings: [
      {
        code: 'increment-decrease',
        severity: 'warning',
        file: 'returns/乙县.xlsx',
        sheet: '附件2',
        cell: 'C6',
        indicator: 'adultMembers',
        params: { label: '成人会员', found: '-3' },
      },
    ],
    figures,
  };
  const { nodes, specOf } = summarySpecs(registry, [ret], 'P');
  return { nodes, specOf: (i: number) => specOf(nodes[i]!) };
}

async function parts(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (name !== 'docProps/core.xml') out.set(name, await zip.file(name)!.async('string'));
  return out;
}

/** Read two copies of a form with the readers kept afterwards. */
async function readKeeping(keepReaders: boolean): Promise<void> {
  const dir = tempDir();
  const paths = ['a.xlsx', 'b.xlsx'].map((n) => join(dir, n));
  for (const p of paths) copyFileSync(GOOD, p);
  await readWorkbooks(paths, () => undefined, { workers: 2, keepReaders });
}

afterEach(() => stopSpareReaders());

describe('tasks on the readers after reading', () => {
  it('a summary workbook written on a kept reader is the same, part for part, as one written on the main thread', async () => {
    const { nodes, specOf } = smallMerge();
    expect(nodes.map((n) => n.code)).toEqual(['P', 'C']);
    const dir = tempDir();
    const ExcelJS = await loadExcelJS();
    await readKeeping(true);
    const tasks = readerTasks<SummaryTask>('merge/summary-task.js');
    try {
      for (const [i, node] of nodes.entries()) {
        const onMain = join(dir, `${node.code}-main.xlsx`);
        const onReader = join(dir, `${node.code}-reader.xlsx`);
        await writeSummaryWorkbook(ExcelJS, specOf(i), onMain);
        await tasks.run({ spec: specOf(i), path: onReader, survey: SURVEY }, 1);
        const [a, b] = [await parts(onMain), await parts(onReader)];
        expect([...b.keys()]).toEqual([...a.keys()]);
        for (const [name, xml] of a) expect(b.get(name), `${node.code} ${name}`).toBe(xml);
        expect(a.get('xl/worksheets/sheet4.xml')).toContain('乙县'); // 报送情况 lists the branch
      }
    } finally {
      tasks.close();
    }
  });

  it('a task that fails rejects with its error, and the readers go on with the next ones', async () => {
    const { specOf } = smallMerge();
    const dir = tempDir();
    await readKeeping(true);
    const tasks = readerTasks<SummaryTask>('merge/summary-task.js');
    try {
      const broken = { ...specOf(0), orgs: new Map() }; // no branch to look up: the writer throws
      await expect(tasks.run({ spec: broken, path: join(dir, 'broken.xlsx'), survey: SURVEY }, 1)).rejects.toThrow(/TypeError/);
      await Promise.all([0, 1].map((i) => tasks.run({ spec: specOf(i), path: join(dir, `ok${i}.xlsx`), survey: SURVEY }, 1)));
      expect((await parts(join(dir, 'ok1.xlsx'))).size).toBeGreaterThan(5);
    } finally {
      tasks.close();
    }
  });

  it('without keepReaders no reader is left running once the files are read; with it, one per worker waits', async () => {
    await readKeeping(false);
    expect(takeSpareReaders()).toHaveLength(0);
    await readKeeping(true);
    const kept = takeSpareReaders();
    expect(kept).toHaveLength(2);
    await Promise.all(kept.map((w) => w.terminate()));
  });

  it('with no reader kept, readers are started for the tasks', async () => {
    const { specOf } = smallMerge();
    const dir = tempDir();
    const tasks = readerTasks<SummaryTask>('merge/summary-task.js', { workers: 1 });
    try {
      await tasks.run({ spec: specOf(1), path: join(dir, 'city.xlsx'), survey: SURVEY }, 1);
      expect((await parts(join(dir, 'city.xlsx'))).get('xl/workbook.xml')).toContain('明细');
    } finally {
      tasks.close();
    }
  });
});

const text = (path: string): string => readFileSync(path, 'utf8').replace(/zr\d+-cls-\d+/g, 'zr-cls');

describe('merge on the readers or one file at a time on the main thread', () => {
  it('writes the same files either way (the example year: 10 summaries, summary.json, the long CSV, report.html)', async () => {
    const cwd = tempDir();
    copyFixture('fixtures/example-2021', cwd, 'in');
    const common = { cwd, paths: ['in/returns'], baseline: 'in/baseline-2020.csv' };
    await runMerge({ ...common, out: 'readers' });
    await runMerge({ ...common, out: 'main', parallelUpTo: 0 });
    const names = readdirSync(join(cwd, 'readers')).sort();
    expect(names).toEqual(readdirSync(join(cwd, 'main')).sort());
    expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(10);
    for (const name of names) {
      const [a, b] = ['readers', 'main'].map((d) => join(cwd, d, name));
      if (name.endsWith('.xlsx')) expect(await parts(a!), name).toEqual(await parts(b!));
      // report.html names the folder it was drawn for, and echarts numbers its drawings through the process
      else expect(text(a!).replaceAll('readers', 'main'), name).toBe(text(b!));
    }
  });
});
