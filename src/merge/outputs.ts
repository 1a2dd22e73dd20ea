import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INDICATORS, labelOf, type IndicatorKey } from '../catalogue.js';
import type { MergePlan } from '../core/merge-plan.js';
import type { SummaryNode } from '../core/rollup.js';
import type { Registry } from '../registry/types.js';
import { capCell } from '../text-safety.js';

// summary.json and the long-format CSV: plain data, built from the plan and the roll-up. Pure.

export interface SummaryJson {
  year: number;
  baselineYear: number;
  totals: Record<string, {
    name: string;
    level: string;
    annex1: Record<IndicatorKey, number>;
    annex2: Record<IndicatorKey, number>;
    complete: boolean;
    missing: string[];
    incrementBasis: SummaryNode['incrementBasis'];
    withoutBaseline: string[];
    returned: number;
    expected: number;
    excluded: string[];
  }>;
  excluded: { file: string; code: string | null; reasons: string[] }[];
  sources: { file: string; sha256: string; code: string | null; used: boolean }[];
  reconciliations: { summaryFile: string; code: string; agreed: boolean; compared: string[]; differences: MergePlan['reconciliations'][number]['differences'] }[];
}

export function summaryJson(year: number, baselineYear: number, nodes: readonly SummaryNode[], plan: MergePlan): SummaryJson {
  return {
    year,
    baselineYear,
    totals: Object.fromEntries(nodes.map((n) => [n.code, {
      name: n.name,
      level: n.level,
      annex1: n.annex1,
      annex2: n.annex2,
      complete: n.complete,
      missing: n.missing,
      incrementBasis: n.incrementBasis,
      withoutBaseline: n.withoutBaseline,
      returned: n.parts.length,
      expected: n.expected.length,
      excluded: n.excluded.map((e) => e.file),
    }])),
    excluded: plan.exclusions.map((e) => ({ file: e.file, code: e.code, reasons: e.reasons })),
    sources: plan.sources.map((s) => ({ file: s.file, sha256: s.sha256, code: s.code, used: s.used })),
    reconciliations: plan.reconciliations.map((r) => ({ summaryFile: r.summaryFile, code: r.code, agreed: r.differences.length === 0, compared: r.compared, differences: r.differences })),
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;
// What Excel (and LibreOffice, WPS) may run as a formula: = + - @ — ASCII or full width — after any leading
// spaces, or a leading tab, CR or LF.
const FORMULA_START = /^(?:[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;

/** A text that a spreadsheet would run as a formula gets a leading apostrophe; text is capped to one cell. */
export function neutralise(value: string | number | null): string {
  if (value === null) return '';
  const s = capCell(String(value));
  if (typeof value === 'number' || NUMBER.test(s)) return s;
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * One CSV field: quoted when it holds a comma, a quote, CR or LF, or starts or ends with a space (RFC 4180, and
 * what csv-parse reads back exactly). Written by hand because csv-stringify with a custom record delimiter stops
 * quoting embedded line breaks.
 */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^[ \t]|[ \t]$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRecord = (fields: readonly string[], end = '\r\n'): string => fields.map(csvField).join(',') + end;

const LONG_HEADER = ['code', 'name', 'level', 'parent', 'annex', 'indicator', 'label', 'value', 'source'];

/** The long CSV's records, header first: one per branch, annex and indicator, in registry order, neutralised. */
export function* longCsvRecords(registry: Registry, plan: MergePlan): Generator<string[]> {
  yield LONG_HEADER;
  for (const org of registry.orgs) {
    const c = plan.contributions.get(org.code);
    if (!c) continue;
    for (const annex of ['annex1', 'annex2'] as const) {
      for (const ind of INDICATORS) {
        const row = [org.code, org.name, org.level, org.parent ?? '', annex, ind.key, labelOf(ind, annex), c.figures[annex][ind.key], c.via ? `${c.via} → ${c.file}` : c.file];
        yield row.map(neutralise);
      }
    }
  }
}

/** The long CSV as one string: UTF-8 with BOM so Excel opens it cleanly. */
export function longCsv(registry: Registry, plan: MergePlan): string {
  let out = '\ufeff';
  for (const r of longCsvRecords(registry, plan)) out += csvRecord(r);
  return out;
}

/** The same, streamed to a file: at national scale it is close to a million lines. */
export async function writeLongCsv(registry: Registry, plan: MergePlan, path: string): Promise<void> {
  function* lines(): Generator<string> {
    let chunk = '\ufeff';
    for (const r of longCsvRecords(registry, plan)) {
      chunk += csvRecord(r);
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
}
