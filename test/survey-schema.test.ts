import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaAsJson, surveySchema } from '../src/survey-schema.js';
import { repoRoot } from './helpers.js';

// The survey format has two descriptions that must agree: the zod schema (src/survey-schema.ts), which rc-org
// validates with, and the published JSON Schema (templates/survey.schema.json), which editors and other tools use.
// The JSON Schema is generated from the zod one; here the committed file must be the generated one, and — checked
// with a small JSON Schema validator written for the keywords the file uses, independent of zod — both must accept
// and refuse the same definitions: the shipped one, hand-made broken ones, and thousands of random mutations of it.

const published = JSON.parse(readFileSync(join(repoRoot, 'templates', 'survey.schema.json'), 'utf8')) as Schema;
const jilin = JSON.parse(readFileSync(join(repoRoot, 'templates', 'jilin-2021.json'), 'utf8')) as Record<string, unknown>;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
}

const KNOWN_KEYWORDS = new Set([
  '$schema',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'enum',
  'const',
  'anyOf',
]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** JSON Schema 2020-12, for the keywords above only (the test below checks the file uses no others). */
function validates(s: Schema, v: unknown): boolean {
  if (s.anyOf && !s.anyOf.some((alt) => validates(alt, v))) return false;
  if ('const' in s && !same(s.const, v)) return false;
  if (s.enum && !s.enum.some((e) => same(e, v))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const ok = types.some((t) =>
      t === 'null'
        ? v === null
        : t === 'boolean'
          ? typeof v === 'boolean'
          : t === 'number'
            ? typeof v === 'number'
            : t === 'integer'
              ? Number.isInteger(v)
              : t === 'string'
                ? typeof v === 'string'
                : t === 'array'
                  ? Array.isArray(v)
                  : t === 'object' && isObject(v),
    );
    if (!ok) return false;
  }
  if (typeof v === 'string') {
    const length = [...v].length; // JSON Schema counts code points
    if (s.minLength !== undefined && length < s.minLength) return false;
    if (s.maxLength !== undefined && length > s.maxLength) return false;
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) return false;
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return false;
    if (s.maximum !== undefined && v > s.maximum) return false;
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return false;
    if (s.maxItems !== undefined && v.length > s.maxItems) return false;
    if (s.items && !v.every((x) => validates(s.items!, x))) return false;
  }
  if (isObject(v)) {
    if (s.required && !s.required.every((k) => Object.hasOwn(v, k))) return false;
    for (const [k, x] of Object.entries(v)) {
      const p = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
      if (p) {
        if (!validates(p, x)) return false;
      } else if (s.additionalProperties === false) return false;
    }
  }
  return true;
}

const zodAccepts = (v: unknown): boolean => surveySchema.safeParse(v).success;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every path inside the definition (objects by key, arrays by index). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

type Edit = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

function edited(root: unknown, path: readonly (string | number)[], edit: Edit): unknown {
  const copy = clone(root);
  if (edit.kind === 'add') {
    let target: unknown = copy;
    for (const p of path) target = (target as Record<string | number, unknown>)[p];
    // defineProperty, as JSON.parse does: "__proto__" becomes an own field, not the prototype.
    if (isObject(target)) Object.defineProperty(target, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  if (path.length === 0) return edit.kind === 'set' ? edit.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (edit.kind === 'set') parent[last] = edit.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

describe('templates/survey.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate: npm run build && node scripts/make-survey-schema.mjs)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(schemaAsJson())));
  });

  it('uses only the keywords the cross-check validator understands', () => {
    const used = new Set<string>();
    const walk = (s: unknown): void => {
      if (Array.isArray(s)) s.forEach(walk);
      else if (isObject(s))
        for (const [k, v] of Object.entries(s)) {
          used.add(k);
          if (k === 'properties') Object.values(v as object).forEach(walk);
          else if (k !== 'enum' && k !== 'const') walk(v);
        }
    };
    walk(published);
    expect([...used].filter((k) => !KNOWN_KEYWORDS.has(k))).toEqual([]);
  });
});

