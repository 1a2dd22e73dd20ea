import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The layers (layers.config.js) are guarded by the linter: a violation planted in a module of a layer is reported
// by `npm run lint` with the rule that forbids it. The text is linted as if it were a new file in that folder; nothing
// is written into src/. A file that is not on disk has no place in the TypeScript program, so the type-aware rules
// are left out here (the layer rules read no types); the project's own config is used for everything else.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
});

/** The rule ids ESLint reports for `code` placed at `file` (a path under the project). */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const IMPORTS = '@typescript-eslint/no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const CORE = 'src/core/planted-violation.ts';

describe('a planted violation in the core is reported', () => {
  it.each([
    ['a side-effect import of exceljs', "import 'exceljs';\n", IMPORTS],
    ['a bare fs import', "import { readFileSync } from 'fs';\nexport const read = (f: string): string => readFileSync(f, 'utf8');\n", IMPORTS],
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const read = (f: string): string => readFileSync(f, 'utf8');\n", IMPORTS],
    ['fs/promises as a namespace', "import * as fs from 'node:fs/promises';\nexport const stat = fs.stat;\n", IMPORTS],
    ['a re-export of csv-stringify', "export { stringify } from 'csv-stringify/sync';\n", IMPORTS],
    ['a type-only import of exceljs', "import type ExcelJS from 'exceljs';\nexport type Book = ExcelJS.Workbook;\n", IMPORTS],
    ['chalk', "import chalk from 'chalk';\nexport const red = chalk.red;\n", IMPORTS],
    ['the process module', "import process from 'node:process';\nexport const cwd = (): string => process.cwd();\n", IMPORTS],
    ['a dynamic import of fs', "export const load = async (): Promise<unknown> => import('node:fs');\n", SYNTAX],
    ['process.env', 'export const debug = (): boolean => process.env.X === "1";\n', 'no-restricted-globals'],
    ['globalThis.process', 'export const argv = (): string[] => globalThis.process.argv;\n', 'no-restricted-properties'],
    ['a console view (ui)', "import { STATUS_SHORT } from '../ui/merge-view.js';\nexport const s = STATUS_SHORT;\n", IMPORTS],
    ['a command', "export { validate } from '../commands/validate.js';\n", IMPORTS],
    ['an edge reader (io)', "import { parseCsvTable } from '../io/table.js';\nexport const r = parseCsvTable;\n", IMPORTS],
    ['the message words (language layer)', "import { message } from '../messages.js';\nexport const m = message;\n", IMPORTS],
    ['a question of the language', "export const pick = (l: string): number => (l === 'zh' ? 1 : 2);\n", SYNTAX],
  ])('%s', async (_what, code, rule) => {
    expect(await rulesFor(CORE, code)).toContain(rule);
  });

  it('a clean core module passes: core, base and zod imports only', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { INDICATORS } from '../catalogue.js';",
      "import { severityOf } from './finding-codes.js';",
      "import type { Registry } from '../registry/types.js';",
      'export const Count = z.number().int();',
      'export const first = INDICATORS[0]?.key;',
      "export const s = severityOf('bad-year');",
      'export type R = Registry;',
      '',
    ].join('\n');
    expect(await rulesFor(CORE, code)).toEqual([]);
  });
});

describe('lower layers import no higher one; features and commands stay apart', () => {
  it.each([
    ['the language layer importing a reader', 'src/lang/planted.ts', "export { parseCsvTable } from '../io/table.js';\n", IMPORTS],
    ['an edge importing a feature', 'src/io/planted.ts', "export { mergeReportHtml } from '../report/merge-report.js';\n", IMPORTS],
    ['a base module importing the core', 'src/version.ts', "export { finding } from './core/finding.js';\n", IMPORTS],
    [
      'a feature importing the console',
      'src/merge/planted.ts',
      "export { STATUS_SHORT } from '../lang/status-words.js';\nexport * from '../ui/table.js';\n",
      IMPORTS,
    ],
    ['a feature importing a command', 'src/report/planted.ts', "export const load = async (): Promise<unknown> => import('../commands/report.js');\n", SYNTAX],
    ['one feature importing another', 'src/feedback/planted.ts', "export { buildModel } from '../report/model.js';\n", IMPORTS],
    ['the report importing more of merge than its summary.json type', 'src/report/planted.ts', "export * from '../merge/summary-workbook.js';\n", IMPORTS],
  ])('%s', async (_what, file, code, rule) => {
    expect(await rulesFor(file, code)).toContain(rule);
  });

  it('the ties that layers.config.js declares pass: the report reads the type of merge’s summary.json', async () => {
    expect(await rulesFor('src/report/planted.ts', "import type { SummaryJson } from '../merge/outputs.js';\nexport type S = SummaryJson;\n")).toEqual([]);
  });

  it('a command may import the layers below it', async () => {
    const code = "export { STATUS_SHORT } from '../lang/status-words.js';\nexport { mergeReportHtml } from '../report/merge-report.js';\n";
    expect(await rulesFor('src/commands/planted.ts', code)).toEqual([]);
  });
});
