// Start-up (issue 5, item 4): commands that never read a workbook must not load exceljs, the heaviest module we
// have (~0.25 s to load). A preload hook, passed to the built CLI with NODE_OPTIONS=--import, records at exit
// whether exceljs was loaded on the main thread, two ways: its files in require.cache (exceljs is CommonJS, and
// an ESM import of CommonJS goes through that cache) and, where `module.register` exists, every specifier the
// ESM loader resolved. A positive control (`orgs --orgs <an xlsx registry>`, which must read the xlsx with
// exceljs) proves the hook sees it. This tests behaviour, not timing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

const RESOLVE_HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^exceljs(\\/|$)/.test(specifier) || /[\\\\/]node_modules[\\\\/]exceljs[\\\\/]/.test(specifier)) {
    appendFileSync(process.env.RC_ORG_LOAD_REPORT + '.esm', specifier + '\\n');
  }
  return next(specifier, context);
}
`;

const PRELOAD = `
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
const require = createRequire(import.meta.url);
if (typeof nodeModule.register === 'function') nodeModule.register(new URL('./resolve-hooks.mjs', import.meta.url));
if (isMainThread) {
  process.on('exit', () => {
    const cached = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]exceljs[\\\\/]/.test(k));
    writeFileSync(process.env.RC_ORG_LOAD_REPORT, JSON.stringify({ cached: cached.length, registered: typeof nodeModule.register === 'function' }));
  });
}
`;

function hookDir(): string {
  const dir = tempDir('rc-org-startup-');
  writeFileSync(join(dir, 'preload.mjs'), PRELOAD);
  writeFileSync(join(dir, 'resolve-hooks.mjs'), RESOLVE_HOOKS);
  return dir;
}

let seq = 0;
/** Run the CLI with the hook; say whether exceljs was loaded on the main thread. */
function run(args: string[], cwd: string, hooks: string): { code: number; stdout: string; stderr: string; exceljs: boolean } {
  const report = join(hooks, `report-${seq++}.json`);
  const r = spawnCli(args, {
    cwd,
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(join(hooks, 'preload.mjs')).href}`.trim(),
      RC_ORG_LOAD_REPORT: report,
    },
  });
  const seen = JSON.parse(readFileSync(report, 'utf8')) as { cached: number; registered: boolean };
  let esm = '';
  try {
    esm = readFileSync(`${report}.esm`, 'utf8');
  } catch {
    // nothing resolved
  }
  return { ...r, exceljs: seen.cached > 0 || esm.trim() !== '' };
}

describe('start-up: commands that read no workbook do not load exceljs', () => {
  const hooks = hookDir();
  const cwd = tempDir();
  copyFixture('fixtures/registry/utf8-bom.csv', cwd);
  copyFixture('fixtures/registry/xlsx-chinese-headers.xlsx', cwd);

  it('the hook sees exceljs when a command does load it (positive control: an xlsx registry)', () => {
    const r = run(['orgs', '--orgs', 'xlsx-chinese-headers.xlsx', '--json'], cwd, hooks);
    expect(r.code, r.stderr).toBe(0);
    expect(r.exceljs).toBe(true);
  });

  it.each([
    [['--help']],
    [['-V']],
    [['help', 'validate']],
    [['validate', '--help']],
    [['merge', '--help']],
    [['template', '--help']],
    [['orgs']],
    [['orgs', '--json']],
    [['orgs', '--csv', '--lang', 'en']],
    [['orgs', '--orgs', 'utf8-bom.csv']],
  ])('rc-org %j', (args) => {
    const r = run(args, cwd, hooks);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.exceljs).toBe(false);
  });
});
