// The readers make exceljs load faster (src/read/exceljs-fast-load.ts): they hand it the parts the pre-scan
// already unpacked instead of letting JSZip unpack the file again, and read theme parts without exceljs's 1 MB
// buffers. That may only ever change the speed: on every .xlsx fixture (forms as rc-org, Excel, WPS, LibreOffice
// and openpyxl save them, and the hostile ones) the workbook must be the one untouched exceljs builds from the
// file — computed in a separate process, where nothing is patched; and zips whose parts JSZip would file
// differently must not take the quick way at all.
// (Comparing with untouched exceljs in a child process: read-unzipped.e2e.test.ts.)
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectXlsxParts } from '../src/read/sniff.js';
import { zip } from './zip-writer.js';

const zipOf = (entries: readonly { name: string; data: string; attrs?: number; deflate?: boolean }[]): Buffer =>
  zip(
    entries.map((e) => {
      const raw = Buffer.from(e.data);
      return { name: e.name, method: e.deflate ? 8 : 0, data: e.deflate ? deflateRawSync(raw) : raw, size: raw.length, attrs: e.attrs };
    }),
  );

const WORKBOOK = '<workbook><sheets><sheet name="附件1" sheetId="1"/></sheets></workbook>';

describe('which zips hand their parts on', () => {
  it.each([
    [
      'plain names, deflated and stored',
      [
        { name: 'xl/workbook.xml', data: WORKBOOK, deflate: true },
        { name: 'docProps/app.xml', data: '<x/>' },
      ],
      ['xl/workbook.xml', 'docProps/app.xml'],
    ],
    [
      'folder entries are left out, as exceljs skips them',
      [
        { name: 'xl/', data: '' },
        { name: 'docs', data: '', attrs: 0x10 },
        { name: 'xl/workbook.xml', data: WORKBOOK },
      ],
      ['xl/workbook.xml'],
    ],
    [
      'a "." segment JSZip would resolve',
      [
        { name: 'xl/./workbook.xml', data: WORKBOOK },
        { name: 'xl/workbook.xml', data: WORKBOOK },
      ],
      null,
    ],
    [
      'an empty segment JSZip would resolve',
      [
        { name: 'xl//styles.xml', data: '<x/>' },
        { name: 'xl/workbook.xml', data: WORKBOOK },
      ],
      null,
    ],
    [
      'a backslash',
      [
        { name: 'xl\\styles.xml', data: '<x/>' },
        { name: 'xl/workbook.xml', data: WORKBOOK },
      ],
      null,
    ],
  ] as const)('%s', async (_, entries, names) => {
    const inspection = await inspectXlsxParts(zipOf(entries));
    expect(inspection.problem).toBeNull();
    const parts = 'parts' in inspection ? inspection.parts : undefined;
    expect(parts ? parts.map((p) => p.name) : parts).toEqual(names);
  });

  it('hands on nothing when a part does not inflate (exceljs then says the file is damaged, as before)', async () => {
    const bad = zipOf([
      { name: 'xl/workbook.xml', data: WORKBOOK, deflate: true },
      { name: 'xl/styles.xml', data: '<styleSheet/>', deflate: true },
    ]);
    const stylesData = bad.indexOf(Buffer.from('xl/styles.xml')) + 'xl/styles.xml'.length;
    bad.fill(0xff, stylesData, stylesData + 4); // the deflate stream of the second part, broken
    const inspection = await inspectXlsxParts(bad);
    expect(inspection.problem).toBeNull();
    expect('parts' in inspection && inspection.parts).toBeNull();
  });
});
