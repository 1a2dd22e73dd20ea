// ESLint with typescript-eslint's type-aware rules: floating promises and unsafe `any` are errors, lines stay
// readable. Lean on purpose: the recommended sets plus what this codebase has needed.
import js from '@eslint/js';
import { posix } from 'node:path';
import tseslint from 'typescript-eslint';
import { COMMANDS_APART, CORE_PACKAGES, LAYERS, TIES } from './layers.config.js';

// ── the layers (layers.config.js): each module imports its own layer and those below, never one above ──

const isFolder = (m) => m.endsWith('/');
const filesOf = (m) => (isFolder(m) ? `${m}*.ts` : m);
const folderOf = (m) => (isFolder(m) ? m.slice(0, -1) : posix.dirname(m));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The specifier by which a module in folder `from` names `target` (a file as its .js, a folder with its slash). */
function specifier(from, target) {
  const rel = posix.relative(from, isFolder(target) ? target.slice(0, -1) : target.replace(/\.ts$/, '.js'));
  return rel.startsWith('.') ? rel : `./${rel}`;
}
/** A pattern for the imports by which `member` would reach `target`, less the files a tie allows it. */
function reaching(member, target, allowed) {
  const spec = escape(specifier(folderOf(member), target));
  if (!isFolder(target)) return `^${spec}$`;
  const except = allowed.map((f) => escape(posix.relative(target, f).replace(/\.ts$/, '.js')));
  return `^${spec}/${except.length > 0 ? `(?!(${except.join('|')})$)` : ''}`;
}
const tiedFrom = (file, target) => TIES.filter((t) => (t.from === file || (isFolder(t.from) && file.startsWith(t.from))) && t.to.startsWith(target));

/** What one module (a member, or a file inside one that a tie names) may not import, as patterns with their reason. */
function forbidden(layerIndex, member, file) {
  const layer = LAYERS[layerIndex];
  const out = [];
  for (const above of LAYERS.slice(layerIndex + 1))
    for (const target of above.members)
      out.push({ regex: reaching(member, target, []), message: `${layer.name} is below ${above.name}: ${target} is out of reach.` });
  if (layer.apart === true)
    for (const target of layer.members.filter((m) => m !== member)) {
      const allowed = tiedFrom(file, target).map((t) => t.to);
      if (allowed.includes(target)) continue;
      out.push({
        regex: reaching(member, target, allowed),
        message: `${member} and ${target} are apart: no ${layer.name} imports another (layers.config.js TIES lists the exceptions).`,
      });
    }
  if (layer.apart === 'files' && COMMANDS_APART) out.push({ regex: '^\\./', message: `one ${layer.name.replace(/s$/, '')} does not import another.` });
  return out;
}

const CORE_RULES = {
  // The core is pure: it learns nothing from the process it runs in.
  'no-restricted-globals': ['error', { name: 'process', message: 'The core reads no process (env, argv, cwd): take it as a parameter.' }],
  'no-restricted-properties': ['error', { object: 'globalThis', property: 'process', message: 'The core reads no process: take it as a parameter.' }],
  'no-restricted-syntax': [
    'error',
    { selector: 'ImportExpression', message: 'The core loads no module at run time.' },
    // Findings and reasons are data to the edge: the core never asks which language the run is in.
    { selector: 'Identifier[name=/^[lL]ang$/]', message: 'The core renders no language: words are chosen where a view prints or a writer writes.' },
    { selector: 'BinaryExpression > Literal[value=/^(zh|en)$/]', message: 'The core never asks which language the run is in.' },
    { selector: 'SwitchCase > Literal[value=/^(zh|en)$/]', message: 'The core never asks which language the run is in.' },
  ],
};

/** Packages a folder may not use, and why (added to that folder's layer block, which owns the import rule). */
const FOLDER_BANS = [
  {
    under: 'src/read/',
    regex: '^(node:)?zlib$',
    message: 'Readers run in workers that may be stopped at any instant; node:zlib then aborts the process. Use src/read/inflate.ts.',
  },
];

/** The config blocks of the layers: one per member (and per file a tie names), each with all it may not import. */
function layerBlocks() {
  const blocks = [];
  LAYERS.forEach((layer, i) => {
    const modules = [
      ...layer.members.map((m) => ({ member: m, file: m })),
      ...TIES.filter((t) => !isFolder(t.from) && layer.members.some((m) => isFolder(m) && t.from.startsWith(m))).map((t) => ({
        member: layer.members.find((m) => t.from.startsWith(m)),
        file: t.from,
      })),
    ];
    for (const { member, file } of modules) {
      const patterns = forbidden(i, member, file);
      for (const ban of FOLDER_BANS) if (file.startsWith(ban.under)) patterns.push({ regex: ban.regex, message: ban.message });
      const rules = layer.pure ? { ...CORE_RULES } : {};
      if (layer.pure)
        patterns.push({
          regex: `^(?!\\.{1,2}/|(${CORE_PACKAGES.map(escape).join('|')})(/|$))`,
          message: `The core imports no package but ${CORE_PACKAGES.join(', ')}: no fs, exceljs, csv, chalk… in any form.`,
        });
      rules['@typescript-eslint/no-restricted-imports'] = ['error', { patterns }];
      // A dynamic import() is an import too (the core bans them all, above).
      if (!layer.pure)
        rules['no-restricted-syntax'] = [
          'error',
          ...patterns.map((p) => ({ selector: `ImportExpression[source.value=/${p.regex.replaceAll('/', '\\x2F')}/]`, message: p.message })),
        ];
      blocks.push({ files: [isFolder(file) ? filesOf(file) : file], rules });
    }
  });
  return blocks;
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Long quoted texts (a Chinese message, an expected line in a test) stay whole: a broken string reads worse.
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Stripping control and escape characters from what reaches a terminal is the point of those patterns.
      'no-control-regex': 'off',
    },
  },
  ...layerBlocks(),
  {
    // Tests read the CLI's JSON output (JSON.parse gives `any`) and poke at exceljs objects: the unsafe-any rules
    // guard the product code; in tests they would only add casts that prove nothing.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
);
