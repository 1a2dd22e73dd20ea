// Issue 18 items 4 and 9, as units: which file names tie an unreadable file to a branch (src/core/recognise.ts),
// what the engine does with them (src/engine/check-returns.ts: attributeByFileName, checkDuplicates), the status
// they give (src/core/status.ts), and explained warnings counted as 通过 (src/core/finding.ts, the 来源 note).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchFromFileName } from '../src/core/recognise.js';
import { explainedCount, finding, statusOf, type Finding, type ReturnResult } from '../src/core/finding.js';
import { collectionStatus, statusCounts } from '../src/core/status.js';
import { planMerge } from '../src/core/merge-plan.js';
import { attributeByFileName, checkDuplicates } from '../src/engine/check-returns.js';
import { exclusionReasons, sourceNoteText, type MessageCode } from '../src/messages.js';
import { defaultRegistry } from '../src/registry/default.js';
import { subtree } from '../src/registry/build.js';
import { tempDir } from './helpers.js';

const registry = defaultRegistry();
const inScopeOf = (scope: string) => {
  const codes = new Set(subtree(registry, scope).map((o) => o.code));
  return (code: string) => codes.has(code);
};

describe('branchFromFileName: a registry code followed by that same branch name, in scope and of the run year', () => {
  it.each<[string, string, string, number | null, string | null]>([
    // [why, file, scope, run year, branch]
    ["rc-org's own naming", '2021_220103_宽城区_组织体系建设统计表.xlsx', '220100', 2021, '220103'],
    ['in a sub-folder', 'returns/十二月/2021_220103_宽城区_组织体系建设统计表.xlsx', '220100', 2021, '220103'],
    ['CODE_NAME…', '220103_宽城区报表.xlsx', '220100', 2021, '220103'],
    ['CODE NAME with no separator', '220103宽城区.xlsx', '220100', 2021, '220103'],
    ['CODE-full name', '220103-长春市宽城区红十字会.xlsx', '220100', 2021, '220103'],
    ['full-width underscores (NFKC)', '2021＿220103＿宽城区＿组织体系建设统计表.xlsx', '220100', 2021, '220103'],
    ['no run year known yet: the name’s year is not contradicted', '2020_220103_宽城区_组织体系建设统计表.xlsx', '220100', null, '220103'],
    ['another city, in a province run', '2021_220202_昌邑区_组织体系建设统计表.xlsx', '220000', 2021, '220202'],
    ['a code alone', '220103.xlsx', '220100', 2021, null],
    ['a code with other words', '2021_220103_报表.xlsx', '220100', 2021, null],
    ['a name alone', '宽城区_组织体系建设统计表.xlsx', '220100', 2021, null],
    ['the name before the code', '宽城区_220103.xlsx', '220100', 2021, null],
    ['a code with another branch’s name', '2021_220103_朝阳区_组织体系建设统计表.xlsx', '220100', 2021, null],
    ['a code outside the run’s scope (--under 220100)', '2021_220202_昌邑区_组织体系建设统计表.xlsx', '220100', 2021, null],
    ['another year’s name', '2020_220103_宽城区_组织体系建设统计表.xlsx', '220100', 2021, null],
    ['a code not in the registry', '2021_229999_宽城区_组织体系建设统计表.xlsx', '220100', 2021, null],
    ['a code inside a longer number', '2021_2201031_宽城区.xlsx', '220100', 2021, null],
  ])('%s: %s', (_, file, scope, year, want) => {
    expect(branchFromFileName(file, registry, inScopeOf(scope), year)?.code ?? null).toBe(want);
  });

  it('gives the registry’s name and level', () => {
    expect(branchFromFileName('2021_220103_宽城区_组织体系建设统计表.xlsx', registry, inScopeOf('220000'), 2021)).toEqual({
      code: '220103',
      name: '宽城区',
      level: 'county',
    });
  });
});

