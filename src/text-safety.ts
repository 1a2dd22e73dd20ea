// Text that came from an input file, made safe for where it goes: a finding (capped), a terminal (no control
// or escape characters), a spreadsheet cell (Excel's 32,767-character limit). Pure.

/** Text copied from a file into a message is cut to this many characters, with "…". */
export const MAX_QUOTED_CHARS = 200;
/** Excel's limit for one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Cut to at most `max` characters (UTF-16 units), ending in "…"; never splits a surrogate pair. */
export function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

export const capQuoted = (s: string): string => cap(s, MAX_QUOTED_CHARS);
export const capCell = <T>(v: T): T => (typeof v === 'string' ? (cap(v, MAX_CELL_CHARS) as T) : v);

// C0 controls (ESC among them), DEL, C1 controls, and the bidirectional overrides that can make text read backwards.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** For a terminal: control and escape characters removed, line breaks and tabs inside data as spaces. */
export function printable(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ').replace(CONTROL, '');
}
