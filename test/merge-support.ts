// Shared by the merge tests (not a test file itself). Everything here reads and writes workbooks and CSV
// directly — exceljs cells, a plain CSV splitter — never through rc-org's own reader, so that the tests'
// expectations are computed independently of the code under test.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ReturnResult } from '../src/core/finding.js';
import { planMerge, type MergePlan } from '../src/core/merge-plan.js';
import { rollup, type SummaryNode } from '../src/core/rollup.js';
import { collectionStatus } from '../src/core/status.js';
import { summarySpecOf, type SummaryWorkbookSpec } from '../src/merge/summary-workbook.js';
import { INDICATORS, labelOf } from '../src/catalogue.js';
import { LONG_CSV_HEADER } from '../src/core/summary-layout.js';
import { csvOptions } from '../src/io/table.js';
import { neutralise } from '../src/text-safety.js';
import { buildRegistry } from '../src/registry/build.js';
import type { Registry } from '../src/registry/types.js';
import type { Level } from '../src/catalogue.js';

/** A registry row as a test writes it: no line number, and a root's parent is null. */
export interface TestOrgRow {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
}

/** The registry of rows, numbered from line 2 as under a CSV header; a registry with problems stops the test. */
export function registryOf(rows: readonly TestOrgRow[]): Registry {
  const built = buildRegistry(
    rows.map((r, i) => ({ line: i + 2, code: r.code, name: r.name, level: r.level, parent: r.parent ?? '' })),
    'test',
  );
  if ('problems' in built) throw new Error(JSON.stringify(built.problems));
  return built.registry;
}

/** The summary nodes of a merge of `returns` under `scope` (no baseline; 2021 against 2020, in Chinese), and each one's workbook spec. */
export function summarySpecs(
  registry: Registry,
  returns: ReturnResult[],
  scope: string,
): { nodes: SummaryNode[]; specOf: (node: SummaryNode) => SummaryWorkbookSpec } {
  const plan = planMerge(returns, registry);
  const nodes = rollup(registry, plan.contributions, plan.exclusions, null, scope);
  const status = collectionStatus(returns, registry, scope);
  const run = { registry, plan, status, year: 2021, baselineYear: 2020, scope, lang: 'zh' as const, signKey: null };
  return { nodes, specOf: (node) => summarySpecOf(node, run) };
}

/**
 * The long CSV's records, header first: one per branch, annex and indicator, in registry order, neutralised — built
 * record by record, the plain way, as the reference writeLongCsv (which quotes shared fields once) is held to.
 */
export function* longCsvRecords(registry: Registry, plan: MergePlan): Generator<string[]> {
  yield [...LONG_CSV_HEADER];
  for (const org of registry.orgs) {
    const c = plan.contributions.get(org.code);
    if (!c) continue;
    for (const annex of ['annex1', 'annex2'] as const) {
      for (const ind of INDICATORS) {
        const row = [
          org.code,
          org.name,
          org.level,
          org.parent ?? '',
          annex,
          ind.key,
          labelOf(ind, annex),
          c.figures[annex][ind.key] ?? null,
          c.via ? `${c.via} → ${c.file}` : c.file,
        ];
        yield row.map(neutralise);
      }
    }
  }
}

/**
 * The long CSV as one string, from those records and the options rc-org writes every CSV with (csv-stringify's own
 * quoting, not an independent expectation like the rest of this file).
 */
export function longCsv(registry: Registry, plan: MergePlan): string {
  return '\ufeff' + stringify([...longCsvRecords(registry, plan)], csvOptions());
}

/** The 14 rows of both annexes, in form order (docs/domain.md §2), written out here rather than imported. */
export const KEYS = [
  'countyReformed',
  'cityElectionDue',
  'countyElectionDue',
  'cityPartyGroup',
  'countyPartyGroup',
  'citySupervisory',
  'countySupervisory',
  'grassrootsOrgs',
  'groupMembers',
  'adultMembers',
  'youthMembers',
  'volunteers',
  'volunteerOrgs',
  'serviceHours',
] as const;
export type Key = (typeof KEYS)[number];
/** 附件2 rows 2 and 3 (completed elections) are entered by the branch; every other row is 附件1 − baseline. */
export const ENTERED_ROWS: readonly number[] = [2, 3];

/** Item N of an annex sits on row 4 + N, value in column C. */
export const itemRowOf = (n: number): number => 4 + n;

export type Row14 = (number | null)[];

export interface FormCells {
  file: string;
  code: string;
  name: string;
  level: string;
  parent: string;
  kind: string;
  /** Index 0..13 = item 1..14; null where the cell holds no number (the "—" of a not-applicable row). */
  annex1: Row14;
  annex2: Row14;
}

const num = (v: ExcelJS.CellValue): number | null => {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return null;
};

function annexCells(ws: ExcelJS.Worksheet | undefined): Row14 {
  if (!ws) throw new Error('annex sheet missing');
  return KEYS.map((_, i) => num(ws.getCell(itemRowOf(i + 1), 3).value));
}

