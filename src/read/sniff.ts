import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { FileProblem } from './types.js';

// Look at a file before exceljs does: old formats, non-zips, truncated zips, zip bombs, poisoned names.
//
// Two ways to the same verdict. `inspectZipReference` walks the zip with yauzl and is the definition.
// `fastVerdict` reads the central directory straight from the buffer (≈20× cheaper, which matters when a batch
// holds thousands of files) and answers only for the ordinary case: a well-formed zip it can vouch is clean,
// exactly as yauzl would see it. Anything else — any irregularity yauzl would reject, zip64, Unicode-path extra
// fields, a size limit crossed, a poisoned name — goes to the reference, so every problem verdict (and its
// message) is yauzl's.

export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const MAX_WORKBOOK_XML_BYTES = 5 * 1024 * 1024;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
// Names that, used as a sheet or defined name, make exceljs write onto Object.prototype.
const POISON = /(^|[^\w])(__proto__|constructor|prototype)([^\w]|$)/;
const WORKBOOK_XML = 'xl/workbook.xml';

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

export async function inspectXlsx(bytes: Uint8Array): Promise<FileProblem | null> {
  if (bytes.length === 0) return { code: 'file-empty', params: {} };
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) return { code: 'file-old-format', params: {} };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { code: 'file-not-zip', params: {} };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (fastVerdict(buf) === 'clean') return null;
  return inspectZipReference(buf);
}

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** XML character references decoded, as the XML parser will: `&#95;` must not hide an underscore. */
function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n <= 0x10ffff ? String.fromCodePoint(n) : '';
  });
}

const NAME_ATTR = /(?:^|\s)name\s*=\s*(["'])/g;
const NAMED_TAG = /^(?:[A-Za-z_][\w.-]*:)?(definedName|sheet)(?=[\s/>]|$)/;

/**
 * The names in xl/workbook.xml (sheets, defined names) that would poison exceljs, if any. Linear in the length
 * of the XML whatever it holds: it walks from one '<' to the next, and looks only inside that stretch (a tag
 * cannot contain a raw '<'), so no character is looked at more than a fixed number of times — no regular
 * expression here can backtrack across the document.
 */
export function poisonedName(xml: string): string | undefined {
  for (let i = xml.indexOf('<'); i >= 0;) {
    const next = xml.indexOf('<', i + 1);
    const stretch = xml.slice(i + 1, next < 0 ? xml.length : next);
    i = next;
    const tag = NAMED_TAG.exec(stretch);
    if (!tag) continue;
    const gt = stretch.indexOf('>');
    const attrs = gt < 0 ? stretch : stretch.slice(0, gt);
    const names: string[] = [];
    NAME_ATTR.lastIndex = 0;
    for (let m = NAME_ATTR.exec(attrs); m; m = NAME_ATTR.exec(attrs)) {
      const from = NAME_ATTR.lastIndex;
      const to = attrs.indexOf(m[1]!, from);
      names.push(attrs.slice(from, to < 0 ? attrs.length : to));
      if (to < 0) break;
      NAME_ATTR.lastIndex = to + 1;
    }
    if (tag[1] === 'definedName' && gt >= 0) names.push(stretch.slice(gt + 1));
    const bad = names.map(decodeEntities).find((n) => POISON.test(n));
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** The zip checks through yauzl: the reference for every verdict, and the path for anything unusual. */
export async function inspectZipReference(buf: Buffer): Promise<FileProblem | null> {
  const structural = zipStructureProblem(buf);
  if (structural) return structural;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { validateEntrySizes: true });
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
        return {
          code: 'file-suspicious-zip',
          params: { size: count > MAX_ENTRIES ? `${count}+ entries` : `> ${mib(total)}`, limit: mib(MAX_UNCOMPRESSED_BYTES) },
        };
      }
      if (entry.fileName === WORKBOOK_XML) workbookEntry = entry;
    }
    if (!workbookEntry) return { code: 'file-not-zip', params: {} };
    if (workbookEntry.uncompressedSize > MAX_WORKBOOK_XML_BYTES) {
      return { code: 'file-suspicious-zip', params: { size: mib(workbookEntry.uncompressedSize), limit: mib(MAX_WORKBOOK_XML_BYTES) } };
    }
    const bad = poisonedName(await readEntry(zip, workbookEntry));
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

/** Size of the end-of-central-directory record without its comment. */
const EOCDR = 22;

/** Where the end-of-central-directory record starts: searched backwards over the last 20 + 22 + 0xffff bytes, as
 *  yauzl does; -1 when there is none. */
const searchStart = (size: number): number => Math.max(0, size - (20 + EOCDR + 0xffff));

function endOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - EOCDR; i >= searchStart(buf.length); i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) return i;
  }
  return -1;
}

