// Shared by the text policy's tests (test/text-policy*.ts): a second program opens what rc-org wrote.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fixturePath } from './helpers.js';

const PY = '/usr/bin/python3';
export const py = (script: string, ...args: string[]): { code: number; out: string } => {
  const r = spawnSync(PY, [fixturePath(`test/data/${script}`), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
};
/** Every .xlsx/.docx under dir, opened by Python (expat + openpyxl): the lines it complains with (none when well-formed). */
export function ooxmlProblems(dir: string): string {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(xlsx|docx)$/.test(f)).map((f) => join(dir, f));
  return files.length === 0 ? '' : py('ooxml-wellformed.py', ...files).out;
}
/** A CSV as csv-parse reads it back: every record, and whether every record has the header's width. */
export function csvRecords(path: string): string[][] {
  const records: string[][] = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true });
  return records;
}
/** A field a spreadsheet would run as a formula (neutralised ones start with an apostrophe). */
export const FORMULA_FIELD = /^(?:[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;
