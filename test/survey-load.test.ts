import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SetupError, renderSetupProblem } from '../src/messages.js';
import { MAX_PROBLEMS, MAX_SURVEY_BYTES, builtInSurvey, formatPath, jsonErrorOffset, loadSurvey, parseSurvey } from '../src/survey/load.js';
import { repoRoot, tempDir } from './helpers.js';
import { QUADRATIC_MARGIN, timeRatio } from './survey-support.js';

// The loader: a definition from anyone is either a definition or a SetupError whose every line is
// `file:path: message` — never another exception, never a property of Object.prototype touched, whatever the text.

const text = readFileSync(join(repoRoot, 'templates', 'jilin-2021.json'), 'utf8');
const jilin = JSON.parse(text) as Record<string, unknown>;
type Json = Record<string, any>;
const mutate = (f: (d: Json) => void): string => {
  const d = JSON.parse(text) as Json;
  f(d);
  return JSON.stringify(d);
};

/** The problems of a text, as `path code` (or `line:col code` for JSON syntax), in order. */
function problems(t: string): string[] {
  try {
    parseSurvey(t, 'f.json');
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    return e.problems.map((p) => `${(p.file ?? '').replace(/^f\.json:?/, '')} ${p.code}`);
  }
  return [];
}

describe('the shipped definition loads', () => {
  it('builtInSurvey: 14 indicators, 8 rules and 5 rates compiled, hashed', () => {
    const s = builtInSurvey();
    expect(s.source).toBe('built-in');
    expect(s.survey.indicators).toHaveLength(14);
    expect(s.compiled.rules).toHaveLength(8);
    expect(s.compiled.rates).toHaveLength(5);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('with a byte-order mark too', () => {
    expect(problems('\ufeff' + text)).toEqual([]);
  });
});

describe('each problem at its path', () => {
  it.each([
    ['a year as text', mutate((d) => (d.year = '2021')), ['year survey-wrong-type']],
    ['a missing title', mutate((d) => delete d.title), ['title survey-missing-field']],
    ['an unknown field in an indicator', mutate((d) => (d.indicators[3].colour = 'red')), ['indicators[3].colour survey-unknown-field']],
    ['a row number of 0', mutate((d) => (d.indicators[3].rows[0].row = 0)), ['indicators[3].rows[0].row survey-out-of-range']],
    ['a kind not known', mutate((d) => (d.indicators[2].kind = 'rate')), ['indicators[2].kind survey-not-allowed']],
    ['a key with a space', mutate((d) => (d.indicators[2].key = 'a b')), ['indicators[2].key survey-bad-format']],
    [
      'two indicators with one key',
      mutate((d) => (d.indicators[5].key = d.indicators[4].key)),
      ['indicators[5].key survey-duplicate', 'rates[2].numerator survey-expression'],
    ],
    ['two indicators on one row of 附件1', mutate((d) => (d.indicators[5].rows[0].row = 5)), ['indicators[5].rows[0].row survey-duplicate']],
    [
      'two indicators with one label on 附件2',
      mutate((d) => (d.indicators[6].rows[1].label = d.indicators[5].rows[1].label)),
      ['indicators[6].rows[1].label survey-duplicate'],
    ],
    ['an indicator at a level that does not exist', mutate((d) => d.indicators[0].levels.push('town')), ['indicators[0].levels[1] survey-unknown-reference']],
    [
      'an indicator on a sheet that does not exist',
      mutate((d) => (d.indicators[0].rows[1].sheet = 'annex3')),
      ['indicators[0].rows[1].sheet survey-unknown-reference'],
    ],
    [
      'two indicators from one previous key',
      mutate((d) => ((d.indicators[0].previous = 'x'), (d.indicators[1].previous = 'x'))),
      ['indicators[1].previous survey-duplicate'],
    ],
    [
      'a key that is a word of the language',
      mutate((d) => {
        d.levels[3].key = 'count';
        for (const i of d.indicators) i.levels = i.levels.map((l: string) => (l === 'special' ? 'count' : l));
      }),
      ['levels[3].key survey-reserved-word'],
    ],
    ['two roots', mutate((d) => (d.levels[1].role = 'root')), ['levels survey-root-count']],
    ['a baseline year not before the year', mutate((d) => (d.baselineYear = 2021)), ['baselineYear survey-baseline-year']],
    ['a rule pointing at an indicator that does not exist', mutate((d) => (d.rules[0].indicator = 'hours')), ['rules[0].indicator survey-unknown-reference']],
    [
      'a rule pointing at a row its sheet does not have',
      mutate((d) => (d.indicators[13].rows = d.indicators[13].rows.slice(1))),
      ['rules[0].sheet survey-no-row-on-sheet', 'rules[1].sheet survey-no-row-on-sheet', 'rules[2].sheet survey-no-row-on-sheet'],
    ],
    ['a rule with both indicator and forEach', mutate((d) => (d.rules[3].indicator = 'volunteers')), ['rules[3] survey-rule-target']],
    ['a rule with a condition that does not parse', mutate((d) => (d.rules[0].when = 'annex1.serviceHours >')), ['rules[0].when survey-expression']],
    ['a rule reading a property', mutate((d) => (d.rules[0].when = 'annex1.serviceHours.constructor > 0')), ['rules[0].when survey-expression']],
    ['a rule calling a function not in the list', mutate((d) => (d.rules[0].when = 'eval(1) > 0')), ['rules[0].when survey-expression']],
    ['a rule naming __proto__', mutate((d) => (d.rules[0].params[0].value = '__proto__.volunteers')), ['rules[0].params[0].value survey-expression']],
    [
      'a message naming a figure the rule does not compute',
      mutate((d) => (d.rules[0].message.en += ' {volunteers}')),
      ['rules[0].message.en survey-placeholder'],
    ],
    ['a rate counting a level that does not exist', mutate((d) => (d.rates[0].basis = ['town'])), ['rates[0].basis[0] survey-unknown-reference']],
    ['$ in a rule without forEach', mutate((d) => (d.rules[0].when = 'annex1.$ > 0')), ['rules[0].when survey-expression']],
  ])('%s', (_, t, expected) => {
    expect(problems(t)).toEqual(expected);
  });

  it('the words: file:path: then the message, in Chinese and English', () => {
    let err: unknown;
    try {
      parseSurvey(
        mutate((d) => (d.indicators[3].rows[0].row = 0)),
        '/x/next.json',
      );
    } catch (e) {
      err = e;
    }
    const p = (err as SetupError).problems[0]!;
    expect(renderSetupProblem(p, 'zh')).toBe('/x/next.json:indicators[3].rows[0].row: 数值低于下限 1。');
    expect(renderSetupProblem(p, 'en')).toBe('/x/next.json:indicators[3].rows[0].row: The number is below the minimum of 1.');
  });

  it('an expression problem says where in the expression, and what', () => {
    let err: unknown;
    try {
      parseSurvey(
        mutate((d) => (d.rules[0].when = 'annex1.serviceHours > process')),
        'f.json',
      );
    } catch (e) {
      err = e;
    }
    const p = (err as SetupError).problems[0]!;
    expect(renderSetupProblem(p, 'en')).toBe(
      'f.json:rules[0].when: Expression, at character 23: "process" is not a name it knows (write an indicator as sheet.key, e.g. annex1.volunteers).',
    );
  });

  it(`at most ${MAX_PROBLEMS} problems, then how many more`, () => {
    const t = mutate((d) => d.indicators.forEach((i: Json) => ((i.kind = 'x'), (i.unit = ''), (i.en = 1), (i.growth = 'y'))));
    const listed = problems(t);
    expect(listed).toHaveLength(MAX_PROBLEMS + 1);
    expect(listed.at(-1)).toBe(' survey-more-problems');
  });

  it('formatPath', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['indicators', 3, 'rows', 0, 'row'])).toBe('indicators[3].rows[0].row');
  });
});

