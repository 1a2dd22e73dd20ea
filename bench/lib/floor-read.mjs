// The floor: the plainest exceljs reading loop. One of these runs per core, each on every `step`-th file:
// read the file, exceljs `load(buffer)` with exactly the options rc-org's readers use, add up every number in every
// sheet. No checks, no isolation.
//   node floor-read.mjs <fileList> <first> <step>      → prints {"files":…,"sum":…}
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { WORKBOOK_LOAD_OPTIONS } from '../../dist/src/read/extract.js';

const [list, first, step] = process.argv.slice(2);
const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
let sum = 0;
let count = 0;
for (let i = Number(first); i < files.length; i += Number(step)) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await readFile(files[i]), WORKBOOK_LOAD_OPTIONS);
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number') sum += cell.value;
      }),
    );
  }
  count++;
}
process.stdout.write(JSON.stringify({ files: count, sum }) + '\n');
