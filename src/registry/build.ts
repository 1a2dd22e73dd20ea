import { LEVELS, LEVEL_INFO, levelRank, levelRole, type Level } from '../catalogue.js';
import type { SurveyLevel } from '../survey-schema.js';
import { enteredText, MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_QUOTED_CHARS, textDefect } from '../text-safety.js';
import { type Org, type OrgContact, type OrgRow, type Registry } from './types.js';

/** A registry row as read from a file, before it is checked; `line` is 1-based in the source file. */
export interface RawOrgRow {
  line: number;
  code: string;
  name: string;
  level: string;
  parent: string;
  /** Optional contact columns (联系人 / 电话 / 邮箱); absent when the file has none. */
  contact?: { person: string; phone: string; email: string };
}

export type RegistryProblemCode =
  | 'registry-empty'
  | 'registry-duplicate-code'
  | 'registry-empty-code'
  | 'registry-empty-name'
  | 'registry-unknown-level'
  | 'registry-unknown-parent'
  | 'registry-cycle'
  | 'registry-level-order'
  | 'registry-multiple-roots'
  | 'registry-no-root'
  | 'registry-bad-character'
  | 'registry-too-long';

export interface RegistryProblem {
  code: RegistryProblemCode;
  line: number | null;
  params: Record<string, string | number>;
}

// Level words accepted in a registry file, English or Chinese: each level's key and aliases in the survey in force.
// A Map: a word such as "constructor" or "__proto__" in a registry is just an unknown level, never a property of
// Object.prototype.
let levelWords: { for: readonly SurveyLevel[]; words: Map<string, Level> } | null = null;

export function parseLevel(word: string): Level | undefined {
  if (levelWords?.for !== LEVEL_INFO)
    levelWords = { for: LEVEL_INFO, words: new Map(LEVEL_INFO.flatMap((l) => [l.key, ...l.aliases].map((a): [string, Level] => [a, l.key]))) };
  const w = word.trim();
  return levelWords.words.get(w) ?? levelWords.words.get(w.toLowerCase());
}

export function fullNameOf(row: OrgRow, parent: OrgRow | undefined): string {
  if (levelRole(row.level) === 'special' || row.name.endsWith('红十字会')) return row.name;
  // A city district's form names its city too (长春市南关区红十字会), as district branches sign their letters:
  // district names repeat across cities (朝阳区, 铁西区). Counties and county-level cities are unique in
  // a province and never carry the city (榆树市红十字会, 延吉市红十字会, not 长春市榆树市…).
  const prefix = row.level === 'county' && parent?.level === 'city' && row.name.endsWith('区') ? parent.name : '';
  return `${prefix}${row.name}红十字会`;
}

// The text policy on entry (src/text-safety.ts): the longest each column may be; a character no form can carry, or
// a longer text, is the registry's defect at its line — never cleaned away, for the name is hashed into every form.
const MAX_CHARS = {
  code: MAX_CODE_CHARS,
  name: MAX_NAME_CHARS,
  parent: MAX_CODE_CHARS,
  person: MAX_QUOTED_CHARS,
  phone: MAX_QUOTED_CHARS,
  email: MAX_QUOTED_CHARS,
};

function textProblems(line: number, code: string, fields: Partial<Record<keyof typeof MAX_CHARS, string>>): RegistryProblem[] {
  const out: RegistryProblem[] = [];
  for (const [column, text] of Object.entries(fields) as [keyof typeof MAX_CHARS, string][]) {
    const d = textDefect(text, MAX_CHARS[column]);
    if (d === null) continue;
    out.push(
      d.kind === 'too-long'
        ? { code: 'registry-too-long', line, params: { code, column, length: d.length, max: d.max } }
        : { code: 'registry-bad-character', line, params: { code, column, kind: d.kind, char: d.char, position: d.position } },
    );
  }
  return out;
}

