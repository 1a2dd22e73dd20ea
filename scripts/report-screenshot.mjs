// Regenerate docs/report-example.png, the README's picture of the example year's report:
// merge fixtures/example-2021 (built CLI) into a temp folder, open its report.html in the OS Chromium, screenshot.
//   npm run build && node scripts/report-screenshot.mjs        (needs /usr/bin/chromium or CHROME_PATH)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { CHROMIUM_FLAGS, findBrowser } = await import(pathToFileURL(join(root, 'dist/src/report/pdf.js')).href);
const browser = findBrowser();
if (!browser) throw new Error('No Chromium found: apt-get install chromium, or set CHROME_PATH.');

const work = mkdtempSync(join(tmpdir(), 'rc-org-shot-'));
try {
  const out = join(work, 'out');
  const merge = spawnSync(
    process.execPath,
    [
      join(root, 'bin/rc-org.js'),
      'merge',
      join(root, 'fixtures/example-2021/returns'),
      '--baseline',
      join(root, 'fixtures/example-2021/baseline-2020.csv'),
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  if (merge.status !== 0) throw new Error(`merge exited ${merge.status}: ${merge.stderr}`);
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
  console.log('wrote docs/report-example.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
