// End to end on 长春市's 2021 returns as a city clerk receives them (fixtures/changchun-2021, issue 10): one
// status per branch, counted per branch, the counts adding up to 应报 in stdout, summary.json, the 报送情况
// sheet and `validate --json`; the same with --under 220100; two-stage to the province with the statuses and
// warnings carried up; a PDF of the province's sheets readable. Expectations are written out here.

import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, libreOfficeConvert, spawnCli, tempDir } from './helpers.js';

const STATUSES = ['passed', 'warnings', 'resubmit', 'by-summary', 'missing'] as const;
type Status = (typeof STATUSES)[number];
const WORDS: Record<Status, string> = {
  passed: '已报送·通过',
  warnings: '已报送·有警告',
  resubmit: '已报送·需重报',
  'by-summary': '由汇总表代报',
  missing: '未报送',
};

/** 长春市 and its 11 counties, and what each sent (fixtures/changchun-2021/README.md). */
const CHANGCHUN: Record<string, Status> = {
  '220100': 'passed', // filled in LibreOffice
  '220102': 'passed', // openpyxl
  '220103': 'warnings', // 600 hours per volunteer, not explained
  '220104': 'resubmit', // 团体会员数 written "十二"
  '220105': 'passed', // renamed 二道区报表（最终版）.xlsx
  '220106': 'passed', // saved as .xls, converted by LibreOffice
  '220112': 'resubmit', // the form saved as CSV
  '220113': 'passed',
  '220122': 'passed', // a warning, explained in 说明
  '220182': 'missing',
  '220183': 'passed', // saved as .ods, converted
  '220184': 'resubmit', // two versions
};
const countsOf = (want: Record<string, Status>): Record<Status, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, Object.values(want).filter((x) => x === s).length])) as Record<Status, number>;
const CC_COUNTS = countsOf(CHANGCHUN);

interface StatusSheet {
  counts: Map<string, number>;
  rows: Map<string, { status: string; files: string; reasons: string }>;
}
async function readStatusSheet(file: string): Promise<StatusSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('报送情况')!;
  const counts = new Map<string, number>();
  const rows = new Map<string, { status: string; files: string; reasons: string }>();
  ws.eachRow((row) => {
    const a = row.getCell(1).text;
    const d = row.getCell(4).value;
    if (typeof d === 'number') counts.set(a, d);
    if (/^\d{6}$/.test(a)) rows.set(a, { status: row.getCell(4).text, files: row.getCell(5).text, reasons: row.getCell(6).text });
  });
  return { counts, rows };
}
async function sourceFiles(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.getWorksheet('来源')!.eachRow((row, n) => n > 1 && out.push(row.getCell(1).text));
  return out;
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  copyFixture('fixtures/changchun-2021', dir, 'cc');
});

