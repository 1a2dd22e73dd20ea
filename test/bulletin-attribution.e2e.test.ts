// Issue 18 items 4 and 9 end to end: 长春市's returns (the .xlsx of fixtures/changchun-2021) with 宽城区's form cut
// off in transfer (fixtures/validate/damaged-rc-org-named) and, from another city, 昌邑区's cut off too. Run as the
// city clerk (--under 220100): 宽城区 is 已报送·需重报 "按文件名认定" in validate, merge (summary.json, 报送情况,
// 来源) and feedback; 昌邑区's file is outside the run and stays unattributed; the counts add up to 12. 农安县's
// explained warning is counted as 通过 (已说明 1 条) in the file table, the totals, the status line and 来源.

import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, spawnCli, tempDir } from './helpers.js';

const KC = 'returns/2021_220103_宽城区_组织体系建设统计表.xlsx';
const CY = 'returns/2021_220202_昌邑区_组织体系建设统计表.xlsx';
const NA = 'returns/2021_220122_农安县_组织体系建设统计表.xlsx';
/** What each of 长春市's 12 branches sent here, and the status it gets. */
const WANT: Record<string, string> = {
  '220100': 'passed',
  '220102': 'passed',
  '220103': 'resubmit', // cut off in transfer, tied by its name
  '220104': 'resubmit', // 团体会员数 "十二"
  '220105': 'passed',
  '220106': 'missing',
  '220112': 'missing',
  '220113': 'passed',
  '220122': 'passed', // its one warning is explained
  '220182': 'missing',
  '220183': 'missing',
  '220184': 'resubmit', // two versions
};
const COUNTS = { passed: 5, warnings: 0, resubmit: 3, 'by-summary': 0, missing: 4 };

interface FindingJson {
  code: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  message: string;
}
interface ValidateJson {
  files: { file: string; org: { code: string } | null; orgFrom?: string; status: string; explained: number; findings: FindingJson[] }[];
  summary: Record<string, number>;
  statuses: Record<string, number>;
  branches: { code: string; status: string; files: string[]; explained: number }[];
  unattributed: string[];
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  mkdirSync(join(dir, 'returns'));
  const cc = fixturePath('fixtures/changchun-2021/returns');
  for (const f of readdirSync(cc).filter((f) => f.endsWith('.xlsx') && !f.includes('宽城区'))) copyFileSync(join(cc, f), join(dir, 'returns', f));
  const cut = fixturePath('fixtures/validate/damaged-rc-org-named/2021_220103_宽城区_组织体系建设统计表.xlsx');
  copyFileSync(cut, join(dir, KC));
  copyFileSync(cut, join(dir, CY)); // the same damage under another city's code and name
});

