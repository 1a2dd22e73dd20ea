#!/usr/bin/env node
// Writes fixtures/hostile/: one hostile or awkward input per situation (issue 8), each made from a clean return
// of fixtures/example-2021 (or the clean CSV row of fixtures/validate) by one precise edit. The README table
// (situation, file, expected code) is what test/hostile.e2e.test.ts asserts. Byte-for-byte reproducible.
//
// Run: node scripts/make-hostile.mjs
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RETURNS = join(ROOT, 'fixtures/example-2021/returns');
const OUT = join(ROOT, 'fixtures/hostile');
const FIXED_DATE = new Date('2021-12-28T01:00:00Z');
mkdirSync(OUT, { recursive: true });

const formOf = (code) =>
  readFileSync(
    join(
      RETURNS,
      readdirSync(RETURNS).find((f) => f.includes(`_${code}_`)),
    ),
  );

// ── zip surgery: the central directory and local headers, edited in place ──────────────────────────────────
function entries(buf) {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    out.push({ central: at, local, name: buf.subarray(at + 46, at + 46 + nameLen).toString('latin1') });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}
function rename(buf, from, to, { central = true, local = true } = {}) {
  if (from.length !== to.length) throw new Error('same length only');
  const b = Buffer.from(buf);
  const e = entries(b).find((x) => x.name === from);
  if (central) b.write(to, e.central + 46, 'latin1');
  if (local) b.write(to, e.local + 30, 'latin1');
  return b;
}
function setFlag(buf, name, bit) {
  const b = Buffer.from(buf);
  const e = entries(b).find((x) => x.name === name);
  b.writeUInt16LE(b.readUInt16LE(e.central + 8) | bit, e.central + 8);
  b.writeUInt16LE(b.readUInt16LE(e.local + 6) | bit, e.local + 6);
  return b;
}
async function editXml(buf, path, edit) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file(path).async('string');
  const next = edit(xml);
  if (next === xml) throw new Error(`edit of ${path} changed nothing`);
  zip.file(path, next, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
/** Replace the value cell at `ref` of 附件1 (sheet1.xml) with the given <c> element. */
const setCell = (ref, cell) => (xml) => xml.replace(new RegExp(`<c r="${ref}"[^>]*>(?:<v>[^<]*</v>)?</c>|<c r="${ref}"[^>]*/>`), cell);

// ── CSV returns ───────────────────────────────────────────────────────────────────────────────────────────
const csvSource = readFileSync(join(ROOT, 'fixtures/validate/csv-return-utf8-labels.csv'), 'utf8').replace(/^\ufeff/, '');
const [csvHeader, csvRow] = csvSource.trim().split(/\r?\n/);
const cleanRow = (code) => csvRow.replace(/^220102,/, `${code},`).replace('约3150', '3150');

const cases = [];
const add = (file, situation, expected, bytes) => {
  writeFileSync(join(OUT, file), bytes);
  cases.push({ file, situation, expected });
};
const utf8 = (s) => Buffer.from('\ufeff' + s, 'utf8');

add(
  'csv-unclosed-quote.csv',
  'a quote opened in a cell is never closed',
  'csv-malformed',
  utf8(`${csvHeader}\n${cleanRow('220421').replace(',1,', ',"1,')}\n`),
);
add(
  'csv-stray-quote-in-field.csv',
  'a quote in the middle of an unquoted cell',
  'csv-malformed',
  utf8(`${csvHeader}\n${cleanRow('220422').replace(',86,', ',8"6,')}\n`),
);
add(
  'csv-text-after-closing-quote.csv',
  'text after a closing quote',
  'csv-malformed',
  utf8(`${csvHeader}\n${cleanRow('220402').replace(',86,', ',"86"x,')}\n`),
);
add(
  'csv-binary-data.csv',
  'binary data (a PNG header and NUL bytes) saved as .csv',
  'csv-undecodable',
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x22, 0x49, 0x48, 0x44, 0x52]),
);
add(
  'csv-undecodable-bytes.csv',
  'line 2 holds bytes that are neither UTF-8 nor GB18030',
  'csv-undecodable',
  Buffer.concat([Buffer.from(`${csvHeader}\n`, 'utf8'), Buffer.from([0xff, 0xfe, 0xff, 0x0a])]),
);
add(
  'csv-utf16-bom-tabs.csv',
  'Excel "Unicode text": UTF-16 LE with BOM, tab-separated — read as a good return',
  'ok',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${csvHeader}\r\n${cleanRow('220403')}\r\n`.replace(/,/g, '\t'), 'utf16le')]),
);
add(
  'csv-bare-cr-line-ends.csv',
  'old Mac line ends (bare CR) — both rows read, nothing glued',
  'ok',
  utf8(`${csvHeader}\r${cleanRow('220421')}\r${cleanRow('220422')}\r`),
);
add(
  'csv-escape-sequences-in-cell.csv',
  'terminal escape sequences (clear screen, set title) in a count cell',
  'value-not-number',
  utf8(`${csvHeader}\n${cleanRow('220502').replace(',86,', ',\u001b[2J\u001b]0;pwned\u0007,')}\n`),
);
add(
  'csv-count-beyond-ceiling.csv',
  'a count of 10^15 members (no branch has a billion)',
  'value-implausible',
  utf8(`${csvHeader}\n${cleanRow('220503').replace(',6400,', ',1000000000000000,')}\n`),
);
add(
  'csv-count-400-digits.csv',
  'a count of 400 nines (not even a finite double)',
  'value-not-number',
  utf8(`${csvHeader}\n${cleanRow('220521').replace(',6400,', ',' + '9'.repeat(400) + ',')}\n`),
);

const GOODISH = {
  date: '220106',
  huge: '220112',
  text: '220113',
  localName: '220122',
  dup: '220182',
  enc: '220183',
  path: '220184',
  crc: '220203',
  proto: '220204',
  backtrack: '220211',
};
add(
  'cell-typed-date-t-d.xlsx',
  'a count cell stored as an ISO date (t="d"), once read as its year',
  'value-date',
  await editXml(formOf(GOODISH.date), 'xl/worksheets/sheet1.xml', setCell('C14', '<c r="C14" t="d"><v>2021-03-04T00:00:00</v></c>')),
);
add(
  'count-beyond-ceiling.xlsx',
  'a count of 10^308 stored as a number',
  'value-implausible',
  await editXml(formOf(GOODISH.huge), 'xl/worksheets/sheet1.xml', setCell('C14', '<c r="C14"><v>1E+308</v></c>')),
);
add(
  'number-cell-holding-text.xlsx',
  'a number cell whose value is "12abc" (parseFloat would read 12)',
  'value-not-number',
  await editXml(formOf(GOODISH.text), 'xl/worksheets/sheet1.xml', setCell('C14', '<c r="C14"><v>12abc</v></c>')),
);
add(
  'zip-local-header-name-differs.xlsx',
  'central directory and local header name different files (sheet1 / sheet9)',
  'file-suspicious-zip',
  rename(formOf(GOODISH.localName), 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet9.xml', { central: false }),
);
add(
  'zip-duplicate-entry.xlsx',
  'two entries named xl/worksheets/sheet1.xml (programs pick different ones)',
  'file-suspicious-zip',
  rename(formOf(GOODISH.dup), 'xl/worksheets/sheet3.xml', 'xl/worksheets/sheet1.xml'),
);
add(
  'zip-encrypted-entry.xlsx',
  'a zip entry marked encrypted (a zip password)',
  'file-zip-encrypted',
  setFlag(formOf(GOODISH.enc), 'xl/worksheets/sheet1.xml', 1),
);
add(
  'zip-path-traversal.xlsx',
  'an entry named ../../../app.xml (climbs out of the archive)',
  'file-zip-unsafe-path',
  rename(formOf(GOODISH.path), 'docProps/app.xml', '../../../app.xml'),
);
{
  const b = Buffer.from(formOf(GOODISH.crc));
  const e = entries(b).find((x) => x.name === 'xl/worksheets/sheet1.xml');
  b.writeUInt32LE((b.readUInt32LE(e.local + 14) ^ 0xffffffff) >>> 0, e.local + 14);
  add('zip-local-header-crc-differs.xlsx', 'the local header of 附件1 carries another CRC than the central directory', 'file-suspicious-zip', b);
}
add(
  'defined-name-proto-in-sheet-name.xlsx',
  'a sheet named __proto__ (would write onto Object.prototype)',
  'file-unsafe-content',
  await editXml(formOf(GOODISH.proto), 'xl/workbook.xml', (x) => x.replace(/name="附件1"/, 'name="__proto__"')),
);
add(
  'defined-names-backtracking.xlsx',
  '100 KB of <definedName tags with no name and no end (a backtracking scan would take minutes)',
  'file-unreadable',
  await editXml(formOf(GOODISH.backtrack), 'xl/workbook.xml', (x) =>
    x.replace('</workbook>', `<definedNames>${'<definedName x'.repeat(7000)}>a</definedName></definedNames></workbook>`),
  ),
);
{
  // A zip bomb in disguise: 20 MB of zeros (about 20 KB deflated) whose entry declares 1,000 bytes.
  const zip = await JSZip.loadAsync(formOf('220221'));
  zip.file('xl/media/image1.bin', Buffer.alloc(20 * 1024 * 1024), { date: FIXED_DATE });
  const b = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const e = entries(b).find((x) => x.name === 'xl/media/image1.bin');
  b.writeUInt32LE(1000, e.central + 24);
  b.writeUInt32LE(1000, e.local + 22);
  add(
    'zip-entry-inflates-beyond-its-size.xlsx',
    'an entry declaring 1,000 bytes that inflates to 20 MB (a bomb past the size checks)',
    'file-suspicious-zip',
    b,
  );
}
add('not-a-zip-at-all.xlsx', 'random text named .xlsx', 'file-not-zip', Buffer.from('this is not a workbook\n'.repeat(10)));

const rows = cases.map((c) => `| ${c.situation} | \`${c.file}\` | ${c.expected === 'ok' ? 'ok (read as a good return)' : `\`${c.expected}\``} |`);
writeFileSync(
  join(OUT, 'README.md'),
  `# hostile fixtures (issue 8)

One input per situation: a broken or hostile file that must fail alone, with its own finding, while the rest
of the batch is checked and merged — or an awkward one that must simply be read right. Each is made by
\`scripts/make-hostile.mjs\` from a clean return of \`../example-2021\` (or the clean CSV row of \`../validate\`)
by one precise edit, so only the situation differs. \`test/hostile.e2e.test.ts\` runs \`validate\` and \`merge\`
over all of them together with good returns and asserts, per file, the code below (and: exit 1, the good
returns ok and merged, no internal error, the inputs unchanged).

Cases that cannot be committed are made by the test itself: a 2 GiB sparse file (\`file-too-large\`), a FIFO
and a link to /dev/zero named like a form (\`file-not-regular\`), a file the user may not read, run as
\`nobody\` (\`file-no-permission\`), a 1 MB cell (message capped), a symlink to a good return (followed, said
with \`file-symlink-followed\`).

| situation | file | expected |
|---|---|---|
${rows.join('\n')}
`,
);
console.log(`wrote ${cases.length} files to fixtures/hostile`);
