import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { BUILT_IN_SURVEY_FILE, builtInSurveyText, withSurvey, type SurveyInForce } from '../catalogue.js';
import { SetupError, type MessageCode, type Params } from '../messages.js';
import { compileSurvey, unknownPlaceholders, type CompiledSurvey } from '../core/evaluate.js';
import { RESERVED_WORDS } from '../core/expr.js';
import { surveySchema, type Survey } from '../survey-schema.js';

// Reading a survey definition: a regular file under a size cap, JSON whose syntax errors say file:line:col, nesting
// capped before anything walks it, the zod schema, then what a schema cannot say (keys unique, references that
// exist, expressions that compile). Every problem is one line `file:path: message` (path like indicators[3].row),
// all of them at once (up to MAX_PROBLEMS), thrown as one SetupError (exit 2). Nothing else is ever thrown for a
// file's content: a definition is data from anyone, so it is read only through the properties the schema names.

/** A definition is a few tens of KB; a megabyte is already absurd. */
export const MAX_SURVEY_BYTES = 1 << 20;
/** The format nests five deep; far more is a hostile or broken file, refused before anything recurses into it. */
export const MAX_SURVEY_DEPTH = 16;
/** Items of any list: above every list's own limit in the schema (500 indicators at most). */
export const MAX_SURVEY_ITEMS = 1000;
/** Problems listed at most; then how many more. */
export const MAX_PROBLEMS = 50;

export interface LoadedSurvey {
  readonly survey: Survey;
  readonly compiled: CompiledSurvey;
  /** Where it came from: a path, or 'built-in'. */
  readonly source: string;
  /** SHA-256 of the file's bytes, so an output can say exactly which definition made it. */
  readonly sha256: string;
}

type Path = readonly (string | number)[];
interface Problem {
  path: Path;
  code: MessageCode;
  params: Params;
}

/** indicators[3].row; `(root)` for the whole file. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '(root)' : out;
}

/** Where a path of the definition came from, when not from JSON text (a workbook's sheet and cell): null for the path itself. */
export type Locate = (path: Path) => string | null;

const setupError = (file: string, problems: readonly Problem[], locate?: Locate): SetupError => {
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => ({ code: p.code, params: p.params, file: `${file}:${locate?.(p.path) ?? formatPath(p.path)}` }));
  if (problems.length > MAX_PROBLEMS) shown.push({ code: 'survey-more-problems', params: { count: problems.length - MAX_PROBLEMS }, file });
  return new SetupError(shown);
};

// ── JSON ──

