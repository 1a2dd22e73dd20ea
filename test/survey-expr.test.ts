import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ExprError, check, compile, evaluate, parse, tokenize, type Env, type Node, type Scope } from '../src/core/expr.js';
import { QUADRATIC_MARGIN, timeRatio } from './survey-support.js';

// The expression language of survey definitions: what it computes, what it refuses (with which typed error), and
// that nothing a definition can say is ever run as code, throws anything but an ExprError, or takes more than
// linear time.

const scope: Scope = {
  sheets: new Set(['annex1', 'annex2']),
  indicators: new Set(['volunteers', 'serviceHours', 'volunteerOrgs']),
  levels: new Set(['city', 'county']),
  baseline: true,
  aggregates: true,
  current: true,
};

const figures: Record<string, number | null> = {
  'annex1.volunteers': 40,
  'annex1.serviceHours': 1000,
  'annex1.volunteerOrgs': null,
  'annex2.volunteers': 5,
  'annex2.serviceHours': -10,
  'annex2.volunteerOrgs': 2,
  'baseline.volunteers': 35,
};
const env: Env = {
  figure: (sheet, key) => figures[`${sheet}.${key}`] ?? null,
  current: 'volunteers',
  branches: [
    { level: 'county', returned: true, env: { figure: (s, k) => (s === 'annex1' && k === 'volunteerOrgs' ? 3 : null) } },
    { level: 'county', returned: true, env: { figure: () => null } },
    { level: 'county', returned: false, env: { figure: () => 9 } },
    { level: 'city', returned: true, env: { figure: () => 5 } },
  ],
};
const run = (text: string): unknown => evaluate(check(parse(text), scope), env);

describe('what an expression computes', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 2 - 3', 5],
    ['12 / 3 / 2', 2],
    ['-3 + 5', 2],
    ['--3', 3],
    ['1.5e2', 150],
    ['.5 * 4', 2],
    ['annex1.serviceHours / annex1.volunteers', 25],
    ['annex2.$ + baseline.$', 40],
    ['annex1.$ - baseline.$', 5],
    ['round(10 / 3, 1)', 3.3],
    ['round(2.5)', 3],
    ['min(3, 1, 2) + max(3, 1, 2) + sum(1, 2, 3)', 10],
    ['abs(annex2.serviceHours)', 10],
    ['if(annex1.volunteers > 10, 1, 2)', 1],
    ['ifnull(annex1.volunteerOrgs, 7)', 7],
    ['count(county)', 2],
    ['count(county, city)', 3],
    ['countIf(ifnull(annex1.volunteerOrgs, 0) >= 3, county)', 1],
    ['1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 == 1 and 1 != 2', true],
    ['not (1 > 2) or false', true],
    ['true and not true', false],
  ])('%s = %s', (text, value) => {
    expect(run(text)).toBe(value);
  });

  it.each([
    // A figure not reported spreads through arithmetic and comparisons …
    ['annex1.volunteerOrgs + 1', null],
    ['annex1.volunteerOrgs > 1', null],
    ['min(annex1.volunteerOrgs, 1)', null],
    // … division by zero and overflow are "nothing to compute", not Infinity …
    ['1 / 0', null],
    ['1e308 * 10', null],
    // … and logic is three-valued: false wins over unknown in and, true in or.
    ['annex1.volunteerOrgs > 1 and 1 > 2', false],
    ['annex1.volunteerOrgs > 1 and 1 < 2', null],
    ['annex1.volunteerOrgs > 1 or 1 < 2', true],
    ['not (annex1.volunteerOrgs > 1)', null],
    ['known(annex1.volunteerOrgs)', false],
    ['known(annex1.volunteers)', true],
    ['if(annex1.volunteerOrgs > 1, 1, 2)', null],
  ])('%s is %s', (text, value) => {
    expect(run(text)).toBe(value);
  });
});

