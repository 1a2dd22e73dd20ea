// The zip pre-scan (src/read/sniff.ts) has a fast path that reads the central directory straight from the buffer
// and a reference path through yauzl. The fast path may only ever say "clean", and only where yauzl would find
// nothing wrong; every problem verdict comes from the reference. Checked on the fixtures, on hand-made zips of
// the awkward kinds, and on random damage to a real form.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastVerdict, inspectXlsx, inspectZipReference } from '../src/read/sniff.js';
import { fixturePath } from './helpers.js';
import { zip, type ZipEntry } from './zip-writer.js';

const FIXTURES = fixturePath('fixtures/validate');
const CLEAN_FORM = readFileSync(join(FIXTURES, '南关区-最终版(1).xlsx'));

/** What the pre-scan said before the fast path existed: the byte checks, then yauzl. */
async function reference(bytes: Buffer): Promise<unknown> {
  if (bytes.length === 0) return { code: 'file-empty', params: {} };
  if ([0xd0, 0xcf, 0x11, 0xe0].every((b, i) => bytes[i] === b)) return { code: 'file-old-format', params: {} };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { code: 'file-not-zip', params: {} };
  return inspectZipReference(bytes);
}

async function agrees(bytes: Buffer): Promise<void> {
  expect(await inspectXlsx(bytes)).toEqual(await reference(bytes));
  // The fast path looks at the zip structure only (the byte checks come first); there it must agree with yauzl.
  if (fastVerdict(bytes) === 'clean') expect(await inspectZipReference(bytes)).toBeNull();
}

describe('pre-scan: the fast path agrees with yauzl', () => {
  it('on every fixture', async () => {
    const files = readdirSync(FIXTURES).filter((f) => statSync(join(FIXTURES, f)).isFile() && /\.xlsx?$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    let clean = 0;
    for (const f of files) {
      const bytes = readFileSync(join(FIXTURES, f));
      await agrees(bytes);
      if (fastVerdict(bytes) === 'clean') clean++;
    }
    expect(clean).toBeGreaterThan(20); // the fast path does answer for ordinary forms
  });

  const xml = Buffer.from('<workbook><sheets><sheet name="附件1" sheetId="1"/></sheets></workbook>');
  const deflated = deflateRawSync(xml);
  const poisoned = Buffer.from('<workbook><definedNames><definedName name="__proto__">x</definedName></definedNames></workbook>');
  const cases: [string, ZipEntry[], 'clean' | 'problem'][] = [
    ['deflated workbook.xml', [{ name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length }], 'clean'],
    ['stored workbook.xml', [{ name: 'xl/workbook.xml', method: 0, data: xml, size: xml.length }], 'clean'],
    [
      'bytes after the deflate stream',
      [{ name: 'xl/workbook.xml', method: 8, data: Buffer.concat([deflated, Buffer.from('tail')]), size: xml.length }],
      'clean',
    ],
    ['deflate stream cut short', [{ name: 'xl/workbook.xml', method: 8, data: deflated.subarray(0, deflated.length - 3), size: xml.length }], 'problem'],
    ['declared size too small', [{ name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length - 1 }], 'problem'],
    ['declared size too large', [{ name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length + 1 }], 'problem'],
    ['stored sizes disagree', [{ name: 'xl/workbook.xml', method: 0, data: xml, size: xml.length + 5 }], 'problem'],
    ['backslash in a name', [{ name: 'xl\\workbook.xml', method: 0, data: xml, size: xml.length }], 'clean'],
    ['.. in a name', [{ name: '../xl/workbook.xml', method: 0, data: xml, size: xml.length }], 'problem'],
    [
      'absolute name',
      [
        { name: '/etc/x', method: 0, data: xml, size: xml.length },
        { name: 'xl/workbook.xml', method: 0, data: xml, size: xml.length },
      ],
      'problem',
    ],
    ['unknown compression method', [{ name: 'xl/workbook.xml', method: 9, data: deflated, size: xml.length }], 'problem'],
    ['encrypted workbook.xml', [{ name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length, flags: 1 }], 'problem'],
    ['strong encryption flag', [{ name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length, flags: 0x40 }], 'problem'],
    ['no workbook.xml', [{ name: 'xl/other.xml', method: 0, data: xml, size: xml.length }], 'problem'],
    ['poisoned defined name', [{ name: 'xl/workbook.xml', method: 0, data: poisoned, size: poisoned.length }], 'problem'],
    // Issue 8: two entries of one name are read differently by different programs (yauzl takes the later one).
    [
      'the same name twice is suspicious',
      [
        { name: 'xl/workbook.xml', method: 0, data: poisoned, size: poisoned.length },
        { name: 'xl/workbook.xml', method: 0, data: xml, size: xml.length },
      ],
      'problem',
    ],
    [
      'entries beyond 100 MB declared',
      [
        { name: 'a.bin', method: 0, data: Buffer.alloc(0), size: 0 },
        { name: 'xl/workbook.xml', method: 8, data: deflated, size: xml.length },
      ].map((e, i) => (i === 0 ? { ...e, method: 8, size: 200 * 1024 * 1024 } : e)),
      'problem',
    ],
  ];
  it.each(cases)('%s', async (_what, entries, verdict) => {
    const bytes = zip(entries);
    await agrees(bytes);
    expect((await inspectXlsx(bytes)) === null ? 'clean' : 'problem').toBe(verdict);
  });

  it('on random damage to a real form', async () => {
    const tail = Math.min(CLEAN_FORM.length, 4000); // the central directory and the last entries live here
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.integer({ min: 0, max: CLEAN_FORM.length }) }),
      fc.record({ kind: fc.constant('set' as const), at: fc.integer({ min: 1, max: tail }), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('setAnywhere' as const), at: fc.integer({ min: 0, max: CLEAN_FORM.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.integer({ min: 1, max: tail }), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (ds) => {
        let b = Buffer.from(CLEAN_FORM);
        for (const d of ds) {
          if (d.kind === 'cut') b = b.subarray(0, Math.min(d.at, b.length));
          else if (d.kind === 'set' && b.length >= d.at) b[b.length - d.at] = d.byte;
          else if (d.kind === 'setAnywhere' && d.at < b.length) b[d.at] = d.byte;
          else if (d.kind === 'append') b = Buffer.concat([b, Buffer.from(d.bytes)]);
          else if (d.kind === 'insert' && b.length >= d.at)
            b = Buffer.concat([b.subarray(0, b.length - d.at), Buffer.from(d.bytes), b.subarray(b.length - d.at)]);
        }
        await agrees(b);
      }),
      { numRuns: 400 },
    );
  });
});
