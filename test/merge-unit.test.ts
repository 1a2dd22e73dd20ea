// Unit tests of the merge outputs: neutralise() (what keeps summary-long.csv from running as formulas in
// Excel), longCsv() and summaryJson() on a tiny plan made by hand.

import { describe, expect, it } from 'vitest';
import { INDICATORS, emptyFigures } from '../src/catalogue.js';
import type { ReturnFigures, ReturnResult } from '../src/core/finding.js';
import { planMerge } from '../src/core/merge-plan.js';
import { rollup } from '../src/core/rollup.js';
import { summaryJson } from '../src/merge/outputs.js';
import { neutralise } from '../src/text-safety.js';
import { collectionStatus } from '../src/core/status.js';
import { longCsv, registryOf, simpleCsv } from './merge-support.js';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
    ['+', "'+"],
  ])('prefixes a formula-looking text %j with an apostrophe', (input, want) => {
    expect(neutralise(input)).toBe(want);
  });

  it.each([
    [-5, '-5'],
    [12.5, '12.5'],
    [0, '0'],
    [-0.25, '-0.25'],
    [2337536.5, '2337536.5'],
  ])('keeps the number %s as a number', (input, want) => {
    expect(neutralise(input)).toBe(want);
  });

  it.each([['-5'], ['12.5'], ['-12.5'], ['0'], ['220100']])('keeps the numeric text %j as it is', (input) => {
    expect(neutralise(input)).toBe(input);
  });

  it('leaves ordinary text alone and writes null as an empty cell', () => {
    expect(neutralise('长春市南关区红十字会')).toBe('长春市南关区红十字会');
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise('returns/南关区.xlsx')).toBe('returns/南关区.xlsx');
    expect(neutralise(null)).toBe('');
  });
});

describe('longCsv and summaryJson on a small plan', () => {
  const registry = registryOf([
    { code: 'P', name: '测试省', level: 'province', parent: null },
    { code: 'C', name: '+甲市', level: 'city', parent: 'P' },
    { code: 'K', name: '=1+1县', level: 'county', parent: 'C' },
    { code: 'L', name: '@乙县', level: 'county', parent: 'C' },
  ]);
  const figures = (a1: number, a2: number): ReturnFigures => {
    const f = { annex1: emptyFigures(), annex2: emptyFigures() };
    f.annex1.adultMembers = a1;
    f.annex2.adultMembers = a2;
    f.annex1.serviceHours = 12.5;
    f.annex2.serviceHours = -0.5;
    return f;
  };
  const ret = (code: string, file: string, a1: number, a2: number): ReturnResult => {
    const org = registry.byCode.get(code)!;
    return { file, sha256: `sha-${code}`, kind: 'form', org: { code, name: org.name, level: org.level }, year: 2021, findings: [], figures: figures(a1, a2) };
  };
  const returns = [ret('K', '=cmd|K.xlsx', 100, -5), ret('C', 'c.xlsx', 10, 1), ret('P', 'p.xlsx', 1, 0)];
  const plan = planMerge(returns, registry);
  const nodes = rollup(registry, plan.contributions, plan.exclusions, null);

  it('starts with a BOM, uses CRLF, one row per returned branch × annex × row, in registry order', () => {
    const csv = longCsv(registry, plan);
    expect(csv.startsWith('\ufeffcode,name,level,parent,annex,indicator,label,value,source\r\n')).toBe(true);
    const [, ...rows] = simpleCsv(csv);
    expect(rows).toHaveLength(3 * 2 * INDICATORS.length);
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['P', 'C', 'K']);
  });

  it('neutralises every text field that would run as a formula, and only those', () => {
    const [, ...rows] = simpleCsv(longCsv(registry, plan));
    const k = rows.filter((r) => r[0] === 'K');
    for (const r of k) {
      expect(r[1]).toBe("'=1+1县");
      expect(r[8]).toBe("'=cmd|K.xlsx");
    }
    expect(rows.filter((r) => r[0] === 'C').every((r) => r[1] === "'+甲市")).toBe(true);
    const value = (code: string, annex: string, key: string): string | undefined => rows.find((r) => r[0] === code && r[4] === annex && r[5] === key)?.[7];
    expect(value('K', 'annex2', 'adultMembers')).toBe('-5');
    expect(value('K', 'annex1', 'serviceHours')).toBe('12.5');
    expect(value('K', 'annex2', 'serviceHours')).toBe('-0.5');
    expect(value('K', 'annex1', 'countyReformed')).toBe('');
    for (const r of rows) for (const cell of r) expect(/^[=+@\t\r]/.test(cell), cell).toBe(false);
  });

  it('summaryJson: totals per summary branch, the missing county, no reconciliations', () => {
    const j = summaryJson(2021, 2020, nodes, plan, { status: collectionStatus(returns, registry, 'P'), registry, baseline: null });
    expect(Object.keys(j.totals)).toEqual(['P', 'C']);
    expect(j.totals['C']!.annex1.adultMembers).toBe(110);
    expect(j.totals['C']!.annex2.adultMembers).toBe(-4);
    expect(j.totals['C']!.annex2.serviceHours).toBe(-1);
    expect(j.totals['P']!.annex1.adultMembers).toBe(111);
    expect(j.totals['C']!.missing).toEqual(['L']);
    expect(j.totals['C']!.complete).toBe(false);
    expect(j.totals['P']!.missing).toEqual(['L']);
    expect(j.excluded).toEqual([]);
    expect(j.reconciliations).toEqual([]);
  });
});