/**
 * 'clean' when the zip is certainly well formed and harmless as yauzl would read it (same end record search,
 * same central directory walk and checks, same size limits, same workbook.xml scan); 'ask-reference' otherwise.
 * Never a problem verdict of its own.
 */
export function fastVerdict(buf: Buffer): 'clean' | 'ask-reference' {
  const ASK = 'ask-reference' as const;
  if (zipStructureProblem(buf)) return ASK;
  const size = buf.length;
  const eocdr = endOfCentralDirectory(buf);
  if (eocdr < 0) return ASK;
  if (buf.readUInt16LE(eocdr + 20) !== size - eocdr - EOCDR) return ASK; // comment length does not fit
  if (eocdr - 20 >= searchStart(size) && buf.readUInt32LE(eocdr - 20) === 0x07064b50) return ASK; // zip64
  if (buf.readUInt16LE(eocdr + 4) !== 0) return ASK; // multi-disk
  const entryCount = buf.readUInt16LE(eocdr + 10);
  let cursor = buf.readUInt32LE(eocdr + 16);

  let total = 0;
  let workbook: { method: number; flags: number; compressed: number; uncompressed: number; offset: number } | null = null;
  for (let n = 0; n < entryCount; n++) {
    if (cursor + 46 > size || buf.readUInt32LE(cursor) !== 0x02014b50) return ASK;
    const flags = buf.readUInt16LE(cursor + 8);
    if (flags & 0x40) return ASK; // strong encryption
    const method = buf.readUInt16LE(cursor + 10);
    const compressed = buf.readUInt32LE(cursor + 20);
    const uncompressed = buf.readUInt32LE(cursor + 24);
    const nameLen = buf.readUInt16LE(cursor + 28);
    const extraLen = buf.readUInt16LE(cursor + 30);
    const commentLen = buf.readUInt16LE(cursor + 32);
    const offset = buf.readUInt32LE(cursor + 42);
    const nameStart = cursor + 46;
    const extraStart = nameStart + nameLen;
    const end = extraStart + extraLen + commentLen;
    if (end > size) return ASK;
    // Extra fields: yauzl rejects a field that overruns; zip64 sizes and Unicode paths change what it reads.
    for (let i = extraStart; i < extraStart + extraLen - 3;) {
      const id = buf.readUInt16LE(i);
      const dataEnd = i + 4 + buf.readUInt16LE(i + 2);
      if (dataEnd > extraStart + extraLen || id === 0x0001 || id === 0x7075) return ASK;
      i = dataEnd;
    }
    // Names: plain printable ASCII only (then CP437 and UTF-8 read alike), and nothing yauzl refuses.
    let name = '';
    for (let i = nameStart; i < extraStart; i++) {
      const b = buf[i]!;
      if (b < 0x20 || b > 0x7e) return ASK;
      name += String.fromCharCode(b === 0x5c ? 0x2f : b); // yauzl reads \ as /
    }
    if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.split('/').includes('..')) return ASK;
    if (method === 0 && compressed !== uncompressed + (flags & 1 ? 12 : 0)) return ASK;
    total += uncompressed;
    if (n + 1 > MAX_ENTRIES || total > MAX_UNCOMPRESSED_BYTES) return ASK;
    if (name === WORKBOOK_XML) workbook = { method, flags, compressed, uncompressed, offset };
    cursor = end;
  }
  if (!workbook || workbook.uncompressed > MAX_WORKBOOK_XML_BYTES) return ASK;
  if (workbook.flags & 1 || (workbook.method !== 0 && workbook.method !== 8)) return ASK; // encrypted, or a method yauzl cannot read
  const local = workbook.offset;
  if (local + 30 > size || buf.readUInt32LE(local) !== 0x04034b50) return ASK;
  const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (dataStart + workbook.compressed > size) return ASK;
  const data = buf.subarray(dataStart, dataStart + workbook.compressed);
  let xml: Buffer;
  try {
    xml = workbook.method === 0 ? data : inflateRawSync(data, { maxOutputLength: workbook.uncompressed + 1 });
  } catch {
    return ASK;
  }
  if (xml.length !== workbook.uncompressed) return ASK; // yauzl's validateEntrySizes
  return poisonedName(xml.toString('utf8')) === undefined ? 'clean' : ASK;
}

