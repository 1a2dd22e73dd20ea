// The example year's report in a real browser (playwright-core driving the OS Chromium, /usr/bin/chromium or
// CHROME_PATH): merge fixtures/example-2021 (which writes report.html), open the page from file:// with every
// network request blocked and counted, check sections, names and charts against summary.json, take a screenshot,
// and print the PDF with `rc-org report --pdf`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findBrowser } from '../src/report/pdf.js';
import { fixturePath, repoRoot, spawnCli, tempDir } from './helpers.js';

/** The example year's report prints on this many A4 pages (README, "rc-org report"). */
export const EXAMPLE_PAGES = { min: 10, max: 22 };

const browser = findBrowser();
if (!browser) throw new Error('This test needs Chromium: apt-get install chromium (.ci/run does), or set CHROME_PATH.');

const work = tempDir('rc-org-report-browser-');
const out = join(work, 'merged');
let summary: any;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  const m = spawnCli(
    ['merge', fixturePath('fixtures/example-2021/returns'), '--baseline', fixturePath('fixtures/example-2021/baseline-2020.csv'), '--out', out],
    { cwd: work, timeoutMs: 120_000 },
  );
  expect(m.code, m.stderr).toBe(0);
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: browser,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1000, height: 1400 },
  });
  const pageUrl = pathToFileURL(join(out, 'report.html')).href;
  // Every request but the page itself is counted and refused.
  context.on('request', (r) => {
    if (r.url() !== pageUrl) requests.push(r.url());
  });
  await context.route('**/*', (route) => (route.request().url() === pageUrl ? route.continue() : route.abort()));
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(pageUrl, { waitUntil: 'load' });
}, 180_000);

afterAll(async () => {
  await context?.close();
});

/** The units under the root, as summary.json has them, with their status counts. */
function unitsOfSummary(): { code: string; name: string; statuses: Record<string, number>; growthBars: Record<string, boolean> }[] {
  const kids = summary.branches.filter((b: any) => b.parent === summary.scope);
  return kids.map((b: any) => {
    const t = summary.totals[b.code];
    const statuses = t ? t.statuses : { [b.status]: 1 };
    const a1 = t ? t.annex1 : b.figures?.annex1;
    const a2 = t ? t.annex2 : b.figures?.annex2;
    const returned = t ? t.returned > 0 : b.figures !== null;
    const growthBars = Object.fromEntries(
      ['grassrootsOrgs', 'groupMembers', 'adultMembers', 'youthMembers', 'volunteers', 'volunteerOrgs', 'serviceHours'].map((k) => [
        k,
        returned && a1[k] - a2[k] > 0,
      ]),
    );
    return { code: b.code, name: b.name, statuses, growthBars };
  });
}

