// src/read/inflate.ts: raw DEFLATE unpacked in JavaScript with a ceiling — the pre-scan's size check on every part.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateRawCapped } from '../src/read/inflate.js';

const text = Buffer.from('<row r="1"><c r="A1"><v>12</v></c></row>'.repeat(5_000));
const packed = deflateRawSync(text);
// 64 MB of zeros packs to about 64 KB: a bomb, more than 1000 times its size.
const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));

describe('inflateRawCapped', () => {
  it.each([
    ['a part exactly its declared size', packed, text.length, text],
    ['a part under the ceiling', packed, text.length + 1, text],
    ['one byte over the ceiling', packed, text.length - 1, 'over-limit'],
    ['a bomb, stopped at the ceiling', bomb, 1_000_000, 'over-limit'],
    ['a small bomb (one slice)', deflateRawSync(Buffer.alloc(8 * 1024 * 1024)), 1_000, 'over-limit'],
    ['a stream cut short', packed.subarray(0, packed.length >> 1), text.length, 'damaged'],
    ['bytes that are not DEFLATE', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]), 100, 'damaged'],
    ['an empty stream', deflateRawSync(Buffer.alloc(0)), 0, Buffer.alloc(0)],
    ['a small part that declares far more than it holds', packed, 100 * 1024 * 1024, text],
    ['a one-slice bomb under a ceiling it cannot reach', deflateRawSync(Buffer.alloc(4 * 1024 * 1024)), 100 * 1024 * 1024, Buffer.alloc(4 * 1024 * 1024)],
  ] as const)('%s', (_name, data, limit, expected) => {
    const out = inflateRawCapped(data, limit);
    if (typeof expected === 'string') expect(out).toBe(expected);
    else expect(Buffer.isBuffer(out) && out.equals(expected)).toBe(true);
  });
});
