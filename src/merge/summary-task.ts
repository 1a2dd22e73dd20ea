import type { ExcelJSModule } from '../issued-form/form.js';
import { writeSummaryWorkbook, type SummaryWorkbookSpec } from './summary-workbook.js';

// One summary workbook written on a reader thread after reading (src/read/reader-tasks.ts).

export interface SummaryTask {
  spec: SummaryWorkbookSpec;
  path: string;
}

export async function runTask(task: SummaryTask, ExcelJS: ExcelJSModule): Promise<void> {
  await writeSummaryWorkbook(ExcelJS, task.spec, task.path);
}
