// Drop targets (审核.cmd, 汇总.cmd, 反馈.cmd): Explorer starts a .cmd with the dropped folder's (or files') paths as
// arguments; this turns them into one rc-org command. Outputs go into a new folder beside the first input, named
// after it, never into or over anything that exists. Usage: node drop.mjs validate|merge|feedback PATH...
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { run } from '../dist/src/cli.js';

/** The command each drop target runs, and the word its output folder is named with (none: validate only prints). */
const ACTIONS = {
  validate: { outWord: null },
  merge: { outWord: '汇总' },
  feedback: { outWord: '反馈' },
};

/** Chinese only: the drop targets are named in Chinese and meant for the office's clerks. */
const TEXT = {
  usage: '用法：把装有报表的文件夹拖到“审核.cmd”“汇总.cmd”或“反馈.cmd”的图标上（也可以拖一个或几个报表文件）。',
  notFound: (p) => `找不到：${p}`,
  running: (what, p) => `${what}：${p}`,
  outputs: (p) => `结果已写入新文件夹：${p}`,
  names: { validate: '审核', merge: '汇总', feedback: '反馈' },
};

/** `<input name>-<word>` beside the input, or `… (2)`, `… (3)` when that name is taken: never an existing folder. */
export function freshFolderBeside(input, word, exists = existsSync) {
  const full = resolve(input);
  const stem = basename(full, extname(full)) || 'rc-org';
  const parent = dirname(full);
  for (let n = 1; ; n++) {
    const candidate = join(parent, n === 1 ? `${stem}-${word}` : `${stem}-${word} (${n})`);
    if (!exists(candidate)) return candidate;
  }
}

async function main(argv) {
  const [action, ...inputs] = argv;
  const spec = ACTIONS[action];
  if (!spec || inputs.length === 0) {
    process.stdout.write(`${TEXT.usage}\n`);
    return 2;
  }
  const missing = inputs.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    for (const p of missing) process.stdout.write(`${TEXT.notFound(p)}\n`);
    return 2;
  }
  process.stdout.write(`${TEXT.running(TEXT.names[action], inputs.map((p) => resolve(p)).join('，'))}\n\n`);
  const out = spec.outWord ? freshFolderBeside(inputs[0], spec.outWord) : null;
  const args = [action, ...inputs.map((p) => resolve(p)), ...(out ? ['--out', out] : [])];
  const code = await run([process.argv[0], 'rc-org', ...args]);
  if (out && existsSync(out)) process.stdout.write(`\n${TEXT.outputs(out)}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e) => {
    process.stderr.write(`rc-org: ${e?.message ?? String(e)}\n`);
    process.exit(2);
  },
);
