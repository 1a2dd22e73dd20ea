// The import graph of src/ and templates/, resolved by madge: no circle, no import from a layer to one above it,
// and the units of an `apart` layer import each other only through a declared tie (layers.config.js, the table the
// linter reads too). Type-only and dynamic imports count. `npm run lint:graph` (part of `npm run lint`, so of
// `npm test`); `node scripts/lint-graph.mjs DIR` checks another tree laid out the same way (test/lint-graph.test.ts).
import madge from 'madge';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS_APART, LAYERS, TIES } from '../layers.config.js';

const root = resolve(process.argv[2] ?? '.');
const isFolder = (m) => m.endsWith('/');
/** The member a module belongs to: the file itself, or the folder it sits directly in. */
const owns = (member, file) => (isFolder(member) ? file.startsWith(member) && !file.slice(member.length).includes('/') : file === member);
const placeOf = (file) => {
  const layer = LAYERS.findIndex((l) => l.members.some((m) => owns(m, file)));
  return layer < 0 ? null : { layer, member: LAYERS[layer].members.find((m) => owns(m, file)) };
};
const tied = (from, to) => TIES.some((t) => (isFolder(t.from) ? from.startsWith(t.from) : from === t.from) && to === t.to);

const dirs = ['src', 'templates'].filter((d) => existsSync(resolve(root, d)));
const graph = await madge(
  dirs.map((d) => resolve(root, d)),
  {
    baseDir: root,
    fileExtensions: ['ts'],
    excludeRegExp: [/\.d\.ts$/],
    detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
    ...(existsSync(resolve(root, 'tsconfig.json')) ? { tsConfig: resolve(root, 'tsconfig.json') } : {}),
  },
);

const problems = [];
for (const circle of graph.circular()) problems.push(`circle: ${[...circle, circle[0]].join(' -> ')}`);
for (const [from, imports] of Object.entries(graph.obj())) {
  const here = placeOf(from);
  if (!here) {
    problems.push(`outside every layer: ${from} (add it to layers.config.js)`);
    continue;
  }
  for (const to of imports) {
    const there = placeOf(to);
    if (!there) continue; // reported as a module of its own
    const [a, b] = [LAYERS[here.layer], LAYERS[there.layer]];
    if (there.layer > here.layer) problems.push(`upward: ${from} -> ${to} (${a.name} is below ${b.name})`);
    else if (there.layer === here.layer && a.apart === true && here.member !== there.member && !tied(from, to))
      problems.push(`apart: ${from} -> ${to} (one ${a.name} unit imports another; layers.config.js TIES lists the exceptions)`);
    else if (there.layer === here.layer && a.apart === 'files' && COMMANDS_APART) problems.push(`apart: ${from} -> ${to} (one of ${a.name} imports another)`);
  }
}
for (const skipped of graph.warnings().skipped) problems.push(`not resolved: ${skipped}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s) in the import graph`);
  process.exit(1);
}
console.log(`import graph: ${Object.keys(graph.obj()).length} modules in ${LAYERS.length} layers, no circle, no upward import`);
