// Unit tests of the per-branch collection status (docs/domain.md §7): one status per expected branch, counted per
// branch, adding up to the branches expected at every level; and the summary.json fields built from it.

import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/catalogue.js';
import { finding, type CarriedStatus, type Finding, type ReturnResult } from '../src/core/finding.js';
import { planMerge } from '../src/core/merge-plan.js';
import { rollup } from '../src/core/rollup.js';
import { BRANCH_STATUSES, collectionStatus, statusCounts, type BranchStatus } from '../src/core/status.js';
import { SUMMARY_SCHEMA, summaryJson } from '../src/merge/outputs.js';
import { registryOf } from './merge-support.js';
import { checkDuplicates } from '../src/engine/check-returns.js';

const registry = registryOf([
  { code: 'P', name: '测试省', level: 'province', parent: null },
  { code: 'C', name: '甲市', level: 'city', parent: 'P' },
  { code: 'K1', name: '一区', level: 'county', parent: 'C' },
  { code: 'K2', name: '二区', level: 'county', parent: 'C' },
  { code: 'K3', name: '三区', level: 'county', parent: 'C' },
  { code: 'D', name: '乙市', level: 'city', parent: 'P' },
  { code: 'L1', name: '一县', level: 'county', parent: 'D' },
  { code: 'L2', name: '二县', level: 'county', parent: 'D' },
]);

const figures = (n: number) => {
  const f = { annex1: emptyFigures(), annex2: emptyFigures() };
  f.annex1.adultMembers = n;
  f.annex2.adultMembers = 1;
  return f;
};
const where = (file: string) => ({ file, sheet: '附件1', cell: 'C14', indicator: null });
const err = (file: string): Finding => finding('value-not-number', where(file), { label: 'x', found: 'y' });
const warn = (file: string, explanation?: string): Finding => ({ ...finding('hours-implausible', where(file), {}), ...(explanation ? { explanation } : {}) });

function form(code: string, file: string, findings: Finding[] = [], withFigures = true): ReturnResult {
  const org = registry.byCode.get(code)!;
  return {
    file,
    sha256: `sha-${file}`,
    kind: 'form',
    org: { code, name: org.name, level: org.level },
    year: 2021,
    findings,
    figures: withFigures ? figures(10) : null,
  };
}
function summary(code: string, file: string, parts: string[], statuses?: CarriedStatus[], findings: Finding[] = []): ReturnResult {
  const org = registry.byCode.get(code)!;
  return {
    file,
    sha256: `sha-${file}`,
    kind: 'summary',
    org: { code, name: org.name, level: org.level },
    year: 2021,
    findings,
    figures: null,
    parts: parts.map((c) => ({ code: c, figures: figures(5), file: `${c}.xlsx` })),
    ...(statuses ? { statuses } : {}),
  };
}
const stray = (file: string): ReturnResult => ({
  file,
  sha256: `sha-${file}`,
  kind: 'form',
  org: null,
  year: null,
  findings: [finding('identity-missing', { file, sheet: null, cell: null, indicator: null })],
  figures: null,
});

const statusesOf = (returns: ReturnResult[], scope = 'P'): Record<string, BranchStatus> =>
  Object.fromEntries(collectionStatus(returns, registry, scope).branches.map((b) => [b.code, b.status]));