const at = (file: string) => ({ file, sheet: null, cell: null, indicator: null });
const failed = (file: string, code: MessageCode, sha256 = `sha-${file}`): ReturnResult => ({
  file,
  sha256,
  kind: 'form',
  org: null,
  year: null,
  figures: null,
  findings: [finding(code, at(file), {})],
});
const readable = (file: string, code: string, sha256 = `sha-${file}`, findings: Finding[] = []): ReturnResult => ({
  file,
  sha256,
  kind: 'form',
  org: { code, name: registry.byCode.get(code)!.name, level: registry.byCode.get(code)!.level },
  year: 2021,
  figures: null,
  findings,
});

describe('attributeByFileName: which unreadable files are tied to a branch', () => {
  const KC = '2021_220103_宽城区_组织体系建设统计表.xlsx';
  it.each<[MessageCode, boolean]>([
    ['file-truncated', true],
    ['file-not-zip', true],
    ['file-empty', true],
    ['file-unreadable', true],
    ['file-zip-encrypted', true],
    ['file-old-format', true],
    ['file-suspicious-zip', true],
    ['file-unsafe-content', true],
    ['file-timeout', true],
    // Said of the clerk's machine or of rc-org, not of what the branch sent: no attribution.
    ['file-no-permission', false],
    ['file-vanished', false],
    ['file-not-regular', false],
    ['file-check-failed', false],
    // Read, but no identity in it: today's behaviour (unattributed) stays.
    ['identity-missing', false],
  ])('%s → attributed: %s', (code, attributed) => {
    const r = failed(KC, code);
    attributeByFileName([r], registry, inScopeOf('220100'), 2021, tempDir());
    expect(r.org?.code ?? null).toBe(attributed ? '220103' : null);
    expect(r.orgFrom ?? null).toBe(attributed ? 'file-name' : null);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual(
      attributed
        ? [
            [code, 'error'],
            ['identity-from-file-name', 'notice'],
          ]
        : [[code, 'error']],
    );
  });

  it('leaves a CSV, and a file with no hash that cannot be hashed, unattributed', () => {
    const csv = failed('2021_220103_宽城区_组织体系建设统计表.csv', 'file-truncated');
    const gone = failed(KC, 'file-truncated', '');
    attributeByFileName([csv, gone], registry, inScopeOf('220100'), 2021, tempDir());
    expect([csv.org, gone.org]).toEqual([null, null]);
  });

  it('a cut-off copy of a readable return (its bytes are the start of it) is that return, not a second version', () => {
    const dir = tempDir();
    const whole = Buffer.from('PK\u0003\u0004 the whole workbook, every byte of it');
    writeFileSync(join(dir, KC), whole.subarray(0, 12));
    writeFileSync(join(dir, '宽城区-重发.xlsx'), whole);
    const cut = failed(KC, 'file-truncated');
    const good = readable('宽城区-重发.xlsx', '220103');
    const returns = [cut, good];
    attributeByFileName(returns, registry, inScopeOf('220100'), 2021, dir);
    checkDuplicates(returns);
    expect(cut.cutOffCopyOf).toBe('宽城区-重发.xlsx');
    expect(cut.findings.map((f) => f.code)).toEqual(['file-truncated', 'identity-from-file-name', 'file-cut-off-copy']);
    expect(good.findings).toEqual([]);
    const cs = collectionStatus(returns, registry, '220100');
    const kc = cs.branches.find((b) => b.code === '220103')!;
    expect(kc).toMatchObject({ status: 'passed', files: [KC, '宽城区-重发.xlsx'].sort(), findings: [] });
    expect(cs.unattributed).toEqual([]);
  });

  it('a damaged file that is not the start of the readable one: two versions, duplicate-org on both, 需重报', () => {
    const dir = tempDir();
    writeFileSync(join(dir, KC), Buffer.from('PK\u0003\u0004 another version, cut'));
    writeFileSync(join(dir, '宽城区-重发.xlsx'), Buffer.from('PK\u0003\u0004 the whole workbook, every byte of it'));
    const cut = failed(KC, 'file-truncated');
    const good = readable('宽城区-重发.xlsx', '220103');
    const returns = [cut, good];
    attributeByFileName(returns, registry, inScopeOf('220100'), 2021, dir);
    checkDuplicates(returns);
    expect(cut.cutOffCopyOf).toBeUndefined();
    expect(cut.findings.map((f) => f.code)).toEqual(['duplicate-org', 'file-truncated', 'identity-from-file-name']);
    expect(good.findings.map((f) => [f.code, f.params.other])).toEqual([['duplicate-org', KC]]);
    const kc = collectionStatus(returns, registry, '220100').branches.find((b) => b.code === '220103')!;
    expect(kc.status).toBe('resubmit');
  });
});

