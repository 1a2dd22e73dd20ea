// Shared by the package tests (npm run test:dist): where `npm run dist` left the packages, a temp folder whose path
// has spaces and Chinese characters, summary.json with the machine-specific parts (paths) taken out.

import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import yauzl from 'yauzl';
import { repoRoot } from './helpers.js';

export const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** The package `npm run dist` wrote for `target`; fails with what to do when it is not there. */
export function packagePath(target: 'win-x64' | 'linux-x64'): string {
  const file = join(repoRoot, 'dist-packages', `rc-org-${version}-${target}.${target === 'win-x64' ? 'zip' : 'tar.gz'}`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run dist\` (npm run test:dist does it for you).`);
  return file;
}

/** A fresh folder under the temp folder named with spaces and Chinese characters, removed after the file's tests. */
export function spacedChineseDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rc-org 分发 ${label} 测试 `));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function untarGz(file: string, into: string): void {
  execFileSync('tar', ['-xzf', file, '-C', into]);
}

/**
 * summary.json (or a --json report) as far as it can agree between runs from different folders or on different
 * systems: every string with a path separator (Unix or Windows) reduced to its last part, a time stamp to a
 * placeholder.
 */
export function comparableSummary(text: string): unknown {
  const strip = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return '<time>';
      return /[\\/]/.test(v) ? v.split(/[\\/]/).pop() : v;
    }
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return strip(JSON.parse(text));
}

export interface ZipEntryInfo {
  name: string;
  /** General-purpose bit 11: the name is UTF-8 (what Windows Explorer needs to show Chinese names right). */
  utf8: boolean;
}

/** Unpacks a zip (or the entries `only` accepts) into `into` with yauzl, and lists all its entries. */
export async function unzip(file: string, into: string, only: (name: string) => boolean = () => true): Promise<ZipEntryInfo[]> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? fail(e) : ok(z))));
  const entries: ZipEntryInfo[] = [];
  await new Promise<void>((ok, fail) => {
    zip.on('error', fail).on('end', ok);
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push({ name: entry.fileName, utf8: (entry.generalPurposeBitFlag & 0x800) !== 0 });
      if (entry.fileName.endsWith('/') || !only(entry.fileName)) return zip.readEntry();
      const target = join(into, entry.fileName);
      mkdirSync(dirname(target), { recursive: true });
      zip.openReadStream(entry, (e, stream) => {
        if (e) return fail(e);
        stream
          .pipe(createWriteStream(target))
          .on('close', () => zip.readEntry())
          .on('error', fail);
      });
    });
    zip.readEntry();
  });
  return entries;
}