describe('collectionStatus', () => {
  it.each<[string, ReturnResult[], Record<string, BranchStatus>]>([
    ['nothing received', [], { P: 'missing', C: 'missing', K1: 'missing', K2: 'missing', K3: 'missing', D: 'missing', L1: 'missing', L2: 'missing' }],
    ['a clean return passes', [form('K1', 'k1.xlsx')], { K1: 'passed', K2: 'missing' }],
    ['an unexplained warning', [form('K1', 'k1.xlsx', [warn('k1.xlsx')])], { K1: 'warnings' }],
    ['an explained warning still passes', [form('K1', 'k1.xlsx', [warn('k1.xlsx', '新建了三支队伍')])], { K1: 'passed' }],
    ['errors mean resubmit', [form('K1', 'k1.xlsx', [err('k1.xlsx')])], { K1: 'resubmit' }],
    ['an unreadable file tied to a branch', [form('K1', 'k1.xlsx', [err('k1.xlsx')], false)], { K1: 'resubmit' }],
    [
      'two files for one branch count once, as resubmit',
      [form('K2', 'a.xlsx', [finding('duplicate-org', where('a.xlsx'), {})]), form('K2', 'b.xlsx', [finding('duplicate-org', where('b.xlsx'), {})])],
      { K2: 'resubmit' },
    ],
    [
      'a summary covers its parts',
      [summary('C', 'c-sum.xlsx', ['C', 'K1', 'K2'])],
      { C: 'by-summary', K1: 'by-summary', K2: 'by-summary', K3: 'missing', D: 'missing' },
    ],
    ['an own clean return beats the summary', [summary('C', 'c-sum.xlsx', ['C', 'K1']), form('K1', 'k1.xlsx')], { C: 'by-summary', K1: 'passed' }],
    [
      'an own bad return with a summary covering it: the summary figures are used',
      [summary('C', 'c-sum.xlsx', ['C', 'K1']), form('K1', 'k1.xlsx', [err('k1.xlsx')])],
      { K1: 'by-summary' },
    ],
    [
      'carried statuses travel up: warnings and resubmit stay, passed becomes by-summary',
      [
        summary(
          'C',
          'c-sum.xlsx',
          ['C', 'K1', 'K2'],
          [
            { code: 'C', status: 'passed', files: ['c.xlsx'], findings: [] },
            { code: 'K1', status: 'warnings', files: ['k1.xlsx'], findings: [warn('k1.xlsx')] },
            { code: 'K2', status: 'passed', files: ['k2.xlsx'], findings: [] },
            { code: 'K3', status: 'resubmit', files: ['k3.xls'], findings: [err('k3.xls')] },
          ],
        ),
      ],
      { C: 'by-summary', K1: 'warnings', K2: 'by-summary', K3: 'resubmit' },
    ],
    [
      'a summary with errors: its own branch is resubmit, the rest missing',
      [summary('C', 'c-sum.xlsx', ['C', 'K1'], undefined, [finding('summary-mismatch', where('c-sum.xlsx'), {})])],
      { C: 'resubmit', K1: 'missing' },
    ],
  ])('%s', (_, returns, want) => {
    const got = statusesOf(returns);
    for (const [code, status] of Object.entries(want)) expect(got[code], code).toBe(status);
  });

  it('lists every expected branch once, in tree order, whatever the order of the inputs', () => {
    const returns = [form('L1', 'l1.xlsx'), form('K1', 'k1.xlsx', [warn('k1.xlsx')]), form('P', 'p.xlsx')];
    const a = collectionStatus(returns, registry, 'P');
    const b = collectionStatus([...returns].reverse(), registry, 'P');
    expect(a).toEqual(b);
    expect(a.branches.map((x) => x.code)).toEqual(['P', 'C', 'K1', 'K2', 'K3', 'D', 'L1', 'L2']);
    expect(a.scope).toBe('P');
  });

  it('carries the files and the reasons: errors for resubmit, open warnings for warnings, none for passed', () => {
    const e = err('k1.xlsx');
    const w = warn('k2.xlsx');
    const cs = collectionStatus(
      [form('K1', 'k1.xlsx', [e, warn('k1.xlsx')]), form('K2', 'k2.xlsx', [w, warn('k2.xlsx', '属实')]), form('K3', 'k3.xlsx')],
      registry,
      'C',
    );
    const by = new Map(cs.branches.map((b) => [b.code, b]));
    expect(by.get('K1')).toEqual({ code: 'K1', status: 'resubmit', files: ['k1.xlsx'], via: null, findings: [e] });
    expect(by.get('K2')).toEqual({ code: 'K2', status: 'warnings', files: ['k2.xlsx'], via: null, findings: [w] });
    expect(by.get('K3')).toEqual({ code: 'K3', status: 'passed', files: ['k3.xlsx'], via: null, findings: [] });
    expect(by.get('C')).toEqual({ code: 'C', status: 'missing', files: [], via: null, findings: [] });
  });

  it('identical copies of one file are one return (passed); checkDuplicates marks the copy, not an error', () => {
    const a = { ...form('K1', 'a/k1.xlsx'), sha256: 'same' };
    const b = { ...form('K1', 'b/k1.xlsx'), sha256: 'same' };
    checkDuplicates([a, b]);
    expect(a.findings).toEqual([]);
    expect(b.findings.map((f) => [f.code, f.severity])).toEqual([['duplicate-copy', 'notice']]);
    const cs = collectionStatus([a, b], registry, 'C');
    expect(cs.branches.find((x) => x.code === 'K1')).toMatchObject({ status: 'passed', files: ['a/k1.xlsx', 'b/k1.xlsx'] });
  });

  it('a by-summary branch names the summary as its file and via', () => {
    const cs = collectionStatus([summary('C', 'c-sum.xlsx', ['K1'])], registry, 'P');
    expect(cs.branches.find((b) => b.code === 'K1')).toEqual({ code: 'K1', status: 'by-summary', files: ['c-sum.xlsx'], via: 'c-sum.xlsx', findings: [] });
  });

  it('lists files tied to no branch apart, not against a branch', () => {
    const cs = collectionStatus([stray('x.xlsx'), form('K1', 'k1.xlsx')], registry, 'P');
    expect(cs.unattributed).toEqual([{ file: 'x.xlsx', sha256: 'sha-x.xlsx', findings: [stray('x.xlsx').findings[0]] }]);
    expect(statusCounts(cs, registry, 'P')).toEqual({ passed: 1, warnings: 0, resubmit: 0, 'by-summary': 0, missing: 7, expected: 8 });
  });

  it('with a scope, only that subtree is expected; branches outside it are not counted', () => {
    const cs = collectionStatus([form('K1', 'k1.xlsx'), form('L1', 'l1.xlsx')], registry, 'C');
    expect(cs.branches.map((b) => b.code)).toEqual(['C', 'K1', 'K2', 'K3']);
    expect(statusCounts(cs, registry, 'C')).toEqual({ passed: 1, warnings: 0, resubmit: 0, 'by-summary': 0, missing: 3, expected: 4 });
  });
});

