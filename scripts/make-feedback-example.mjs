#!/usr/bin/env node
// Writes fixtures/example-2021-round1/: the first round of returns that 长春市 (220100) has received for 2021 from
// its own level and its 11 counties — some clean, some with problems, some missing — for `rc-org feedback`
// (README "rc-org feedback" worked example; test/feedback*.test.ts). fixtures/example-2021/ is not modified.
//
// Run: npm run build && node scripts/make-feedback-example.mjs
//
// Each problem return starts as the clean return in fixtures/example-2021/returns (made from the real template)
// and is edited with exceljs the way branches do. Fixed document and zip dates: the bytes are the same every run.
// All figures are invented (示例数据（虚构，仅供演示）), as are the names and numbers in the contact columns.

import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FROM = join(ROOT, 'fixtures', 'example-2021', 'returns');
const OUT = join(ROOT, 'fixtures', 'example-2021-round1');
const RETURNS = join(OUT, 'returns');
const FIXED_DATE = new Date('2021-12-20T01:00:00Z');

async function importBuilt(rel) {
  try {
    return await import(new URL(`../dist/${rel}`, import.meta.url).href);
  } catch (e) {
    console.error(`make-feedback-example: cannot load dist/${rel} (${e.message}). Run "npm run build" first.`);
    process.exit(2);
  }
}
const { buildFormWorkbook, loadExcelJS } = await importBuilt('src/issued-form/form.js');
const { defaultRegistry } = await importBuilt('src/registry/default.js');
const { JILIN_REGISTRY } = await importBuilt('src/registry/jilin.js');
const ExcelJS = await loadExcelJS();
const registry = defaultRegistry();

async function fixZipDates(buf) {
  const zip = await JSZip.loadAsync(buf);
  zip.forEach((_, entry) => {
    entry.date = FIXED_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
async function save(wb, name) {
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastModifiedBy = 'rc-org fixtures';
  await writeFile(join(RETURNS, name), await fixZipDates(Buffer.from(await wb.xlsx.writeBuffer())));
}
const original = async (code) => {
  const name = (await readdir(FROM)).find((f) => f.includes(`_${code}_`) || (code === '220102' && f.startsWith('南关区')));
  if (!name) throw new Error(`no example return for ${code}`);
  return join(FROM, name);
};
async function edited(code, name, edit) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await original(code));
  await edit(wb);
  await save(wb, name);
}
const cell = (wb, sheet, addr) => wb.getWorksheet(sheet).getCell(addr);

await rm(RETURNS, { recursive: true, force: true }); // README.md beside it is written by hand
await mkdir(RETURNS, { recursive: true });

// Clean returns, as issued (file names as branches send them).
for (const code of ['220100', '220103', '220182', '220184']) {
  const from = await original(code);
  await copyFile(from, join(RETURNS, from.slice(FROM.length + 1)));
}

// 220102 南关区: five kinds of problem in one return (the round trip of test/feedback-roundtrip.e2e.test.ts).
await edited('220102', '南关区红会2021年报表(终).xlsx', (wb) => {
  cell(wb, '附件1', 'C14').value = '六千四百'; // row 10 成人会员数 in words → value-not-number
  cell(wb, '附件1', 'C13').value = null; // row 9 团体会员数 left blank → value-blank
  cell(wb, '附件1', 'C6').value = 1; // row 2 市级…应换届数, grey for a county, filled → not-applicable-filled
  cell(wb, '附件2', 'C16').value = 200; // row 12 注册志愿者增加数: 1200 − 1050 = 150 → increment-mismatch
  cell(wb, '附件1', 'C7').value = 0; // row 3 应换届个数 0 while 附件2 row 3 completed 1 → warning, not explained
});

// 220104 朝阳区: only a warning it has not explained → 已报送·有警告, the form goes back marked amber.
await edited('220104', '朝阳区报表.xlsx', (wb) => {
  cell(wb, '附件1', 'C7').value = 0;
  cell(wb, '附件2', 'C7').value = 1;
});

// 220105 二道区: the same warning, explained in 说明 → passes.
await edited('220105', '2021_220105_二道区_组织体系建设统计表.xlsx', (wb) => {
  cell(wb, '附件1', 'C7').value = 0;
  cell(wb, '附件2', 'C7').value = 1;
  cell(wb, '附件2', 'E7').value = '本年补办了 2019 年到期的换届，故完成数大于应换届数。';
});

// 220106 绿园区: sent last year's (2020) form again → a fresh blank form goes back.
{
  const org = registry.byCode.get('220106');
  const wb = await buildFormWorkbook(ExcelJS, { org, year: 2020, baselineYear: 2019 });
  wb.subject = '示例数据（虚构，仅供演示）';
  await save(wb, '绿园区红十字会报表.xlsx');
}

// 220112 双阳区: two different files for one branch → asked which is final.
{
  const from = await original('220112');
  await copyFile(from, join(RETURNS, from.slice(FROM.length + 1)));
  await edited('220112', '双阳区报表-修改版.xlsx', (wb) => {
    cell(wb, '附件1', 'E12').value = '基层组织数已与街道核对。';
  });
}

// 德惠市 (220183): a download cut off half-way, file named by hand → tied to no branch, listed for the clerk.
{
  const bytes = await readFile(await original('220183'));
  await writeFile(join(RETURNS, '德惠市红十字会报表.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
}
// 220113 九台区, 220122 农安县: nothing received.

// The registry with contact columns (GB18030, as Excel on Chinese Windows saves CSV): the default registry,
// with invented contacts for 长春市 and its counties.
const CONTACTS = {
  220100: ['李明', '0431-80000100', 'cc@example.org'],
  220102: ['赵丽', '0431-80000102', ''],
  220103: ['钱伟', '0431-80000103', ''],
  220104: ['孙静', '0431-80000104', 'cy@example.org'],
  220105: ['周强', '0431-80000105', ''],
  220106: ['吴敏', '0431-80000106', ''],
  220112: ['郑涛', '0431-80000112', ''],
  220113: ['王霞', '0431-80000113', ''],
  220122: ['冯军', '0431-80000122', 'na@example.org'],
  220182: ['陈红', '0431-80000182', ''],
  220183: ['褚亮', '0431-80000183', ''],
  220184: ['卫东', '0431-80000184', ''],
};
const lines = [
  ['代码', '名称', '级别', '上级代码', '联系人', '电话', '邮箱'],
  ...JILIN_REGISTRY.map((r) => [r.code, r.name, r.level, r.parent ?? '', ...(CONTACTS[r.code] ?? ['', '', ''])]),
];
const text = lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
const table = new Map();
const dec = new TextDecoder('gb18030');
for (let hi = 0x81; hi <= 0xfe; hi++) {
  for (let lo = 0x40; lo <= 0xfe; lo++) {
    if (lo === 0x7f) continue;
    const ch = dec.decode(new Uint8Array([hi, lo]));
    if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
  }
}
const gb = [];
for (const ch of text) {
  const cp = ch.codePointAt(0);
  if (cp < 0x80) gb.push(cp);
  else gb.push(...table.get(ch));
}
await writeFile(join(OUT, 'registry-with-contacts-gb18030.csv'), new Uint8Array(gb));
await copyFile(join(ROOT, 'fixtures', 'example-2021', 'baseline-2020.csv'), join(OUT, 'baseline-2020.csv'));
console.log(`wrote ${OUT}`);
