import { resolve } from 'node:path';
import { prepareOutput, releaseOutput } from '../io/output.js';
import { assertOutFolder } from '../io/out-folder.js';
import { findSoffice } from '../read/convert.js';
import { loadSignKey } from '../io/sign-key.js';
import { SetupError, type Lang } from '../messages.js';
import { prewarmReaders, type PoolOptions } from '../read/pool.js';
import type { Registry } from '../registry/types.js';
import { loadBaseline, type Baseline } from './baseline-load.js';
import { DEFAULT_BASELINE_YEAR } from '../catalogue.js';
import type { CheckContext, StatusContext } from './check-returns.js';
import { loadRegistry } from './registry-load.js';

// The one set-up of the commands that check returns (validate, merge, feedback): every input they are set up with
// is read and checked here, in one order, before any return is read, so each command meets the same setup errors
// with the same codes (exit 2).

/** What validate, merge and feedback are given alike. */
export interface CheckCommandOptions extends PoolOptions {
  cwd: string;
  /** --survey FILE: the survey definition (default: the built-in one). */
  survey?: string;
  paths: string[];
  year?: number;
  orgs?: string;
  baseline?: string;
  /** --sign-key FILE: verify each identity's signature (and sign what the command writes). */
  signKey?: string;
  /** --under CODE: that branch's subtree only. */
  under?: string;
  lang?: Lang;
  onProgress?: (done: number, total: number, file: string) => void;
}

/** --out and --force, for a command that writes a folder. */
export interface OutFolderOptions {
  out: string;
  force?: boolean;
}

/** What a checking command runs with, once set up. */
export interface RunSetup {
  lang: Lang;
  registry: Registry;
  baseline: Baseline | null;
  signKey: Uint8Array | null;
  /** The run's root: --under CODE, else the registry's root. */
  scope: string;
}

/** A writing command's set-up: --out resolved, checked and locked (empty unless --force). */
export interface OutSetup extends RunSetup {
  outDir: string;
}

/** The run's root: --under CODE (which must be in the registry), else the registry's root. */
export function scopeOf(registry: Registry, under: string | undefined): string {
  if (under === undefined) return registry.root.code;
  const code = under.trim();
  if (!registry.byCode.has(code)) throw new SetupError([{ code: 'unknown-org-code', params: { option: '--under', code } }]);
  return code;
}

/**
 * Set a checking command up: --out (a folder, or nothing yet), the registry, the baseline, the key, --under,
 * --soffice, and last the lock on --out — a bad --out, or another run writing there, fails before any return is
 * read. `run` gets the set-up; --out is released however it ends.
 */
export function withSetup<T>(opts: CheckCommandOptions, out: null, run: (setup: RunSetup) => Promise<T>): Promise<T>;
export function withSetup<T>(opts: CheckCommandOptions, out: OutFolderOptions, run: (setup: OutSetup) => Promise<T>): Promise<T>;
export async function withSetup<T>(opts: CheckCommandOptions, out: OutFolderOptions | null, run: (setup: OutSetup) => Promise<T>): Promise<T> {
  const outDir = out ? resolve(opts.cwd, out.out) : '';
  if (out) await assertOutFolder(outDir, out.out);
  prewarmReaders(opts); // the readers load exceljs while the registry is read
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const baseline = await loadBaseline(opts.baseline, opts.cwd, registry);
  const signKey = loadSignKey(opts.signKey, opts.cwd);
  const scope = scopeOf(registry, opts.under);
  // --soffice names a program the user means: a wrong path is a setup error, not files left unconverted later.
  if (opts.soffice && findSoffice(process.env, resolve(opts.cwd, opts.soffice)) === null) {
    throw new SetupError([{ code: 'file-not-found', params: { file: opts.soffice } }]);
  }
  const setup = { lang: opts.lang ?? 'zh', registry, baseline, signKey, scope };
  if (!out) return run({ ...setup, outDir });
  await prepareOutput(outDir, { force: out.force ?? false, requireEmptyDir: true });
  try {
    return await run({ ...setup, outDir });
  } finally {
    releaseOutput(outDir);
  }
}

/** What the check step needs of the set-up; `keepFigures` when the command uses the figures (merge, feedback). */
export function checkContextOf(setup: RunSetup, keepFigures: boolean): CheckContext {
  return { registry: setup.registry, baseline: setup.baseline?.figures ?? null, baselineYear: DEFAULT_BASELINE_YEAR, signKey: setup.signKey, keepFigures };
}

/** What the status step needs of the set-up and the options. */
export function statusContextOf(setup: RunSetup, opts: Pick<CheckCommandOptions, 'cwd' | 'year'>): StatusContext {
  const { registry, scope, baseline } = setup;
  return { registry, scope, cwd: opts.cwd, year: opts.year, hasBaseline: baseline !== null, baselineNotices: baseline?.notices ?? [] };
}
