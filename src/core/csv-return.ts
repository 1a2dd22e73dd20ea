import { ANNEXES, INDICATORS, type Figures } from '../catalogue.js';
import { findColumn, type PlainTable } from './plain.js';
import type { Registry } from '../registry/types.js';
import { checkEntries, type Entry } from './check.js';
import { codeColumnNames, columnHint, columnName, columnRef, yearColumnNames, type ColumnRef } from './columns.js';
import { finding, type ReturnResult } from './finding.js';
import { columnLetter } from './locate.js';
import { readText } from './values.js';

// A CSV return: one row per branch, a code column, a column per 附件1/附件2 row. Findings point at line and column. Pure.

export const CSV_SHEET = 'CSV';

export function checkCsvReturn(
  file: string,
  sha256: string,
  table: PlainTable,
  ctx: { registry: Registry; baseline: ReadonlyMap<string, Figures> | null; baselineYear: number },
): ReturnResult[] {
  const fileWhere = { file, sheet: CSV_SHEET, cell: null, indicator: null };
  const codeCol = findColumn(table.header, codeColumnNames());
  const yearCol = findColumn(table.header, yearColumnNames());
  const refs = new Map<number, ColumnRef>();
  table.header.forEach((h, i) => {
    const ref = columnRef(h, null);
    if (ref) refs.set(i, ref);
  });
  const missingCols = ANNEXES.flatMap((annex) =>
    INDICATORS.filter((ind) => ![...refs.values()].some((r) => r.annex === annex && r.key === ind.key)).map((ind) => ({ annex, ind })),
  );
  const fail = (f: ReturnResult['findings']): ReturnResult[] => [{ file, sha256, kind: 'csv', org: null, year: null, findings: f, figures: null }];
  if (codeCol < 0) return fail([finding('csv-missing-column', fileWhere, { column: columnHint(codeColumnNames()) })]);
  if (missingCols.length === INDICATORS.length * 2) return fail([finding('csv-missing-column', fileWhere, { column: `${columnName('annex1', 1)} … ${columnName('annex2', INDICATORS.length)}` })]);

  const results: ReturnResult[] = [];
  for (const row of table.rows) {
    const code = row.cells[codeCol] ?? '';
    const where = { file, sheet: CSV_SHEET, cell: `${columnLetter(codeCol + 1)}${row.line}`, indicator: null };
    const org = ctx.registry.byCode.get(code);
    const yearText = yearCol >= 0 ? (row.cells[yearCol] ?? '') : '';
    const result: ReturnResult = {
      file,
      sha256,
      kind: 'csv',
      org: org ? { code: org.code, name: org.name, level: org.level } : null,
      year: /^\d{4}$/.test(yearText) ? Number(yearText) : null,
      findings: missingCols.map(({ annex, ind }) =>
        finding('csv-missing-column', { ...fileWhere, indicator: ind.key }, { column: columnName(annex, ind.no) }),
      ),
      figures: null,
    };
    results.push(result);
    if (!org) {
      result.findings.push(finding('identity-unknown', where, { code, name: '' }));
      continue;
    }
    const entries: Entry[] = [...refs.entries()].map(([col, ref]) => ({
      annex: ref.annex,
      key: ref.key,
      sheet: CSV_SHEET,
      cell: `${columnLetter(col + 1)}${row.line}`,
      reading: readText(row.cells[col] ?? ''),
      note: '',
    }));
    // A CSV cell is always text: "stored as text" says nothing there, only the other loose ways do.
    for (const e of entries) {
      if (e.reading.kind !== 'number' || !e.reading.loose) continue;
      const how = e.reading.loose.how.filter((h) => h !== 'text');
      if (how.length === 0) delete e.reading.loose;
      else e.reading.loose = { ...e.reading.loose, how };
    }
    const missing = new Set(missingCols.map(({ annex, ind }) => `${annex}.${ind.key}`));
    const checked = checkEntries(entries, { file, level: org.level, baseline: ctx.baseline?.get(org.code) ?? null, baselineYear: ctx.baselineYear }, missing);
    result.findings.push(...checked.findings);
    result.figures = checked.figures;
    result.cells = {
      annex1: Object.fromEntries(entries.filter((e) => e.annex === 'annex1').map((e) => [e.key, `${CSV_SHEET}!${e.cell}`])),
      annex2: Object.fromEntries(entries.filter((e) => e.annex === 'annex2').map((e) => [e.key, `${CSV_SHEET}!${e.cell}`])),
    };
  }
  return results;
}