/**
 * What a zip's own directory says against itself, before anything is unpacked: encrypted entries, names that
 * climb out of the archive, and entries whose central-directory record and local header disagree (name, method,
 * sizes, CRC) or that appear twice — a zip built so that one program reads one thing and another something else.
 * Lenient: a directory it cannot walk is left to the reference (yauzl), which says truncated.
 */
export function zipStructureProblem(buf: Buffer): FileProblem | null {
  const size = buf.length;
  const eocdr = endOfCentralDirectory(buf);
  if (eocdr < 0) return null;
  const entryCount = buf.readUInt16LE(eocdr + 10);
  let cursor = buf.readUInt32LE(eocdr + 16);
  if (entryCount === 0xffff || cursor === 0xffffffff) return null; // zip64: the reference reads it
  const names = new Set<string>();
  const suspicious = (detail: string): FileProblem => ({ code: 'file-suspicious-zip', params: { detail } });
  for (let n = 0; n < Math.min(entryCount, MAX_ENTRIES + 1); n++) {
    if (cursor + 46 > size || buf.readUInt32LE(cursor) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(cursor + 8);
    const method = buf.readUInt16LE(cursor + 10);
    const crc = buf.readUInt32LE(cursor + 16);
    const compressed = buf.readUInt32LE(cursor + 20);
    const uncompressed = buf.readUInt32LE(cursor + 24);
    const nameLen = buf.readUInt16LE(cursor + 28);
    const extraLen = buf.readUInt16LE(cursor + 30);
    const commentLen = buf.readUInt16LE(cursor + 32);
    const offset = buf.readUInt32LE(cursor + 42);
    if (cursor + 46 + nameLen > size) return null;
    const nameBytes = buf.subarray(cursor + 46, cursor + 46 + nameLen);
    const name = nameBytes.toString('utf8').replace(/\\/g, '/');
    if (flags & 0x41) return { code: 'file-zip-encrypted', params: {} };
    if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..'))
      return { code: 'file-zip-unsafe-path', params: { name: name.slice(0, 80) } };
    if (names.has(name)) return suspicious(`${name.slice(0, 80)} ×2`);
    names.add(name);
    if (offset !== 0xffffffff && compressed !== 0xffffffff && uncompressed !== 0xffffffff) {
      if (offset + 30 > size || buf.readUInt32LE(offset) !== 0x04034b50) return suspicious(`${name.slice(0, 80)}: local header`);
      const localFlags = buf.readUInt16LE(offset + 6);
      const localNameLen = buf.readUInt16LE(offset + 26);
      if (offset + 30 + localNameLen > size || !buf.subarray(offset + 30, offset + 30 + localNameLen).equals(nameBytes))
        return suspicious(`${name.slice(0, 80)}: name`);
      if (buf.readUInt16LE(offset + 8) !== method) return suspicious(`${name.slice(0, 80)}: method`);
      if (localFlags & 1) return { code: 'file-zip-encrypted', params: {} };
      // Sizes and CRC are in the local header unless bit 3 says they follow the data (then they are zero there).
      if (!(localFlags & 8)) {
        if (buf.readUInt32LE(offset + 14) !== crc) return suspicious(`${name.slice(0, 80)}: CRC`);
        const lc = buf.readUInt32LE(offset + 18);
        const lu = buf.readUInt32LE(offset + 22);
        if ((lc !== compressed && lc !== 0xffffffff) || (lu !== uncompressed && lu !== 0xffffffff)) return suspicious(`${name.slice(0, 80)}: size`);
      }
      // The reader after us (JSZip, inside exceljs) inflates without any limit: an entry that inflates to more
      // than it declares is a zip bomb in disguise. Inflate it here, stopped one byte past what it declares.
      if (method === 8 && uncompressed <= MAX_UNCOMPRESSED_BYTES) {
        const dataStart = offset + 30 + localNameLen + buf.readUInt16LE(offset + 28);
        if (dataStart + compressed <= size) {
          try {
            const out = inflateRawSync(buf.subarray(dataStart, dataStart + compressed), { maxOutputLength: uncompressed + 1 });
            if (out.length > uncompressed) return suspicious(`${name.slice(0, 80)}: size`);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return suspicious(`${name.slice(0, 80)}: size`);
          }
        }
      }
    }
    cursor += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}
