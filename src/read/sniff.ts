import yauzl from 'yauzl';
import type { FileProblem } from './types.js';

// Look at a file before exceljs does: old formats, non-zips, truncated zips, zip bombs, poisoned names.

export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const MAX_WORKBOOK_XML_BYTES = 5 * 1024 * 1024;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
// Names that, used as a sheet or defined name, make exceljs write onto Object.prototype.
const POISON = /(^|[^\w])(__proto__|constructor|prototype)([^\w]|$)/;

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

export async function inspectXlsx(bytes: Uint8Array): Promise<FileProblem | null> {
  if (bytes.length === 0) return { code: 'file-empty', params: {} };
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) return { code: 'file-old-format', params: {} };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { code: 'file-not-zip', params: {} };

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { validateEntrySizes: true });
  } catch {
    // It starts like a zip but its directory at the end is gone: cut off in transit.
    return { code: 'file-truncated', params: {} };
  }
  try {
    let total = 0;
    let count = 0;
    let workbookEntry: yauzl.Entry | undefined;
    for await (const entry of zip.eachEntry()) {
      count++;
      total += entry.uncompressedSize;
      if (count > MAX_ENTRIES || total > MAX_UNCOMPRESSED_BYTES) {
        return { code: 'file-suspicious-zip', params: { size: count > MAX_ENTRIES ? `${count}+ entries` : `> ${mib(total)}`, limit: mib(MAX_UNCOMPRESSED_BYTES) } };
      }
      if (entry.fileName === 'xl/workbook.xml') workbookEntry = entry;
    }
    if (!workbookEntry) return { code: 'file-not-zip', params: {} };
    if (workbookEntry.uncompressedSize > MAX_WORKBOOK_XML_BYTES) {
      return { code: 'file-suspicious-zip', params: { size: mib(workbookEntry.uncompressedSize), limit: mib(MAX_WORKBOOK_XML_BYTES) } };
    }
    const xml = await readEntry(zip, workbookEntry);
    const names = [...xml.matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</g)].map((m) => m[1] ?? '');
    const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? '');
    const definedNameAttrs = [...xml.matchAll(/<(?:\w+:)?definedName\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? '');
    const bad = [...names, ...sheets, ...definedNameAttrs].find((n) => POISON.test(n));
    if (bad !== undefined) return { code: 'file-unsafe-content', params: { detail: bad.slice(0, 60) } };
    return null;
  } catch {
    return { code: 'file-truncated', params: {} };
  } finally {
    zip.close();
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