/** Read a workbook (form or summary) written by rc-org: the hidden identity sheet and C5:C18 of 附件1/附件2. */
export async function readWorkbookCells(file: string): Promise<FormCells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const id = new Map<string, string>();
  wb.getWorksheet('rcorg_identity')?.eachRow((row, n) => {
    if (n > 1) id.set(row.getCell(1).text.trim(), row.getCell(2).text.trim());
  });
  return {
    file,
    code: id.get('code') ?? '',
    name: id.get('name') ?? '',
    level: id.get('level') ?? '',
    parent: id.get('parent') ?? '',
    kind: id.get('kind') ?? '',
    annex1: annexCells(wb.getWorksheet('附件1')),
    annex2: annexCells(wb.getWorksheet('附件2')),
  };
}

/** A deliberately simple CSV splitter (the baseline has no quoted fields): BOM stripped, one row per line. */
export function simpleCsv(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
}

/** Baseline CSV (code column first, then the 14 附件1 rows in order) → code → 14 numbers or null. */
export function readBaselineCsv(file: string): Map<string, Row14> {
  const [header, ...rows] = simpleCsv(readFileSync(file, 'utf8'));
  if (!header || header.length < 16) throw new Error(`unexpected baseline header: ${header?.join(',')}`);
  return new Map(rows.map((r) => [r[0]!, KEYS.map((_, i) => (r[2 + i] === '' || r[2 + i] === undefined ? null : Number(r[2 + i])))]));
}

/** Every file under `dir` (recursively) → its SHA-256. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out['.'] = createHash('sha256').update(readFileSync(dir)).digest('hex');
  return out;
}

/** The summary workbook of branch `code` in a merge output folder (YEAR_CODE_NAME_汇总.xlsx). */
export function summaryPath(outDir: string, code: string): string {
  const hit = readdirSync(outDir).filter((n) => n.endsWith('_汇总.xlsx') && n.split('_')[1] === code);
  if (hit.length !== 1) throw new Error(`expected one summary for ${code} in ${outDir}, found ${hit.join(', ') || 'none'}`);
  return join(outDir, hit[0]!);
}

/** A registry CSV with the English headers --orgs accepts. */
export function writeRegistryCsv(file: string, rows: readonly { code: string; name: string; level: string; parent: string | null }[]): void {
  writeFileSync(file, ['code,name,level,parent', ...rows.map((r) => `${r.code},${r.name},${r.level},${r.parent ?? ''}`)].join('\n') + '\n');
}

/** A baseline CSV keyed by indicator key (one of the column spellings rc-org accepts). */
export function writeBaselineCsv(file: string, rows: readonly { code: string; values: Row14 }[]): void {
  writeFileSync(
    file,
    ['code,' + KEYS.join(','), ...rows.map((r) => `${r.code},${r.values.map((v) => (v === null ? '' : String(v))).join(',')}`)].join('\n') + '\n',
  );
}

export interface SummaryJsonTotals {
  name: string;
  level: string;
  annex1: Record<Key, number>;
  annex2: Record<Key, number>;
  complete: boolean;
  missing: string[];
  incrementBasis: string;
  withoutBaseline: string[];
  returned: number;
  expected: number;
  excluded: string[];
}

export interface SummaryJsonShape {
  year: number;
  baselineYear: number;
  totals: Record<string, SummaryJsonTotals>;
  excluded: { file: string; code: string | null; reasons: string[] }[];
  sources: { file: string; sha256: string; code: string | null; used: boolean }[];
  reconciliations: {
    summaryFile: string;
    code: string;
    agreed: boolean;
    compared: string[];
    differences: { code: string; annex: 'annex1' | 'annex2'; key: Key; inSummary: number | null; inFile: number | null; file: string }[];
  }[];
}

/** Round like a person comparing sums of halves and hundredths would: to 1e-6. */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Province P; cities C1..Cn with counties; special units; counties directly under the province. */
export function rowsOf(shape: { counties: number[]; specials: number; direct: number }): TestOrgRow[] {
  const rows: TestOrgRow[] = [{ code: 'P', name: '测试省', level: 'province', parent: null }];
  shape.counties.forEach((n, i) => {
    rows.push({ code: `C${i + 1}`, name: `市${i + 1}`, level: 'city', parent: 'P' });
    for (let j = 1; j <= n; j++) rows.push({ code: `C${i + 1}K${j}`, name: `市${i + 1}县${j}`, level: 'county', parent: `C${i + 1}` });
  });
  for (let i = 1; i <= shape.specials; i++) rows.push({ code: `S${i}`, name: `特殊${i}`, level: 'special', parent: 'P' });
  for (let i = 1; i <= shape.direct; i++) rows.push({ code: `D${i}`, name: `直管县${i}`, level: 'county', parent: 'P' });
  return rows;
}
