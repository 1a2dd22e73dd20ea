import { resolve } from 'node:path';
import { SetupError } from '../messages.js';
import { readSetupFile } from './setup-file.js';

/** A key shorter than this is too easy to guess. */
const MIN_KEY_BYTES = 16;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * --sign-key FILE: the province's signing key, its bytes as they are — but for what an editor adds around them (a
 * UTF-8 byte-order mark in front, line ends behind), so template, validate, merge and feedback get the same key
 * from a file saved by Notepad as from one written by openssl. Problems are setup errors (exit 2).
 */
export function loadSignKey(file: string | undefined, cwd: string): Uint8Array | null {
  if (!file) return null;
  const bytes = readSetupFile({ abs: resolve(cwd, file), shown: file, what: 'key' });
  const start = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  let end = bytes.length;
  while (end > start && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const key = bytes.subarray(start, end);
  if (key.length < MIN_KEY_BYTES) throw new SetupError([{ code: 'sign-key-too-short', params: { min: MIN_KEY_BYTES, found: key.length }, file }]);
  return key;
}
