import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS, TIES } from '../layers.config.js';

// Dependencies run one way, layer by layer (layers.config.js). The linter enforces it on every import form
// (eslint.config.js; test/lint-layers.test.ts plants violations), and the import-graph check on the resolved graph
// (scripts/lint-graph.mjs; test/lint-graph.test.ts). What is left here is what neither can see: that every module
// is in a layer at all, and that no message parameter comes in a language pair.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const modulesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modulesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name).split('\\').join('/')] : [],
  );
const MODULES = [...modulesUnder('src'), ...modulesUnder('templates')];

const isFolder = (m: string): boolean => m.endsWith('/');
const owns = (member: string, file: string): boolean =>
  isFolder(member) ? file.startsWith(member) && !file.slice(member.length).includes('/') : file === member;

describe('the layer table', () => {
  it('reads the real tree', () => {
    expect(MODULES).toEqual(expect.arrayContaining(['src/core/finding-codes.ts', 'src/messages.ts', 'src/cli.ts', 'src/catalogue.ts']));
  });

  // A module in no layer would be checked by no layer rule: each belongs to exactly one member of one layer.
  it.each(MODULES)('%s is in exactly one layer', (file) => {
    const places = LAYERS.flatMap((l) => l.members.filter((m) => owns(m, file)).map((m) => `${l.name}: ${m}`));
    expect(places).toHaveLength(1);
  });

  it('names only members that exist, and ties between members of one apart layer', () => {
    const members = LAYERS.flatMap((l) => l.members);
    for (const m of members) expect(MODULES.some((f) => owns(m, f)) || MODULES.some((f) => f.startsWith(m)), m).toBe(true);
    for (const t of TIES) {
      const from = LAYERS.find((l) => l.members.some((m) => t.from.startsWith(m)));
      const to = LAYERS.find((l) => l.members.some((m) => owns(m, t.to)));
      expect(from?.apart, t.from).toBe(true);
      expect(to, t.to).toBe(from);
      expect(MODULES, t.to).toContain(t.to);
    }
  });
});

// Findings and reasons are data all the way to the edge: a producer writes a key, and the words for it (Chinese or
// English) are chosen only where a view prints or a writer writes.
describe('message parameters are keys', () => {
  it('no message parameter comes in a language pair (reason / reason_en): a parameter is a key, its words are in the catalogue', () => {
    const pairs = MODULES.filter((f) => f.startsWith('src/')).flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\b[a-z][A-Za-z]*_(en|zh)\b/g)].map((m) => `${relative(root, join(root, file))}: ${m[0]}`),
    );
    expect(pairs).toEqual([]);
  });
});
