// Child process of the generator: writes the filled forms for every `step`-th branch starting at `first`.
//   node gen-worker.mjs <formsDir> <n> <year> <baselineYear> <first> <step>
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRegistry } from '../../dist/src/registry/build.js';
import { buildFormWorkbook, formFileName, loadExcelJS } from '../../dist/src/issued-form/form.js';
import { fillValues } from './fill.mjs';
import { makeRegistryRows } from './registry.mjs';

const [dir, n, year, baselineYear, first, step] = process.argv.slice(2);
const rows = makeRegistryRows(Number(n));
const built = buildRegistry(
  rows.map((r, i) => ({ line: i + 2, ...r })),
  'bench',
);
if ('problems' in built) throw new Error(`bench registry is inconsistent: ${JSON.stringify(built.problems.slice(0, 3))}`);
const index = new Map(rows.map((r, i) => [r.code, i]));
const ExcelJS = await loadExcelJS();
const orgs = built.registry.orgs;
let done = 0;
for (let i = Number(first); i < orgs.length; i += Number(step)) {
  const org = orgs[i];
  const wb = await buildFormWorkbook(ExcelJS, {
    org,
    year: Number(year),
    baselineYear: Number(baselineYear),
    values: fillValues(org.level, index.get(org.code)),
  });
  await writeFile(join(dir, formFileName(Number(year), org)), new Uint8Array(await wb.xlsx.writeBuffer()));
  if (++done % 100 === 0) process.send?.({ done: 100 });
}
process.send?.({ done: done % 100 });
