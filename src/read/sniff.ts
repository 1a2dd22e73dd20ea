import yauzl from 'yauzl';
import { inflateRawCapped } from './inflate.js';
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
  return (await inspectXlsxParts(bytes)).problem;
}

/**
 * The pre-scan's verdict, and — when the fast path vouched for the file — every part of it, already unpacked
 * (the size check has to inflate them all anyway), so the loader need not unpack them a second time.
 */
export async function inspectXlsxParts(bytes: Uint8Array): Promise<{ problem: FileProblem } | { problem: null; parts: ZipPart[] | null }> {
  if (bytes.length === 0) return { problem: { code: 'file-empty', params: {} } };
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) return { problem: { code: 'file-old-format', params: {} } };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { problem: { code: 'file-not-zip', params: {} } };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const collect: PartsCollector = { parts: [] };
  if (fastVerdict(buf, collect) === 'clean') return { problem: null, parts: collect.parts };
  const problem = await inspectZipReference(buf);
  return problem ? { problem } : { problem: null, parts: null };
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

/** An entry's text. Raw bytes from yauzl, unpacked here (src/read/inflate.ts says why not by yauzl's zlib), with
 *  yauzl's own size check: an entry that does not inflate to its declared size throws. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const compressed = entry.isCompressed();
  const stream = await zip.openReadStreamPromise(entry, compressed ? { decompress: false } : undefined);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const bytes = compressed ? inflateRawCapped(raw, entry.uncompressedSize) : raw;
  if (typeof bytes === 'string' || bytes.length !== entry.uncompressedSize) throw new Error(`${entry.fileName}: not its declared size`);
  return bytes.toString('utf8');
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

/** One record of the central directory, as its bytes say (nothing checked but that the name is inside the file). */
interface CentralRecord {
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  /** The system that wrote the entry (high byte of "version made by"): 0 DOS, 3 Unix. */
  madeBy: number;
  externalAttributes: number;
  nameBytes: Buffer;
  extraStart: number;
  extraLen: number;
  /** Where the entry's local header starts. */
  offset: number;
  /** Where the next record starts (may lie past the end of the file: the caller decides what that means). */
  end: number;
}

/**
 * The central directory's records in order, starting at `cursor`, at most `limit` of them. The walk both checks
 * use: it stops where a record is not a record or its name runs past the end of the file.
 */
function* centralRecords(buf: Buffer, cursor: number, limit: number): Generator<CentralRecord> {
  const size = buf.length;
  for (let n = 0; n < limit; n++) {
    if (cursor + 46 > size || buf.readUInt32LE(cursor) !== 0x02014b50) return;
    const nameLen = buf.readUInt16LE(cursor + 28);
    const extraLen = buf.readUInt16LE(cursor + 30);
    const commentLen = buf.readUInt16LE(cursor + 32);
    if (cursor + 46 + nameLen > size) return;
    const record: CentralRecord = {
      flags: buf.readUInt16LE(cursor + 8),
      method: buf.readUInt16LE(cursor + 10),
      crc: buf.readUInt32LE(cursor + 16),
      compressed: buf.readUInt32LE(cursor + 20),
      uncompressed: buf.readUInt32LE(cursor + 24),
      madeBy: buf.readUInt16LE(cursor + 4) >> 8,
      externalAttributes: buf.readUInt32LE(cursor + 38),
      nameBytes: buf.subarray(cursor + 46, cursor + 46 + nameLen),
      extraStart: cursor + 46 + nameLen,
      extraLen,
      offset: buf.readUInt32LE(cursor + 42),
      end: cursor + 46 + nameLen + extraLen + commentLen,
    };
    yield record;
    cursor = record.end;
  }
}

/** Where an entry's data starts, from its local header (which the caller has checked is inside the file). */
const dataStartOf = (buf: Buffer, offset: number): number => offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);

/** One unpacked part of a zip, under the name exceljs's unzipper (JSZip) would file it. */
export interface ZipPart {
  name: string;
  bytes: Buffer;
}

/** The parts of a zip as they were unpacked during the checks, or null once one of them cannot be handed on as is. */
type PartsCollector = { parts: ZipPart[] | null };

