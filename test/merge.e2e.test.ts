// End to end: `rc-org merge` (the BUILT CLI) on copies of fixtures/example-2021 in temp folders.
//
// The expected totals are computed here, independently of rc-org: the example workbooks' cells are read with
// exceljs (value column C, item N on row 4+N of 附件1/附件2; the branch and its parent from the hidden identity
// sheet), the baseline with a plain CSV splitter, and the subtree sums are made in this file. They are compared
// with summary.json (stdout of --json and the written file) and with the cells of the written summary workbooks.
// Then: a file left out for errors, missing branches, a city summary given with county files (reconciliation),
// --out not empty (with and without --force), formula neutralising in summary-long.csv, inputs never modified,
// and the summary workbooks opened by LibreOffice headless.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFormWorkbook, formFileName } from '../src/issued-form/form.js';
import { copyFixture, fixturePath, libreOfficeConvert, spawnCli, tempDir, type CliResult } from './helpers.js';
import {
  ENTERED_ROWS,
  KEYS,
  hashTree,
  readBaselineCsv,
  readWorkbookCells,
  registryOf,
  round6,
  simpleCsv,
  summaryPath,
  writeRegistryCsv,
  type FormCells,
  type Key,
  type Row14,
  type SummaryJsonShape,
  type TestOrgRow,
} from './merge-support.js';

const EXAMPLE = 'fixtures/example-2021';
const FORM_COUNT = 71;
const TITLE1 = '组织体系建设工作情况调查表';
const TITLE2 = '组织体系建设年工作成效统计表';

