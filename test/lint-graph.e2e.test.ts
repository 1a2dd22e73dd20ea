import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The import-graph check (`npm run lint:graph`, run by `npm test` through `npm run lint`) fails on a circle, an
// upward import, features that import each other and a module outside every layer; it passes a tree that keeps the
// layers. Each tree is a small fixture laid out like src/, checked with the project's own layers.config.js.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-org-graph-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [join(root, 'scripts/lint-graph.mjs'), dir], { encoding: 'utf8', timeout: 60_000 });

describe('the import-graph check', () => {
  it('passes a tree that keeps the layers (type-only and dynamic imports downward included)', () => {
    const dir = tree({
      'src/catalogue.ts': 'export const LEVELS = [1];\n',
      'src/core/a.ts': "import type { B } from './b.js';\nimport { LEVELS } from '../catalogue.js';\nexport const a = (b: B): number => b + LEVELS.length;\n",
      'src/core/b.ts': 'export type B = number;\n',
      'src/ui/view.ts': "export const load = async (): Promise<unknown> => import('../core/a.js');\n",
    });
    const r = check(dir);
    expect(r.status, r.stderr).toBe(0);
  });

  it('fails on a circle, an upward import (static, type-only or dynamic), features that import each other, and a module in no layer', () => {
    const dir = tree({
      'src/core/a.ts': "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'src/core/b.ts': "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n",
      'src/core/c.ts': "import type { View } from '../ui/view.js';\nexport type C = View;\n",
      'src/io/x.ts': "export const later = async (): Promise<unknown> => import('../commands/run.js');\n",
      'src/commands/run.ts': 'export const run = 1;\n',
      'src/merge/m.ts': "export { f } from '../feedback/f.js';\n",
      'src/feedback/f.ts': 'export const f = 1;\n',
      'src/ui/view.ts': 'export type View = string;\n',
      'src/stray.ts': 'export const stray = 1;\n',
    });
    const r = check(dir);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^circle: src\/core\/(a|b)\.ts -> src\/core\/(a|b)\.ts -> src\/core\/(a|b)\.ts$/),
        'upward: src/core/c.ts -> src/ui/view.ts (core is below face)',
        'upward: src/io/x.ts -> src/commands/run.ts (edges is below commands)',
        expect.stringMatching(/^apart: src\/merge\/m\.ts -> src\/feedback\/f\.ts /),
        'outside every layer: src/stray.ts (add it to layers.config.js)',
      ]),
    );
  });
});
