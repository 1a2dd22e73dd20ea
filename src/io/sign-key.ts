import { resolve } from 'node:path';
import { SetupError } from '../messages.js';
import { readInputFile } from '../read/extract.js';

/** A key file is a secret of a few dozen bytes; anything larger is not one. */
const MAX_KEY_BYTES = 64 * 1024;
const MIN_KEY_BYTES = 16;

/**
 * --sign-key FILE: the province's signing key, its bytes as they are (a trailing line break from an editor is
 * dropped). Problems are setup errors (exit 2).
 */
export function loadSignKey(file: string | undefined, cwd: string): Uint8Array | null {
  if (!file) return null;
  const read = readInputFile(resolve(cwd, file), MAX_KEY_BYTES);
  if ('problem' in read) {
    if (read.problem.code === 'file-vanished') throw new SetupError([{ code: 'file-not-found', params: { file } }]);
    throw new SetupError([{ code: read.problem.code, params: read.problem.params, file }]);
  }
  let end = read.bytes.length;
  while (end > 0 && (read.bytes[end - 1] === 0x0a || read.bytes[end - 1] === 0x0d)) end--;
  const key = read.bytes.subarray(0, end);
  if (key.length < MIN_KEY_BYTES) throw new SetupError([{ code: 'sign-key-too-short', params: { min: MIN_KEY_BYTES, found: key.length }, file }]);
  return key;
}
