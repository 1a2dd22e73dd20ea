// Issue 18, item 8: the summary workbooks `merge` writes print right and never invent zeros. The province run of
// fixtures/bulletin-2021 (only 长春市 sent returns: every other city's summary has no usable return), read back by a
// second program — openpyxl (/usr/bin/python3) for the page setup, the units and the empty cells, LibreOffice for
// the printed pages — and the same run's summary.json (zh and en), long CSV, a later merge reading the summaries
// back, and `rc-org report` on a summary.json with null totals.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS, INDICATOR_KEYS } from '../src/catalogue.js';
import { copyFixture, libreOfficeConvert, spawnCli, tempDir } from './helpers.js';

const CITIES = ['220100', '220200', '220300', '220400', '220500', '220600', '220700', '220800', '222400'];
/** The cities none of whose branches sent anything. */
const EMPTY_CITIES = CITIES.filter((c) => c !== '220100');
const PROVINCE_BOOK = '2021_220000_吉林省_汇总.xlsx';
const CHANGCHUN_BOOK = '2021_220100_长春市_汇总.xlsx';
const JILIN_BOOK = '2021_220200_吉林市_汇总.xlsx';
const WIDE_SHEETS = ['明细', '报送情况', '来源'] as const;
const FLAG_ROWS = INDICATORS.filter((i) => i.kind === 'flag').map((i) => i.no);

