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
