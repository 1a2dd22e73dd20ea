import { withSurvey, type SurveyInForce } from '../catalogue.js';
import type { ExcelJSModule } from '../issued-form/form.js';
import { writeSummaryWorkbook, type SummaryWorkbookSpec } from './summary-workbook.js';

// One summary workbook written on a reader thread after reading (src/read/reader-tasks.ts).

export interface SummaryTask {
  spec: SummaryWorkbookSpec;
  path: string;
  /** The run's survey: a reader thread starts with the built-in one in force. */
  survey: SurveyInForce;
}

export async function runTask(task: SummaryTask, ExcelJS: ExcelJSModule): Promise<void> {
  await withSurvey(task.survey, () => writeSummaryWorkbook(ExcelJS, task.spec, task.path));
}