/** What openpyxl reads of a workbook: each sheet's page setup, its merged ranges, and its cells' values by row. */
interface SheetRead {
  state: string;
  orientation: string | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
  fitToPage: boolean | null;
  printTitleRows: string | null;
  merged: string[];
  heights: Record<string, number | null>;
  rows: (string | number | null)[][];
}
const OPENPYXL = `
import json, sys, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        ps = ws.page_setup
        pr = ws.sheet_properties.pageSetUpPr
        sheets[ws.title] = {
            'state': ws.sheet_state,
            'orientation': ps.orientation,
            'fitToWidth': None if ps.fitToWidth is None else int(ps.fitToWidth),
            'fitToHeight': None if ps.fitToHeight is None else int(ps.fitToHeight),
            'fitToPage': None if pr is None else pr.fitToPage,
            'printTitleRows': ws.print_title_rows,
            'merged': [str(r) for r in ws.merged_cells.ranges],
            'heights': {str(i): ws.row_dimensions[i].height for i in range(1, 4)},
            'rows': [list(r) for r in ws.iter_rows(values_only=True)],
        }
    out[path] = sheets
print(json.dumps(out, ensure_ascii=False, default=str))
`;
function readWithOpenpyxl(files: readonly string[]): Record<string, Record<string, SheetRead>> {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', OPENPYXL, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** 附件1/附件2: item `no` sits on sheet row 4 + no (FORM_LAYOUT); the value in C, the unit in D. */
const itemCells = (s: SheetRead, no: number): { value: unknown; unit: unknown } => ({ value: s.rows[3 + no]![2], unit: s.rows[3 + no]![3] });
/** 明细's 合计 row (the last row). */
const totalRow = (s: SheetRead): (string | number | null)[] => s.rows.find((r) => r[0] === '合计')!;

interface TotalsJson {
  annex1: Record<string, number | null>;
  annex2: Record<string, number | null>;
  returned: number;
}
interface SummaryJsonRead {
  totals: Record<string, TotalsJson>;
  branches: { code: string; parent: string | null; figures: { annex1: Record<string, number | null>; annex2: Record<string, number | null> } | null }[];
}

let dir: string;
let zh: ReturnType<typeof spawnCli>;
let en: ReturnType<typeof spawnCli>;
let books: Record<string, Record<string, SheetRead>>;
let summary: SummaryJsonRead;
const book = (name: string): Record<string, SheetRead> => books[join(dir, 'province', name)]!;

beforeAll(() => {
  dir = tempDir();
  copyFixture('fixtures/bulletin-2021', dir, 'b');
  const args = ['merge', 'b/returns', '--baseline', 'b/baseline-2020.csv'];
  zh = spawnCli([...args, '--out', 'province'], { cwd: dir, timeoutMs: 180_000 });
  en = spawnCli([...args, '--out', 'province-en', '--lang', 'en'], { cwd: dir, timeoutMs: 180_000 });
  const files = [PROVINCE_BOOK, CHANGCHUN_BOOK, ...EMPTY_CITIES.map((c) => summaryBookOf(c))].map((f) => join(dir, 'province', f));
  books = readWithOpenpyxl(files);
  summary = JSON.parse(readFileSync(join(dir, 'province', 'summary.json'), 'utf8'));
}, 400_000);

/** The summary workbook of a city, by the name merge gives it. */
function summaryBookOf(code: string): string {
  const names: Record<string, string> = {
    '220100': '长春市',
    '220200': '吉林市',
    '220300': '四平市',
    '220400': '辽源市',
    '220500': '通化市',
    '220600': '白山市',
    '220700': '松原市',
    '220800': '白城市',
    '222400': '延边朝鲜族自治州',
  };
  return `2021_${code}_${names[code]}_汇总.xlsx`;
}

describe('the province run of bulletin-2021: summary workbooks read by openpyxl', () => {
  it('merge ran (exit 1: files left out for errors) and wrote a summary for the province and every city', () => {
    expect(zh.code, zh.stderr).toBe(1);
    expect(Object.keys(books)).toHaveLength(CITIES.length + 1);
  });

  it('every wide sheet prints landscape, one page wide (fitToWidth 1, fitToHeight 0), header rows repeated', () => {
    const titles: Record<(typeof WIDE_SHEETS)[number], string> = { 明细: '$2:$3', 报送情况: '$10:$10', 来源: '$1:$1' };
    for (const [file, sheets] of Object.entries(books)) {
      for (const name of WIDE_SHEETS) {
        const s = sheets[name]!;
        expect({ file, name, o: s.orientation, w: s.fitToWidth, h: s.fitToHeight, fit: s.fitToPage, titles: s.printTitleRows }).toEqual({
          file,
          name,
          o: 'landscape',
          w: 1,
          h: 0,
          fit: true,
          titles: titles[name],
        });
      }
    }
  });

  it('the titles of 明细 and 报送情况 are merged across every column and tall enough for their type', () => {
    for (const sheets of Object.values(books)) {
      expect(sheets['明细']!.merged).toContain('A1:AG1'); // 5 + 2 × 14 columns
      expect(sheets['报送情况']!.merged).toContain('A1:F1');
      for (const name of ['明细', '报送情况']) expect(sheets[name]!.heights['1']).toBeGreaterThanOrEqual(20);
    }
    const detail = book(PROVINCE_BOOK)['明细']!;
    expect(detail.rows[0]![0]).toBe('吉林省红十字会 2021 年汇总明细（各单位本级数据）');
    // the labels (row 2) wrap in their narrow columns: the row is tall enough for several lines
    expect(detail.heights['2']).toBeGreaterThanOrEqual(50);
  });

  it('rows 1–7 of every summary are counts of branches: their unit is 个, on 附件1 and 附件2', () => {
    expect(FLAG_ROWS).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const sheets of Object.values(books)) {
      for (const annex of ['附件1', '附件2']) {
        for (const no of FLAG_ROWS) expect(itemCells(sheets[annex]!, no).unit, `${annex} row ${no}`).toBe('个');
        expect(itemCells(sheets[annex]!, 10).unit).toBe('人');
        expect(itemCells(sheets[annex]!, 14).unit).toBe('小时');
      }
    }
    // the province's rows 1–7 are counts indeed: 长春市's 8 counties with returns, 5 of them 理顺
    expect(itemCells(book(PROVINCE_BOOK)['附件1']!, 1).value).toBe(5);
  });

  it('a city with no usable return: every figure cell empty (None, never 0), 未收到报表 said on 附件1/附件2 and 明细', () => {
    for (const code of EMPTY_CITIES) {
      const sheets = book(summaryBookOf(code));
      for (const annex of ['附件1', '附件2']) {
        const s = sheets[annex]!;
        expect(String(s.rows[2]![0])).toContain('未收到报表');
        expect(String(s.rows[2]![0])).toContain('已汇总 0 个');
        for (const ind of INDICATORS) expect(itemCells(s, ind.no).value, `${code} ${annex} row ${ind.no}`).toBeNull();
      }
      const total = totalRow(sheets['明细']!);
      expect(total.slice(4)).toEqual(['未收到报表', ...Array(28).fill(null)]);
    }
  });

  it('a summary with returns keeps its sums (no 未收到报表), the same as summary.json', () => {
    for (const code of ['220000', '220100']) {
      const sheets = book(code === '220000' ? PROVINCE_BOOK : CHANGCHUN_BOOK);
      const t = summary.totals[code]!;
      for (const [annex, key] of [
        ['附件1', 'annex1'],
        ['附件2', 'annex2'],
      ] as const) {
        expect(String(sheets[annex]!.rows[2]![0])).not.toContain('未收到报表');
        for (const ind of INDICATORS) expect(itemCells(sheets[annex]!, ind.no).value, `${code} ${annex} ${ind.no}`).toBe(t[key][ind.key]);
      }
      const total = totalRow(sheets['明细']!);
      expect(total[4]).toBeNull();
      expect(total.slice(5).every((v) => typeof v === 'number')).toBe(true);
    }
  });
});

