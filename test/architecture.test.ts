import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Dependencies run one way: the pure core (src/core) may use the catalogue, the message catalogue, the registry's
// types and tree helpers, the identity, the text-safety helpers, the form layout data (templates/) and zod — never
// the modules that read or write files, talk to people, or wire commands. Checked on the import lines themselves,
// and followed through every module the core imports (so a helper outside core cannot smuggle I/O in).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(root, 'src');
const FORBIDDEN_DIRS = ['commands', 'engine', 'feedback', 'io', 'issued-form', 'merge', 'read', 'report', 'ui'];
const FORBIDDEN_MODULES =
  /^node:(fs|fs\/promises|child_process|worker_threads|net|http|https|os)$|^(exceljs|csv-parse|csv-stringify|chalk|cli-table3|commander|echarts|docx|playwright-core)(\/|$)/;

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (m) => (m[1] ?? m[2])!,
  );

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return resolve(dirname(from), spec).replace(/\.js$/, '.ts');
}

/** Every module reachable from the core through local imports, with the import that reached it. */
function reachable(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = readdirSync(join(SRC, 'core'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SRC, 'core', f));
  for (const f of queue) seen.set(f, 'core');
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const spec of importsOf(file)) {
      const target = resolveLocal(file, spec);
      if (target && !seen.has(target)) {
        seen.set(target, relative(root, file));
        queue.push(target);
      }
    }
  }
  return seen;
}

describe('dependency direction', () => {
  const modules = reachable();

  it('finds the core and what it uses (the check looks at real files)', () => {
    expect([...modules.keys()].map((f) => relative(SRC, f))).toEqual(
      expect.arrayContaining(['core/check.ts', 'core/status.ts', 'catalogue.ts', 'messages.ts']),
    );
  });

  it.each([...modules.keys()].map((f) => [relative(root, f)]))('%s uses no I/O, UI or command module', (rel) => {
    const file = join(root, rel);
    const bad = importsOf(file).filter((spec) => {
      if (FORBIDDEN_MODULES.test(spec)) return true;
      const target = resolveLocal(file, spec);
      return target !== null && target.startsWith(SRC) && FORBIDDEN_DIRS.includes(relative(SRC, target).split('/')[0]!);
    });
    expect(bad, `${rel} (reached from ${modules.get(file)})`).toEqual([]);
  });
});

// Findings and reasons are data all the way to the edge: the core holds codes and params, and the words for them
// (Chinese or English) are chosen only where a view prints or a writer writes (src/ui, the writers). So no core
// module imports a renderer or the language type, or asks which language the run is in.
const RENDERERS = new Set([
  'Lang',
  'message',
  'joinReasons',
  'exclusionReasons',
  'findingText',
  'findingJson',
  'renderSetupProblem',
  'paramWord',
  'sourceNoteText',
  'word',
  'WORDS',
  'PARAM_WORDS',
]);

/** The names a file imports from a module whose path ends in `from`. */
const namesImported = (text: string, from: RegExp): string[] =>
  [...text.matchAll(/^\s*import\s+(?:type\s+)?\{([^}]*)\}\s*from\s+['"]([^'"]+)['"]/gm)]
    .filter((m) => from.test(m[2]!))
    .flatMap((m) =>
      m[1]!.split(',').map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      ),
    )
    .filter(Boolean);

describe('the core renders no language', () => {
  const coreFiles = readdirSync(join(SRC, 'core')).filter((f) => f.endsWith('.ts'));

  it('looks at the real core files', () => {
    expect(coreFiles).toEqual(expect.arrayContaining(['merge-plan.ts', 'rollup.ts', 'check.ts', 'finding.ts']));
  });

  it.each(coreFiles)('src/core/%s imports no renderer and never asks for the language', (f) => {
    const text = readFileSync(join(SRC, 'core', f), 'utf8');
    expect(namesImported(text, /(^|\/)(messages|words)\.js$/).filter((n) => RENDERERS.has(n))).toEqual([]);
    expect(importsOf(join(SRC, 'core', f)).filter((spec) => /(^|\/)words\.js$/.test(spec))).toEqual([]);
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\blang\b|\bLang\b|===?\s*'(zh|en)'|'(zh|en)'\s*===?/);
  });

  it('no message parameter comes in a language pair (reason / reason_en): a parameter is a key, its words are in the catalogue', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const pairs = files(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b[a-z][A-Za-z]*_(en|zh)\b/g)].map((m) => `${relative(root, file)}: ${m[0]}`),
    );
    expect(pairs).toEqual([]);
  });
});
