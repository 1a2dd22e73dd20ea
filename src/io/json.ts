import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// `--json` output, written piece by piece: the same text as JSON.stringify(report, null, 2), without ever holding
// the whole of it (a national run is tens of thousands of entries).

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** A file written from chunks of text, through a stream: the whole text never exists at once. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(path));
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
