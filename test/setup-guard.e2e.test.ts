// Issue 8, item 5: setup files (registry, baseline) are guarded like returns: read through the same pre-scan and
// worker, looked up through Maps, and any defect is exit 2 with `file:line: message` — never an internal error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fixturePath, spawnCli, tempDir } from './helpers.js';

const INTERNAL = /程序内部错误|Internal error/;
const HEAD = 'code,name,level,parent\n220000,吉林省,province,\n';

describe('setup files fail with exit 2 and file:line, never an internal error', () => {
  it('registry level words such as toString, constructor, __proto__ are unknown levels, each with its line', () => {
    const dir = tempDir();
    const words = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
    writeFileSync(join(dir, 'orgs.csv'), HEAD + words.map((w, i) => `22010${i},市${i},${w},220000\n`).join(''));
    const r = spawnCli(['orgs', '--orgs', 'orgs.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    words.forEach((_, i) => expect(r.stderr).toMatch(new RegExp(`orgs\\.csv:${i + 3}: Branch 22010${i} has an unknown level`)));
    expect(r.stderr).not.toMatch(INTERNAL);
  });

  it('a malformed registry CSV names the line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'orgs.csv'), `${HEAD}220100,"长春市,city,220000\n`);
    const r = spawnCli(['orgs', '--orgs', 'orgs.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orgs\.csv:\d+: The CSV is malformed \(line \d+: a quote is never closed\)/);
  });

  it('a registry workbook with a defined name on __proto__ is refused by the pre-scan (worker-isolated)', async () => {
    const dir = tempDir();
    const zip = await JSZip.loadAsync(readFileSync(fixturePath('fixtures/registry/xlsx-chinese-headers.xlsx')));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    const poisoned = xml.includes('<definedNames>')
      ? xml.replace('<definedNames>', '<definedNames><definedName name="__proto__">Sheet1!$A$1</definedName>')
      : xml.replace('</sheets>', '</sheets><definedNames><definedName name="__proto__">Sheet1!$A$1</definedName></definedNames>');
    zip.file('xl/workbook.xml', poisoned);
    writeFileSync(join(dir, 'orgs.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const r = spawnCli(['orgs', '--orgs', 'orgs.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orgs\.xlsx: The workbook contains an unsafe defined name/);
    expect(r.stderr).not.toMatch(INTERNAL);
  });

  it('a baseline of binary bytes is a setup error naming it and the line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'base.csv'), Buffer.from([0x50, 0x4b, 0, 0, 0xff, 0xfe, 0, 1]));
    const r = spawnCli(['validate', fixturePath('fixtures/example-2021/returns'), '--baseline', 'base.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base\.csv:1: Line 1 of the CSV holds bytes/);
    expect(r.stderr).not.toMatch(INTERNAL);
  });
});