describe('report.html of the example year, in Chromium', () => {
  it('is one self-contained file: no network request at all, no console error, under 1.5 MB', () => {
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(readFileSync(join(out, 'report.html')).length).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("has every section and every unit's name", async () => {
    const headings = await page.locator('section > h2').allInnerTexts();
    expect(headings).toEqual(['一、报送情况', '二、全省总体情况', '三、对照工作目标', '四、发展情况', '五、表扬与提醒', '六、提示函', '附：数据与来源']);
    const text = await page.locator('body').innerText();
    const units = unitsOfSummary();
    expect(units.length).toBe(11);
    for (const u of units) {
      expect(text).toContain(u.name);
      expect(await page.locator(`section#goals tr[data-unit="${u.code}"]`).count()).toBe(1);
    }
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    // the province paragraph carries the merge's own totals
    const p = summary.totals[summary.scope];
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(text).toContain(`全省红十字会基层组织 ${fmt(p.annex1.grassrootsOrgs)} 个，比 ${summary.baselineYear} 年增加 ${fmt(p.annex2.grassrootsOrgs)} 个`);
  });

  it('draws the SVG charts with one bar per non-empty figure of summary.json', async () => {
    const charts = await page.locator('figure.chart').evaluateAll((figs) =>
      figs.map((f) => {
        const colours = (f.getAttribute('data-colours') ?? '').split(' ');
        const bars = [...f.querySelectorAll('svg path')].filter((p) => colours.includes((p.getAttribute('fill') ?? '').toLowerCase())).length;
        return { kind: f.getAttribute('data-chart'), key: f.getAttribute('data-key'), bars, svgs: f.querySelectorAll('svg').length };
      }),
    );
    expect(charts.map((c) => c.kind)).toEqual(['status', 'growth', 'growth', 'growth', 'growth', 'growth', 'growth', 'growth']);
    expect(charts.every((c) => c.svgs === 1)).toBe(true);
    const units = unitsOfSummary();
    const root = summary.branches.find((b: any) => b.code === summary.scope);
    const statusBars = units.reduce((n, u) => n + Object.values(u.statuses).filter((v) => v > 0).length, 0) + 1; // + the root's own branch
    expect(charts[0]!.bars).toBe(statusBars);
    expect(root.status).toBe('passed');
    for (const c of charts.slice(1)) expect(c.bars, c.key).toBe(units.filter((u) => u.growthBars[c.key!]).length);
    expect(await page.locator('script').count()).toBe(0);
  });

  it('takes a screenshot that is not blank (kept in .vitest-tmp/ for a look)', async () => {
    const png = await page.screenshot({ fullPage: false });
    mkdirSync(join(repoRoot, '.vitest-tmp'), { recursive: true });
    writeFileSync(join(repoRoot, '.vitest-tmp', 'report-example.png'), png);
    const pixels = pngPixels(png);
    const distinct = new Set(pixels).size;
    const ink = pixels.filter((b) => b < 200).length / pixels.length;
    expect(distinct).toBeGreaterThan(50);
    expect(ink).toBeGreaterThan(0.01);
  });

  it('prints to an A4 PDF with rc-org report --pdf, and the PDF holds the rates table and every unit', () => {
    const r = spawnCli(['report', out, '--out', join(work, 'printed'), '--pdf'], { cwd: work, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(work, 'printed', 'report.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(EXAMPLE_PAGES.min);
    expect(pages).toBeLessThanOrEqual(EXAMPLE_PAGES.max);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number);
    expect(Math.abs(w! - 595.3)).toBeLessThan(2); // A4: 210 × 297 mm
    expect(Math.abs(h! - 841.9)).toBeLessThan(2);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('对照工作目标');
    for (const label of ['县级理顺管理体制率', '监事会设立率', '换届完成率', '志愿服务队达标率']) expect(text).toContain(label);
    for (const u of unitsOfSummary()) expect(text.replace(/\s+/g, '')).toContain(u.name);
    expect(existsSync(join(work, 'printed', 'report.html'))).toBe(true);
  }, 120_000);
});

/** The pixels of an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes) as grey levels, sampled. */
function pngPixels(png: Buffer): number[] {
  const chunks: Buffer[] = [];
  let width = 0;
  let height = 0;
  let channels = 0;
  for (let i = 8; i < png.length;) {
    const len = png.readUInt32BE(i);
    const type = png.toString('ascii', i + 4, i + 8);
    if (type === 'IHDR') {
      width = png.readUInt32BE(i + 8);
      height = png.readUInt32BE(i + 12);
      channels = { 2: 3, 6: 4 }[png[i + 17]!] ?? 0;
      expect(png[i + 16]).toBe(8);
    }
    if (type === 'IDAT') chunks.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  expect(channels).toBeGreaterThan(0);
  const data = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const rows: Uint8Array[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const line = new Uint8Array(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      line[x] = (line[x]! + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  const grey: number[] = [];
  for (let y = 0; y < height; y += 3)
    for (let x = 0; x < width; x += 3) {
      const o = x * channels;
      grey.push(Math.round((rows[y]![o]! + rows[y]![o + 1]! + rows[y]![o + 2]!) / 3));
    }
  return grey;
}
