// Shared helpers for the tests. Keep this small: every test file may import it.
//
//   spawnCli(args, { cwd })     run the BUILT CLI (bin/rc-org.js) with node → { code, stdout, stderr }
//   tempDir()                   a fresh empty folder under os.tmpdir(), removed after the test file's last test
//   copyFixture(rel, dir)       copy a repo file or folder (e.g. 'fixtures/registry/cycle.csv') into dir
//   libreOfficeConvert(...)     convert files with LibreOffice headless (xlsx → pdf, xlsx → xlsx re-save)
//   repoRoot, fixturePath(rel)  absolute paths inside the repository
//
// End-to-end tests must never read or write inside the repository: copy the fixtures they need into a
// tempDir() first and run the CLI there. The CLI is the built one, so `npm test` builds before vitest runs;
// spawnCli fails if dist/ is missing and warns if it is older than the sources.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

/** Absolute path of the repository root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file or folder given relative to the repository root. */
export function fixturePath(rel: string): string {
  return resolve(repoRoot, rel);
}

export interface CliResult {
  /** The process exit code (0 clean, 1 data errors, 2 usage or setup); -1 if it was killed. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Working folder; a fresh tempDir() when left out, so a test never writes into the repository. */
  cwd?: string;
  /** Extra environment variables (added to the current environment). */
  env?: Record<string, string>;
  /** Text written to the CLI's stdin. */
  input?: string;
  /** Kill the CLI after this many milliseconds (default 60 s). */
  timeoutMs?: number;
}

const BIN = join(repoRoot, 'bin', 'rc-org.js');
let buildChecked = false;

/** .ts files under `dir` whose compiled .js in dist/ is missing or older than the source. */
function staleSources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
    const rel = join(dir, e.name);
    if (e.isDirectory()) out.push(...staleSources(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
      const js = join(repoRoot, 'dist', rel.replace(/\.ts$/, '.js'));
      if (!existsSync(js) || statSync(js).mtimeMs + 1000 < statSync(join(repoRoot, rel)).mtimeMs) out.push(rel);
    }
  }
  return out;
}

/**
 * End-to-end tests run dist/: fail if there is no build at all; warn (once) if sources changed since the
 * last build — a warning, not a failure, because other people may be editing sources in the same tree.
 */
function checkBuild(): void {
  if (buildChecked) return;
  buildChecked = true;
  const built = join(repoRoot, 'dist', 'src', 'main.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` (npm test does it for you).`);
  const stale = [...staleSources('src'), ...staleSources('templates')];
  if (stale.length > 0) {
    console.warn(`rc-org tests: dist/ is older than ${stale.join(', ')}; the CLI under test may be out of date (npm run build).`);
  }
}

/** Run `node bin/rc-org.js ...args` and wait for it. Never throws on a non-zero exit: check `code`. */
export function spawnCli(args: readonly string[], opts: SpawnOptions = {}): CliResult {
  checkBuild();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? tempDir(),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];

function removeTempDirs(): void {
  if (process.env.RC_ORG_KEEP_TMP) return;
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

// Registered when a test file imports this module, so it runs after all of that file's tests (and its own
// afterAll hooks). vitest may end its worker processes without an 'exit' event, so that is only a fallback.
afterAll(removeTempDirs);
process.once('exit', removeTempDirs);

/**
 * A fresh, empty folder under os.tmpdir(). They are removed after the test file's last test; set
 * RC_ORG_KEEP_TMP=1 to keep them for a look after a failure.
 */
export function tempDir(prefix = 'rc-org-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * Copy a file or folder of the repository (path relative to the repo root, e.g. 'fixtures/registry/cycle.csv')
 * into `dir`, under its own name or `as`. Returns the absolute path of the copy.
 */
export function copyFixture(rel: string, dir: string, as?: string): string {
  const from = fixturePath(rel);
  if (!existsSync(from)) throw new Error(`No such fixture: ${rel}`);
  const to = join(dir, as ?? basename(from));
  cpSync(from, to, { recursive: true });
  return to;
}

let libreOfficeProfile: string | undefined;

/**
 * Convert files with LibreOffice headless in ONE soffice call (each call costs ~2 s):
 * `format` is what --convert-to takes ('pdf', 'xlsx', 'csv', ...). The outputs go to `outDir` (which must not
 * be the folder of the inputs when re-saving as the same format) and keep the inputs' base names.
 * A private LibreOffice profile is used, so parallel test files do not trip over each other.
 * Returns the output paths, in the order of `files`; throws if soffice is missing or an output was not written.
 */
export function libreOfficeConvert(files: readonly string[], format: string, outDir: string): string[] {
  if (!libreOfficeProfile || !existsSync(libreOfficeProfile)) libreOfficeProfile = tempDir('rc-org-lo-profile-');
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(libreOfficeProfile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (r.error) {
    throw new Error(`LibreOffice (soffice) could not be run: ${r.error.message}. Install libreoffice-calc (.ci/run does).`);
  }
  const ext = format.split(':')[0]!;
  const outputs = files.map((f) => join(outDir, basename(f).replace(/\.[^.]+$/, '') + '.' + ext));
  const missing = outputs.filter((o) => !existsSync(o));
  if (missing.length > 0) {
    throw new Error(`soffice exited ${r.status} without writing ${missing.join(', ')}\n${r.stdout}\n${r.stderr}`);
  }
  return outputs;
}
