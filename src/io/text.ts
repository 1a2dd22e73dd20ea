// Turning bytes into text: CSV from Excel on Chinese Windows is GB18030, elsewhere UTF-8, with or without BOM.

export type TextEncoding = 'utf-8' | 'gb18030';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; bom: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    // Not valid UTF-8: GB18030 is a superset of GBK/GB2312, which is what Excel writes on Chinese Windows.
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030', bom: false };
  }
}