/** Where JSON.parse gave up, found by a one-pass scanner (Node's own messages often name no position). */
export function jsonErrorOffset(t: string): number {
  const stack: ('o' | 'a')[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const skipSpace = (): void => {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  };
  /** From an opening quote to just after the closing one; -1 (and i at the fault) when the string is broken. */
  const string = (): boolean => {
    i++;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = t[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  for (;;) {
    skipSpace();
    if (state === 'value') {
      const c = t[i];
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? 'o' : 'a');
        i++;
        skipSpace();
        if (t[i] === (c === '{' ? '}' : ']')) {
          i++;
          stack.pop();
          state = 'after';
        } else state = c === '{' ? 'key' : 'value';
      } else if (c === '"') {
        if (!string()) return i;
        state = 'after';
      } else if (t.startsWith('true', i) || t.startsWith('null', i)) {
        i += 4;
        state = 'after';
      } else if (t.startsWith('false', i)) {
        i += 5;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(t)) return i;
        i = NUMBER.lastIndex;
        state = 'after';
      }
    } else if (state === 'key') {
      if (t[i] !== '"' || !string()) return i;
      skipSpace();
      if (t[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < t.length ? i : 0;
      if (t[i] === ',') {
        i++;
        state = top === 'o' ? 'key' : 'value';
      } else if (t[i] === (top === 'o' ? '}' : ']')) {
        i++;
        stack.pop();
      } else return i;
    }
  }
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/**
 * Nesting deeper than `maxDepth`, or a list longer than `maxItems`, found by a walk with a stack of its own: such a
 * file is refused before the schema looks at it, so a hostile one costs one pass, not a problem per item.
 */
function shapeProblem(value: unknown, maxDepth: number, maxItems: number): Problem | null {
  const stack: [unknown, Path][] = [[value, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= maxDepth) return { path: [], code: 'survey-too-deep', params: { limit: maxDepth } };
    if (Array.isArray(v)) {
      if (v.length > maxItems) return { path, code: 'survey-out-of-range', params: { bound: 'max', limit: String(maxItems), origin: 'array' } };
      v.forEach((child, i) => stack.push([child, [...path, i]]));
    } else for (const [k, child] of Object.entries(v)) stack.push([child, [...path, k]]);
  }
  return null;
}

// ── the schema's complaints, in the office's words ──

/** The value at a path, following own properties only. */
function at(root: unknown, path: Path): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return { found: false, value: undefined };
    v = (v as Record<string | number, unknown>)[p];
  }
  return { found: true, value: v };
}

const typeName = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isFinite(v)
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : 'out-of-range'
        : typeof v;

const PATTERNS: readonly [RegExp, string][] = [
  [/^\^\[A-Za-z\]/, 'key'],
  [/^\^\[a-z0-9\]/, 'id'],
  [/^\^\[a-z\]\[a-z0-9-\]/, 'code'],
  [/^\^\[A-Z\]\{1,2\}/, 'column'],
  [/^\^\[0-9A-F\]\{8\}/, 'colour'],
];

function schemaProblem(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  switch (issue.code) {
    case 'invalid_type': {
      const here = at(raw, path);
      if (!here.found) return [{ path, code: 'survey-missing-field', params: { expected: issue.expected } }];
      return [{ path, code: 'survey-wrong-type', params: { expected: issue.expected, found: typeName(here.value) } }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: [...path, k], code: 'survey-unknown-field' as const, params: {} }));
    case 'too_big':
    case 'too_small':
      return [
        {
          path,
          code: 'survey-out-of-range',
          params: {
            bound: issue.code === 'too_big' ? 'max' : 'min',
            limit: String(issue.code === 'too_big' ? issue.maximum : issue.minimum),
            origin: issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number',
          },
        },
      ];
    case 'invalid_value':
      return [{ path, code: 'survey-not-allowed', params: { allowed: issue.values.map((v) => JSON.stringify(v)).join(', ') } }];
    case 'invalid_format': {
      // zod writes the pattern as /source/.
      const pattern = 'pattern' in issue && typeof issue.pattern === 'string' ? issue.pattern.replace(/^\//, '') : '';
      return [{ path, code: 'survey-bad-format', params: { format: PATTERNS.find(([re]) => re.test(pattern))?.[1] ?? 'key' } }];
    }
    default:
      return [{ path, code: 'survey-wrong-type', params: { expected: issue.code, found: typeName(at(raw, path).value) } }];
  }
}

// ── what a schema cannot say ──

function crossCheck(s: Survey): Problem[] {
  const problems: Problem[] = [];
  const unique = <T>(items: readonly T[], keyOf: (t: T) => string | number | null | undefined, path: (i: number) => Path): void => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (k === null || k === undefined) return;
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else problems.push({ path: path(i), code: 'survey-duplicate', params: { value: String(k), first: formatPath(path(first)) } });
    });
  };
  const exists = (set: ReadonlySet<string>, value: string, kind: string, path: Path): void => {
    if (!set.has(value)) problems.push({ path, code: 'survey-unknown-reference', params: { value, kind } });
  };
  const notReserved = (value: string, path: Path): void => {
    if (RESERVED_WORDS.has(value)) problems.push({ path, code: 'survey-reserved-word', params: { value } });
  };

  const levels = new Set(s.levels.map((l) => l.key));
  const sheets = new Set(s.sheets.map((x) => x.key));
  const indicators = new Map(s.indicators.map((i) => [i.key, i]));

  unique(
    s.levels,
    (l) => l.key,
    (i) => ['levels', i, 'key'],
  );
  s.levels.forEach((l, i) => notReserved(l.key, ['levels', i, 'key']));
  const roots = s.levels.flatMap((l, i) => (l.role === 'root' ? [i] : []));
  if (roots.length !== 1) problems.push({ path: ['levels'], code: 'survey-root-count', params: { count: roots.length } });
  if (s.baselineYear >= s.year) problems.push({ path: ['baselineYear'], code: 'survey-baseline-year', params: { year: s.year, baselineYear: s.baselineYear } });

  unique(
    s.layout.columns,
    (c) => c.key,
    (i) => ['layout', 'columns', i, 'key'],
  );
  unique(
    s.layout.columns,
    (c) => c.letter,
    (i) => ['layout', 'columns', i, 'letter'],
  );

  unique(
    s.sheets,
    (x) => x.key,
    (i) => ['sheets', i, 'key'],
  );
  unique(
    s.sheets,
    (x) => x.name,
    (i) => ['sheets', i, 'name'],
  );
  s.sheets.forEach((x, i) => notReserved(x.key, ['sheets', i, 'key']));
  if (!s.sheets.some((x) => x.role === 'current')) problems.push({ path: ['sheets'], code: 'survey-no-current-sheet', params: {} });

  unique(
    s.indicators,
    (x) => x.key,
    (i) => ['indicators', i, 'key'],
  );
  unique(
    s.indicators,
    (x) => x.no,
    (i) => ['indicators', i, 'no'],
  );
  unique(
    s.indicators,
    (x) => x.previous,
    (i) => ['indicators', i, 'previous'],
  );
  s.indicators.forEach((ind, i) => {
    notReserved(ind.key, ['indicators', i, 'key']);
    ind.levels.forEach((l, j) => exists(levels, l, 'level', ['indicators', i, 'levels', j]));
    unique(
      ind.levels,
      (l) => l,
      (j) => ['indicators', i, 'levels', j],
    );
    unique(
      ind.rows,
      (r) => r.sheet,
      (j) => ['indicators', i, 'rows', j, 'sheet'],
    );
    ind.rows.forEach((r, j) => exists(sheets, r.sheet, 'sheet', ['indicators', i, 'rows', j, 'sheet']));
  });
  // Per sheet, a row number and a label belong to one indicator: the reader finds rows by label.
  for (const sheet of sheets) {
    const rows = s.indicators.flatMap((ind, i) => ind.rows.flatMap((r, j) => (r.sheet === sheet ? [{ r, path: ['indicators', i, 'rows', j] as Path }] : [])));
    unique(
      rows,
      (x) => x.r.row,
      (k) => [...rows[k]!.path, 'row'],
    );
    unique(
      rows,
      (x) => x.r.label,
      (k) => [...rows[k]!.path, 'label'],
    );
  }

  unique(
    s.rules,
    (r) => r.key,
    (i) => ['rules', i, 'key'],
  );
  s.rules.forEach((rule, i) => {
    exists(sheets, rule.sheet, 'sheet', ['rules', i, 'sheet']);
    rule.levels?.forEach((l, j) => exists(levels, l, 'level', ['rules', i, 'levels', j]));
    if ((rule.indicator === undefined) === (rule.forEach === undefined)) problems.push({ path: ['rules', i], code: 'survey-rule-target', params: {} });
    if (rule.indicator !== undefined) {
      const ind = indicators.get(rule.indicator);
      if (!ind) problems.push({ path: ['rules', i, 'indicator'], code: 'survey-unknown-reference', params: { value: rule.indicator, kind: 'indicator' } });
      else if (!ind.rows.some((r) => r.sheet === rule.sheet))
        problems.push({ path: ['rules', i, 'sheet'], code: 'survey-no-row-on-sheet', params: { indicator: ind.key, sheet: rule.sheet } });
    }
    unique(
      rule.params,
      (p) => p.name,
      (j) => ['rules', i, 'params', j, 'name'],
    );
    const names = new Set(rule.params.map((p) => p.name));
    for (const lang of ['zh', 'en'] as const)
      for (const placeholder of unknownPlaceholders(rule.message[lang], names, sheets))
        problems.push({ path: ['rules', i, 'message', lang], code: 'survey-placeholder', params: { placeholder } });
  });

  unique(
    s.rates,
    (r) => r.key,
    (i) => ['rates', i, 'key'],
  );
  s.rates.forEach((rate, i) => rate.basis.forEach((l, j) => exists(levels, l, 'level', ['rates', i, 'basis', j])));
  s.bulletin.headline?.forEach((k, i) => exists(new Set(indicators.keys()), k, 'indicator', ['bulletin', 'headline', i]));
  return problems;
}