describe('summary.json and the long CSV: null, not 0, where nothing was received', () => {
  it('each city with no usable return has null for every indicator total, returned 0; 长春市 and the province have numbers', () => {
    const nulls = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null]));
    for (const code of EMPTY_CITIES) {
      expect(summary.totals[code]).toMatchObject({ annex1: nulls, annex2: nulls, returned: 0 });
    }
    for (const code of ['220000', '220100']) {
      for (const k of INDICATOR_KEYS) expect(typeof summary.totals[code]!.annex1[k], `${code} ${k}`).toBe('number');
    }
    expect(summary.totals['220000']!.annex1.grassrootsOrgs).toBe(summary.totals['220100']!.annex1.grassrootsOrgs);
  });

  it('summary.json is byte-identical with --lang zh and --lang en, nulls included', () => {
    expect(en.code, en.stderr).toBe(1);
    const a = readFileSync(join(dir, 'province', 'summary.json'));
    const b = readFileSync(join(dir, 'province-en', 'summary.json'));
    expect(a.equals(b)).toBe(true);
    expect(a.toString('utf8')).toMatch(/"countyReformed": null/);
  });

  it('the long CSV has no record for a branch without figures, and an empty value (never 0) where a figure is null', () => {
    const rows: string[][] = parse(readFileSync(join(dir, 'province', 'summary-long.csv'), 'utf8').replace(/^\ufeff/, ''));
    const byCode = new Map(summary.branches.map((b) => [b.code, b]));
    const records = rows.slice(1);
    expect(records.length).toBe(summary.branches.filter((b) => b.figures !== null).length * 28);
    let empty = 0;
    for (const [code, , , , annex, key, , value] of records) {
      const figures = byCode.get(code!)!.figures!;
      const figure = figures[annex as 'annex1' | 'annex2'][key!];
      expect(value, `${code} ${annex} ${key}`).toBe(figure === null ? '' : String(figure));
      if (value === '') empty++;
    }
    expect(empty).toBeGreaterThan(0); // the city's own form leaves the county rows empty
    const inEmptyCities = new Set(summary.branches.filter((b) => EMPTY_CITIES.includes(b.parent ?? '') || EMPTY_CITIES.includes(b.code)).map((b) => b.code));
    expect(inEmptyCities.size).toBeGreaterThan(50);
    expect(records.filter((r) => inEmptyCities.has(r[0]!))).toEqual([]);
  });
});

describe('read back: a later merge of the summary workbooks, and `rc-org report`', () => {
  let again: ReturnType<typeof spawnCli>;
  let report: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    // The province merges the city summaries it got: 长春市's (with returns) and 吉林市's (none).
    again = spawnCli(['merge', `province/${CHANGCHUN_BOOK}`, `province/${JILIN_BOOK}`, '--baseline', 'b/baseline-2020.csv', '--out', 'again', '--json'], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    report = spawnCli(['report', 'province', '--out', 'bulletin', '--json'], { cwd: dir, timeoutMs: 180_000 });
  }, 400_000);

  it('an empty summary is read as a summary of nothing: no error, no figures, null totals upstream', () => {
    expect(again.code, again.stderr).toBe(0);
    const j: SummaryJsonRead & { sources: { file: string; used: boolean }[]; excluded: unknown[] } = JSON.parse(
      readFileSync(join(dir, 'again', 'summary.json'), 'utf8'),
    );
    expect(j.excluded).toEqual([]);
    expect(j.sources.find((s) => s.file.endsWith(JILIN_BOOK))).toMatchObject({ used: false });
    expect(j.totals['220200']!.annex1.countyReformed).toBeNull();
    expect(j.totals['220200']!.returned).toBe(0);
    // what 长春市's summary carried up is what the first run summed
    expect(j.totals['220000']!.annex1).toEqual(summary.totals['220000']!.annex1);
    expect(j.totals['220000']!.annex2).toEqual(summary.totals['220000']!.annex2);
  });

  it('rc-org report reads a summary.json with null totals (exit 0)', () => {
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).not.toContain('summary.json');
  });
});

describe('printed by LibreOffice', () => {
  let province: string[];
  let jilin: string[];
  beforeAll(() => {
    const [p, j] = libreOfficeConvert([join(dir, 'province', PROVINCE_BOOK), join(dir, 'province', JILIN_BOOK)], 'pdf', tempDir());
    const pages = (pdf: string): string[] => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    province = pages(p!);
    jilin = pages(j!);
  }, 200_000);

  it('明细 of the province prints on one landscape page: its title whole, the first and the last column on it', () => {
    const detail = province.filter((p) => p.includes('附件2-14'));
    expect(detail).toHaveLength(1);
    expect(detail[0]).toContain('吉林省红十字会 2021 年汇总明细（各单位本级数据）');
    expect(detail[0]).toContain('代码');
    expect(detail[0]).toContain('48,489.0'); // the last column's total (服务总时长增加数)
    const width = Math.max(...detail[0]!.split('\n').map((l) => l.length));
    expect(width).toBeGreaterThan(200); // landscape: far wider than a portrait page's lines
  });

  it('the summary of a city with no return prints 未收到报表 and no figure: its total line holds no digit', () => {
    const text = jilin.join('\n');
    expect(text).toContain('未收到报表');
    expect(text).toContain('个');
    expect(text).not.toContain('是=1');
    const total = text.split('\n').find((l) => l.trim().startsWith('合计'))!;
    expect(total).toContain('未收到报表');
    expect(total).not.toMatch(/\d/);
    // 附件1: the 14 item lines end with their unit, no value before it
    const annex1 = jilin[0]!.split('\n').filter((l) => /^\s*\d{1,2}\s+红十字会|^\s*\d\s+[县市]级/.test(l));
    expect(annex1).toHaveLength(14);
    for (const line of annex1) expect(line.trim()).toMatch(/^\d{1,2}\s+\S+\s+(个|人|小时)$/);
  });
});
