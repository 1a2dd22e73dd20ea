// The expression language of survey definitions: rule conditions, message figures and rate numerators/denominators.
// Definitions come from files anyone may write, so nothing in one is ever run as code: a tokenizer and a Pratt parser
// build a small tree, a checker binds every name to the definition's own keys (kept in Sets and Maps, never looked up
// on objects, so `constructor` or `__proto__` are just unknown names) and types it, and a tree walk evaluates it.
// Time is linear in the text: one pass to tokenize, one to parse (chains of + or `and` become one n-ary node, so the
// tree is as deep as the brackets, and that depth is capped), one to check.
//
//   expression := or
//   or         := and ('or' and)*
//   and        := not ('and' not)*
//   not        := 'not' not | compare
//   compare    := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
//   sum        := product (('+' | '-') product)*
//   product    := unary (('*' | '/') unary)*
//   unary      := '-' unary | primary
//   primary    := number | 'true' | 'false' | sheet '.' key | sheet '.' '$' | name | fn '(' args ')' | '(' expression ')'
//
// Values are numbers, booleans and null (a figure not reported, or unreadable). Null spreads through arithmetic and
// comparisons; `and`/`or`/`not` follow three-valued logic (false and null = false); a rule fires only on true.
// Division by zero, and any result that is not a finite number, is null.

export type ExprErrorCode =
  | 'too-long'
  | 'too-deep'
  | 'bad-character'
  | 'bad-number'
  | 'unexpected'
  | 'unexpected-end'
  | 'unknown-name'
  | 'unknown-sheet'
  | 'unknown-indicator'
  | 'unknown-function'
  | 'no-current-indicator'
  | 'arity'
  | 'type'
  | 'not-here';

/** Everything that can go wrong with an expression: a code, the character position (0-based) and what was there. */
export class ExprError extends Error {
  constructor(
    readonly code: ExprErrorCode,
    readonly pos: number,
    readonly detail: string = '',
  ) {
    super(`${code} at ${pos}${detail ? `: ${detail}` : ''}`);
    this.name = 'ExprError';
  }
}

export interface ExprLimits {
  /** Characters an expression may have. */
  maxLength: number;
  /** How deeply brackets, calls, `not` and unary minus may nest. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ExprLimits = { maxLength: 4000, maxDepth: 40 };

// ── tokens ──

type TokenKind = 'num' | 'ident' | 'op' | 'dollar' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const TWO_CHAR_OPS = new Set(['<=', '>=', '==', '!=']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '(', ')', ',', '.', '<', '>']);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

/** Split the text into tokens, one pass, no regular expressions (so no backtracking). */
export function tokenize(text: string, limits: ExprLimits = DEFAULT_LIMITS): Token[] {
  if (text.length > limits.maxLength) throw new ExprError('too-long', limits.maxLength, String(text.length));
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      if (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) {
        i++;
        if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
        if (!isDigit(text.charCodeAt(i))) throw new ExprError('bad-number', start, text.slice(start, i + 1));
        while (isDigit(text.charCodeAt(i))) i++;
      }
      // 1.2.3 or 12abc: a number run into something else is a typo, not two tokens.
      if (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46) throw new ExprError('bad-number', start, text.slice(start, i + 1));
      tokens.push({ kind: 'num', text: text.slice(start, i), pos: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start });
      continue;
    }
    if (c === 36) {
      tokens.push({ kind: 'dollar', text: '$', pos: i++ });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: 'op', text: two, pos: i });
      i += 2;
      continue;
    }
    const one = text[i]!;
    if (ONE_CHAR_OPS.has(one)) {
      tokens.push({ kind: 'op', text: one, pos: i++ });
      continue;
    }
    throw new ExprError('bad-character', i, String.fromCodePoint(text.codePointAt(i)!));
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