// ── reading ──

/** A definition from its text. Pure apart from hashing; throws SetupError (and nothing else) for any content. */
export function parseSurvey(text: string, file: string): LoadedSurvey {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const { line, col } = lineCol(body, jsonErrorOffset(body));
    throw new SetupError([{ code: 'survey-json-syntax', params: {}, file: `${file}:${line}:${col}` }]);
  }
  const { survey, compiled } = surveyFrom(raw, file);
  return { survey, compiled, source: file, sha256: createHash('sha256').update(text).digest('hex') };
}

/** A definition from a value already parsed (JSON, or a workbook read into the same shape); problems as parseSurvey's. */
export function surveyFrom(raw: unknown, file: string, locate?: Locate): { survey: Survey; compiled: CompiledSurvey } {
  const shape = shapeProblem(raw, MAX_SURVEY_DEPTH, MAX_SURVEY_ITEMS);
  if (shape) throw setupError(file, [shape], locate);
  const parsed = surveySchema.safeParse(raw);
  if (!parsed.success) {
    // One line per place and kind of problem: 1e30 as a year breaks two bounds, the clerk needs to hear it once.
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const p of parsed.error.issues.flatMap((i) => schemaProblem(i, raw))) {
      const key = `${formatPath(p.path)} ${p.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
    throw setupError(file, problems, locate);
  }
  const survey = parsed.data;
  const problems = crossCheck(survey);
  const { compiled, problems: exprProblems } = compileSurvey(survey);
  for (const p of exprProblems)
    problems.push({ path: p.path, code: 'survey-expression', params: { reason: p.error.code, pos: p.error.pos + 1, detail: p.error.detail } });
  if (problems.length > 0) throw setupError(file, problems, locate);
  return { survey, compiled };
}

/** A definition file: a regular file, at most MAX_SURVEY_BYTES, read as UTF-8. */
export async function loadSurvey(cwd: string, file: string): Promise<LoadedSurvey> {
  const path = resolve(cwd, file);
  let text: string;
  const check = (st: { isFile(): boolean; size: number }): void => {
    if (!st.isFile()) throw new SetupError([{ code: 'survey-not-a-file', params: {}, file: path }]);
    if (st.size > MAX_SURVEY_BYTES) throw new SetupError([{ code: 'survey-too-large', params: { size: st.size, limit: MAX_SURVEY_BYTES }, file: path }]);
  };
  try {
    // Before opening (a named pipe would block the open), and again on the opened file, so what is measured is what is read.
    check(await stat(path));
    const handle = await open(path, 'r');
    try {
      check(await handle.stat());
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof SetupError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SetupError([{ code: 'file-not-found', params: { file: path } }]);
    if (code === 'EISDIR') throw new SetupError([{ code: 'survey-not-a-file', params: {}, file: path }]);
    throw new SetupError([{ code: 'file-unreadable-setup', params: { file: path, reason: code ?? String(e) } }]);
  }
  return parseSurvey(text, path);
}

export function builtInSurvey(): LoadedSurvey {
  return { ...parseSurvey(builtInSurveyText(), BUILT_IN_SURVEY_FILE), source: 'built-in' };
}

/** A command's --survey FILE, loaded and checked (SetupError, exit 2), in force while `run` runs; without it, the survey already in force. */
export async function withSurveyOption<T>(file: string | undefined, cwd: string, run: () => Promise<T>): Promise<T> {
  if (file === undefined) return run();
  return withSurvey(await surveyInForceOf(cwd, file), run);
}

/** A definition file, loaded and checked, as the survey to put in force. */
export async function surveyInForceOf(cwd: string, file: string): Promise<SurveyInForce> {
  const loaded = await loadSurvey(cwd, file);
  return { survey: loaded.survey, source: loaded.source, sha256: loaded.sha256 };
}
