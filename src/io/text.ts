// Turning bytes into text: CSV from Excel on Chinese Windows is GB18030, elsewhere UTF-8, with or without BOM;
// Excel's "Unicode text" export is UTF-16 with a BOM.

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Bytes that are no text in any encoding we read; `line` is the 1-based line holding the first bad byte. */
export class UndecodableText extends Error {
  constructor(readonly line: number) {
    super(`undecodable text on line ${line}`);
  }
}

function decodeStrict(encoding: TextEncoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** 1-based line of the first undecodable byte: each line (split at LF, an ASCII byte in both) decoded alone. */
function firstBadLine(bytes: Uint8Array, encoding: TextEncoding): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const part = bytes.subarray(start, i);
      if (part.includes(0) || decodeStrict(encoding, part) === null) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; bom: boolean } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = decodeStrict('utf-16le', bytes.subarray(2));
    if (text === null) throw new UndecodableText(1);
    return { text, encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = decodeStrict('utf-16be', bytes.subarray(2));
    if (text === null) throw new UndecodableText(1);
    return { text, encoding: 'utf-16be', bom: true };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // A NUL byte is in no text file we read (binary data saved as .csv, or UTF-16 without its BOM).
  if (body.includes(0)) throw new UndecodableText(firstBadLine(body, 'utf-8'));
  const utf8 = decodeStrict('utf-8', body);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom };
  // Not valid UTF-8: GB18030 is a superset of GBK/GB2312, which is what Excel writes on Chinese Windows.
  const gb = bom ? null : decodeStrict('gb18030', body);
  if (gb !== null) return { text: gb, encoding: 'gb18030', bom: false };
  throw new UndecodableText(firstBadLine(body, bom ? 'utf-8' : 'gb18030'));
}