describe('what an expression may not say: a typed error, at the place', () => {
  const code = (text: string, sc: Scope = scope): string => {
    try {
      check(parse(text), sc);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      return `${(e as ExprError).code}@${(e as ExprError).pos}`;
    }
  };
  it.each([
    // Names that mean something to JavaScript mean nothing here.
    ['constructor', 'unknown-name@0'],
    ['__proto__', 'unknown-name@0'],
    ['process', 'unknown-name@0'],
    ['this', 'unknown-name@0'],
    ['globalThis', 'unknown-name@0'],
    ['annex1.constructor', 'unknown-indicator@0'],
    ['annex1.__proto__', 'unknown-indicator@0'],
    ['constructor.volunteers', 'unknown-sheet@0'],
    ['toString.volunteers', 'unknown-sheet@0'],
    // No property access, no calls but the whitelist, no strings, no indexing.
    ['annex1.volunteers.length', 'unexpected@17'],
    ['process.exit(1)', 'unexpected@12'],
    ['constructor(1)', 'unknown-function@0'],
    ['eval(1)', 'unknown-function@0'],
    ['Function(1)', 'unknown-function@0'],
    ['hasOwnProperty(1)', 'unknown-function@0'],
    ['"a"', 'bad-character@0'],
    ["'a'", 'bad-character@0'],
    ['annex1["volunteers"]', 'bad-character@6'],
    ['`x`', 'bad-character@0'],
    ['a => 1', 'bad-character@2'],
    ['1; 2', 'bad-character@1'],
    ['x = 1', 'bad-character@2'],
    // Syntax.
    ['1 +', 'unexpected-end@3'],
    ['(1', 'unexpected-end@2'],
    ['1 2', 'unexpected@2'],
    ['1 < 2 < 3', 'unexpected@6'],
    ['1.2.3', 'bad-number@0'],
    ['12abc', 'bad-number@0'],
    ['1e', 'bad-number@0'],
    ['1e999', 'bad-number@0'],
    ['', 'unexpected-end@0'],
    // Types and arity.
    ['1 + true', 'type@4'],
    ['not 1', 'type@4'],
    ['1 and 2', 'type@0'],
    ['if(1, 2, 3)', 'type@3'],
    ['if(true, 2, false)', 'type@12'],
    ['abs(1, 2)', 'arity@0'],
    ['min()', 'arity@0'],
    ['count(town)', 'unknown-name@6'],
    ['count(1)', 'type@6'],
    ['countIf(count(county) > 1, county)', 'not-here@8'],
    ['city', 'unknown-name@0'],
  ])('%s → %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('sheet.$ only in a rule applied to each indicator; baseline and count only where the scope allows', () => {
    expect(code('annex1.$', { ...scope, current: false })).toBe('no-current-indicator@0');
    expect(code('baseline.volunteers', { ...scope, baseline: false })).toBe('unknown-sheet@0');
    expect(code('count(county)', { ...scope, aggregates: false })).toBe('not-here@0');
  });

  it('compile asks for the result type the place needs', () => {
    expect(() => compile('1 + 1', scope, 'boolean')).toThrow(ExprError);
    expect(compile('1 > 0', scope, 'boolean').type).toBe('boolean');
  });

  it('refuses text beyond the length limit and nesting beyond the depth limit', () => {
    expect(() => parse('1+'.repeat(DEFAULT_LIMITS.maxLength) + '1')).toThrow(expect.objectContaining({ code: 'too-long' }));
    expect(() => parse('('.repeat(DEFAULT_LIMITS.maxDepth + 1) + '1' + ')'.repeat(DEFAULT_LIMITS.maxDepth + 1))).toThrow(
      expect.objectContaining({ code: 'too-deep' }),
    );
    expect(() => parse('-'.repeat(DEFAULT_LIMITS.maxDepth + 1) + '1')).toThrow(expect.objectContaining({ code: 'too-deep' }));
    expect(() => parse('not '.repeat(DEFAULT_LIMITS.maxDepth + 1) + 'true')).toThrow(expect.objectContaining({ code: 'too-deep' }));
    expect(parse('('.repeat(DEFAULT_LIMITS.maxDepth) + '1' + ')'.repeat(DEFAULT_LIMITS.maxDepth))).toEqual({ t: 'num', v: 1, pos: DEFAULT_LIMITS.maxDepth });
  });
});

