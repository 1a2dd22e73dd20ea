// What is in a returns folder besides returns (issue 10): rc-org's own outputs, a baseline file, the form saved
// as CSV/ODS, old formats and workbooks exceljs cannot read — with LibreOffice and without it (hidden from
// PATH); summaries counted apart; a branch missing from the baseline named; summary.json the same in any --lang.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

interface FileJson {
  file: string;
  kind: string;
  status: string;
  org: { code: string } | null;
  findings: { code: string; severity: string; message: string }[];
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  copyFixture('fixtures/changchun-2021', dir, 'cc');
});

describe('a folder of mixed files, without LibreOffice', () => {
  let r: {
    files: FileJson[];
    notices: { code: string; message: string; file?: string }[];
    branches: { code: string; status: string }[];
    unattributed: string[];
  };
  let code: number;
  beforeAll(() => {
    const m = join(dir, 'mixed');
    mkdirSync(m);
    copyFileSync(join(dir, 'cc/returns/2021_220113_九台区_组织体系建设统计表.xlsx'), join(m, '九台区.xlsx'));
    copyFileSync(join(dir, 'cc/returns/2021_220106_绿园区_组织体系建设统计表.xls'), join(m, '绿园区.xls'));
    copyFileSync(join(dir, 'cc/returns/2021_220183_德惠市_组织体系建设统计表.ods'), join(m, '德惠市.ods'));
    copyFileSync(join(dir, 'cc/extra/namespace-prefixed-220182.xlsx'), join(m, '榆树市.xlsx'));
    copyFileSync(join(dir, 'cc/baseline-2020.csv'), join(m, 'baseline-2020.csv'));
    writeFileSync(
      join(m, 'summary.json'),
      JSON.stringify({ schema: 2, generator: 'rc-org 0.1.0', year: 2021, baselineYear: 2020, scope: '220100', totals: {} }, null, 2),
    );
    writeFileSync(
      join(m, 'summary-long.csv'),
      '\ufeffcode,name,level,parent,annex,indicator,label,value,source\r\n220113,九台区,county,220100,annex1,volunteers,红十字会注册志愿者数,10,x.xlsx\r\n',
    );
    writeFileSync(join(m, 'report.html'), '<!doctype html><html><head><meta name="generator" content="rc-org 0.2.0"></head><body></body></html>');
    const empty = tempDir('rc-org-no-soffice-');
    const run = spawnCli(['validate', 'mixed', '--baseline', 'cc/extra/baseline-2020-without-jiutai.csv', '--under', '220100', '--json'], {
      cwd: dir,
      env: { PATH: empty },
      timeoutMs: 120_000,
    });
    code = run.code;
    r = JSON.parse(run.stdout);
  }, 200_000);

  const file = (name: string): FileJson => r.files.find((f) => f.file === `mixed/${name}`)!;

  it("skips rc-org's own outputs, by content, with a notice", () => {
    const own = r.notices
      .filter((n) => n.code === 'own-output-skipped')
      .map((n) => n.file)
      .sort();
    expect(own).toEqual(['mixed/report.html', 'mixed/summary-long.csv', 'mixed/summary.json']);
    expect(r.files.map((f) => f.file)).not.toContain('mixed/summary-long.csv');
  });

  it('recognises the baseline file in the returns folder and says to pass it with --baseline', () => {
    const n = r.notices.find((x) => x.code === 'baseline-in-returns')!;
    expect(n.file).toBe('mixed/baseline-2020.csv');
    expect(n.message).toContain('--baseline mixed/baseline-2020.csv');
    expect(r.files.map((f) => f.file)).not.toContain('mixed/baseline-2020.csv');
  });

  it('baseline-missing: a warning naming the branch; its 附件2 only checked for form', () => {
    const f = file('九台区.xlsx');
    expect(f.findings.map((x) => [x.code, x.severity])).toEqual([['baseline-missing', 'warning']]);
    expect(f.findings[0]!.message).toContain('220113 九台区');
    expect(r.branches.find((b) => b.code === '220113')!.status).toBe('warnings');
  });

  it('.xls without LibreOffice: the clear error, and how to install it', () => {
    const f = file('绿园区.xls');
    expect(f.findings.map((x) => x.code)).toEqual(['file-old-format']);
    expect(f.findings[0]!.message).toContain('另存为不带密码的 .xlsx');
    expect(f.findings[0]!.message).toContain('apt-get install libreoffice-calc');
    expect(r.unattributed).toContain('mixed/绿园区.xls');
  });

  it('.ods without LibreOffice: recognised as the issued form (form-exported), tied to its branch', () => {
    const f = file('德惠市.ods');
    expect(f.findings.map((x) => x.code)).toEqual(['form-exported']);
    expect(f.org?.code).toBe('220183');
    expect(f.findings[0]!.message).toContain('ODS');
    expect(f.findings[0]!.message).toContain('.xlsx');
    expect(r.branches.find((b) => b.code === '220183')!.status).toBe('resubmit');
  });

  it('an .xlsx exceljs cannot read: no library text shown, what to do instead', () => {
    const f = file('榆树市.xlsx');
    expect(f.findings.map((x) => x.code)).toEqual(['file-unreadable']);
    expect(f.findings[0]!.message).not.toMatch(/Cannot read|undefined|Invalid|Error/);
    expect(f.findings[0]!.message).toContain('另存为 .xlsx');
    expect(code).toBe(1);
  });
});

