import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser as locateBrowser, thisMachine } from '../read/programs.js';
import { onInterrupt } from '../io/output.js';
import { SetupError } from '../messages.js';

// --pdf: the page printed to A4 by the machine's own Chromium, driven by playwright-core (which never downloads a
// browser). A fresh profile folder per run, removed afterwards; every request but the page itself is refused.

/** Flags that let the OS Chromium start headless on a locked-down office PC or a CI container. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * CHROME_PATH when set (and then only it), else /usr/bin/chromium, else the first Chromium/Chrome on PATH, else
 * Chrome or Edge at their standard Windows locations (src/read/programs.ts).
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  return locateBrowser(thisMachine(env));
}

/** The browser to print with, or the setup error that says how to get one. */
export function requireBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const browser = findBrowser(env);
  if (!browser) throw new SetupError([{ code: 'report-no-browser', params: {} }]);
  return browser;
}

export async function printPdf(html: string, path: string, browser: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'rc-org-chromium-'));
  // Ctrl-C or SIGTERM while printing: the print stops at once, the browser is closed and its profile removed, and
  // then the run removes its staging folder and lock and dies of the signal (src/io/output.ts). Playwright's own
  // handlers are off: they would end the process (exit 130) before any of that. A call pending on a browser that
  // closes may never settle, so the print races the interrupt rather than waiting for the call to fail.
  let stop: (e: Error) => void = () => undefined;
  const interrupted = new Promise<never>((_, reject) => (stop = reject));
  interrupted.catch(() => undefined);
  const stopListening = onInterrupt(() => stop(new Error('interrupted')));
  const launching = chromium.launchPersistentContext(profile, {
    executablePath: browser,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
    offline: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const printing = (async (): Promise<void> => {
    const context = await launching;
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
    // As a 公文 is numbered: "— 1 —" under the type area, no running head (the title is on the first page).
    const folio = 'font-size:14pt;width:100%;text-align:center;font-family:"SimSun","Noto Serif CJK SC","WenQuanYi Zen Hei",serif;';
    await page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style='${folio}'>— <span class="pageNumber"></span> —</div>`,
      // The page's own @page rule sets size and margins, so the PDF is laid out exactly as a browser prints it.
      preferCSSPageSize: true,
    });
  })();
  printing.catch(() => undefined);
  try {
    await Promise.race([printing, interrupted]);
  } catch (e) {
    if (e instanceof SetupError) throw e;
    throw new SetupError([{ code: 'report-pdf-failed', params: { browser, reason: (e as Error).message } }]);
  } finally {
    stopListening();
    // A browser still starting is waited for, so that it too is closed before its profile goes.
    const context = await launching.catch(() => undefined);
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