describe('长春市 as the city clerk runs it (--under 220100)', () => {
  let merged: ReturnType<typeof spawnCli>;
  let validated: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    merged = spawnCli(['merge', 'cc/returns', '--under', '220100', '--baseline', 'cc/baseline-2020.csv', '--out', 'city'], { cwd: dir, timeoutMs: 180_000 });
    validated = spawnCli(['validate', 'cc/returns', '--baseline', 'cc/baseline-2020.csv', '--json'], { cwd: dir, timeoutMs: 180_000 });
  }, 400_000);

  it('merge: summary.json has one status per branch of the city, counts adding up to 应报', () => {
    expect(merged.code, merged.stderr).toBe(1); // files left out for errors
    const j = JSON.parse(readFileSync(join(dir, 'city', 'summary.json'), 'utf8'));
    expect(j.schema).toBe(2);
    expect(j.scope).toBe('220100');
    expect(Object.keys(j.totals)).toEqual(['220100']);
    expect(Object.fromEntries(j.branches.map((b: { code: string; status: string }) => [b.code, b.status]))).toEqual(CHANGCHUN);
    expect(j.totals['220100'].statuses).toEqual(CC_COUNTS);
    expect(j.totals['220100'].expected).toBe(12);
    const dup = j.branches.find((b: { code: string }) => b.code === '220184');
    expect(dup.files).toEqual(['cc/returns/2021_220184_公主岭市_组织体系建设统计表.xlsx', 'cc/returns/公主岭市-修改后.xlsx']);
    expect(dup.findings.map((f: { code: string }) => f.code)).toEqual(['duplicate-org', 'duplicate-org']);
    const csv = j.branches.find((b: { code: string }) => b.code === '220112');
    expect(csv.findings.map((f: { code: string }) => f.code)).toEqual(['form-exported']);
    expect(j.unattributed).toEqual([]);
  });

  it('merge: stdout is titled for the city and counts per branch', () => {
    expect(merged.stdout).toContain('长春市红十字会 2021 年汇总（未报齐）');
    expect(merged.stdout).not.toContain('吉林省');
    const line = merged.stdout.split('\n').find((l) => l.includes('220100') && l.includes('长春市') && /│\s+12\s+│/.test(l))!;
    const cells = line
      .split('│')
      .map((c) => c.trim())
      .filter(Boolean);
    expect(cells.slice(2, 8).map(Number)).toEqual([12, ...STATUSES.map((s) => CC_COUNTS[s])]);
    expect(merged.stdout).toContain('未报送（1）：220182 榆树市');
    expect(readdirSync(join(dir, 'city')).sort()).toEqual(['2021_220100_长春市_汇总.xlsx', 'report.html', 'summary-long.csv', 'summary.json']);
  });

  it('merge: the 报送情况 sheet has the same statuses and counts; 来源 lists every input file', async () => {
    const book = join(dir, 'city', '2021_220100_长春市_汇总.xlsx');
    const sheet = await readStatusSheet(book);
    expect(sheet.counts.get('应报单位')).toBe(12);
    for (const s of STATUSES) expect(sheet.counts.get(WORDS[s]), s).toBe(CC_COUNTS[s]);
    expect(Object.fromEntries([...sheet.rows].map(([c, r]) => [c, r.status]))).toEqual(
      Object.fromEntries(Object.entries(CHANGCHUN).map(([c, s]) => [c, WORDS[s]])),
    );
    expect(sheet.rows.get('220104')!.reasons).toContain('附件1!C13');
    expect(sheet.rows.get('220103')!.reasons).toContain('志愿服务总时长');
    const inputs = readdirSync(join(dir, 'cc', 'returns'))
      .map((f) => `cc/returns/${f}`)
      .sort();
    expect((await sourceFiles(book)).sort()).toEqual(inputs);
  });

  it('validate --json (whole registry): the same status for each 长春市 branch; counts add up to 应报', () => {
    expect(validated.code).toBe(1);
    const r = JSON.parse(validated.stdout);
    expect(r.scope).toBe('220000');
    const cc = Object.fromEntries(
      r.branches.filter((b: { code: string }) => b.code in CHANGCHUN).map((b: { code: string; status: string }) => [b.code, b.status]),
    );
    expect(cc).toEqual(CHANGCHUN);
    expect(r.statuses.expected).toBe(r.branches.length);
    expect(STATUSES.reduce((a, s) => a + r.statuses[s], 0)).toBe(r.statuses.expected);
    expect(r.statuses.missing).toBe(r.branches.length - 11); // 11 of 长春市's 12 sent something
    expect(r.missing).toContain('220182');
    const notices = (f: { file: string; findings: { code: string }[] }): string[] => f.findings.map((x) => x.code);
    const byFile = new Map(r.files.map((f: { file: string }) => [f.file, f]));
    expect(notices(byFile.get('cc/returns/2021_220106_绿园区_组织体系建设统计表.xls') as never)).toContain('converted-from-xls');
    expect(notices(byFile.get('cc/returns/2021_220183_德惠市_组织体系建设统计表.ods') as never)).toContain('converted-from-ods');
  });
});