describe('validate --under 220100', () => {
  let json: ValidateJson;
  let code: number;
  let text: string;
  beforeAll(() => {
    const r = spawnCli(['validate', 'returns', '--under', '220100', '--json'], { cwd: dir, timeoutMs: 120_000 });
    code = r.code;
    json = JSON.parse(r.stdout) as ValidateJson;
    text = spawnCli(['validate', 'returns', '--under', '220100'], { cwd: dir, timeoutMs: 120_000 }).stdout;
  }, 300_000);

  it('the cut-off file is 宽城区’s, to resubmit, with file-truncated and the note "按文件名认定"', () => {
    expect(code).toBe(1);
    const f = json.files.find((x) => x.file === KC)!;
    expect([f.org?.code, f.orgFrom, f.status]).toEqual(['220103', 'file-name', 'error']);
    expect(f.findings.map((x) => [x.code, x.severity, x.sheet, x.cell])).toEqual([
      ['file-truncated', 'error', null, null],
      ['identity-from-file-name', 'notice', null, null],
    ]);
    expect(f.findings[1]!.message).toContain('按文件名认定为 220103 宽城区');
    expect(json.branches.find((b) => b.code === '220103')).toMatchObject({ status: 'resubmit', files: [KC] });
  });

  it('another city’s cut-off file is outside the run: unattributed, counted against no branch', () => {
    const f = json.files.find((x) => x.file === CY)!;
    expect([f.org, f.orgFrom]).toEqual([null, undefined]);
    expect(f.findings.map((x) => x.code)).toEqual(['file-truncated']);
    expect(json.unattributed).toEqual([CY]);
  });

  it('one status per branch, adding up to the 12 expected', () => {
    expect(Object.fromEntries(json.branches.map((b) => [b.code, b.status]))).toEqual(WANT);
    expect(json.statuses).toEqual({ ...COUNTS, expected: 12 });
  });

  it('农安县’s explained warning: 通过 with 已说明 1 in its file, the totals, its branch and the printed table and lines', () => {
    const f = json.files.find((x) => x.file === NA)!;
    expect([f.status, f.explained]).toEqual(['ok', 1]);
    expect(f.findings.filter((x) => x.severity === 'warning').map((x) => x.code)).toEqual(['election-completed-above-due']);
    expect(json.summary).toMatchObject({ files: 10, ok: 5, warnings: 0, errors: 5, explained: 1 });
    expect(json.branches.find((b) => b.code === '220122')).toMatchObject({ status: 'passed', explained: 1 });
    const row = text.split('\n').find((l) => l.includes(NA))!;
    expect(row.split('│').map((c) => c.trim())).toEqual(['', NA, '220122 农安县', '✓', '0', '0（已说明 1 条）', '']);
    expect(text).toContain('共 10 份：通过 5（其中 1 份的警告均已说明），有警告 0，有错误 5');
    expect(text).toContain('已报送·通过 5（其中 1 个单位的警告均已说明），已报送·有警告 0，已报送·需重报 3');
    expect(text.split('\n').find((l) => l.includes(KC) && l.includes('│'))).toContain('220103 宽城区（按文件名认定）');
  });
});

describe('merge --under 220100', () => {
  let code: number;
  let stdout: string;
  beforeAll(() => {
    ({ code, stdout } = spawnCli(['merge', 'returns', '--under', '220100', '--out', 'city'], { cwd: dir, timeoutMs: 180_000 }));
  }, 300_000);

  it('stdout lists 宽城区 among 需重报, tied by its file name', () => {
    expect(stdout).toContain(`220103 宽城区（按文件名认定）：${KC}`);
    expect(stdout).toContain('220104 朝阳区：returns/2021_220104_朝阳区_组织体系建设统计表.xlsx');
  });

  it('summary.json: 宽城区 resubmit by its file name, left out with that reason; counts add up; 昌邑区’s file unattributed', () => {
    expect(code).toBe(1);
    const j = JSON.parse(readFileSync(join(dir, 'city', 'summary.json'), 'utf8'));
    expect(Object.fromEntries(j.branches.map((b: { code: string; status: string }) => [b.code, b.status]))).toEqual(WANT);
    expect(j.totals['220100'].statuses).toEqual(COUNTS);
    expect(j.totals['220100'].expected).toBe(12);
    const kc = j.branches.find((b: { code: string }) => b.code === '220103');
    expect(kc.files).toEqual([KC]);
    expect(kc.findings.map((f: FindingJson) => [f.code, f.severity])).toEqual([
      ['file-truncated', 'error'],
      ['identity-from-file-name', 'notice'],
    ]);
    const excluded = j.excluded.find((e: { file: string }) => e.file === KC);
    expect(excluded.code).toBe('220103');
    expect(excluded.reasons.join('；')).toContain('按文件名认定为 220103 宽城区');
    expect(j.unattributed.map((u: { file: string }) => u.file)).toEqual([CY]);
  });

  it('报送情况 says 已报送·需重报 with "按文件名认定"; 来源 ties the file to 220103 and says 农安县’s warning is explained', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'city', '2021_220100_长春市_汇总.xlsx'));
    const rows = new Map<string, string[]>();
    wb.getWorksheet('报送情况')!.eachRow((row) => {
      const a = row.getCell(1).text;
      if (/^\d{6}$/.test(a))
        rows.set(
          a,
          [4, 5, 6].map((c) => row.getCell(c).text),
        );
    });
    const [status, files, reasons] = rows.get('220103')!;
    expect([status, files]).toEqual(['已报送·需重报', KC]);
    expect(reasons).toContain('文件不完整');
    expect(reasons).toContain('按文件名认定');
    const sources = new Map<string, string[]>();
    wb.getWorksheet('来源')!.eachRow((row, n) => {
      if (n > 1)
        sources.set(
          row.getCell(1).text,
          [3, 4, 5].map((c) => row.getCell(c).text),
        );
    });
    const [kcCode, kcUsed, kcNote] = sources.get(KC)!;
    expect([kcCode, kcUsed]).toEqual(['220103', '否']);
    expect(kcNote).toContain('按文件名认定为 220103 宽城区');
    expect(sources.get(NA)).toEqual(['220122', '是', '警告已说明 1 条']);
  });
});

