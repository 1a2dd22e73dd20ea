// A second survey, a whole year-end, no code change (issue 20): fixtures/survey-2022/organisation-2022.json is a
// made-up 2022 form that differs from Jilin 2021 in every dimension the format covers — 16 rows (one renamed with
// `previous`, one dropped, three new, one of them a yes/no at a new level 乡镇/街道), other sheet keys, names, titles
// and headers, a new rule, a new goal. Its branches fill the issued forms in openpyxl; validate finds the planted
// errors at their cells; feedback sends them back and the fixed forms pass; a city clerk merges her city, the province
// merges that summary with the rest, with the 2021 example year's summary.json as the baseline; the bulletin shows
// the new goal.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, spawnCli, tempDir } from './helpers.js';

const PY = '/usr/bin/python3';
const SURVEY = 'organisation-2022.json';
const ORGS = 'orgs-2022.csv';
const S22 = ['--survey', SURVEY, '--orgs', ORGS];

interface Definition {
  indicators: { key: string; no: number; levels: string[]; entry: string; previous?: string | null; kind: string }[];
}
const def = JSON.parse(readFileSync(join(repoRoot, 'fixtures/survey-2022', SURVEY), 'utf8')) as Definition;
const rowOf = (key: string): number => def.indicators.find((i) => i.key === key)!.no + 4;

/** What a branch has this year where it had nothing last year (a yes/no row: 1). */
const FRESH: Record<string, number> = {
  cityElectionDue: 1,
  countyElectionDue: 1,
  cityPartyGroup: 1,
  countyPartyGroup: 1,
  citySupervisory: 1,
  countySupervisory: 1,
  townshipBranch: 1,
  grassrootsOrgs: 120,
  groupMembers: 40,
  adultMembers: 9000,
  youthMembers: 20000,
  volunteers: 800,
  volunteerTeams: 6,
  serviceHours: 12000,
  aedPoints: 3,
  firstAidTrained: 60,
};
/** Entered increases: elections completed (entered rows), and the rows new this year (no baseline to derive from). */
const ENTERED: Record<string, number> = { cityElectionDue: 1, countyElectionDue: 1, townshipBranch: 1, aedPoints: 2, firstAidTrained: 25 };