/** Another helper may be regenerating fixtures/ while the tests start: wait (up to a minute) for a full set. */
async function waitForExample(): Promise<void> {
  const returns = fixturePath(`${EXAMPLE}/returns`);
  for (let i = 0; i < 60; i++) {
    const ok =
      existsSync(fixturePath(`${EXAMPLE}/baseline-2020.csv`)) &&
      existsSync(returns) &&
      readdirSync(returns).filter((n) => n.endsWith('.xlsx')).length === FORM_COUNT;
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${EXAMPLE} is incomplete (expected ${FORM_COUNT} workbooks and baseline-2020.csv)`);
}

interface Run extends CliResult {
  json: SummaryJsonShape | null;
}

/** Run merge in `cwd`; asserts the input paths are byte-for-byte the same afterwards. */
function merge(cwd: string, args: readonly string[], inputs: readonly string[]): Run {
  const before = inputs.map((p) => hashTree(join(cwd, p)));
  const r = spawnCli(['merge', ...args], { cwd, timeoutMs: 90_000 });
  const after = inputs.map((p) => hashTree(join(cwd, p)));
  expect(after, 'inputs must never be modified').toEqual(before);
  const json = args.includes('--json') && r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as SummaryJsonShape) : null;
  return { ...r, json };
}

// ── the independent sums ──────────────────────────────────────────────────────────────────────────────────

interface Expected {
  annex1: Record<Key, number>;
  annex2: Record<Key, number>;
  members: string[];
}

/** Every branch at or below `root`, from the identity sheets' parent codes (not from rc-org's registry). */
function membersOf(forms: readonly FormCells[], root: string): string[] {
  const out: string[] = [];
  const walk = (code: string): void => {
    out.push(code);
    for (const f of forms) if (f.parent === code) walk(f.code);
  };
  walk(root);
  return out;
}

/** 附件1: Σ entered; 附件2 rows 2–3: Σ entered; every other 附件2 row: Σ (附件1 − baseline). */
function expectedFor(forms: readonly FormCells[], baseline: ReadonlyMap<string, Row14> | null, root: string, leaveOut: readonly string[] = []): Expected {
  const members = membersOf(forms, root);
  const byCode = new Map(forms.map((f) => [f.code, f]));
  const annex1 = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<Key, number>;
  const annex2 = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<Key, number>;
  for (const code of members) {
    if (leaveOut.includes(code)) continue;
    const f = byCode.get(code)!;
    KEYS.forEach((k, i) => {
      const a1 = f.annex1[i] ?? null;
      annex1[k] += a1 ?? 0;
      if (ENTERED_ROWS.includes(i + 1) || !baseline) annex2[k] += f.annex2[i] ?? 0;
      else if (a1 !== null) {
        const b = baseline.get(code)?.[i];
        if (b === null || b === undefined) throw new Error(`fixture: no baseline for ${code} row ${i + 1}`);
        annex2[k] += a1 - b;
      }
    });
  }
  for (const k of KEYS) {
    annex1[k] = round6(annex1[k]);
    annex2[k] = round6(annex2[k]);
  }
  return { annex1, annex2, members };
}

const roundAll = (r: Record<Key, number>): Record<Key, number> => Object.fromEntries(KEYS.map((k) => [k, round6(r[k])])) as Record<Key, number>;

/** 附件1/附件2 C5:C18 of a summary workbook, as numbers by key ("—" and blanks fail the comparison). */
async function workbookTotals(file: string): Promise<{ annex1: Record<Key, number | null>; annex2: Record<Key, number | null>; kind: string; code: string }> {
  const c = await readWorkbookCells(file);
  const rec = (row: Row14) =>
    Object.fromEntries(KEYS.map((k, i) => [k, row[i] === null || row[i] === undefined ? null : round6(row[i])])) as Record<Key, number | null>;
  return { annex1: rec(c.annex1), annex2: rec(c.annex2), kind: c.kind, code: c.code };
}

// ── shared state: the example set, copied once, read once ─────────────────────────────────────────────────

let work: string;
let forms: FormCells[];
let baseline: Map<string, Row14>;
let fileOf: Map<string, string>;
let cities: string[];
let province: string;

beforeAll(async () => {
  await waitForExample();
  work = tempDir('rc-org-merge-e2e-');
  copyFixture(EXAMPLE, work, 'example');
  const dir = join(work, 'example', 'returns');
  forms = await Promise.all(
    readdirSync(dir)
      .filter((n) => n.endsWith('.xlsx'))
      .map((n) => readWorkbookCells(join(dir, n))),
  );
  baseline = readBaselineCsv(join(work, 'example', 'baseline-2020.csv'));
  fileOf = new Map(forms.map((f) => [f.code, basename(f.file)]));
  province = forms.find((f) => f.parent === '')!.code;
  cities = forms.filter((f) => f.level === 'city').map((f) => f.code);
});

describe('merge of the example set (71 forms, baseline 2020)', () => {
  let run: Run;
  let out: string;
  let inputHashes: Record<string, string>;

  beforeAll(() => {
    inputHashes = hashTree(join(work, 'example'));
    run = merge(work, ['example/returns', '--baseline', 'example/baseline-2020.csv', '--out', 'out-full', '--json'], ['example']);
    out = join(work, 'out-full');
  });

  it('reads a complete, clean set: 71 forms, one province, 9 cities, exit 0', () => {
    expect(forms).toHaveLength(FORM_COUNT);
    expect(cities).toHaveLength(9);
    expect(new Set(forms.map((f) => f.code)).size).toBe(FORM_COUNT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).not.toBeNull();
    expect(run.json!.excluded).toEqual([]);
    expect(run.json!.reconciliations).toEqual([]);
    expect(run.json!.totals[province]!.complete).toBe(true);
    expect(run.json!.totals[province]!.returned).toBe(FORM_COUNT);
    expect(run.json!.totals[province]!.incrementBasis).toBe('baseline');
    expect(run.json!.sources.filter((s) => s.used)).toHaveLength(FORM_COUNT);
  });

  it('summary.json on stdout is the summary.json written to --out', () => {
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(run.json);
  });

  it('totals for the province and every city equal the independent sums, both annexes', () => {
    const codes = [province, ...cities];
    expect(Object.keys(run.json!.totals).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const want = expectedFor(forms, baseline, code);
      const got = run.json!.totals[code]!;
      expect(roundAll(got.annex1), `${code} 附件1`).toEqual(want.annex1);
      expect(roundAll(got.annex2), `${code} 附件2`).toEqual(want.annex2);
      expect(got.expected, code).toBe(want.members.length);
      expect(got.returned, code).toBe(want.members.length);
      expect(got.complete, code).toBe(true);
      expect(got.missing, code).toEqual([]);
    }
    // The province is the sum over all 71 forms, whatever the tree says.
    expect(expectedFor(forms, baseline, province).members).toHaveLength(FORM_COUNT);
  });

  it('the 附件1/附件2 cells of every summary workbook equal the independent sums', async () => {
    const xlsx = readdirSync(out).filter((n) => n.endsWith('.xlsx'));
    expect(xlsx).toHaveLength(1 + cities.length);
    for (const code of [province, ...cities]) {
      const want = expectedFor(forms, baseline, code);
      const got = await workbookTotals(summaryPath(out, code));
      expect(got.kind).toBe('summary');
      expect(got.code).toBe(code);
      expect(got.annex1, `${code} 附件1 cells`).toEqual(want.annex1);
      expect(got.annex2, `${code} 附件2 cells`).toEqual(want.annex2);
    }
  });

  it('the province workbook traces every figure to its file and SHA-256 (sheet 来源)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summaryPath(out, province));
    const ws = wb.getWorksheet('来源')!;
    const shas = new Map<string, string>();
    ws.eachRow((row, n) => {
      if (n > 1) shas.set(basename(row.getCell(1).text), row.getCell(2).text);
    });
    const want = Object.fromEntries(
      Object.entries(inputHashes)
        .filter(([rel]) => rel.endsWith('.xlsx'))
        .map(([rel, sha]) => [basename(rel), sha]),
    );
    expect(Object.fromEntries(shas)).toEqual(want);
  });

  it('summary-long.csv: UTF-8 with BOM, one row per branch × annex × row, values equal to the forms', () => {
    const bytes = readFileSync(join(out, 'summary-long.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = simpleCsv(bytes.toString('utf8'));
    expect(header!.slice(0, 8)).toEqual(['code', 'name', 'level', 'parent', 'annex', 'indicator', 'label', 'value']);
    expect(rows).toHaveLength(FORM_COUNT * 2 * KEYS.length);
    const byCode = new Map(forms.map((f) => [f.code, f]));
    for (const r of rows) {
      const f = byCode.get(r[0]!)!;
      const i = KEYS.indexOf(r[5] as Key);
      const want = (r[4] === 'annex1' ? f.annex1 : f.annex2)[i];
      expect(r[7] === '' ? null : Number(r[7]), `${r[0]} ${r[4]} ${r[5]}`).toBe(want ?? null);
    }
  });

  it('leaves every input byte-for-byte as it was', () => {
    expect(hashTree(join(work, 'example'))).toEqual(inputHashes);
    // and the sources list their SHA-256 as the files are now
    const bySource = new Map(run.json!.sources.map((s) => [basename(s.file), s.sha256]));
    for (const [rel, sha] of Object.entries(inputHashes)) if (rel.endsWith('.xlsx')) expect(bySource.get(basename(rel)), rel).toBe(sha);
  });

  // writeBatch stages files in a hidden folder and must remove it before the CLI exits.
  it('leaves only its outputs in --out, no hidden staging folder', () => {
    expect(readdirSync(out).filter((n) => n.startsWith('.rc-org-tmp-'))).toEqual([]);
  });

  it('the summary workbooks open in LibreOffice headless, with the title and the row-10 total', () => {
    const files = [province, cities[0]!, cities[cities.length - 1]!].map((c) => summaryPath(out, c));
    const pdfDir = join(work, 'pdf');
    mkdirSync(pdfDir);
    const pdfs = libreOfficeConvert(files, 'pdf', pdfDir);
    [province, cities[0]!, cities[cities.length - 1]!].forEach((code, i) => {
      const r = spawnSync('pdftotext', ['-layout', pdfs[i]!, '-'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const text = r.stdout;
      expect(text).toContain(TITLE1);
      expect(text).toContain(TITLE2);
      const adults = expectedFor(forms, baseline, code).annex1.adultMembers;
      const shown = [String(adults), adults.toLocaleString('en-US')];
      expect(
        shown.some((s) => text.includes(s)),
        `${code}: ${shown.join(' or ')} in the PDF`,
      ).toBe(true);
    });
  }, 180_000);
});

describe('a file left out for errors', () => {
  it('is listed in summary.json excluded with its reasons; the rest is still summed; exit 1', async () => {
    const dir = tempDir('rc-org-merge-err-');
    mkdirSync(join(dir, 'in'));
    const city = '220100';
    const members = membersOf(forms, city);
    for (const code of members) copyFileSync(join(work, 'example', 'returns', fileOf.get(code)!), join(dir, 'in', fileOf.get(code)!));
    // 宽城区: a negative adult-member count in 附件1 (row 10 → C14)
    const bad = '220103';
    const badFile = join(dir, 'in', fileOf.get(bad)!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(badFile);
    wb.getWorksheet('附件1')!.getCell('C14').value = -5;
    await wb.xlsx.writeFile(badFile);
    // and a file that is not a workbook at all (no branch can be told)
    writeFileSync(join(dir, 'in', '坏文件.xlsx'), 'this is not a zip');
    copyFileSync(join(work, 'example', 'baseline-2020.csv'), join(dir, 'baseline.csv'));

    const r = merge(dir, ['in', '--baseline', 'baseline.csv', '--out', 'out', '--json'], ['in', 'baseline.csv']);
    expect(r.code, r.stderr).toBe(1);
    const j = r.json!;
    expect(j.excluded.map((e) => [basename(e.file), e.code]).sort()).toEqual(
      [
        [fileOf.get(bad), bad],
        ['坏文件.xlsx', null],
      ].sort(),
    );
    const e = j.excluded.find((x) => x.code === bad)!;
    expect(e.reasons.length).toBeGreaterThan(0);
    expect(
      e.reasons.some((t) => t.includes('附件1!C14')),
      e.reasons.join(' | '),
    ).toBe(true);
    expect(j.excluded.find((x) => x.code === null)!.reasons.length).toBeGreaterThan(0);

    const t = j.totals[city]!;
    expect(t.excluded.map((f) => basename(f))).toEqual([fileOf.get(bad)]);
    expect(t.missing).toEqual([]);
    expect(t.complete).toBe(false);
    const want = expectedFor(forms, baseline, city, [bad]);
    expect(roundAll(t.annex1)).toEqual(want.annex1);
    expect(roundAll(t.annex2)).toEqual(want.annex2);
    expect(j.totals[province]!.excluded.map((f) => basename(f)).sort()).toEqual([fileOf.get(bad)!, '坏文件.xlsx'].sort());
    expect(j.sources.find((s) => s.code === bad)!.used).toBe(false);

    // the summaries are still written, and the city workbook shows the figures without the bad file
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(true);
    const cells = await workbookTotals(summaryPath(join(dir, 'out'), city));
    expect(cells.annex1).toEqual(want.annex1);
  });
});

describe('missing branches', () => {
  it('are listed in totals[code].missing, complete false, exit 0', () => {
    const dir = tempDir('rc-org-merge-missing-');
    mkdirSync(join(dir, 'in'));
    const gone = ['220104', forms.find((f) => f.level === 'special')!.code]; // 朝阳区 (长春市) and 长白山 (under the province)
    for (const f of forms) if (!gone.includes(f.code)) copyFileSync(f.file, join(dir, 'in', basename(f.file)));
    copyFileSync(join(work, 'example', 'baseline-2020.csv'), join(dir, 'baseline.csv'));

    const r = merge(dir, ['in', '--baseline', 'baseline.csv', '--out', 'out', '--json'], ['in', 'baseline.csv']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json!;
    expect(j.excluded).toEqual([]);
    expect(j.totals['220100']!.missing).toEqual(['220104']);
    expect(j.totals['220100']!.complete).toBe(false);
    expect([...j.totals[province]!.missing].sort()).toEqual([...gone].sort());
    expect(j.totals[province]!.complete).toBe(false);
    expect(j.totals[province]!.returned).toBe(FORM_COUNT - 2);
    for (const c of cities.filter((c) => c !== '220100')) {
      expect(j.totals[c]!.complete, c).toBe(true);
      expect(j.totals[c]!.missing, c).toEqual([]);
    }
    const want = expectedFor(forms, baseline, province, gone);
    expect(roundAll(j.totals[province]!.annex1)).toEqual(want.annex1);
    expect(roundAll(j.totals[province]!.annex2)).toEqual(want.annex2);
  });
});

describe('a city summary given together with county files', () => {
  it('lists every difference (branch, annex, key, both figures), says when a summary agrees, and uses the branch files', async () => {
    // The summaries of the full run (长春市, 吉林市) come back as inputs, with one changed 长春 county file and
    // two unchanged 吉林 files. No baseline: the changed county stays valid.
    const full = join(work, 'out-full');
    if (!existsSync(full)) throw new Error('the full merge did not run');
    const dir = tempDir('rc-org-merge-rec-');
    mkdirSync(join(dir, 'in'));
    for (const c of ['220100', '220200']) copyFileSync(summaryPath(full, c), join(dir, 'in', basename(summaryPath(full, c))));
    for (const c of ['220103', '220200', '220203']) copyFileSync(join(work, 'example', 'returns', fileOf.get(c)!), join(dir, 'in', fileOf.get(c)!));
    const changed = join(dir, 'in', fileOf.get('220103')!);
    const orig = forms.find((f) => f.code === '220103')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(changed);
    wb.getWorksheet('附件1')!.getCell('C14').value = orig.annex1[9]! + 7; // row 10 adultMembers
    wb.getWorksheet('附件2')!.getCell('C16').value = orig.annex2[11]! + 3; // row 12 volunteers
    await wb.xlsx.writeFile(changed);

    const r = merge(dir, ['in', '--out', 'out'], ['in']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')) as SummaryJsonShape;
    expect(j.excluded).toEqual([]);
    const rec = new Map(j.reconciliations.map((x) => [x.code, x]));
    expect([...rec.keys()].sort()).toEqual(['220100', '220200']);

    const cc = rec.get('220100')!;
    expect(basename(cc.summaryFile)).toBe(basename(summaryPath(full, '220100')));
    expect(cc.agreed).toBe(false);
    expect(cc.compared).toEqual(['220103']);
    expect(cc.differences.map(({ file, ...d }) => ({ ...d, file: basename(file) }))).toEqual([
      { code: '220103', annex: 'annex1', key: 'adultMembers', inSummary: orig.annex1[9], inFile: orig.annex1[9]! + 7, file: fileOf.get('220103') },
      { code: '220103', annex: 'annex2', key: 'volunteers', inSummary: orig.annex2[11], inFile: orig.annex2[11]! + 3, file: fileOf.get('220103') },
    ]);

    const jl = rec.get('220200')!;
    expect(jl.agreed).toBe(true);
    expect(jl.differences).toEqual([]);
    expect([...jl.compared].sort()).toEqual(['220200', '220203']);

    // The branch file's figures are the ones used; everything else comes from the summaries.
    const cWant = expectedFor(forms, null, '220100');
    expect(roundAll(j.totals['220100']!.annex1)).toEqual({ ...cWant.annex1, adultMembers: cWant.annex1.adultMembers + 7 });
    expect(roundAll(j.totals['220100']!.annex2)).toEqual({ ...cWant.annex2, volunteers: cWant.annex2.volunteers + 3 });
    expect(j.totals['220100']!.complete).toBe(true);
    const jWant = expectedFor(forms, null, '220200');
    expect(roundAll(j.totals['220200']!.annex1)).toEqual(jWant.annex1);
    expect(j.totals['220200']!.complete).toBe(true);

    // The console says it too.
    expect(r.stdout).toContain('不一致');
    expect(r.stdout).toMatch(/220103 宽城区“红十字会成人会员数”汇总表为 \d+，报表 .+ 为 \d+/);
    expect(r.stdout).toContain('与同时提供的 2 份下级报表一致');
  });
});

describe('--out not empty', () => {
  it('is refused without --force (exit 2, the folder untouched) and written with --force (exit 0)', () => {
    const dir = tempDir('rc-org-merge-out-');
    const one = fileOf.get('220100')!;
    copyFileSync(join(work, 'example', 'returns', one), join(dir, one));
    mkdirSync(join(dir, 'busy'));
    writeFileSync(join(dir, 'busy', 'keep.txt'), '上次的结果\n');
    const before = hashTree(join(dir, 'busy'));

    const refused = merge(dir, [one, '--out', 'busy'], [one]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('输出文件夹不为空');
    expect(readdirSync(join(dir, 'busy'))).toEqual(['keep.txt']);
    expect(hashTree(join(dir, 'busy'))).toEqual(before);

    const forced = merge(dir, [one, '--out', 'busy', '--force'], [one]);
    expect(forced.code, forced.stderr).toBe(0);
    const names = readdirSync(join(dir, 'busy'));
    expect(names).toContain('summary.json');
    expect(names).toContain('summary-long.csv');
    expect(readFileSync(join(dir, 'busy', 'keep.txt'), 'utf8')).toBe('上次的结果\n');
  });
});

describe('--out inside the input folder', () => {
  it('never reads its own earlier outputs back as inputs (a second run with --force gives the same result)', () => {
    const dir = tempDir('rc-org-merge-nested-');
    mkdirSync(join(dir, 'in'));
    const members = membersOf(forms, '220100');
    for (const code of members) copyFileSync(join(work, 'example', 'returns', fileOf.get(code)!), join(dir, 'in', fileOf.get(code)!));
    const first = merge(dir, ['in', '--out', 'in/汇总', '--json'], []);
    expect(first.code, first.stderr).toBe(0);
    const second = merge(dir, ['in', '--out', 'in/汇总', '--force', '--json'], []);
    expect(second.code, second.stdout.slice(0, 3000) + second.stderr).toBe(0);
    expect(second.json!.sources).toHaveLength(members.length);
    expect(second.json!.excluded).toEqual([]);
    expect(second.json!.reconciliations).toEqual([]);
    expect(second.json).toEqual(first.json);
  });
});

describe('summary-long.csv neutralises formulas', () => {
  it('writes a branch name starting with "=" as "\'=", keeps numbers as numbers, starts with a BOM', async () => {
    const dir = tempDir('rc-org-merge-csv-');
    const rows: TestOrgRow[] = [
      { code: 'P1', name: '测试省', level: 'province', parent: null },
      { code: 'C1', name: '甲市', level: 'city', parent: 'P1' },
      { code: 'K1', name: '=SUM(1)县', level: 'county', parent: 'C1' },
    ];
    writeRegistryCsv(join(dir, 'orgs.csv'), rows);
    const registry = registryOf(rows);
    mkdirSync(join(dir, 'forms'));
    const own = { grassrootsOrgs: 10, groupMembers: 2, adultMembers: 100, youthMembers: 50, volunteers: 20, volunteerOrgs: 3, serviceHours: 12.5 };
    for (const org of registry.orgs) {
      const flags =
        org.level === 'county'
          ? { countyReformed: 1, countyElectionDue: 0, countyPartyGroup: 1, countySupervisory: 0 }
          : org.level === 'city'
            ? { cityElectionDue: 0, cityPartyGroup: 1, citySupervisory: 1 }
            : {};
      const annex2 = { ...Object.fromEntries(Object.keys(flags).map((k) => [k, 0])), ...own, adultMembers: -5, serviceHours: 12.5 };
      const wb = await buildFormWorkbook(ExcelJS, { org, year: 2021, baselineYear: 2020, values: { annex1: { ...flags, ...own }, annex2 } });
      await wb.xlsx.writeFile(join(dir, 'forms', formFileName(2021, org)));
    }

    const r = merge(dir, ['forms', '--orgs', 'orgs.csv', '--out', 'out', '--json'], ['forms', 'orgs.csv']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'out', 'summary-long.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [, ...lines] = simpleCsv(bytes.toString('utf8'));
    const k1 = lines.filter((l) => l[0] === 'K1');
    expect(k1).toHaveLength(2 * KEYS.length);
    for (const l of k1) expect(l[1]).toBe("'=SUM(1)县");
    expect(lines.some((l) => l[1]!.startsWith('='))).toBe(false);
    expect(k1.find((l) => l[4] === 'annex2' && l[5] === 'adultMembers')![7]).toBe('-5');
    expect(k1.find((l) => l[4] === 'annex1' && l[5] === 'serviceHours')![7]).toBe('12.5');
    expect(r.json!.totals['P1']!.annex2.adultMembers).toBe(-15);
  });
});
