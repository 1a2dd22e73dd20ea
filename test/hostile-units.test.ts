// Issue 8, unit level: CSV decoding and parsing problems as findings naming the line, and the text caps.
import { describe, expect, it } from 'vitest';
import { CsvProblem, parseCsvTable } from '../src/io/table.js';
import { cap, printable } from '../src/text-safety.js';
import { message } from '../src/messages.js';

const problemOf = (bytes: Uint8Array): unknown => {
  try {
    parseCsvTable(bytes);
    return null;
  } catch (e) {
    return e instanceof CsvProblem ? { code: e.problem.code, line: e.problem.params.line } : e;
  }
};
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('CSV problems are findings with a line', () => {
  it.each([
    ['an unclosed quote', utf8('a,b\n1,"2\n3,4\n'), 'csv-malformed'],
    ['a quote inside a cell', utf8('a,b\n1,2"3\n'), 'csv-malformed'],
    ['text after a closing quote', utf8('a,b\n1,"2"x\n'), 'csv-malformed'],
    ['a NUL byte', utf8('a,b\n1,\u00002\n'), 'csv-undecodable'],
    ['bytes neither UTF-8 nor GB18030 on line 3', Buffer.concat([utf8('a,b\n1,2\n'), Buffer.from([0x31, 0x2c, 0xff, 0xff, 0x0a])]), 'csv-undecodable'],
    ['a UTF-8 BOM then invalid UTF-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('a,b\n'), Buffer.from([0xc3, 0x28, 0x0a])]), 'csv-undecodable'],
  ])('%s', (_what, bytes, code) => {
    expect(problemOf(bytes)).toMatchObject({ code });
  });

  it('a line of 1,000,000 commas, or 250,000 lines, is refused before it is held in memory', () => {
    expect(problemOf(utf8(`a,b\n1,2\n${','.repeat(1_000_000)}\n`))).toEqual({ code: 'csv-malformed', line: 3 });
    expect(problemOf(utf8('a,b\n' + '1,2\n'.repeat(250_000)))).toMatchObject({ code: 'csv-malformed' });
  });

  it('names the line of the undecodable bytes', () => {
    expect(problemOf(Buffer.concat([utf8('a,b\n1,2\n'), Buffer.from([0x31, 0x2c, 0xff, 0xff, 0x0a])]))).toEqual({ code: 'csv-undecodable', line: 3 });
  });

  it.each([
    ['UTF-16 LE with BOM, tabs', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('代码\t名称\r\n220102\t南关区\r\n', 'utf16le')])],
    ['UTF-16 BE with BOM, tabs', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('代码\t名称\r\n220102\t南关区\r\n', 'utf16le').swap16()])],
    ['bare CR line ends', utf8('代码,名称\r220102,南关区\r')],
  ])('reads %s', (_what, bytes) => {
    expect(parseCsvTable(bytes)).toEqual({ header: ['代码', '名称'], headerLine: 1, rows: [{ line: 2, cells: ['220102', '南关区'] }] });
  });
});

describe('text from files, made safe', () => {
  it('a quoted cell is capped at 200 characters with …, and made printable', () => {
    const m = message('value-not-number', { label: '成人会员数', found: '\u001b[2J' + 'x'.repeat(1_000_000) }, 'en');
    expect(m.length).toBeLessThan(400);
    expect(m).toContain('…');
    expect(m).not.toMatch(/\u001b/);
  });

  it('cap never splits a surrogate pair; printable drops controls and bidi overrides', () => {
    expect(cap('😀'.repeat(10), 5)).toBe('😀😀…');
    expect(printable('a\u001b]0;x\u0007b\u202ec\nd')).toBe('a]0;xbc d');
  });
});
