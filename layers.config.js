// The layers of rc-org's code, from the ground up: a module may import modules of its own layer and of the layers
// below it, never of a layer above. One table, read by the linter (eslint.config.js: the import rules per layer) and
// by the import-graph check (.dependency-cruiser.mjs: circles and upward imports, resolved). A member is a file, or a
// folder ending in '/' (its .ts files, not sub-folders: test/architecture.test.ts checks every module is in exactly
// one layer).

export const LAYERS = [
  {
    name: 'base',
    says: 'the survey in force (from its definition), identity and signing, text safety, the registry types: imported by all',
    members: [
      'src/catalogue.ts',
      'src/version.ts',
      'src/identity.ts',
      'src/text-safety.ts',
      'src/worker-script.ts',
      'src/echarts.d.ts',
      'src/survey-schema.ts',
      'src/registry/types.ts',
      'src/registry/jilin.ts',
    ],
  },
  {
    name: 'core',
    says: 'pure: figures, findings and plans in, figures, findings and plans out; no file, no process, no words',
    members: ['src/core/', 'src/registry/build.ts', 'src/registry/default.ts'],
    pure: true,
  },
  {
    name: 'language',
    says: 'the words of every code, key and status, in Chinese and English',
    members: ['src/messages.ts', 'src/words.ts', 'src/lang/'],
  },
  {
    name: 'edges',
    says: 'files in and out: discovery, readers, writers, the issued form, a registry table made a registry',
    members: ['src/io/', 'src/read/', 'src/issued-form/', 'src/survey/'],
  },
  {
    name: 'features',
    says: 'what a command does, each on its own: set up and check returns, merge, feed back, report',
    members: ['src/engine/', 'src/merge/', 'src/feedback/', 'src/report/'],
    // Each member is a unit of its own: one feature does not import another (but for the ties below).
    apart: true,
  },
  {
    name: 'commands',
    says: 'one thin command each: options in, a report out',
    members: ['src/commands/'],
    // Each command file is a unit of its own: a command does not import another.
    apart: 'files',
  },
  {
    name: 'face',
    says: 'the console views, the command line, the one exit point',
    members: ['src/ui/', 'src/cli.ts', 'src/main.ts'],
  },
];

/** Imports between units of an `apart` layer that are meant, and why. */
export const TIES = [
  {
    from: 'src/report/',
    to: 'src/merge/outputs.ts',
    why: "the report reads the summary.json merge writes: merge's SummaryJson type is that file's contract",
  },
];

/** Commands apart: no command imports another; what they share is the engine's set-up and pipeline (src/engine/). */
export const COMMANDS_APART = true;

/** The packages the pure core may import (schema checks); nothing else from outside, in any form. */
export const CORE_PACKAGES = ['zod'];