/** A folder entry to JSZip (exceljs skips those): a trailing slash, the DOS folder bit, or a Unix folder mode. */
const isFolderEntry = (record: CentralRecord): boolean =>
  record.nameBytes.at(-1) === 0x2f || (record.externalAttributes & 0x10) !== 0 || (record.madeBy === 3 && ((record.externalAttributes >>> 16) & 0x4000) !== 0);

/** JSZip files a part under its name with `.` and empty segments resolved: a name that would change so (never
 *  seen in a real form) is not handed on, and exceljs unpacks that file itself. */
function plainPartName(record: CentralRecord): string | null {
  const name = record.nameBytes.toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(name) || name.includes('\\')) return null;
  if (name.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return name;
}

/**
 * What a zip's own directory says against itself, before anything is unpacked: encrypted entries, names that
 * climb out of the archive, and entries whose central-directory record and local header disagree (name, method,
 * sizes, CRC) or that appear twice — a zip built so that one program reads one thing and another something else.
 * Lenient: a directory it cannot walk is left to the reference (yauzl), which says truncated.
 * With `collect`, the parts it unpacked along the way are kept there for the loader.
 */
export function zipStructureProblem(buf: Buffer, collect?: PartsCollector): FileProblem | null {
  const size = buf.length;
  const eocdr = endOfCentralDirectory(buf);
  if (eocdr < 0) return null;
  const entryCount = buf.readUInt16LE(eocdr + 10);
  const start = buf.readUInt32LE(eocdr + 16);
  if (entryCount === 0xffff || start === 0xffffffff) return null; // zip64: the reference reads it
  const names = new Set<string>();
  const suspicious = (detail: string): FileProblem => ({ code: 'file-suspicious-zip', params: { detail } });
  const keep = (record: CentralRecord, bytes: Buffer | null): void => {
    if (!collect?.parts || isFolderEntry(record)) return;
    const name = plainPartName(record);
    if (name === null || bytes === null) collect.parts = null;
    else collect.parts.push({ name, bytes });
  };
  for (const record of centralRecords(buf, start, Math.min(entryCount, MAX_ENTRIES + 1))) {
    const { flags, method, crc, compressed, uncompressed, nameBytes, offset } = record;
    const name = nameBytes.toString('utf8').replace(/\\/g, '/');
    const shown = name.slice(0, 80);
    if (flags & 0x41) return { code: 'file-zip-encrypted', params: {} };
    if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..')) return { code: 'file-zip-unsafe-path', params: { name: shown } };
    if (names.has(name)) return suspicious(`${shown} ×2`);
    names.add(name);
    if (offset === 0xffffffff || compressed === 0xffffffff || uncompressed === 0xffffffff) {
      keep(record, null);
      continue;
    }
    if (offset + 30 > size || buf.readUInt32LE(offset) !== 0x04034b50) return suspicious(`${shown}: local header`);
    const localFlags = buf.readUInt16LE(offset + 6);
    const localNameLen = buf.readUInt16LE(offset + 26);
    if (offset + 30 + localNameLen > size || !buf.subarray(offset + 30, offset + 30 + localNameLen).equals(nameBytes)) return suspicious(`${shown}: name`);
    if (buf.readUInt16LE(offset + 8) !== method) return suspicious(`${shown}: method`);
    if (localFlags & 1) return { code: 'file-zip-encrypted', params: {} };
    // Sizes and CRC are in the local header unless bit 3 says they follow the data (then they are zero there).
    if (!(localFlags & 8)) {
      if (buf.readUInt32LE(offset + 14) !== crc) return suspicious(`${shown}: CRC`);
      const lc = buf.readUInt32LE(offset + 18);
      const lu = buf.readUInt32LE(offset + 22);
      if ((lc !== compressed && lc !== 0xffffffff) || (lu !== uncompressed && lu !== 0xffffffff)) return suspicious(`${shown}: size`);
    }
    const dataStart = dataStartOf(buf, offset);
    const data = dataStart + compressed <= size ? buf.subarray(dataStart, dataStart + compressed) : null;
    // The reader after us (JSZip, inside exceljs) inflates without any limit: an entry that inflates to more
    // than it declares is a zip bomb in disguise. Inflate it here, stopped one byte past what it declares.
    if (method === 8 && uncompressed <= MAX_UNCOMPRESSED_BYTES && data) {
      const out = inflateRawCapped(data, uncompressed);
      if (out === 'over-limit') return suspicious(`${shown}: size`);
      // Damaged data is left to exceljs, which says the file is damaged.
      keep(record, out !== 'damaged' && out.length === uncompressed ? out : null);
    } else keep(record, method === 0 && data && compressed === uncompressed ? data : null);
  }
  return null;
}