describe('the zod schema and the JSON Schema accept and refuse the same definitions', () => {
  const SAMPLES: [string, unknown, boolean][] = [
    ['the shipped Jilin 2021 definition', jilin, true],
    ['without $schema', edited(jilin, ['$schema'], { kind: 'delete' }), true],
    ['an indicator named in last year’s definition', edited(jilin, ['indicators', 0, 'previous'], { kind: 'set', value: 'countyReformedOld' }), true],
    ['a new indicator (previous null)', edited(jilin, ['indicators', 0, 'previous'], { kind: 'set', value: null }), true],
    ['no rules and no rates', { ...clone(jilin), rules: [], rates: [] }, true],
    ['a rate with no goal', edited(jilin, ['rates', 0, 'goal'], { kind: 'set', value: null }), true],
    ['not an object', [], false],
    ['null', null, false],
    ['another format version', edited(jilin, ['format'], { kind: 'set', value: 2 }), false],
    ['an unknown top-level field', edited(jilin, [], { kind: 'add', key: 'extra', value: 1 }), false],
    ['a __proto__ field', edited(jilin, [], { kind: 'add', key: '__proto__', value: { polluted: true } }), false],
    ['a __proto__ field in an indicator', edited(jilin, ['indicators', 0], { kind: 'add', key: '__proto__', value: 1 }), false],
    ['an id in capitals', edited(jilin, ['id'], { kind: 'set', value: 'Jilin' }), false],
    ['a year as text', edited(jilin, ['year'], { kind: 'set', value: '2021' }), false],
    ['a fractional row', edited(jilin, ['indicators', 3, 'rows', 0, 'row'], { kind: 'set', value: 4.5 }), false],
    ['row 0', edited(jilin, ['indicators', 3, 'rows', 0, 'row'], { kind: 'set', value: 0 }), false],
    ['a kind not known', edited(jilin, ['indicators', 3, 'kind'], { kind: 'set', value: 'rate' }), false],
    ['an indicator key with a dot', edited(jilin, ['indicators', 3, 'key'], { kind: 'set', value: 'a.b' }), false],
    ['an empty label', edited(jilin, ['indicators', 3, 'rows', 1, 'label'], { kind: 'set', value: '' }), false],
    ['a sheet name longer than Excel allows', edited(jilin, ['sheets', 0, 'name'], { kind: 'set', value: 'x'.repeat(32) }), false],
    ['no indicators', edited(jilin, ['indicators'], { kind: 'set', value: [] }), false],
    ['a missing rule condition', edited(jilin, ['rules', 0, 'when'], { kind: 'delete' }), false],
    ['a severity not known', edited(jilin, ['rules', 0, 'severity'], { kind: 'set', value: 'fatal' }), false],
    ['a goal above 100 %', edited(jilin, ['rates', 0, 'goal'], { kind: 'set', value: 1.5 }), false],
    ['a colour not ARGB', edited(jilin, ['layout', 'inputFill'], { kind: 'set', value: '#fff' }), false],
    ['a huge number', edited(jilin, ['year'], { kind: 'set', value: 1e300 }), false],
    ['an expression far too long', edited(jilin, ['rules', 0, 'when'], { kind: 'set', value: '1 + '.repeat(2000) + '1' }), false],
  ];

  it.each(SAMPLES)('%s', (_, sample, valid) => {
    expect(zodAccepts(sample)).toBe(valid);
    expect(validates(published, sample)).toBe(valid);
  });

  it('lengths count characters, not UTF-16 units, in both (a name of 31 characters beyond the BMP is 62 units)', () => {
    const named = (text: string): unknown => edited(jilin, ['sheets', 0, 'name'], { kind: 'set', value: text });
    for (const [text, valid] of [
      ['附'.repeat(31), true],
      ['𠀀'.repeat(31), true],
      ['𠀀'.repeat(32), false],
    ] as const) {
      expect(zodAccepts(named(text))).toBe(valid);
      expect(validates(published, named(text))).toBe(valid);
    }
  });

  it('random edits of the shipped definition: both say yes, or both say no', () => {
    const all = paths(jilin);
    const value = fc.oneof(
      fc.constantFrom(null, true, false, 0, 1, -1, 1.5, 2021, 1e9, 2 ** 53 + 2, '', 'x', 'annex1', 'county', '__proto__', 'A'.repeat(45), [], {}),
      fc.string({ maxLength: 50 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      value.map((v) => ({ kind: 'set' as const, value: v })),
      fc.constant({ kind: 'delete' as const }),
      fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'key'), value).map(([key, v]) => ({ kind: 'add' as const, key, value: v })),
    );
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...all), edit, (path, e) => {
        const sample = edited(jilin, path, e);
        const z = zodAccepts(sample);
        expect(validates(published, sample), `${JSON.stringify(path)} ${JSON.stringify(e)}`).toBe(z);
        if (!z) refused++;
      }),
      { numRuns: 4000 },
    );
    expect(refused).toBeGreaterThan(1000);
  });
});