describe('JSON syntax errors at file:line:col', () => {
  it.each([
    ['{"a":}', '1:6'],
    ['{"a":1,}', '1:8'],
    ['[1 2]', '1:4'],
    ['{\n  "a": "x', '2:10'],
    ['{\n  "a": tru}', '2:8'],
    ['\n\n  {"a": 01}', '3:10'],
    ['', '1:1'],
    ['{"a":1} x', '1:9'],
    ['{"a":"\u0001"}', '1:7'],
    ['{"a":"\\x"}', '1:7'],
    ['{"a" 1}', '1:6'],
    ['{1:2}', '1:2'],
  ])('%j → %s', (t, at) => {
    expect(problems(t)).toEqual([`${at} survey-json-syntax`]);
  });

  it('the scanner finds a fault in every text JSON.parse refuses, within the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
        ),
        (t) => {
          let ok = true;
          try {
            JSON.parse(t);
          } catch {
            ok = false;
          }
          if (ok) return;
          const at = jsonErrorOffset(t);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThanOrEqual(t.length);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('hostile definitions: a definition or a SetupError, never anything else', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const onlySetupErrors = (t: string): 'loaded' | 'refused' => {
    try {
      parseSurvey(t, 'f.json');
      return 'loaded';
    } catch (e) {
      if (!(e instanceof SetupError)) throw e;
      for (const p of e.problems) {
        expect(p.file).toMatch(/^f\.json(:|$)/);
        expect(renderSetupProblem(p, 'zh').length).toBeGreaterThan(0);
        expect(renderSetupProblem(p, 'en').length).toBeGreaterThan(0);
      }
      return 'refused';
    }
  };

  it('nesting 10,000 deep (arrays, objects, and inside a field) is refused as too deep', () => {
    for (const t of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      mutate((d) => (d.title = 0)).replace('"title":0', `"title":${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    ])
      expect(problems(t)).toEqual(['(root) survey-too-deep']);
  });

  it('a list longer than any the format allows is refused before the schema walks it', () => {
    expect(problems(mutate((d) => (d.rules = Array(1001).fill(d.rules[0]))))).toEqual(['rules survey-out-of-range']);
    expect(problems(mutate((d) => (d.rules = Array(501).fill(d.rules[0]))))).toEqual(['rules survey-out-of-range']);
  });

  it('huge and tiny numbers', () => {
    expect(problems(text.replace('"year": 2021', '"year": 1e400'))).toEqual(['year survey-wrong-type']);
    expect(problems(text.replace('"year": 2021', '"year": 123456789012345678901234567890'))).toEqual(['year survey-out-of-range']);
    expect(problems(text.replace('"year": 2021', '"year": 2021.0000000000000001'))).toEqual([]); // the same double as 2021
    expect(problems(text.replace('"year": 2021', '"year": -0'))).toEqual(['year survey-out-of-range']);
  });

  it('__proto__, constructor and prototype keys are unknown fields, and nothing is polluted', () => {
    const t = text.replace('"format": 1,', '"format": 1, "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}},');
    expect(problems(t)).toEqual(['__proto__ survey-unknown-field', 'constructor survey-unknown-field']);
    const nested = mutate((d) => (d.indicators[0].rows[0].row = 1)).replace('"row":1', '"row":1,"__proto__":{"row":99}');
    expect(problems(nested)).toEqual(['indicators[0].rows[0].__proto__ survey-unknown-field']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect(onlySetupErrors(JSON.stringify(v))).toBe('refused');
      }),
      { numRuns: 1500 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (t) => void onlySetupErrors(t)),
      { numRuns: 2000 },
    );
  });

  it('the shipped definition with any one field replaced by arbitrary JSON', () => {
    const fields: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]): void => {
      fields.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(jilin, []);
    const counts = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...fields.filter((f) => f.length > 0)),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('__proto__', 'constructor', 'annex1.$', 'count(county)', '1e999', 'x'.repeat(5000))),
        (path, value) => {
          const d = JSON.parse(text) as Json;
          let parent = d;
          for (const p of path.slice(0, -1)) parent = parent[p];
          parent[path[path.length - 1]!] = value;
          counts[onlySetupErrors(JSON.stringify(d))]++;
        },
      ),
      { numRuns: 2500 },
    );
    expect(counts.refused).toBeGreaterThan(500);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });
});

describe('time is linear in the size of the file', () => {
  const load = (t: string) => (): void => {
    try {
      parseSurvey(t, 'f.json');
    } catch (e) {
      if (!(e instanceof SetupError)) throw e;
    }
  };
  it.each([
    ['a list far too long', (n: number) => `{"indicators":[${Array<string>(n).fill('1').join(',')}]}`],
    // (Not a long valid text: V8's JSON.parse itself copies a string of 1 MB far more slowly per byte than one of 100 kB.)
    ['an object never closed, after a long text of escapes (the scanner walks it all)', (n: number) => `{"title":"${'x\\n'.repeat(n / 3)}"\n`],
    ['broken JSON at the very end', (n: number) => `{"title":[${Array<string>(n).fill('1').join(',')},]}`],
    [
      'many objects of the wrong shape',
      (n: number) =>
        `{"indicators":[${Array<string>(n / 10)
          .fill('{"key":"a","no":1}')
          .join(',')}]}`,
    ],
  ])('%s: ten times the text takes well under the hundred times of quadratic growth', (_, make) => {
    expect(timeRatio(load(make(50_000)), load(make(500_000)))).toBeLessThan(QUADRATIC_MARGIN);
  });
});

describe('the file', () => {
  it('a missing file, a folder, a file over the size cap', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.json'));
    writeFileSync(join(dir, 'big.json'), ' '.repeat(MAX_SURVEY_BYTES + 1));
    const codeOf = async (f: string): Promise<string> => {
      try {
        await loadSurvey(dir, f);
        return 'loaded';
      } catch (e) {
        return (e as SetupError).problems.map((p) => p.code).join();
      }
    };
    expect(await codeOf('nothing.json')).toBe('file-not-found');
    expect(await codeOf('folder.json')).toBe('survey-not-a-file');
    expect(await codeOf('big.json')).toBe('survey-too-large');
  });

  it('a copy of the shipped file loads, under its path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'next.json'), text);
    const s = await loadSurvey(dir, 'next.json');
    expect(s.source).toBe(join(dir, 'next.json'));
    expect(s.sha256).toBe(builtInSurvey().sha256);
  });
});