describe('collectionStatus of a file tied by its name', () => {
  it('is 已报送·需重报 with the reason and "按文件名认定"; counts add up to the branches expected', () => {
    const file = '2021_220103_宽城区_组织体系建设统计表.xlsx';
    const r = failed(file, 'file-truncated');
    attributeByFileName([r], registry, inScopeOf('220100'), 2021, tempDir());
    const cs = collectionStatus([r, readable('nanguan.xlsx', '220102')], registry, '220100');
    const kc = cs.branches.find((b) => b.code === '220103')!;
    expect(kc.status).toBe('resubmit');
    expect(kc.files).toEqual([file]);
    expect(kc.findings.map((f) => [f.code, f.severity])).toEqual([
      ['file-truncated', 'error'],
      ['identity-from-file-name', 'notice'],
    ]);
    expect(cs.unattributed).toEqual([]);
    const counts = statusCounts(cs, registry, '220100');
    expect(counts).toMatchObject({ passed: 1, resubmit: 1, missing: subtree(registry, '220100').length - 2 });
    expect(counts.passed + counts.warnings + counts.resubmit + counts['by-summary'] + counts.missing).toBe(counts.expected);
    // merge leaves it out, saying why and how it was tied
    const plan = planMerge([r], registry);
    expect(plan.sources).toEqual([expect.objectContaining({ file, code: '220103', used: false })]);
    expect(exclusionReasons(plan.exclusions[0]!.findings, 'zh').join('；')).toContain('按文件名认定为 220103 宽城区');
    expect(exclusionReasons(plan.exclusions[0]!.findings, 'en').join('; ')).toContain('Attributed to 220103 宽城区 by its file name');
  });
});

describe('explained warnings are counted the same way everywhere (item 9)', () => {
  const w = (explanation?: string): Finding => ({
    ...finding('hours-implausible', { file: 'a.xlsx', sheet: '附件1', cell: 'C18', indicator: null }, {}),
    ...(explanation ? { explanation } : {}),
  });
  it.each<[string, Finding[], 'ok' | 'warning', number]>([
    ['no warnings', [], 'ok', 0],
    ['one explained warning: 通过, 已说明 1', [w('疫情期间核酸检测点服务')], 'ok', 1],
    ['one explained, one not: 有警告', [w('说明'), w()], 'warning', 1],
    ['one unexplained', [w()], 'warning', 0],
  ])('%s', (_, findings, status, explained) => {
    expect(statusOf(findings)).toBe(status);
    expect(explainedCount(findings)).toBe(explained);
    const r = { ...readable('a.xlsx', '220103', 'sha', findings), figures: { annex1: {}, annex2: {} } } as unknown as ReturnResult;
    const note = planMerge([r], registry).sources[0]!.note;
    expect(note).toEqual(status === 'warning' ? { kind: 'with-warnings' } : explained > 0 ? { kind: 'used', explained } : { kind: 'used' });
    const cs = collectionStatus([r], registry, '220103');
    expect(cs.branches[0]!.status).toBe(status === 'ok' ? 'passed' : 'warnings');
  });

  it('the 来源 note says 已说明 N 条 in both languages, and nothing for a clean file', () => {
    expect(sourceNoteText({ kind: 'used', explained: 2 }, 'zh')).toBe('警告已说明 2 条');
    expect(sourceNoteText({ kind: 'used', explained: 1 }, 'en')).toBe('1 warning explained');
    expect(sourceNoteText({ kind: 'used', explained: 3 }, 'en')).toBe('3 warnings explained');
    expect(sourceNoteText({ kind: 'used' }, 'zh')).toBe('');
  });
});
