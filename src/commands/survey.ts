import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { dataFile, writeBatch } from '../io/output.js';
import { SetupError } from '../messages.js';
import { builtInSurveyText } from '../catalogue.js';
import { builtInSurvey, loadSurvey, type LoadedSurvey } from '../survey/load.js';
import { surveyFromWorkbook, surveyToWorkbook } from '../survey/workbook.js';

// rc-org survey: the survey definition (issue 20). `check` validates a definition file (problems are thrown as one
// SetupError, exit 2, one `file:path: message` line each); `show` gives the built-in one, to copy and edit;
// `export` writes a definition as a workbook and `import` reads one back (problems at `file:sheet!cell`).

/** A definition workbook is tens of KB; this is far beyond any real one. */
export const MAX_SURVEY_WORKBOOK_BYTES = 5 << 20;

export interface SurveyCheckOptions {
  cwd: string;
  file: string;
}

/** What `survey check` (and `survey import`) say of a valid definition. */
export interface SurveyCheckReport {
  file: string;
  id: string;
  version: string;
  year: number;
  baselineYear: number;
  sheets: number;
  indicators: number;
  rules: number;
  rates: number;
  sha256: string;
}

const summary = ({ survey: s, source, sha256 }: LoadedSurvey): SurveyCheckReport => ({
  file: source,
  id: s.id,
  version: s.version,
  year: s.year,
  baselineYear: s.baselineYear,
  sheets: s.sheets.length,
  indicators: s.indicators.length,
  rules: s.rules.length,
  rates: s.rates.length,
  sha256,
});

export async function runSurveyCheck(opts: SurveyCheckOptions): Promise<SurveyCheckReport> {
  return summary(await loadSurvey(opts.cwd, opts.file));
}

/** The built-in definition's text, as shipped (templates/jilin-2021.json). */
export function runSurveyShow(): string {
  return builtInSurveyText();
}

export interface SurveyExportOptions {
  cwd: string;
  /** The definition to export; the built-in one when left out. */
  file?: string;
  out: string;
  force?: boolean;
}

/** Write a definition as a workbook (settings, levels, sheets, indicators, rules, goals). */
export async function runSurveyExport(opts: SurveyExportOptions): Promise<{ out: string }> {
  const loaded = opts.file === undefined ? builtInSurvey() : await loadSurvey(opts.cwd, opts.file);
  const wb = await surveyToWorkbook(loaded.survey);
  const out = resolve(opts.cwd, opts.out);
  await writeBatch(dirname(out), [dataFile(basename(out), async () => new Uint8Array(await wb.xlsx.writeBuffer()))], { force: opts.force === true });
  return { out };
}

export interface SurveyImportOptions {
  cwd: string;
  /** The definition workbook (.xlsx). */
  file: string;
  out: string;
  force?: boolean;
}

/** Read a definition workbook, check it as any definition, and write it as JSON. */
export async function runSurveyImport(opts: SurveyImportOptions): Promise<SurveyCheckReport & { out: string }> {
  const path = resolve(opts.cwd, opts.file);
  let bytes: Uint8Array;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new SetupError([{ code: 'survey-not-a-file', params: {}, file: path }]);
    if (st.size > MAX_SURVEY_WORKBOOK_BYTES)
      throw new SetupError([{ code: 'survey-too-large', params: { size: st.size, limit: MAX_SURVEY_WORKBOOK_BYTES }, file: path }]);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof SetupError) throw e;
    throw new SetupError([{ code: 'file-not-found', params: { file: path } }]);
  }
  const loaded = await surveyFromWorkbook(bytes, path);
  const out = resolve(opts.cwd, opts.out);
  await writeBatch(dirname(out), [dataFile(basename(out), () => loaded.json)], { force: opts.force === true });
  return { ...summary(loaded), out };
}
