// A read file crosses from the reader worker to the main thread as flat arrays (src/read/wire.ts): whatever the
// cells hold, the main thread must get back exactly what the worker read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlainCell, PlainValue } from '../src/core/plain.js';
import type { ReadResult } from '../src/read/types.js';
import { fromWire, toWire } from '../src/read/wire.js';

const scalar = fc.oneof(
  fc.record({ t: fc.constant('n' as const), v: fc.double() }),
  fc.record({ t: fc.constant('s' as const), v: fc.string() }),
  fc.record({ t: fc.constant('b' as const), v: fc.boolean() }),
  fc.record({ t: fc.constant('d' as const), v: fc.string() }),
  fc.record({ t: fc.constant('e' as const), v: fc.constantFrom('#REF!', '#DIV/0!', '#N/A') }),
);
const value: fc.Arbitrary<PlainValue> = fc.oneof(
  scalar,
  fc.record({ t: fc.constant('f' as const), formula: fc.string(), result: fc.option(scalar, { nil: null }) }),
);
const cell: fc.Arbitrary<PlainCell> = fc.record({ row: fc.integer({ min: 1, max: 500 }), col: fc.integer({ min: 1, max: 40 }), value });
const sheet = fc.record({ name: fc.string(), state: fc.constantFrom('visible' as const, 'hidden' as const, 'veryHidden' as const), cells: fc.array(cell) });

describe('the reader-to-main-thread wire format', () => {
  it('gives back every cell as read, in order', () => {
    fc.assert(
      fc.property(fc.array(sheet, { maxLength: 4 }), fc.string({ minLength: 64, maxLength: 64 }), (sheets, sha256) => {
        const result: ReadResult = { sha256, size: 1234, workbook: { sheets } };
        expect(fromWire(structuredClone(toWire(result)))).toEqual(result);
      }),
    );
  });

  it('passes a result without sheets through as it is', () => {
    const result: ReadResult = { sha256: '', size: 0, problem: { code: 'file-empty', params: {} } };
    expect(fromWire(toWire(result))).toEqual(result);
  });

  it('sends a sheet as one flat array of primitives, not one object per cell', () => {
    const wire = toWire({
      sha256: 'x',
      size: 1,
      workbook: { sheets: [{ name: '附件1', state: 'visible', cells: [{ row: 5, col: 3, value: { t: 'n', v: 12 } }] }] },
    });
    expect(wire.workbook?.sheets[0]?.cells).toEqual([5, 3, 'n', 12, null, null]);
  });
});