describe('statusCounts', () => {
  const returns = [
    form('P', 'p.xlsx'),
    form('K1', 'k1.xlsx', [warn('k1.xlsx')]),
    form('K2', 'a.xlsx', [err('a.xlsx')]),
    form('K2', 'b.xlsx', [err('b.xlsx')]),
    summary('D', 'd-sum.xlsx', ['D', 'L1']),
    stray('x.xlsx'),
  ];
  const cs = collectionStatus(returns, registry, 'P');
  it.each<[string, Record<BranchStatus, number>]>([
    ['P', { passed: 1, warnings: 1, resubmit: 1, 'by-summary': 2, missing: 3 }],
    ['C', { passed: 0, warnings: 1, resubmit: 1, 'by-summary': 0, missing: 2 }],
    ['D', { passed: 0, warnings: 0, resubmit: 0, 'by-summary': 2, missing: 1 }],
    ['K1', { passed: 0, warnings: 1, resubmit: 0, 'by-summary': 0, missing: 0 }],
  ])('%s: counts per branch that add up to the branches expected', (code, want) => {
    const got = statusCounts(cs, registry, code);
    expect(got).toEqual({ ...want, expected: Object.values(want).reduce((a, b) => a + b, 0) });
    expect(BRANCH_STATUSES.reduce((a, k) => a + got[k], 0)).toBe(got.expected);
  });
});

describe('summary.json (schema 2)', () => {
  const returns = [form('K1', 'k1.xlsx', [warn('k1.xlsx')]), form('K2', 'k2.xlsx', [err('k2.xlsx')]), form('C', 'c.xlsx'), stray('x.xlsx')];
  const baseline = new Map([['K1', { ...emptyFigures(), adultMembers: 7 }]]);
  // The plan takes no language (it holds findings as data); the run's language is kept here all the same, so the
  // check below stays a check that no language reaches summary.json.
  const build = (_lang: 'zh' | 'en') => {
    const plan = planMerge(returns, registry);
    const nodes = rollup(registry, plan.contributions, plan.exclusions, baseline, 'C');
    return summaryJson(2021, 2020, nodes, plan, { status: collectionStatus(returns, registry, 'C'), registry, baseline });
  };
  const j = build('zh');

  it('carries schema, generator, scope and per-branch entries in tree order', () => {
    expect(j.schema).toBe(SUMMARY_SCHEMA);
    expect(j.schema).toBe(2);
    expect(j.generator).toMatch(/^rc-org \d+\.\d+\.\d+/);
    expect(j.scope).toBe('C');
    expect(Object.keys(j.totals)).toEqual(['C']);
    expect(j.branches.map((b) => [b.code, b.status])).toEqual([
      ['C', 'passed'],
      ['K1', 'warnings'],
      ['K2', 'resubmit'],
      ['K3', 'missing'],
    ]);
    const k1 = j.branches.find((b) => b.code === 'K1')!;
    expect(k1).toMatchObject({ name: '一区', level: 'county', parent: 'C', files: ['k1.xlsx'], via: null });
    expect(k1.figures!.annex1.adultMembers).toBe(10);
    expect(k1.baseline!.adultMembers).toBe(7);
    expect(k1.findings.map((f) => f.code)).toEqual(['hours-implausible']);
    const k2 = j.branches.find((b) => b.code === 'K2')!;
    expect(k2.figures).toBeNull();
    expect(k2.baseline).toBeNull();
    expect(k2.findings[0]).toMatchObject({ code: 'value-not-number', severity: 'error', file: 'k2.xlsx', sheet: '附件1', cell: 'C14' });
    expect(j.unattributed.map((u) => u.file)).toEqual(['x.xlsx']);
  });

  it('totals carry statuses that add up to expected', () => {
    expect(j.totals['C']!.statuses).toEqual({ passed: 1, warnings: 1, resubmit: 1, 'by-summary': 0, missing: 1 });
    expect(Object.values(j.totals['C']!.statuses).reduce((a, b) => a + b, 0)).toBe(j.totals['C']!.expected);
  });

  it('is the same whatever the language of the run', () => {
    expect(JSON.stringify(build('en'))).toBe(JSON.stringify(j));
    expect(j.excluded.find((e) => e.code === 'K2')!.findings.map((f) => f.code)).toEqual(['value-not-number']);
  });
});