interface Org {
  code: string;
  name: string;
  level: string;
}
const LEVEL_OF: Record<string, string> = { 省: 'province', 市: 'city', 区: 'county', 县: 'county', 街道: 'township' };
const ORG_LIST: Org[] = readFileSync(join(repoRoot, 'fixtures/survey-2022', ORGS), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map(([code, name, level]) => ({ code: code!, name: name!, level: LEVEL_OF[level!]! }));

/** The planted errors: branch → cells typed wrong → the finding validate must give at that cell. */
const PLANTED = {
  '220102': { edits: { 附表一: { [`C${rowOf('firstAidTrained')}`]: 0 } }, finding: ['aed-without-training', 'warning', '附表一', `C${rowOf('firstAidTrained')}`] },
  '220102001': { edits: { 附表一: { [`C${rowOf('townshipBranch')}`]: 2 } }, finding: ['flag-out-of-range', 'error', '附表一', `C${rowOf('townshipBranch')}`] },
  // volunteerTeams was volunteerOrgs in 2021: its increase is checked against last year's figure through `previous`.
  '220103': { edits: { 附表二: { [`C${rowOf('volunteerTeams')}`]: 99 } }, finding: ['increment-mismatch', 'error', '附表二', `C${rowOf('volunteerTeams')}`] },
} as const;

let dir: string;
/** The 2021 example year's own figures per branch (its summary.json), by 2021 keys. */
let base2021: Map<string, Record<string, number | null>>;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not be run: ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
const setCells = (from: string, to: string, edits: Record<string, Record<string, number | string | null>>): void =>
  void run(PY, [join(repoRoot, 'test/data/openpyxl-fix.py'), from, to, JSON.stringify(edits)]);
const cli = (args: string[]) => spawnCli(args, { cwd: dir });

/** A row's figure last year, through `previous` (null: a new row, or a branch new this year). */
function lastYear(org: Org, key: string): number | null {
  const ind = def.indicators.find((i) => i.key === key)!;
  const previous = ind.previous === undefined ? ind.key : ind.previous;
  return previous === null ? null : (base2021.get(org.code)?.[previous] ?? null);
}

/** This year's figure: a modest rise on last year's (no decrease, no jump to warn about), or FRESH. */
function currentOf(org: Org, key: string): number {
  const ind = def.indicators.find((i) => i.key === key)!;
  const last = lastYear(org, key);
  if (last === null || ind.kind === 'flag') return FRESH[key]!;
  return ind.kind === 'hours' ? Math.round(last * 11) / 10 + 1 : Math.round(last * 1.1) + 1;
}

/** A branch's whole, correct return: this year's figures, and increases against 2021 through `previous`. */
function correctCells(org: Org): Record<string, Record<string, number>> {
  const now: Record<string, number> = {};
  const gain: Record<string, number> = {};
  for (const ind of def.indicators) {
    if (!ind.levels.includes(org.level)) continue;
    const cell = `C${ind.no + 4}`;
    now[cell] = currentOf(org, ind.key);
    const last = lastYear(org, ind.key);
    gain[cell] = ind.entry === 'entered' || last === null ? (ENTERED[ind.key] ?? 0) : Math.round((now[cell] - last) * 10) / 10;
  }
  return { 附表一: now, 附表二: gain };
}

interface Validated {
  files: { file: string; org: { code: string } | null; findings: { code: string; severity: string; sheet: string | null; cell: string | null }[] }[];
  notices: { code: string; message: string }[];
}
const problems = (v: Validated) =>
  v.files.flatMap((f) => f.findings.filter((x) => x.severity !== 'notice').map((x) => [f.org?.code, x.code, x.severity, x.sheet, x.cell]));

beforeAll(() => {
  dir = tempDir('rc-org-2022-');
  for (const f of [SURVEY, ORGS, 'organisation-2022.xlsx']) copyFileSync(join(repoRoot, 'fixtures/survey-2022', f), join(dir, f));
  cpSync(join(repoRoot, 'fixtures/example-2021'), join(dir, 'example-2021'), { recursive: true });
  // Last year, with the built-in Jilin 2021 survey: the summary that is this year's baseline.
  const y2021 = cli(['merge', 'example-2021/returns', '--baseline', 'example-2021/baseline-2020.csv', '--out', 'y2021']);
  expect(y2021.code, y2021.stderr).toBe(0);
  const summary = JSON.parse(readFileSync(join(dir, 'y2021', 'summary.json'), 'utf8')) as {
    branches: { code: string; figures: { annex1: Record<string, number | null> } | null }[];
  };
  base2021 = new Map(summary.branches.filter((b) => b.figures).map((b) => [b.code, b.figures!.annex1]));

  const t = cli(['template', ...S22, '--year', '2022', '--out', 'forms']);
  expect(t.code, t.stderr).toBe(0);
  mkdirSync(join(dir, 'returns'));
  for (const file of readdirSync(join(dir, 'forms'))) {
    const org = ORG_LIST.find((o) => file.includes(`_${o.code}_`))!;
    const cells = correctCells(org);
    const planted = PLANTED[org.code as keyof typeof PLANTED]?.edits as Record<string, Record<string, number>> | undefined;
    for (const [sheet, edits] of Object.entries(planted ?? {})) Object.assign(cells[sheet]!, edits);
    setCells(join(dir, 'forms', file), join(dir, 'returns', file), cells);
  }
}, 120_000);

describe('a made-up 2022 survey, end to end', () => {
  it('survey check: the definition is valid; the workbook form of it imports to the same JSON', () => {
    const c = cli(['survey', 'check', SURVEY, '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ valid: true, version: '2022.1', indicators: 16, sheets: 2 });
    const i = cli(['survey', 'import', 'organisation-2022.xlsx', '--out', 'imported.json']);
    expect(i.code, i.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'imported.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(dir, SURVEY), 'utf8')));
  });

  it('template: one form per branch of the 2022 registry, with the definition’s sheets, titles, headers and 16 rows', async () => {
    expect(readdirSync(join(dir, 'forms')).sort()).toEqual(ORG_LIST.map((o) => `2022_${o.code}_${o.name}_组织体系建设年度统计表.xlsx`).sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'forms', '2022_220102001_南岭街道_组织体系建设年度统计表.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附表一', '附表二', 'rcorg_identity']);
    const now = wb.getWorksheet('附表一')!;
    expect(now.getCell('A2').text).toBe('组织体系建设年度情况调查表');
    expect([1, 2, 3].map((c) => now.getRow(4).getCell(c).text)).toEqual(['序号', '指标名称', '数量']);
    expect(wb.getWorksheet('附表二')!.getCell('C4').text).toBe('比上年增加');
    expect(now.getCell('E4').text).toBe('备注（可选）');
    expect(now.pageSetup.orientation).toBe('landscape');
    expect(now.getCell('B20').text).toBe('应急救护培训人数');
    expect(now.getCell('A21').text).toMatch(/^填写说明：1\. 只填本级数据/);
    // A township fills its own rows only: the new yes/no row, volunteers and hours.
    const open = Array.from({ length: 16 }, (_, k) => k + 5).filter((r) => now.getCell(`C${r}`).text !== '—');
    expect(open).toEqual([rowOf('townshipBranch'), rowOf('volunteers'), rowOf('serviceHours')]);
    const id = new Map<string, string>();
    wb.getWorksheet('rcorg_identity')!.eachRow((r) => id.set(r.getCell(1).text, r.getCell(2).text));
    expect([id.get('level'), id.get('templateVersion'), id.get('survey'), id.get('baselineYear')]).toEqual([
      'township',
      '2022.1',
      'jilin-organisation-system',
      '2021',
    ]);
  });

  it('validate: the planted errors, and nothing else, at their exact cells (the baseline is 2021’s summary.json)', () => {
    const v = cli(['validate', 'returns', ...S22, '--baseline', 'y2021', '--json']);
    expect(v.code).toBe(1);
    const got = JSON.parse(v.stdout) as Validated;
    // And the two townships, a level new this year, are said to have no baseline row (their carried rows are unchecked).
    const noBaseline = ['220102001', '220102002'].map((code) => [code, 'baseline-missing', 'warning', null, null]);
    expect(problems(got).sort()).toEqual([...Object.entries(PLANTED).map(([code, p]) => [code, ...p.finding]), ...noBaseline].sort());
    const notices = got.notices.map((n) => n.code);
    expect(notices).toContain('baseline-new-indicators');
    expect(notices).toContain('baseline-dropped-indicators');
    expect(got.notices.find((n) => n.code === 'baseline-dropped-indicators')!.message).toContain('县级红十字会理顺管理体制数');
    const aed = got.files.flatMap((f) => f.findings).find((f) => f.code === 'aed-without-training') as unknown as { message: string };
    expect(aed.message).toBe('配置了 3 个 AED 点，但应急救护培训人数为 0。每个 AED 点应有经培训的施救人员，请核实；如属实，请在“说明”栏注明。');
  });

  it('feedback: the three branches get their own form back; fixed in openpyxl, they pass', () => {
    const f = cli(['feedback', 'returns', ...S22, '--baseline', 'y2021', '--out', 'fb', '--json']);
    expect(f.code, f.stderr).toBe(1);
    const report = JSON.parse(f.stdout) as { branches: { code: string; written: string[]; message: string }[] };
    const back = report.branches.filter((b) => b.written.some((w) => w.endsWith('.xlsx')));
    expect(back.map((b) => b.code).sort()).toEqual(Object.keys(PLANTED).sort());
    expect(back.find((b) => b.code === '220103')!.message).toContain(`附表二 第 ${rowOf('volunteerTeams') - 4} 行“红十字志愿服务队增加数”`);
    mkdirSync(join(dir, 'fixed'));
    for (const b of back) {
      const form = b.written.find((w) => w.endsWith('.xlsx'))!;
      const org = ORG_LIST.find((o) => o.code === b.code)!;
      const fixed = join(dir, 'fixed', `${b.code}.xlsx`);
      setCells(join(dir, 'fb', form), fixed, correctCells(org));
      const v = cli(['validate', fixed, ...S22, '--baseline', 'y2021', '--json']);
      const left = org.level === 'township' ? [[b.code, 'baseline-missing', 'warning', null, null]] : [];
      expect(problems(JSON.parse(v.stdout) as Validated), b.code).toEqual(left);
      copyFileSync(fixed, join(dir, 'returns', readdirSync(join(dir, 'returns')).find((n) => n.includes(`_${b.code}_`))!));
    }
  });

  it('merge in two stages: the city clerk’s summary, then the province with it; increments against 2021 through previous', () => {
    const city = cli(['merge', 'returns', ...S22, '--under', '220100', '--baseline', 'y2021', '--out', 'city']);
    expect(city.code, city.stderr).toBe(0);
    mkdirSync(join(dir, 'province-in'));
    copyFileSync(join(dir, 'city', '2022_220100_长春市_汇总.xlsx'), join(dir, 'province-in', 'changchun.xlsx'));
    for (const o of ORG_LIST.filter((x) => ['220000', '220200', '220202', '220221'].includes(x.code))) {
      const file = readdirSync(join(dir, 'returns')).find((n) => n.includes(`_${o.code}_`))!;
      copyFileSync(join(dir, 'returns', file), join(dir, 'province-in', file));
    }
    const p = cli(['merge', 'province-in', ...S22, '--baseline', 'y2021', '--out', 'province']);
    expect(p.code, p.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'province', 'summary.json'), 'utf8')) as {
      survey: { version: string; indicators: { key: string }[] };
      totals: Record<string, { annex1: Record<string, number>; annex2: Record<string, number>; complete: boolean }>;
    };
    expect(s.survey.version).toBe('2022.1');
    expect(s.survey.indicators.map((i) => i.key)).toEqual(def.indicators.map((i) => i.key));
    const root = s.totals['220000']!;
    expect(root.complete).toBe(true);
    const applying = (key: string) => ORG_LIST.filter((o) => def.indicators.find((i) => i.key === key)!.levels.includes(o.level));
    for (const ind of def.indicators) {
      const orgs = applying(ind.key);
      expect(root.annex1[ind.key], ind.key).toBeCloseTo(orgs.reduce((n, o) => n + currentOf(o, ind.key), 0), 6);
      const expected = orgs.reduce((n, o) => n + correctCells(o).附表二![`C${ind.no + 4}`]!, 0);
      expect(root.annex2[ind.key], ind.key).toBeCloseTo(expected, 6);
    }
    // Renamed: this year's volunteerTeams less 2021's volunteerOrgs of the same branches.
    const teams = applying('volunteerTeams');
    const teams2021 = teams.reduce((n, o) => n + (base2021.get(o.code)?.volunteerOrgs ?? 0), 0);
    expect(teams2021).toBeGreaterThan(0);
    expect(root.annex2.volunteerTeams).toBe(teams.reduce((n, o) => n + currentOf(o, 'volunteerTeams'), 0) - teams2021);
    expect(root.annex1).not.toHaveProperty('countyReformed');
  });

  it('report: the bulletin of the province merge shows the new goal, its rows and its words from the definition', () => {
    const r = cli(['report', 'province', '--survey', SURVEY, '--out', 'bulletin', '--date', '2023-01-20']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'bulletin', 'report.html'), 'utf8');
    const text = html.replace(/<style[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ').replace(/\s+/g, ' ');
    // The new goal: its column, its goal and how it is computed, in the words of this year's sheets and rows.
    expect(html).toContain('data-rate="aedCoverage"');
    expect(text).toContain('县级 AED 配置率 目标 80%');
    expect(text).toContain('县级 AED 配置率：已报送的县级单位中本级附表一 第15行不少于 1 个的单位数 ÷ 已报送的县级单位数（工作方案三（二）5：县级红十字会全部配置 AED）');
    // Every county has AED sites: the goal (80 %) is met.
    expect(text).toContain('全省县级 AED 配置率 100.0%（5/5），达到80% 的目标。');
    // The dropped row is gone, the renamed and the new ones are there; a new row has no growth per cent.
    expect(text).not.toContain('理顺管理体制');
    expect(text).toContain('红十字志愿服务队数');
    expect(text).toContain('16 应急救护培训人数');
    expect(text).toContain('第 1、2 行附表二为“完成换届增加数”，不是与 2021 年之差。');
  });

  it('report over both years: 2021 read with its own rows, mapped through previous; without --survey, said plainly', () => {
    const r = cli(['report', 'y2021', 'province', '--survey', SURVEY, '--out', 'trend']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'trend', 'report.html'), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const row = (no: number, label: string) => new RegExp(`${no} ${label} \\S+ (\\S+) (\\S+) `).exec(text.slice(text.indexOf('历年对比')))!;
    const total2021 = (key: string) => [...base2021.values()].reduce((n, f) => n + (f[key] ?? 0), 0);
    // Renamed: 2021's volunteerOrgs is this row's 2021 figure; new: no 2021 figure ("—", never 0).
    expect(row(13, '红十字志愿服务队数')[1]).toBe(total2021('volunteerOrgs').toLocaleString('en-US'));
    expect(row(15, '应急救护设备（AED）配置点数')[1]).toBe('—');
    const plain = cli(['report', 'province', '--out', 'no-survey']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('是按另一版表（2022.1 版）汇总的，本次使用的是 2021.1 版的定义。请用 --survey 给出汇总时所用的定义文件。');
  });
});
