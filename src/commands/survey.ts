import { builtInSurveyText, loadSurvey } from '../survey/load.js';

// rc-org survey: the survey definition (issue 20). `check` validates a definition file (problems are thrown as one
// SetupError, exit 2, one `file:path: message` line each); `show` gives the built-in one, to copy and edit.

export interface SurveyCheckOptions {
  cwd: string;
  file: string;
}

/** What `survey check` says of a valid definition. */
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

export async function runSurveyCheck(opts: SurveyCheckOptions): Promise<SurveyCheckReport> {
  const { survey: s, source, sha256 } = await loadSurvey(opts.cwd, opts.file);
  return {
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
  };
}

/** The built-in definition's text, as shipped (templates/jilin-2021.json). */
export function runSurveyShow(): string {
  return builtInSurveyText();
}