describe('feedback --under 220100', () => {
  it('宽城区 is 需重报 and asked to send its file again, not chased as 未报送', () => {
    const r = spawnCli(['feedback', 'returns', '--under', '220100', '--out', 'fb', '--json'], { cwd: dir, timeoutMs: 180_000 });
    const j = JSON.parse(r.stdout);
    const kc = j.branches.find((b: { code: string }) => b.code === '220103');
    expect([kc.status, kc.action, kc.files]).toEqual(['resubmit', 'resend-file', [KC]]);
    expect(j.totals).toMatchObject({ ...COUNTS, expected: 12 });
  }, 300_000);
});

// The lead's scenario (fixtures/bulletin-2021): its 宽城区 file is cut off the same way.
describe('fixtures/bulletin-2021: validate as 长春市 (--under 220100) and as the province', () => {
  const SCENARIO: Record<string, string> = {
    '220100': 'passed',
    '220102': 'warnings', // unexplained decrease
    '220103': 'resubmit', // damaged, tied by its name
    '220104': 'resubmit', // one cell to correct
    '220105': 'passed',
    '220106': 'passed',
    '220112': 'passed',
    '220113': 'passed',
    '220122': 'passed', // explained decrease
    '220182': 'missing',
    '220183': 'passed',
    '220184': 'resubmit', // two versions
  };
  let b: string;
  beforeAll(() => {
    b = tempDir();
    copyFileSync(fixturePath('fixtures/bulletin-2021/baseline-2020.csv'), join(b, 'baseline-2020.csv'));
    mkdirSync(join(b, 'returns'));
    const from = fixturePath('fixtures/bulletin-2021/returns');
    for (const f of readdirSync(from)) copyFileSync(join(from, f), join(b, 'returns', f));
  });

  it.each([
    ['--under 220100', ['--under', '220100'], 12],
    ['the province', [], 71],
  ])(
    '%s: 宽城区 is 已报送·需重报 by its file name; 农安县 通过 with 已说明 1; counts add up',
    (_, extra, expected) => {
      const r = spawnCli(['validate', 'returns', '--baseline', 'baseline-2020.csv', '--json', ...extra], { cwd: b, timeoutMs: 120_000 });
      expect(r.code).toBe(1);
      const j = JSON.parse(r.stdout) as ValidateJson;
      const kc = j.files.find((f) => f.file === KC)!;
      expect([kc.org?.code, kc.orgFrom, kc.findings.map((f) => [f.code, f.severity])]).toEqual([
        '220103',
        'file-name',
        [
          ['file-truncated', 'error'],
          ['identity-from-file-name', 'notice'],
        ],
      ]);
      expect(Object.fromEntries(j.branches.filter((x) => x.code.startsWith('2201')).map((x) => [x.code, x.status]))).toEqual(SCENARIO);
      expect(j.files.find((f) => f.file === NA)).toMatchObject({ status: 'ok', explained: 1 });
      expect(j.unattributed).toEqual([]);
      const { expected: total, ...counts } = j.statuses;
      expect(total).toBe(expected);
      expect(Object.values(counts).reduce((a, n) => a + n, 0)).toBe(expected);
      expect(counts).toEqual({ passed: 7, warnings: 1, resubmit: 3, 'by-summary': 0, missing: expected - 11 });
    },
    200_000,
  );
});
