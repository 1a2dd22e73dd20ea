import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';

// Where the programs rc-org borrows are on a machine: LibreOffice (to convert .xls/.et/.ods) and a Chromium-family
// browser (report --pdf). Pure over what it is given — the platform, the environment and an exists() test — so the
// Windows install locations are tested with fake install trees on any system.

export interface ProgramLookup {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** True when `path` is a program that can be started (an executable file). */
  exists: (path: string) => boolean;
}

/** The running machine: process.platform, process.env, an executable-file test. */
export function thisMachine(env: Readonly<Record<string, string | undefined>> = process.env): ProgramLookup {
  return { platform: process.platform, env, exists: isExecutableFile };
}

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** An environment variable; on Windows names are not case-sensitive (PATH is often spelt Path there). */
function envVar(m: ProgramLookup, name: string): string | undefined {
  if (m.platform !== 'win32') return m.env[name] || undefined;
  const key = Object.keys(m.env).find((k) => k.toLowerCase() === name.toLowerCase());
  return (key !== undefined && m.env[key]) || undefined;
}

const pathsOf = (m: ProgramLookup) => (m.platform === 'win32' ? win32 : posix);

/** The first of `names` in a PATH folder, in PATH order. */
function onPath(m: ProgramLookup, names: readonly string[]): string | null {
  const p = pathsOf(m);
  for (const dir of (envVar(m, 'PATH') ?? '').split(p.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const path = p.join(dir.replace(/^"(.*)"$/, '$1'), name);
      if (m.exists(path)) return path;
    }
  }
  return null;
}

/** The Program Files folders of a Windows machine (64-bit, then 32-bit), from the environment or their defaults. */
function programFiles(m: ProgramLookup): string[] {
  const found = [envVar(m, 'ProgramW6432'), envVar(m, 'ProgramFiles'), envVar(m, 'ProgramFiles(x86)'), 'C:\\Program Files', 'C:\\Program Files (x86)'].filter(
    (d): d is string => d !== undefined,
  );
  return [...new Set(found.map((d) => win32.normalize(d)))];
}

const firstExisting = (m: ProgramLookup, paths: readonly string[]): string | null => paths.find((p) => m.exists(p)) ?? null;

/**
 * LibreOffice's soffice: `--soffice PATH` when given (and then only it: null if it is not a program), else the first
 * on PATH, else its standard install location (Windows: Program Files\LibreOffice\program\soffice.exe, 64- or 32-bit;
 * macOS: the application bundle).
 */
export function findSoffice(m: ProgramLookup, explicit?: string): string | null {
  if (explicit !== undefined && explicit !== '') return m.exists(explicit) ? explicit : null;
  if (m.platform === 'win32') {
    return (
      onPath(m, ['soffice.exe', 'soffice.com']) ??
      firstExisting(
        m,
        programFiles(m).map((d) => win32.join(d, 'LibreOffice', 'program', 'soffice.exe')),
      )
    );
  }
  const path = onPath(m, ['soffice', 'libreoffice']);
  if (path || m.platform !== 'darwin') return path;
  return firstExisting(m, ['/Applications/LibreOffice.app/Contents/MacOS/soffice']);
}

const BROWSERS_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const BROWSERS_ON_WINDOWS_PATH = ['chromium.exe', 'chrome.exe', 'msedge.exe'];

/** Chrome, then Edge, where their installers put them on Windows (Edge is on every Windows 10/11 PC). */
function windowsBrowsers(m: ProgramLookup): string[] {
  const local = envVar(m, 'LOCALAPPDATA');
  const chrome = [...programFiles(m), ...(local ? [local] : [])].map((d) => win32.join(d, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  const edge = programFiles(m).map((d) => win32.join(d, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
  return [...chrome, ...edge];
}

/**
 * The browser for --pdf: CHROME_PATH when set (and then only it), else /usr/bin/chromium, else the first
 * Chromium/Chrome (on Windows also Edge) on PATH, else Google Chrome or Microsoft Edge at their standard Windows
 * (or macOS) locations.
 */
export function findBrowser(m: ProgramLookup): string | null {
  const chosen = envVar(m, 'CHROME_PATH');
  if (chosen !== undefined) return m.exists(chosen) ? chosen : null;
  if (m.platform === 'win32') return onPath(m, BROWSERS_ON_WINDOWS_PATH) ?? firstExisting(m, windowsBrowsers(m));
  if (m.exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  const path = onPath(m, BROWSERS_ON_PATH);
  if (path || m.platform !== 'darwin') return path;
  return firstExisting(m, ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']);
}
