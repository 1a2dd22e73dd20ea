import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// `--json` output, written piece by piece: the same text as JSON.stringify(report, null, 2), without ever holding
// the whole of it (a national run is tens of thousands of entries).

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** Text of ~64 KB and more, no piece broken (a stream or a terminal pays per write, not per byte). */
const BATCH_CHARS = 1 << 16;

/** Small chunks joined into batches of about BATCH_CHARS characters, in order. (`+=`, not an array's join: V8's join
 *  was ~10× slower on these pieces, which are themselves joined strings.) */
export function* batched(chunks: Iterable<string>, size = BATCH_CHARS): Generator<string> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The same as UTF-8 bytes, each small chunk encoded on its own: V8 encodes a short string several times faster than a
 * long one (measured: 84,000 CSV lines in 64 KB batches, 20 ms encoded line by line against ~100 ms batch by batch).
 */
export function* encodedBatches(chunks: Iterable<string>, size = BATCH_CHARS): Generator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk);
    parts.push(bytes);
    length += bytes.length;
    if (length >= size) {
      yield Buffer.concat(parts, length);
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}

/** A file written from chunks of text, through a stream: the whole text never exists at once. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(encodedBatches(chunks)), createWriteStream(path));
}

/** Chunks of `JSON.stringify(obj, null, 2)` for an object whose `arrayKey` (or keys) hold long arrays. */
export function* prettyJsonChunks(obj: Record<string, unknown>, arrayKey: string | readonly string[]): Generator<string> {
  const streamed = new Set(typeof arrayKey === 'string' ? [arrayKey] : arrayKey);
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const tail = i < keys.length - 1 ? ',\n' : '\n';
    const value = obj[key];
    if (streamed.has(key) && Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, item] of value.entries()) yield `    ${indent(JSON.stringify(item, null, 2), '    ')}${j < value.length - 1 ? ',' : ''}\n`;
      yield `  ]${tail}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${tail}`;
    }
  }
  yield '}\n';
}
