// Issue 8, item 7: the pre-scan and the value reading take time linear in their input, whatever it holds. Each
// adversarial input is timed at 100 KB, 200 KB and 400 KB; time per byte must stay flat as the input doubles
// (a backtracking scan would quadruple). Ratios of CPU time, not a wall-clock limit: the best of several
// samples, so a busy machine does not decide. (The regex this replaced took 1.8 s at 100 KB and 4× that at each doubling.)
import { describe, expect, it } from 'vitest';
import { readText } from '../src/core/values.js';
import { poisonedName } from '../src/read/sniff.js';

/** CPU time (not wall time: a busy machine descheduling us must not count) of one call, in ms. */
function cpuMs(run: () => void): number {
  // Repeat until the sample is long enough to measure well.
  let reps = 0;
  const start = process.cpuUsage();
  let used: number;
  do {
    run();
    reps++;
    const d = process.cpuUsage(start);
    used = (d.user + d.system) / 1000;
  } while (used < 40);
  return used / reps;
}

/** CPU time per byte at 4n over CPU time per byte at n: ~1 when linear, ~4 when quadratic. Best of interleaved samples. */
function growth(make: (bytes: number) => string, run: (s: string) => void): number {
  const base = 100 * 1024;
  const small = make(base);
  const large = make(base * 4);
  run(small); // warm up the JIT on both
  run(large);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < 5; i++) {
    bestSmall = Math.min(
      bestSmall,
      cpuMs(() => run(small)),
    );
    bestLarge = Math.min(
      bestLarge,
      cpuMs(() => run(large)),
    );
  }
  return bestLarge / large.length / (bestSmall / small.length);
}

const repeatTo = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length));

describe('linear-time pre-scan', () => {
  it.each([
    [
      'definedName tags with no name and no end',
      (n: number) => `<workbook><definedNames>${repeatTo('<definedName x', n)}>a</definedName></definedNames></workbook>`,
    ],
    ['sheet tags with no end', (n: number) => `<workbook><sheets>${repeatTo('<sheet x ', n)}/></sheets></workbook>`],
    ['one tag with a huge attribute list', (n: number) => `<workbook><sheets><sheet ${repeatTo('a="1" ', n)}name="x"/></sheets></workbook>`],
    [
      'a defined name of 100 KB of near-misses',
      (n: number) => `<workbook><definedNames><definedName name="x">${repeatTo('__prot constructo prototyp ', n)}</definedName></definedNames></workbook>`,
    ],
    ['character references everywhere', (n: number) => `<workbook><sheets><sheet name="${repeatTo('&#95;&amp;', n)}"/></sheets></workbook>`],
  ])('workbook.xml: %s', (_what, make) => {
    expect(growth(make, (s) => poisonedName(s))).toBeLessThan(2.8);
  });

  it.each([
    ['spaces then a letter', (n: number) => ' '.repeat(n) + 'x'],
    ['digits with a trailing comma group', (n: number) => repeatTo('1,000', n) + ',1'],
    ['full-width spaces inside', (n: number) => repeatTo('1\u3000', n)],
  ])('a cell value: %s', (_what, make) => {
    expect(growth(make, (s) => readText(s))).toBeLessThan(2.8);
  });

  it('still finds the poisoned names', () => {
    expect(poisonedName('<workbook><sheets><sheet name="__proto__"/></sheets></workbook>')).toBe('__proto__');
    expect(poisonedName('<workbook><definedNames><definedName name="a">x.constructor</definedName></definedNames></workbook>')).toBe('x.constructor');
    expect(poisonedName(`<workbook><x:definedName name='&#95;_proto__'/></workbook>`)).toBe('__proto__');
    expect(poisonedName('<workbook><sheets><sheet name="附件1"/></sheets></workbook>')).toBeUndefined();
  });
});