// ── fuzzing ──

/** Parse, check and evaluate: either a value, or an ExprError — anything else thrown fails the property. */
function attempt(text: string): 'value' | 'refused' {
  try {
    const c = check(parse(text), scope);
    const v = evaluate(c, env);
    expect(v === null || typeof v === 'number' || typeof v === 'boolean').toBe(true);
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    return 'value';
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    return 'refused';
  }
}

/** The language's own pieces and JavaScript's, so random text often comes close to something that parses. */
const PIECES = [
  ...['annex1', 'annex2', 'baseline', 'volunteers', 'serviceHours', 'volunteerOrgs', 'county', 'city', '$'],
  ...['min', 'max', 'sum', 'abs', 'round', 'if', 'known', 'ifnull', 'count', 'countIf', 'and', 'or', 'not', 'true', 'false'],
  ...['constructor', '__proto__', 'prototype', 'process', 'this', 'require', 'import', 'eval', 'globalThis', 'toString'],
  ...['(', ')', ',', '.', '+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '0', '1', '2.5', '1e308', '1e-9', ' ', '[', ']', '"', "'", '`', ';', '=>'],
];

/** The text of a tree as a person would write it (for the round trip: print → parse → print). */
function print(n: Node): string {
  switch (n.t) {
    case 'num':
      return String(n.v);
    case 'bool':
      return String(n.v);
    case 'ref':
      return `${n.sheet}.${n.key ?? '$'}`;
    case 'name':
      return n.name;
    case 'neg':
      return `-(${print(n.e)})`;
    case 'arith':
      return `(${print(n.first)}${n.rest.map(([op, e]) => ` ${op} ${print(e)}`).join('')})`;
    case 'cmp':
      return `(${print(n.l)} ${n.op} ${print(n.r)})`;
    case 'and':
    case 'or':
      return `(${n.items.map(print).join(` ${n.t} `)})`;
    case 'not':
      return `(not (${print(n.e)}))`;
    case 'call':
      return `${n.fn}(${n.args.map(print).join(', ')})`;
  }
}

/** Drop positions, so trees can be compared after a round trip through text. */
const shape = (n: Node): unknown => JSON.parse(JSON.stringify(n, (k, v: unknown) => (k === 'pos' ? undefined : v)));

const { tree: arbitraryTree } = fc.letrec<{ tree: Node }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('num' as const), v: fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })), pos: fc.constant(0) }),
    fc.record({ t: fc.constant('bool' as const), v: fc.boolean(), pos: fc.constant(0) }),
    fc.record({
      t: fc.constant('ref' as const),
      sheet: fc.constantFrom('annex1', 'annex2', 'baseline', 'constructor', '__proto__'),
      key: fc.constantFrom('volunteers', 'serviceHours', 'volunteerOrgs', null, 'constructor', 'prototype'),
      pos: fc.constant(0),
    }),
    fc.record({ t: fc.constant('name' as const), name: fc.constantFrom('county', 'city', 'process', 'this', 'constructor'), pos: fc.constant(0) }),
    fc.record({ t: fc.constant('neg' as const), e: tie('tree'), pos: fc.constant(0) }),
    fc.record({
      t: fc.constant('arith' as const),
      first: tie('tree'),
      rest: fc.array(fc.tuple(fc.constantFrom('+' as const, '-' as const), tie('tree')), { minLength: 1, maxLength: 3 }),
      pos: fc.constant(0),
    }),
    fc.record({
      t: fc.constant('cmp' as const),
      op: fc.constantFrom('<' as const, '<=' as const, '==' as const, '!=' as const),
      l: tie('tree'),
      r: tie('tree'),
      pos: fc.constant(0),
    }),
    fc.record({ t: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('tree'), { minLength: 2, maxLength: 3 }), pos: fc.constant(0) }),
    fc.record({ t: fc.constant('not' as const), e: tie('tree'), pos: fc.constant(0) }),
    fc.record({
      t: fc.constant('call' as const),
      fn: fc.constantFrom('min', 'max', 'sum', 'abs', 'round', 'if', 'known', 'ifnull', 'count', 'countIf', 'constructor', 'eval'),
      args: fc.array(tie('tree'), { maxLength: 3 }),
      pos: fc.constant(0),
    }),
  ),
}));

describe('fuzz: nothing but a value or an ExprError, and nothing run', () => {
  // If anything in the language ever reached JavaScript's own objects, Object.prototype would show it.
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => void attempt(s)),
      { numRuns: 2000 },
    );
  });

  it('strings of the language and of JavaScript', () => {
    const counts = { value: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => {
        counts[attempt(parts.join(''))]++;
        counts[attempt(parts.join(' '))]++;
      }),
      { numRuns: 3000 },
    );
    // The fuzz is worth something only if it reaches evaluation, not just the tokenizer.
    expect(counts.value).toBeGreaterThan(10);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('arbitrary trees: printed, parsed back to the same tree, then checked and evaluated', () => {
    fc.assert(
      fc.property(arbitraryTree, (tree) => {
        const text = print(tree);
        let parsed: Node;
        try {
          parsed = parse(text, { maxLength: 1e6, maxDepth: 1000 });
        } catch (e) {
          // A tree deeper than any limit is refused, and only so.
          expect(e).toBeInstanceOf(ExprError);
          return;
        }
        expect(print(parsed)).toBe(print(shape(parsed) as Node));
        expect(shape(parse(print(parsed), { maxLength: 1e6, maxDepth: 1000 }))).toEqual(shape(parsed));
        attempt(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('deep and long hostile input is refused quickly, never a stack overflow', () => {
    for (const text of ['('.repeat(100_000), '-'.repeat(3000) + '1', 'not '.repeat(900) + 'true', 'a.'.repeat(1000), 'min('.repeat(1000)]) {
      expect(attempt(text)).toBe('refused');
    }
  });
});

describe('time is linear in the text', () => {
  /** A flat expression of about `chars` characters: a long sum of products and comparisons, all legal. */
  const flat = (chars: number): string => {
    const unit = ' + annex1.volunteers * 2 - (annex2.serviceHours / 3)';
    return 'annex1.serviceHours' + unit.repeat(Math.ceil(chars / unit.length)) + ' > 0 and 1 < 2';
  };
  const all = (text: string) => (): void => void evaluate(check(parse(text, { maxLength: 1e6, maxDepth: DEFAULT_LIMITS.maxDepth }), scope), env);

  it('a 100 kB expression takes well under the 100 times of quadratic growth (ten times the text; linear is 10)', () => {
    const small = flat(10_000);
    const large = flat(100_000);
    expect(large.length / small.length).toBeGreaterThan(9);
    expect(timeRatio(all(small), all(large))).toBeLessThan(QUADRATIC_MARGIN);
  });

  it('tokenizing pathological runs (digits, letters, spaces) stays linear', () => {
    for (const make of [(n: number) => '1'.repeat(n), (n: number) => 'a'.repeat(n), (n: number) => ' '.repeat(n) + '1']) {
      const tokens = (text: string) => (): void => void tokenize(text, { maxLength: 1e7, maxDepth: 10 });
      expect(timeRatio(tokens(make(10_000)), tokens(make(100_000)))).toBeLessThan(QUADRATIC_MARGIN);
    }
  });
});
