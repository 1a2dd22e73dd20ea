import { Inflate, inflateSync } from 'fflate';

// Raw DEFLATE data unpacked with a ceiling, in JavaScript. Not node:zlib: a reader worker stopped by its time
// limit while node:zlib is between creating its native stream and initialising it takes the whole process down
// (Node 20 asserts "close before init" as the worker's environment is freed), and a reader has to be stoppable at
// any instant. A JavaScript inflater holds no native handle, so stopping the worker is always safe.

/** Input is fed in slices this big, so a bomb (up to ~1032× per byte) overshoots the ceiling by a bounded amount. */
const SLICE = 16 * 1024;
/** More than DEFLATE can make of one byte (at most ~1032): what a slice can inflate to is below this many times its size. */
const MAX_RATIO = 1100;

/**
 * `data` inflated, or 'over-limit' as soon as the output passes `limit` bytes (checked per slice, so a bomb is
 * stopped early), or 'damaged' when it is not valid DEFLATE data or ends before its last block.
 */
export function inflateRawCapped(data: Uint8Array, limit: number): Buffer | 'over-limit' | 'damaged' {
  if (data.length === 0) return 'damaged';
  return data.length <= SLICE ? inflateSmall(data, limit) : inflateSliced(data, limit);
}

/** One slice's worth (most parts of a form): into one buffer a byte bigger than allowed, which fills up if the
 *  data goes past the ceiling (what would follow is dropped; a slice can only make so much). */
function inflateSmall(data: Uint8Array, limit: number): Buffer | 'over-limit' | 'damaged' {
  let out: Uint8Array;
  try {
    // Room for a byte past the ceiling, but never more than the data can make: a part that declares 100 MB and
    // holds 1 kB gets a buffer of about 1 MB, not 100.
    out = inflateSync(data, { out: new Uint8Array(Math.min(limit + 1, data.length * MAX_RATIO + 1024)) });
  } catch {
    return 'damaged';
  }
  return out.length > limit ? 'over-limit' : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Bigger data in slices, checking the size after each, so a bomb is stopped within a slice of the ceiling. */
function inflateSliced(data: Uint8Array, limit: number): Buffer | 'over-limit' | 'damaged' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length && total <= limit; at += SLICE) {
      inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    }
  } catch {
    return 'damaged';
  }
  if (total > limit) return 'over-limit';
  if (!ended) return 'damaged';
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks, total);
}
