// The one text policy: how text that crosses an edge is made safe. Pure (no I/O, no library).
//
// Entering — a name or a title a person typed (registry names and fields, --title, --to, --doc-number, --contact):
// kept trimmed with its line ends as LF (`enteredText`); a character that no form, letter or page can carry
// faithfully (a control but tab and line ends, a noncharacter, a lone surrogate, a bidi embedding, override or
// isolate) is a setup defect reported where it is (`file:line`, or the option) — never silently dropped: the identity
// hashed into a form must be the text its cell gives back, or rc-org would reject its own forms. So is a name longer
// than MAX_NAME_CHARS. `textDefect` finds both; src/io/option-texts.ts turns it into the options' setup error.
//
// Leaving — text copied from a file into a message, cell, note or CSV is cut to MAX_QUOTED_CHARS (`capQuoted`);
// every xlsx text loses the characters XML 1.0 cannot hold (`xmlText`, applied by `capCell` and `cleanWorkbook`);
// every page text (HTML, SVG, docx) loses those and the bidi controls too (`pageText`; user text in the page is
// isolated in <bdi> besides); every CSV field a spreadsheet would run as a formula is neutralised (`neutralise`,
// used by the one CSV writer, src/io/table.ts); a terminal gets no control or escape character (`printable`); a file
// name built from a registry name keeps the code and fits every file system (`fileNamePart`).

/** Text copied from a file into a message, cell, note or CSV is cut to this many characters, with "…". */
export const MAX_QUOTED_CHARS = 200;
/** Excel's limit for one cell. */
export const MAX_CELL_CHARS = 32_767;
/** The documented maximum length of a branch name in a registry (characters); longer is a setup defect. */
export const MAX_NAME_CHARS = 100;
/** The longest branch code (characters): codes go into every file name, whole. */
export const MAX_CODE_CHARS = 32;
/** The longest text given on the command line (--title, --to, --contact). */
export const MAX_OPTION_CHARS = MAX_QUOTED_CHARS;

/** Cut to at most `max` characters (UTF-16 units), ending in "…"; never splits a surrogate pair. */
export function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

/** The one cap for text quoted from a file (a cell, a note, a reason) wherever it goes. */
export const capQuoted = (s: string): string => cap(s, MAX_QUOTED_CHARS);

// Characters XML 1.0 cannot hold (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF): an .xlsx or
// .docx holding one is not well-formed and opens nowhere.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

/** For an XML-bound text (xlsx cell, note, sheet name; docx run): the characters XML 1.0 cannot hold removed. */
export const xmlText = (s: string): string => s.replace(NOT_XML, '');

// Bidi embeddings, overrides and isolates: rc-org's own words never hold one, and in a page one left open mirrors
// the rest of its line (user text is isolated with <bdi> instead, which keeps a right-to-left name whole).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** For a page (HTML, SVG, the PDF printed from it, the .docx): XML-safe, and no bidi control that could turn a line around. */
export const pageText = (s: string): string => xmlText(s).replace(BIDI_CONTROLS, '');

/** A spreadsheet cell's value: text made XML-safe and cut to Excel's limit; anything else as it is. */
export const capCell = <T>(v: T): T => (typeof v === 'string' ? (cap(xmlText(v), MAX_CELL_CHARS) as T) : v);

// C0 controls (ESC among them), DEL, C1 controls, and the bidirectional overrides that can make text read backwards.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** For a terminal: control and escape characters removed, line breaks and tabs inside data as spaces. */
export function printable(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ').replace(CONTROL, '');
}

// ── entering ────────────────────────────────────────────────────────────────

/**
 * A typed text as rc-org keeps it: trimmed, and every line end (CRLF, CR) an LF — the one line end XML keeps as
 * written (a parser reads a CR back as LF), so a name hashed into a form is the name its cell gives back.
 */
export const enteredText = (s: string): string => s.trim().replace(/\r\n?/g, '\n');

export type TextDefectKind = 'control' | 'noncharacter' | 'surrogate' | 'bidi';

/** What is wrong with a typed name or title: a character it may not hold (which, as U+XXXX, and where), or its length. */
export type TextDefect = { kind: TextDefectKind; char: string; position: number } | { kind: 'too-long'; length: number; max: number };