/**
 * 'clean' when the zip is certainly well formed and harmless as yauzl would read it (same end record search,
 * same central directory walk and checks, same size limits, same workbook.xml scan); 'ask-reference' otherwise.
 * Never a problem verdict of its own. With `collect`, the unpacked parts are kept there (null unless 'clean').
 */
export function fastVerdict(buf: Buffer, collect: PartsCollector = { parts: [] }): 'clean' | 'ask-reference' {
  const verdict = fastWalk(buf, collect);
  if (verdict !== 'clean') collect.parts = null;
  return verdict;
}

function fastWalk(buf: Buffer, collect: PartsCollector): 'clean' | 'ask-reference' {
  const ASK = 'ask-reference' as const;
  if (zipStructureProblem(buf, collect)) return ASK;
  const size = buf.length;
  const eocdr = endOfCentralDirectory(buf);
  if (eocdr < 0) return ASK;
  if (buf.readUInt16LE(eocdr + 20) !== size - eocdr - EOCDR) return ASK; // comment length does not fit
  if (eocdr - 20 >= searchStart(size) && buf.readUInt32LE(eocdr - 20) === 0x07064b50) return ASK; // zip64
  if (buf.readUInt16LE(eocdr + 4) !== 0) return ASK; // multi-disk
  const entryCount = buf.readUInt16LE(eocdr + 10);

  let total = 0;
  let n = 0;
  let workbook: CentralRecord | null = null;
  for (const record of centralRecords(buf, buf.readUInt32LE(eocdr + 16), entryCount)) {
    const { flags, method, compressed, uncompressed, extraStart, extraLen } = record;
    if (record.end > size) return ASK;
    if (flags & 0x40) return ASK; // strong encryption
    // Extra fields: yauzl rejects a field that overruns; zip64 sizes and Unicode paths change what it reads.
    for (let i = extraStart; i < extraStart + extraLen - 3;) {
      const id = buf.readUInt16LE(i);
      const dataEnd = i + 4 + buf.readUInt16LE(i + 2);
      if (dataEnd > extraStart + extraLen || id === 0x0001 || id === 0x7075) return ASK;
      i = dataEnd;
    }
    // Names: plain printable ASCII only (then CP437 and UTF-8 read alike), and nothing yauzl refuses.
    let name = '';
    for (const b of record.nameBytes) {
      if (b < 0x20 || b > 0x7e) return ASK;
      name += String.fromCharCode(b === 0x5c ? 0x2f : b); // yauzl reads \ as /
    }
    if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.split('/').includes('..')) return ASK;
    if (method === 0 && compressed !== uncompressed + (flags & 1 ? 12 : 0)) return ASK;
    total += uncompressed;
    n++;
    if (n > MAX_ENTRIES || total > MAX_UNCOMPRESSED_BYTES) return ASK;
    if (name === WORKBOOK_XML) workbook = record;
  }
  if (n !== entryCount) return ASK; // the walk stopped early
  if (!workbook || workbook.uncompressed > MAX_WORKBOOK_XML_BYTES) return ASK;
  if (workbook.flags & 1 || (workbook.method !== 0 && workbook.method !== 8)) return ASK; // encrypted, or a method yauzl cannot read
  const xml = workbookXml(buf, workbook, collect);
  if (!xml || xml.length !== workbook.uncompressed) return ASK; // yauzl's validateEntrySizes
  return poisonedName(xml.toString('utf8')) === undefined ? 'clean' : ASK;
}

/** xl/workbook.xml unpacked: taken from the parts already unpacked when there are any, else inflated here. */
function workbookXml(buf: Buffer, workbook: CentralRecord, collect: PartsCollector): Buffer | null {
  const kept = collect.parts?.find((p) => p.name === WORKBOOK_XML);
  if (kept) return kept.bytes;
  const local = workbook.offset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
  const dataStart = dataStartOf(buf, local);
  if (dataStart + workbook.compressed > buf.length) return null;
  const data = buf.subarray(dataStart, dataStart + workbook.compressed);
  if (workbook.method === 0) return data;
  const out = inflateRawCapped(data, workbook.uncompressed);
  return typeof out === 'string' ? null : out;
}