describe('with LibreOffice', () => {
  it('an .xlsx exceljs cannot read (namespace-prefixed XML) is converted and checked, with a notice', () => {
    const run = spawnCli(['validate', 'cc/extra/namespace-prefixed-220182.xlsx', '--under', '220100', '--json'], { cwd: dir, timeoutMs: 120_000 });
    const r = JSON.parse(run.stdout);
    expect(run.code).toBe(0);
    expect(r.files[0].org.code).toBe('220182');
    expect(r.files[0].findings.map((f: { code: string }) => f.code)).toEqual(['converted-by-libreoffice']);
    expect(r.branches.find((b: { code: string }) => b.code === '220182').status).toBe('passed');
  }, 120_000);
});

describe('--out inside the returns folder; summary.json the same in any language', () => {
  let zh: ReturnType<typeof spawnCli>;
  let en: ReturnType<typeof spawnCli>;
  let again: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    const r = join(dir, 'r');
    mkdirSync(r);
    for (const f of ['2021_220102_南关区_组织体系建设统计表.xlsx', '2021_220104_朝阳区_组织体系建设统计表.xlsx'])
      copyFileSync(join(dir, 'cc/returns', f), join(r, f));
    en = spawnCli(['merge', 'r', '--under', '220100', '--out', 'en-out', '--lang', 'en'], { cwd: dir, timeoutMs: 120_000 });
    zh = spawnCli(['merge', 'r', '--under', '220100', '--out', 'r/out'], { cwd: dir, timeoutMs: 120_000 });
    again = spawnCli(['validate', 'r', '--under', '220100', '--json'], { cwd: dir, timeoutMs: 120_000 });
  }, 300_000);

  it('summary.json is byte-identical with --lang zh and --lang en (a file left out for errors, branches missing)', () => {
    expect([zh.code, en.code]).toEqual([1, 1]);
    const a = readFileSync(join(dir, 'r/out/summary.json'));
    const b = readFileSync(join(dir, 'en-out/summary.json'));
    expect(a.equals(b)).toBe(true);
    const j = JSON.parse(a.toString('utf8'));
    expect(j.excluded.map((e: { code: string }) => e.code)).toEqual(['220104']);
    expect(j.excluded[0].findings[0]).toMatchObject({ code: 'value-not-number', cell: 'C13', params: { found: '十二' } });
    expect(j.totals['220100'].statuses).toEqual({ passed: 1, warnings: 0, resubmit: 1, 'by-summary': 0, missing: 10 });
  });

  it('--lang en: the console speaks English', () => {
    expect(en.stdout).toContain('Missing (10)');
  });

  it('a later validate of the folder counts the summary apart, not as a return', () => {
    const r = JSON.parse(again.stdout);
    expect(r.summary).toMatchObject({ files: 2, summaries: 1 });
    const s = r.files.find((f: FileJson) => f.kind === 'summary');
    expect(s.file).toBe('r/out/2021_220100_长春市_汇总.xlsx');
    expect(
      r.notices
        .filter((n: { code: string }) => n.code === 'own-output-skipped')
        .map((n: { file: string }) => n.file)
        .sort(),
    ).toEqual(['r/out/report.html', 'r/out/summary-long.csv', 'r/out/summary.json']);
    // the branches are counted from their own returns: the summary adds nothing
    expect(r.statuses).toMatchObject({ passed: 1, resubmit: 1, 'by-summary': 0, missing: 10, expected: 12 });
  });
});