// (validate without --under is above: 长春市's branches get the same statuses inside the whole registry.)
describe('validate --under 220100, then two-stage to the province', () => {
  let underValidate: ReturnType<typeof spawnCli>;
  let province: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    underValidate = spawnCli(['validate', 'cc/returns', '--baseline', 'cc/baseline-2020.csv', '--under', '220100', '--json'], { cwd: dir, timeoutMs: 180_000 });
    // The city's whole output folder (written above) goes up, with one county's own file beside it (reconciled
    // against the summary).
    copyFileSync(join(dir, 'cc/returns/2021_220102_南关区_组织体系建设统计表.xlsx'), join(dir, 'nanguan.xlsx'));
    province = spawnCli(['merge', 'city', 'nanguan.xlsx', '--out', 'province'], { cwd: dir, timeoutMs: 180_000 });
  }, 600_000);

  it('validate --under 220100 --json: 12 branches, the same statuses', () => {
    const r = JSON.parse(underValidate.stdout);
    expect(r.scope).toBe('220100');
    expect(Object.fromEntries(r.branches.map((b: { code: string; status: string }) => [b.code, b.status]))).toEqual(CHANGCHUN);
    expect({ ...r.statuses, expected: undefined }).toEqual({ ...CC_COUNTS, expected: undefined });
    expect(r.statuses.expected).toBe(12);
    expect(r.missing).toEqual(['220182']);
  });

  it('the province sees the county statuses carried up through the city summary, and reconciles', async () => {
    expect(province.code, province.stderr).toBe(0);
    expect(province.stdout).toContain('吉林省红十字会 2021 年汇总（未报齐）');
    const j = JSON.parse(readFileSync(join(dir, 'province', 'summary.json'), 'utf8'));
    const got = Object.fromEntries(
      j.branches.filter((b: { code: string }) => b.code in CHANGCHUN).map((b: { code: string; status: string }) => [b.code, b.status]),
    );
    const want: Record<string, Status> = Object.fromEntries(Object.entries(CHANGCHUN).map(([c, s]) => [c, s === 'passed' ? 'by-summary' : s]));
    want['220102'] = 'passed'; // its own file was given too
    expect(got).toEqual(want);
    const kuancheng = j.branches.find((b: { code: string }) => b.code === '220103');
    expect(kuancheng.via).toBe('city/2021_220100_长春市_汇总.xlsx');
    expect(kuancheng.findings.map((f: { code: string }) => f.code)).toEqual(['hours-implausible', 'increment-jump']);
    expect(j.totals['220100'].statuses).toEqual(countsOf(want));
    const root = j.totals['220000'];
    expect(STATUSES.reduce((a: number, s) => a + root.statuses[s], 0)).toBe(root.expected);
    expect(root.statuses.missing).toBe(root.expected - 11);
    expect(j.reconciliations).toEqual([expect.objectContaining({ code: '220100', agreed: true, compared: ['220102'] })]);
    // the city's summary.json and summary-long.csv are recognised and skipped, not read as returns
    expect(province.stdout).toContain('已跳过 city/summary.json：这是 rc-org 自己生成的汇总数据');
    expect(province.stdout).toContain('已跳过 city/summary-long.csv：这是 rc-org 自己生成的长表');
    const sheet = await readStatusSheet(join(dir, 'province', '2021_220000_吉林省_汇总.xlsx'));
    expect(sheet.rows.get('220103')).toMatchObject({ status: '已报送·有警告' });
    expect(sheet.rows.get('220103')!.reasons).toContain('志愿服务总时长');
    expect(sheet.rows.get('220104')).toMatchObject({ status: '已报送·需重报' });
    expect(sheet.counts.get('应报单位')).toBe(j.totals['220000'].expected);
  });

  it('a LibreOffice PDF of the province summary: every branch name is there, every page readable (the median word at least 6 pt high)', () => {
    const book = join(dir, 'province', '2021_220000_吉林省_汇总.xlsx');
    const [pdf] = libreOfficeConvert([book], 'pdf', tempDir());
    const text = execFileSync('pdftotext', ['-layout', pdf!, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const j = JSON.parse(readFileSync(join(dir, 'province', 'summary.json'), 'utf8'));
    for (const b of j.branches as { name: string }[]) expect(text, b.name).toContain(b.name);
    expect(text).not.toContain('是=1 否=0'); // summed, the yes/no rows count branches: their unit is 个 (issue 18)
    expect(text).toContain('已报送·有警告');
    // Body text is 10–11 pt; 明细 is fitted one page wide (issue 18), and its words must still stand 6 pt high.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf!, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = bbox.split('<page ').slice(1);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      const heights = [...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
      if (heights.length === 0) continue;
      const median = heights[Math.floor(heights.length / 2)]!;
      expect(median, `page ${i + 1}`).toBeGreaterThanOrEqual(6);
    }
  });
});
