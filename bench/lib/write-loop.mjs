// The template floor: a plain exceljs loop that builds and writes the same blank workbooks `rc-org template`
// writes (same builder, same file names), one after another in one process, straight into the output folder.
//   node write-loop.mjs <registry.csv> <outDir> <year> <baselineYear>
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRegistry } from '../../dist/src/registry/build.js';
import { buildFormWorkbook, formFileName, loadExcelJS } from '../../dist/src/issued-form/form.js';

const [registryCsv, out, year, baselineYear] = process.argv.slice(2);
const rows = readFileSync(registryCsv, 'utf8')
  .replace(/^\ufeff/, '')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l, i) => {
    const [code, name, level, parent] = l.split(',');
    return { line: i + 2, code, name, level, parent };
  });
const built = buildRegistry(rows, registryCsv);
if ('problems' in built) throw new Error('bad registry');
const ExcelJS = await loadExcelJS();
mkdirSync(out, { recursive: true });
for (const org of built.registry.orgs) {
  const wb = await buildFormWorkbook(ExcelJS, { org, year: Number(year), baselineYear: Number(baselineYear) });
  await writeFile(join(out, formFileName(Number(year), org)), new Uint8Array(await wb.xlsx.writeBuffer()));
}
process.stdout.write(JSON.stringify({ files: built.registry.orgs.length }) + '\n');
