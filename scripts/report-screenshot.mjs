// Regenerate the README's pictures of the example year's bulletin:
//   docs/report-example.png     report.html in the OS Chromium (the top of the page)
//   docs/report-pdf-page1.png   the first page of report.pdf (report --pdf), through pdftoppm
//   docs/report-docx-page1.png  the first page of 工作通报（草稿）.docx as LibreOffice prints it, through pdftoppm
// It merges fixtures/example-2021 (built CLI) into a temp folder and runs report with a fixed 成文日期 and 发文字号,
// so the pictures change only when the bulletin does.
//   npm run build && node scripts/report-screenshot.mjs   (needs Chromium, LibreOffice (soffice) and poppler-utils)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { CHROMIUM_FLAGS, findBrowser } = await import(pathToFileURL(join(root, 'dist/src/report/pdf.js')).href);
const browser = findBrowser();
if (!browser) throw new Error('No Chromium found: apt-get install chromium, or set CHROME_PATH.');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${what}: ${cmd} could not be run (${r.error.message})`);
  if (r.status !== 0) throw new Error(`${what}: ${cmd} exited ${r.status}: ${r.stderr}`);
  return r;
}
const cli = (args, what) => run(process.execPath, [join(root, 'bin/rc-org.js'), ...args], what);

/** The first page of a PDF as a PNG, 100 dpi (an A4 page 827 × 1169 pixels). */
function firstPage(pdf, png) {
  const base = png.replace(/\.png$/, '');
  run('pdftoppm', ['-f', '1', '-l', '1', '-r', '100', '-png', '-singlefile', pdf, base], 'pdftoppm');
}

const work = mkdtempSync(join(tmpdir(), 'rc-org-shot-'));
try {
  const merged = join(work, 'merged');
  const out = join(work, 'bulletin');
  const example = join(root, 'fixtures/example-2021');
  cli(['merge', join(example, 'returns'), '--baseline', join(example, 'baseline-2020.csv'), '--out', merged], 'merge');
  cli(['report', merged, '--out', out, '--pdf', '--docx', '--date', '2022-01-10', '--doc-number', '吉红会发〔2022〕3号'], 'report');

  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: browser,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1000, height: 1400 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
    await page.screenshot({ path: join(root, 'docs/report-example.png'), fullPage: false });
  } finally {
    await context.close();
  }

  firstPage(join(out, 'report.pdf'), join(root, 'docs/report-pdf-page1.png'));

  // The .docx as it prints: LibreOffice (a private profile, so a running office is left alone) → PDF → page 1.
  const printed = join(work, 'printed');
  mkdirSync(printed);
  const docx = readdirSync(out).find((f) => f.endsWith('.docx'));
  copyFileSync(join(out, docx), join(printed, 'bulletin.docx'));
  run(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      printed,
      join(printed, 'bulletin.docx'),
    ],
    'LibreOffice',
  );
  firstPage(join(printed, 'bulletin.pdf'), join(root, 'docs/report-docx-page1.png'));
  console.log('wrote docs/report-example.png, docs/report-pdf-page1.png, docs/report-docx-page1.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
