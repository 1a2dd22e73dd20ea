import { INDICATORS, emptyFigures, indicatorOf, type Figures } from '../catalogue.js';
import { findColumn, type PlainTable } from './plain.js';
import type { MessageCode, Params } from './finding-codes.js';
import type { Registry } from '../registry/types.js';
import { codeColumnNames, columnRef } from './columns.js';
import { readText, VALUE_CEILING } from './values.js';

// The baseline year's 附件1 figures, one row per branch, checked like a registry: clear messages with line. Pure.

export interface BaselineProblem {
  code: MessageCode;
  line: number | null;
  params: Params;
}

export function parseBaselineTable(table: PlainTable, registry: Registry): { figures: Map<string, Figures> } | { problems: BaselineProblem[] } {
  const problems: BaselineProblem[] = [];
  const codeCol = findColumn(table.header, codeColumnNames());
  if (codeCol < 0) problems.push({ code: 'baseline-missing-column', line: table.headerLine, params: { column: '代码 / code' } });
  const cols = new Map<number, (typeof INDICATORS)[number]['key']>();
  table.header.forEach((h, i) => {
    const ref = columnRef(h, 'annex1');
    if (ref?.annex === 'annex1') cols.set(i, ref.key);
  });
  for (const ind of INDICATORS) {
    if (![...cols.values()].includes(ind.key))
      problems.push({ code: 'baseline-missing-column', line: table.headerLine, params: { column: `${ind.no} ${ind.annex1}` } });
  }
  if (problems.length > 0) return { problems };

  const figures = new Map<string, Figures>();
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const code = (row.cells[codeCol] ?? '').trim();
    if (!registry.byCode.has(code)) {
      problems.push({ code: 'baseline-unknown-code', line: row.line, params: { code } });
      continue;
    }
    const seen = firstLine.get(code);
    if (seen !== undefined) {
      problems.push({ code: 'baseline-duplicate-code', line: row.line, params: { code, other: seen } });
      continue;
    }
    firstLine.set(code, row.line);
    const f = emptyFigures();
    for (const [col, key] of cols) {
      const r = readText(row.cells[col] ?? '');
      // Beyond the ceiling is no figure at all (values.ts): said as a bad number, never summed.
      if (r.kind === 'number' && Math.abs(r.value) <= VALUE_CEILING[indicatorOf(key).kind]) f[key] = r.value;
      else if (r.kind !== 'blank')
        problems.push({ code: 'baseline-bad-number', line: row.line, params: { column: table.header[col] ?? key, found: (row.cells[col] ?? '').trim() } });
    }
    figures.set(code, f);
  }
  return problems.length > 0 ? { problems } : { figures };
}