// ── the tree ──

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type Node =
  | { t: 'num'; v: number; pos: number }
  | { t: 'bool'; v: boolean; pos: number }
  /** `sheet.key`; key null is `sheet.$`, the indicator a rule is applied to. */
  | { t: 'ref'; sheet: string; key: string | null; pos: number }
  /** A bare name: a level's key (an argument of count / countIf), or a mistake. */
  | { t: 'name'; name: string; pos: number }
  | { t: 'neg'; e: Node; pos: number }
  /** first (op operand)*: one node for a whole chain of + and - (or of * and /). */
  | { t: 'arith'; first: Node; rest: [op: '+' | '-' | '*' | '/', operand: Node][]; pos: number }
  | { t: 'cmp'; op: CompareOp; l: Node; r: Node; pos: number }
  | { t: 'and' | 'or'; items: Node[]; pos: number }
  | { t: 'not'; e: Node; pos: number }
  | { t: 'call'; fn: string; args: Node[]; pos: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const COMPARE = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);

/** The words an expression reserves: no key of a definition may be one of them. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...KEYWORDS,
  'if',
  'min',
  'max',
  'sum',
  'abs',
  'round',
  'known',
  'ifnull',
  'count',
  'countIf',
  'baseline',
]);

/** Parse text into a tree (syntax only: names are bound by `check`). Throws ExprError and nothing else. */
export function parse(text: string, limits: ExprLimits = DEFAULT_LIMITS): Node {
  const tokens = tokenize(text, limits);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const isOp = (tok: Token, op: string): boolean => tok.kind === 'op' && tok.text === op;
  const isWord = (tok: Token, w: string): boolean => tok.kind === 'ident' && tok.text === w;
  const unexpected = (tok: Token): ExprError =>
    tok.kind === 'end' ? new ExprError('unexpected-end', tok.pos) : new ExprError('unexpected', tok.pos, tok.text);
  const expect = (op: string): void => {
    const tok = next();
    if (!isOp(tok, op)) throw unexpected(tok);
  };
  const deeper = <T>(pos: number, f: () => T): T => {
    if (++depth > limits.maxDepth) throw new ExprError('too-deep', pos, String(limits.maxDepth));
    const r = f();
    depth--;
    return r;
  };

  // Binding powers, lowest first; a chain of one level's operators becomes one n-ary node.
  const orExpr = (): Node => {
    const first = andExpr();
    if (!isWord(peek(), 'or')) return first;
    const items = [first];
    while (isWord(peek(), 'or')) {
      next();
      items.push(andExpr());
    }
    return { t: 'or', items, pos: first.pos };
  };
  const andExpr = (): Node => {
    const first = notExpr();
    if (!isWord(peek(), 'and')) return first;
    const items = [first];
    while (isWord(peek(), 'and')) {
      next();
      items.push(notExpr());
    }
    return { t: 'and', items, pos: first.pos };
  };
  const notExpr = (): Node => {
    const tok = peek();
    if (isWord(tok, 'not')) {
      next();
      return deeper(tok.pos, () => ({ t: 'not', e: notExpr(), pos: tok.pos }));
    }
    return compare();
  };
  const compare = (): Node => {
    const l = chain(product, ['+', '-']);
    const tok = peek();
    if (tok.kind !== 'op' || !COMPARE.has(tok.text)) return l;
    next();
    const r = chain(product, ['+', '-']);
    // a < b < c reads as a chain in mathematics and as nonsense here: refuse it rather than guess.
    const after = peek();
    if (after.kind === 'op' && COMPARE.has(after.text)) throw unexpected(after);
    return { t: 'cmp', op: tok.text as CompareOp, l, r, pos: tok.pos };
  };
  const product = (): Node => chain(unary, ['*', '/']);
  const chain = (operand: () => Node, ops: readonly string[]): Node => {
    const first = operand();
    const rest: [op: '+' | '-' | '*' | '/', operand: Node][] = [];
    while (peek().kind === 'op' && ops.includes(peek().text)) {
      const op = next().text as '+' | '-' | '*' | '/';
      rest.push([op, operand()]);
    }
    return rest.length === 0 ? first : { t: 'arith', first, rest, pos: first.pos };
  };
  const unary = (): Node => {
    const tok = peek();
    if (isOp(tok, '-')) {
      next();
      return deeper(tok.pos, () => ({ t: 'neg', e: unary(), pos: tok.pos }));
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = next();
    if (tok.kind === 'num') {
      const v = Number(tok.text);
      if (!Number.isFinite(v)) throw new ExprError('bad-number', tok.pos, tok.text);
      return { t: 'num', v, pos: tok.pos };
    }
    if (isOp(tok, '(')) {
      const e = deeper(tok.pos, orExpr);
      expect(')');
      return e;
    }
    if (tok.kind !== 'ident' || KEYWORDS.has(tok.text)) {
      if (isWord(tok, 'true') || isWord(tok, 'false')) return { t: 'bool', v: tok.text === 'true', pos: tok.pos };
      throw unexpected(tok);
    }
    if (isOp(peek(), '(')) {
      next();
      return deeper(tok.pos, () => {
        const args: Node[] = [];
        if (!isOp(peek(), ')')) {
          args.push(orExpr());
          while (isOp(peek(), ',')) {
            next();
            args.push(orExpr());
          }
        }
        expect(')');
        return { t: 'call', fn: tok.text, args, pos: tok.pos };
      });
    }
    if (isOp(peek(), '.')) {
      next();
      const key = next();
      if (key.kind === 'dollar') return { t: 'ref', sheet: tok.text, key: null, pos: tok.pos };
      if (key.kind !== 'ident' || KEYWORDS.has(key.text)) throw unexpected(key);
      // a.b.c: there is no property access, only sheet.key.
      if (isOp(peek(), '.')) throw unexpected(peek());
      return { t: 'ref', sheet: tok.text, key: key.text, pos: tok.pos };
    }
    return { t: 'name', name: tok.text, pos: tok.pos };
  };

  const tree = orExpr();
  if (peek().kind !== 'end') throw unexpected(peek());
  return tree;
}

// ── names and types ──

export type ExprType = 'number' | 'boolean';

/** What an expression may name: the definition's keys, and what the place it stands in allows. */
export interface Scope {
  /** Sheet keys that may qualify an indicator key (annex1, annex2), plus `baseline` when allowed. */
  readonly sheets: ReadonlySet<string>;
  readonly indicators: ReadonlySet<string>;
  readonly levels: ReadonlySet<string>;
  /** Whether `baseline.key` (the baseline year's figure of the current sheet) may be named. */
  readonly baseline: boolean;
  /** Whether count()/countIf() over a unit's branches may be used (rates; not per-branch rules). */
  readonly aggregates: boolean;
  /** Whether `sheet.$` (the indicator a rule is applied to) may be named. */
  readonly current: boolean;
}

interface FnSpec {
  min: number;
  max: number;
  /** Type of argument i (the last repeats); 'level' is a bare level key; 'any' is either type. */
  args: readonly ('number' | 'boolean' | 'level' | 'any')[];
  result: ExprType | 'same';
  aggregate?: boolean;
}

/** The fixed list of functions: nothing else can be called. */
const FUNCTIONS: ReadonlyMap<string, FnSpec> = new Map<string, FnSpec>([
  ['min', { min: 1, max: 100, args: ['number'], result: 'number' }],
  ['max', { min: 1, max: 100, args: ['number'], result: 'number' }],
  ['sum', { min: 1, max: 100, args: ['number'], result: 'number' }],
  ['abs', { min: 1, max: 1, args: ['number'], result: 'number' }],
  ['round', { min: 1, max: 2, args: ['number', 'number'], result: 'number' }],
  ['if', { min: 3, max: 3, args: ['boolean', 'any', 'any'], result: 'same' }],
  ['known', { min: 1, max: 1, args: ['any'], result: 'boolean' }],
  ['ifnull', { min: 2, max: 2, args: ['number', 'number'], result: 'number' }],
  ['count', { min: 1, max: 20, args: ['level'], result: 'number', aggregate: true }],
  ['countIf', { min: 2, max: 20, args: ['boolean', 'level'], result: 'number', aggregate: true }],
]);

/** Every indicator a checked expression reads, as `sheet.key` (baseline.key for the baseline). */
export interface Checked {
  readonly tree: Node;
  readonly type: ExprType;
  readonly refs: readonly { sheet: string; key: string | null }[];
}

/** Bind every name of the tree to the scope and work out its type; throws ExprError at the first problem. */
export function check(tree: Node, scope: Scope): Checked {
  const refs: { sheet: string; key: string | null }[] = [];
  const typeOf = (n: Node, inBranch: boolean): ExprType => {
    switch (n.t) {
      case 'num':
        return 'number';
      case 'bool':
        return 'boolean';
      case 'ref': {
        const isBaseline = n.sheet === 'baseline' && scope.baseline;
        if (!isBaseline && !scope.sheets.has(n.sheet)) throw new ExprError('unknown-sheet', n.pos, n.sheet);
        if (n.key === null) {
          if (!scope.current) throw new ExprError('no-current-indicator', n.pos, `${n.sheet}.$`);
        } else if (!scope.indicators.has(n.key)) throw new ExprError('unknown-indicator', n.pos, n.key);
        refs.push({ sheet: n.sheet, key: n.key });
        return 'number';
      }
      case 'name':
        throw new ExprError('unknown-name', n.pos, n.name);
      case 'neg':
        need(n.e, 'number', inBranch);
        return 'number';
      case 'arith':
        need(n.first, 'number', inBranch);
        for (const [, e] of n.rest) need(e, 'number', inBranch);
        return 'number';
      case 'cmp':
        need(n.l, 'number', inBranch);
        need(n.r, 'number', inBranch);
        return 'boolean';
      case 'and':
      case 'or':
        for (const e of n.items) need(e, 'boolean', inBranch);
        return 'boolean';
      case 'not':
        need(n.e, 'boolean', inBranch);
        return 'boolean';
      case 'call':
        return callType(n, inBranch);
    }
  };
  const need = (n: Node, want: ExprType, inBranch: boolean): void => {
    const got = typeOf(n, inBranch);
    if (got !== want) throw new ExprError('type', n.pos, `${want}/${got}`);
  };
  const callType = (n: Extract<Node, { t: 'call' }>, inBranch: boolean): ExprType => {
    const spec = FUNCTIONS.get(n.fn);
    if (!spec) throw new ExprError('unknown-function', n.pos, n.fn);
    if (n.args.length < spec.min || n.args.length > spec.max) throw new ExprError('arity', n.pos, `${n.fn}/${n.args.length}`);
    if (spec.aggregate && (!scope.aggregates || inBranch)) throw new ExprError('not-here', n.pos, n.fn);
    const types: ExprType[] = [];
    n.args.forEach((a, i) => {
      const want = spec.args[Math.min(i, spec.args.length - 1)]!;
      if (want === 'level') {
        if (a.t !== 'name' || !scope.levels.has(a.name))
          throw new ExprError(a.t === 'name' ? 'unknown-name' : 'type', a.pos, a.t === 'name' ? a.name : 'level');
        return;
      }
      // countIf's condition is asked of each branch, which has figures but no branches of its own.
      const branch = inBranch || (spec.aggregate === true && i === 0);
      if (want === 'any') types.push(typeOf(a, branch));
      else need(a, want, branch);
    });
    if (spec.result !== 'same') return spec.result;
    if (types[0] !== types[1]) throw new ExprError('type', n.args[2]!.pos, `${types[0]}/${types[1]}`);
    return types[0]!;
  };
  const type = typeOf(tree, false);
  return { tree, type, refs };
}

/** Parse and check in one step, asking for a result type. */
export function compile(text: string, scope: Scope, want: ExprType, limits: ExprLimits = DEFAULT_LIMITS): Checked {
  const checked = check(parse(text, limits), scope);
  if (checked.type !== want) throw new ExprError('type', 0, `${want}/${checked.type}`);
  return checked;
}

// ── evaluation ──

export type Value = number | boolean | null;

/** What an expression is evaluated against: figures by sheet and key, and (for rates) the unit's branches. */
export interface Env {
  /** A figure: sheet 'baseline' is the baseline year's; null when not reported or unreadable. */
  figure(sheet: string, key: string): number | null;
  /** The indicator `sheet.$` stands for. */
  readonly current?: string;
  /** The unit's branches (rates): each with its level and its own figures; `returned` false when nothing usable came. */
  readonly branches?: readonly { level: string; returned: boolean; env: Env }[];
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** Evaluate a checked tree. Types were checked, so every operator meets the values it expects. */
export function evaluate(c: Checked, env: Env): Value {
  return evalNode(c.tree, env);
}

function evalNode(n: Node, env: Env): Value {
  switch (n.t) {
    case 'num':
    case 'bool':
      return n.v;
    case 'ref':
      return env.figure(n.sheet, n.key ?? env.current ?? '');
    case 'name':
      return null; // levels are only arguments of count/countIf, which read them directly
    case 'neg': {
      const v = evalNode(n.e, env) as number | null;
      return v === null ? null : -v;
    }
    case 'arith': {
      let acc = evalNode(n.first, env) as number | null;
      for (const [op, e] of n.rest) {
        const v = evalNode(e, env) as number | null;
        if (acc === null || v === null) acc = null;
        else if (op === '+') acc = finite(acc + v);
        else if (op === '-') acc = finite(acc - v);
        else if (op === '*') acc = finite(acc * v);
        else acc = v === 0 ? null : finite(acc / v);
      }
      return acc;
    }
    case 'cmp': {
      const l = evalNode(n.l, env) as number | null;
      const r = evalNode(n.r, env) as number | null;
      if (l === null || r === null) return null;
      switch (n.op) {
        case '<':
          return l < r;
        case '<=':
          return l <= r;
        case '>':
          return l > r;
        case '>=':
          return l >= r;
        case '==':
          return l === r;
        case '!=':
          return l !== r;
      }
      break;
    }
    case 'and': {
      let unknown = false;
      for (const e of n.items) {
        const v = evalNode(e, env);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const e of n.items) {
        const v = evalNode(e, env);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const v = evalNode(n.e, env);
      return v === null ? null : !v;
    }
    case 'call':
      return evalCall(n, env);
  }
  return null;
}

function evalCall(n: Extract<Node, { t: 'call' }>, env: Env): Value {
  const nums = (): (number | null)[] => n.args.map((a) => evalNode(a, env) as number | null);
  switch (n.fn) {
    case 'min':
    case 'max':
    case 'sum': {
      const v = nums();
      if (v.some((x) => x === null)) return null;
      const xs = v as number[];
      return finite(n.fn === 'min' ? Math.min(...xs) : n.fn === 'max' ? Math.max(...xs) : xs.reduce((a, b) => a + b, 0));
    }
    case 'abs': {
      const [x] = nums();
      return x === null || x === undefined ? null : Math.abs(x);
    }
    case 'round': {
      const [x, d] = nums();
      if (x === null || x === undefined || d === null) return null;
      const p = 10 ** Math.max(0, Math.min(10, Math.trunc(d ?? 0)));
      return finite(Math.round(x * p) / p);
    }
    case 'if': {
      const c = evalNode(n.args[0]!, env);
      return c === null ? null : evalNode(n.args[c ? 1 : 2]!, env);
    }
    case 'known':
      return evalNode(n.args[0]!, env) !== null;
    case 'ifnull': {
      const [x, d] = nums();
      return x ?? d ?? null;
    }
    case 'count':
    case 'countIf': {
      const levelArgs = n.fn === 'count' ? n.args : n.args.slice(1);
      const levels = new Set(levelArgs.map((a) => (a.t === 'name' ? a.name : '')));
      const branches = (env.branches ?? []).filter((b) => b.returned && levels.has(b.level));
      if (n.fn === 'count') return branches.length;
      return branches.filter((b) => evalNode(n.args[0]!, b.env) === true).length;
    }
  }
  return null;
}