// In a name: C0 controls but tab and line ends, DEL, C1 controls; noncharacters (U+FDD0–FDEF and the last two code
// points of every plane); lone surrogates; bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069).
const DEFECTS: readonly [TextDefectKind, RegExp][] = [
  ['control', /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u],
  [
    'noncharacter',
    /[\ufdd0-\ufdef\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u,
  ],
  ['surrogate', /[\ud800-\udfff]/u],
  ['bidi', /[\u202a-\u202e\u2066-\u2069]/u],
];

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first thing that makes `text` unfit to be a name or title, or null. `position` counts characters (code
 * points) from 1, as a person counts them. `max` is the longest allowed, in code points.
 */
export function textDefect(text: string, max: number): TextDefect | null {
  let first: { kind: TextDefectKind; index: number } | null = null;
  for (const [kind, re] of DEFECTS) {
    const m = re.exec(text);
    if (m && (first === null || m.index < first.index)) first = { kind, index: m.index };
  }
  if (first) {
    const char = String.fromCodePoint(text.codePointAt(first.index)!);
    return { kind: first.kind, char: codePoint(char), position: [...text.slice(0, first.index)].length + 1 };
  }
  const length = [...text].length;
  return length > max ? { kind: 'too-long', length, max } : null;
}

// ── leaving ─────────────────────────────────────────────────────────────────

const NUMBER = /^-?\d+(\.\d+)?$/;
// What Excel (and LibreOffice, WPS) may run as a formula: = + - @ — ASCII or full width — after any leading
// spaces, or a leading tab, CR or LF.
const FORMULA_START = /^(?:[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;

/** A CSV field: text a spreadsheet would run as a formula gets a leading apostrophe; text is capped to one cell. */
export function neutralise(value: string | number | null): string {
  if (value === null) return '';
  const s = capCell(String(value));
  if (typeof value === 'number' || NUMBER.test(s)) return s;
  return FORMULA_START.test(s) ? `'${s}` : s;
}

const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

/** The most a file name may take in UTF-8 bytes: 255 on Linux and macOS, with room for a copy's " (2)" and a temp suffix. */
export const MAX_FILE_NAME_BYTES = 200;

// Not allowed in a Windows file name: \/:*?"<>| and control characters (src/core/recognise.ts reads names back
// with the same set).
const FORBIDDEN_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A file name that is safe on Windows: no \/:*?"<>|, no control characters, no trailing dots or spaces. */
export function safeFileName(name: string): string {
  return name.replace(FORBIDDEN_IN_FILE_NAMES, '_').replace(/[. ]+$/u, '') || '_';
}

/**
 * A file name made of fixed parts around one name from a registry: `before + name + after`, made safe, with the name
 * cut (ending in "…") so that the whole fits MAX_FILE_NAME_BYTES. The code belongs in `before`: codes are unique
 * and never cut, so the names stay unique.
 */
export function fileNamePart(before: string, name: string, after: string): string {
  const budget = MAX_FILE_NAME_BYTES - utf8Length(safeFileName(before + after));
  let kept = safeFileName(name);
  if (utf8Length(kept) > budget) {
    const chars = [...kept];
    while (chars.length > 0 && utf8Length(chars.join('')) + 3 > budget) chars.pop();
    kept = chars.join('').replace(/[. ]+$/u, '') + '…';
  }
  return safeFileName(before + kept + after);
}

/** The parts of an exceljs workbook the cleaner walks (structural: the text policy imports no library). */
interface CleanableCell {
  value: unknown;
  note?: unknown;
}
interface CleanableWorkbook {
  title?: string;
  eachSheet(
    cb: (ws: { name: string; eachRow(o: { includeEmpty: boolean }, cb: (row: { eachCell(cb: (c: CleanableCell) => void): void }) => void): void }) => void,
  ): void;
}

// The same value when nothing in it changes (a merged cell's value is its master's: left alone unless it must change).
const cleanParts = <T extends { text: string }>(parts: T[]): T[] | null =>
  parts.some((r) => xmlText(r.text) !== r.text) ? parts.map((r) => ({ ...r, text: xmlText(r.text) })) : null;

const cleanRich = (v: unknown): unknown => {
  if (typeof v === 'string') return capCell(v);
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    const parts = cleanParts((v as { richText: { text: string }[] }).richText);
    return parts ? { ...v, richText: parts } : v;
  }
  if (v && typeof v === 'object' && Array.isArray((v as { texts?: unknown }).texts)) {
    const parts = cleanParts((v as { texts: { text: string }[] }).texts);
    return parts ? { ...v, texts: parts } : v;
  }
  return v;
};

/**
 * The one XML cleaner for a workbook about to be written: every text cell, rich text and note, the sheet names and
 * the title made XML-safe (and cells capped), whatever built them.
 */
export function cleanWorkbook(wb: CleanableWorkbook): void {
  if (typeof wb.title === 'string') wb.title = xmlText(wb.title);
  wb.eachSheet((ws) => {
    if (xmlText(ws.name) !== ws.name) ws.name = xmlText(ws.name);
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell((c) => {
        const v = cleanRich(c.value);
        if (v !== c.value) c.value = v;
        if (c.note !== undefined && c.note !== null) {
          const n = cleanRich(c.note);
          if (n !== c.note) c.note = n;
        }
      }),
    );
  });
}
