import { DEFAULT_BASELINE_YEAR } from '../catalogue.js';
import { resolve } from 'node:path';
import { SetupError } from '../messages.js';
import { subtree } from '../registry/build.js';
import { loadRegistry } from '../engine/registry-load.js';
import type { Org } from '../registry/types.js';
import { dataFile, writeBatch } from '../io/output.js';
import { loadSignKey } from '../io/sign-key.js';
import { assertOutFolder } from '../io/out-folder.js';
import { buildFormWorkbook, formFileName, loadExcelJS } from '../issued-form/form.js';
import { withSurveyOption } from '../survey/load.js';

export interface TemplateOptions {
  cwd: string;
  /** --survey FILE: the survey definition (default: the built-in one). */
  survey?: string;
  out: string;
  year?: number;
  baselineYear?: number;
  orgs?: string;
  only?: string[];
  under?: string;
  force?: boolean;
  /** --sign-key FILE: sign each identity (HMAC-SHA-256) with the province's key. */
  signKey?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface TemplateReport {
  dir: string;
  year: number;
  baselineYear: number;
  files: { file: string; code: string; name: string; level: string }[];
  /** True when --year was not given and the current year was used (the CLI says so). */
  yearDefaulted: boolean;
}

export function checkYears(year: number, baselineYear: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new SetupError([{ code: 'bad-year', params: { option: '--year', value: year } }]);
  if (!Number.isInteger(baselineYear) || baselineYear < 1900 || baselineYear > 9999)
    throw new SetupError([{ code: 'bad-year', params: { option: '--baseline-year', value: baselineYear } }]);
  if (baselineYear >= year) throw new SetupError([{ code: 'baseline-not-before-year', params: { baseline: baselineYear, year } }]);
}

/** template, with the survey of --survey (or the built-in one) in force. */
export async function runTemplate(opts: TemplateOptions): Promise<TemplateReport> {
  return withSurveyOption(opts.survey, opts.cwd, () => templateInForce(opts));
}

async function templateInForce(opts: TemplateOptions): Promise<TemplateReport> {
  const year = opts.year ?? new Date().getFullYear();
  const baselineYear = opts.baselineYear ?? DEFAULT_BASELINE_YEAR;
  checkYears(year, baselineYear);
  if (opts.only && opts.under) throw new SetupError([{ code: 'mixed-options', params: { a: '--only', b: '--under' } }]);
  const registry = await loadRegistry(opts.orgs, opts.cwd);
  const signKey = loadSignKey(opts.signKey, opts.cwd);

  const pick = (code: string, option: string): Org => {
    const org = registry.byCode.get(code);
    if (!org) throw new SetupError([{ code: 'unknown-org-code', params: { option, code } }]);
    return org;
  };
  const orgs = opts.only
    ? [...new Set(opts.only)].map((c) => pick(c, '--only'))
    : opts.under
      ? subtree(registry, pick(opts.under, '--under').code)
      : [...registry.orgs];

  const dir = resolve(opts.cwd, opts.out);
  await assertOutFolder(dir, opts.out);
  const ExcelJS = await loadExcelJS();
  await writeBatch(
    dir,
    orgs.map((org) =>
      dataFile(
        formFileName(year, org),
        async () => new Uint8Array(await (await buildFormWorkbook(ExcelJS, { org, year, baselineYear, signKey })).xlsx.writeBuffer()),
      ),
    ),
    { force: opts.force ?? false, onProgress: opts.onProgress },
  );
  return {
    dir,
    year,
    baselineYear,
    yearDefaulted: opts.year === undefined,
    files: orgs.map((o) => ({ file: formFileName(year, o), code: o.code, name: o.name, level: o.level })),
  };
}
