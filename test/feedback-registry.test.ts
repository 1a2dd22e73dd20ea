// The registry's optional contact columns (联系人 / 电话 / 邮箱, or contact / phone / email): read from CSV in
// UTF-8 and GB18030 and from xlsx, carried on each Org, absent when the file has no such column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/engine/registry-load.js';
import { tempDir } from './helpers.js';

/** GB18030 bytes for text (the two-byte part is all a registry needs), from the platform decoder. */
export function gb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}

const ZH =
  '代码,名称,级别,上级代码,联系人,电话,邮箱\r\n220000,吉林省,省,,王芳,0431-88880000,zxb@example.org\r\n220100,长春市,市,220000,李强,13900000001,\r\n220102,南关区,区,220100,,,\r\n';

describe('registry contact columns', () => {
  it.each([
    ['UTF-8 with BOM, Chinese headers', 'utf8.csv', new TextEncoder().encode('\ufeff' + ZH)],
    ['GB18030, Chinese headers', 'gb.csv', gb18030(ZH)],
    [
      'UTF-8, English headers in another order',
      'en.csv',
      new TextEncoder().encode(
        'email,code,name,level,parent,phone,contact\r\nzxb@example.org,220000,吉林省,province,,0431-88880000,王芳\r\n,220100,长春市,city,220000,13900000001,李强\r\n,220102,南关区,county,220100,,\r\n',
      ),
    ],
  ])('%s', async (_, name, bytes) => {
    const dir = tempDir();
    writeFileSync(join(dir, name), bytes);
    const r = await loadRegistry(name, dir);
    expect(r.hasContacts).toBe(true);
    expect(r.byCode.get('220000')!.contact).toEqual({ person: '王芳', phone: '0431-88880000', email: 'zxb@example.org' });
    expect(r.byCode.get('220100')!.contact).toEqual({ person: '李强', phone: '13900000001', email: '' });
    expect(r.byCode.get('220102')!.contact).toBeUndefined(); // nothing filled in
  });

  it('from xlsx', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRows([
      ['单位代码', '单位名称', '级别', '上级', '联系人', '联系电话', '电子邮箱'],
      ['220000', '吉林省', '省', '', '王芳', '0431-88880000', 'zxb@example.org'],
      ['220100', '长春市', '市', '220000', '', '', ''],
    ]);
    await wb.xlsx.writeFile(join(dir, 'r.xlsx'));
    const r = await loadRegistry('r.xlsx', dir);
    expect(r.byCode.get('220000')!.contact).toEqual({ person: '王芳', phone: '0431-88880000', email: 'zxb@example.org' });
    expect(r.byCode.get('220100')!.contact).toBeUndefined();
  });

  it('a registry without contact columns has none, and the built-in one neither', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), '代码,名称,级别,上级代码\n220000,吉林省,省,\n');
    const r = await loadRegistry('r.csv', dir);
    expect(r.hasContacts).toBeUndefined();
    expect(r.root.contact).toBeUndefined();
    expect((await loadRegistry(undefined, dir)).hasContacts).toBeUndefined();
  });
});