/** Check raw rows and build the tree. Pure: no I/O. */
export function buildRegistry(raw: readonly RawOrgRow[], source: string): { registry: Registry } | { problems: RegistryProblem[] } {
  const problems: RegistryProblem[] = [];
  if (raw.length === 0) return { problems: [{ code: 'registry-empty', line: null, params: {} }] };

  const rows: (OrgRow & { line: number; contact?: OrgContact })[] = [];
  const firstLine = new Map<string, number>();
  for (const r of raw) {
    const code = enteredText(r.code);
    const name = enteredText(r.name);
    const parent = enteredText(r.parent);
    const contact = r.contact && { person: enteredText(r.contact.person), phone: enteredText(r.contact.phone), email: enteredText(r.contact.email) };
    const badText = textProblems(r.line, code, { code, name, parent, ...contact });
    problems.push(...badText);
    let ok = badText.length === 0;
    if (!code) {
      problems.push({ code: 'registry-empty-code', line: r.line, params: {} });
      ok = false;
    }
    if (!name) {
      problems.push({ code: 'registry-empty-name', line: r.line, params: { code } });
      ok = false;
    }
    const level = parseLevel(r.level);
    if (!level) {
      problems.push({ code: 'registry-unknown-level', line: r.line, params: { code, level: r.level.trim(), levels: LEVELS.join('/') } });
      ok = false;
    }
    if (code) {
      const seen = firstLine.get(code);
      if (seen !== undefined) {
        problems.push({ code: 'registry-duplicate-code', line: r.line, params: { code, other: seen } });
        continue;
      }
      firstLine.set(code, r.line);
    }
    const hasContact = contact !== undefined && (contact.person !== '' || contact.phone !== '' || contact.email !== '');
    if (ok && level) rows.push({ code, name, level, parent: parent || null, line: r.line, ...(hasContact ? { contact } : {}) });
  }

  const byCode = new Map(rows.map((r) => [r.code, r]));
  const roots = rows.filter((r) => r.parent === null);
  for (const r of rows) {
    if (r.parent === null) continue;
    const p = byCode.get(r.parent);
    if (!p) {
      if (!firstLine.has(r.parent)) problems.push({ code: 'registry-unknown-parent', line: r.line, params: { code: r.code, parent: r.parent } });
      continue;
    }
    if (levelRank(p.level) >= levelRank(r.level)) {
      problems.push({
        code: 'registry-level-order',
        line: r.line,
        params: {
          code: r.code,
          level: r.level,
          parent: p.code,
          parentLevel: p.level,
        },
      });
    }
  }
  if (roots.length > 1) {
    problems.push({ code: 'registry-multiple-roots', line: roots[1]!.line, params: { codes: roots.map((r) => r.code).join(', ') } });
  }

  // Cycles: walk up from each row; a walk that comes back to a row it passed is a cycle.
  const reported = new Set<string>();
  for (const start of rows) {
    const path: string[] = [];
    let cur: (typeof rows)[number] | undefined = start;
    while (cur && cur.parent !== null && !path.includes(cur.code)) {
      path.push(cur.code);
      cur = byCode.get(cur.parent);
    }
    if (cur && path.includes(cur.code)) {
      const cycle = path.slice(path.indexOf(cur.code));
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        problems.push({ code: 'registry-cycle', line: byCode.get(cycle[0]!)!.line, params: { codes: [...cycle, cycle[0]!].join(' → ') } });
      }
    }
  }
  if (roots.length === 0 && problems.length === 0) problems.push({ code: 'registry-no-root', line: null, params: {} });
  if (problems.length > 0) return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };

  const childrenOf = new Map<string, string[]>();
  for (const r of rows) if (r.parent !== null) childrenOf.set(r.parent, [...(childrenOf.get(r.parent) ?? []), r.code]);
  const orgs: Org[] = [];
  const visit = (row: (typeof rows)[number], depth: number): void => {
    const parent = row.parent === null ? undefined : byCode.get(row.parent);
    orgs.push({
      code: row.code,
      name: row.name,
      level: row.level,
      parent: row.parent,
      fullName: fullNameOf(row, parent),
      children: childrenOf.get(row.code) ?? [],
      depth,
      ...(row.contact ? { contact: row.contact } : {}),
    });
    for (const c of childrenOf.get(row.code) ?? []) visit(byCode.get(c)!, depth + 1);
  };
  visit(roots[0]!, 0);
  const map = new Map(orgs.map((o) => [o.code, o]));
  return { registry: { root: orgs[0]!, orgs, byCode: map, source, ...(raw.some((r) => r.contact) ? { hasContacts: true } : {}) } };
}

/** The branch and every branch below it, in tree order. */
export function subtree(registry: Registry, code: string): Org[] {
  const out: Org[] = [];
  const walk = (c: string): void => {
    const o = registry.byCode.get(c);
    if (!o) return;
    out.push(o);
    o.children.forEach(walk);
  };
  walk(code);
  return out;
}

/** The chain from the root down to the branch, both included. */
export function ancestry(registry: Registry, code: string): Org[] {
  const out: Org[] = [];
  for (let o = registry.byCode.get(code); o; o = o.parent === null ? undefined : registry.byCode.get(o.parent)) out.unshift(o);
  return out;
}
