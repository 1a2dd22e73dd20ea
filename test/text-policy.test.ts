// The text policy's functions (src/text-safety.ts), table by table: what a name may not hold, what XML and a page
// may not hold, how a file name is cut, what the workbook cleaner changes and what it leaves alone.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, capQuoted, cleanWorkbook, enteredText, fileNamePart, neutralise, pageText, textDefect, xmlText } from '../src/text-safety.js';

describe('textDefect: the first character a name may not hold, counted in characters from 1', () => {
  it.each([
    ['南关区', null],
    ['南关\n区\t', null],
    ['😀\u001b', { kind: 'control', char: 'U+001B', position: 2 }],
    ['a\u009fb', { kind: 'control', char: 'U+009F', position: 2 }],
    ['\ufdef', { kind: 'noncharacter', char: 'U+FDEF', position: 1 }],
    ['x\u{10ffff}', { kind: 'noncharacter', char: 'U+10FFFF', position: 2 }],
    ['ab\udc00', { kind: 'surrogate', char: 'U+DC00', position: 3 }],
    ['\u2069\u0001', { kind: 'bidi', char: 'U+2069', position: 1 }],
    ['\u0001\u2069', { kind: 'control', char: 'U+0001', position: 1 }],
    ['\u200f', null], // a right-to-left mark is a letter's direction, not an override: allowed
  ])('%j → %j', (text, want) => expect(textDefect(text, 100)).toEqual(want));

  it('length is counted in characters (code points), not UTF-16 units', () => {
    expect(textDefect('😀'.repeat(3), 3)).toBeNull();
    expect(textDefect('😀'.repeat(4), 3)).toEqual({ kind: 'too-long', length: 4, max: 3 });
  });
});

describe('leaving', () => {
  it('xmlText drops what XML 1.0 cannot hold and keeps tab, line ends, pairs and private use', () => {
    expect(xmlText('a\u0000b\u000bc\u001fd\ufffe\uffff\ud800e\tf\ng\rh😀\ue000')).toBe('abcde\tf\ng\rh😀\ue000');
  });
  it('pageText drops bidi controls too, and keeps a right-to-left name itself', () => {
    expect(pageText('\u202eاسم\u2066x\u2069\u0007')).toBe('اسمx');
  });
  it('capQuoted: 200 characters at most, ending in …, never half a surrogate pair', () => {
    expect(capQuoted('x'.repeat(40_000))).toBe('x'.repeat(199) + '…');
    expect(capQuoted('x'.repeat(198) + '😀😀')).toBe('x'.repeat(198) + '…');
  });
  it('neutralise: formula starts get an apostrophe; XML-forbidden characters go', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('\u0007=1')).toBe("'=1");
  });
  it('enteredText: trimmed, CRLF and CR as LF', () => {
    expect(enteredText('  长\r\n春\r市\n ')).toBe('长\n春\n市');
  });
});

describe('fileNamePart: a long name cut to fit, the code kept', () => {
  it.each([
    ['short', '南关区', '2021_220102_南关区_退回修改.xlsx'],
    ['slashes and quotes', 'a/b"c', '2021_220102_a_b_c_退回修改.xlsx'],
  ])('%s', (_, name, want) => expect(fileNamePart('2021_220102_', name, '_退回修改.xlsx')).toBe(want));

  it('100 CJK characters: within the byte limit, ends in …, code and suffix whole', () => {
    const f = fileNamePart('2021_220102_', '很'.repeat(100), '_组织体系建设统计表.xlsx');
    expect(Buffer.byteLength(f)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(f).toMatch(/^2021_220102_很+…_组织体系建设统计表\.xlsx$/);
  });
});

describe('cleanWorkbook', () => {
  it('cleans text cells, rich text and notes; leaves numbers, clean text and merged cells alone', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'a\ufffeb';
    ws.getCell('A2').value = 3;
    ws.getCell('A3').value = { richText: [{ text: 'x\u0001' }, { text: 'y' }] };
    ws.getCell('A4').value = 'ok';
    ws.getCell('A4').note = { texts: [{ text: 'n\u000bote' }] };
    ws.mergeCells('B1:C1');
    ws.getCell('B1').value = 'merged';
    cleanWorkbook(wb);
    expect(ws.getCell('A1').value).toBe('ab');
    expect(ws.getCell('A2').value).toBe(3);
    expect(ws.getCell('A3').value).toEqual({ richText: [{ text: 'x' }, { text: 'y' }] });
    expect(ws.getCell('A4').value).toBe('ok');
    expect((ws.getCell('A4').note as { texts: { text: string }[] }).texts[0]!.text).toBe('note');
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('B1').value).toBe('merged');
  });
});
