// `rc-org --help` and every command's --help are in Chinese with English: the description and each option
// or command entry carry both languages. New commands are picked up from the main help automatically.
import { describe, expect, it } from 'vitest';
import { spawnCli } from './helpers.js';

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH = /\b[A-Za-z]{3,}\b.*\b[A-Za-z]{3,}\b/; // at least two English words

/**
 * Split commander's help into its description and its entries (options and commands); an entry is the
 * text after the flags, with its wrapped continuation lines.
 */
function parseHelp(text: string): { usage: string; description: string; entries: { term: string; text: string }[] } {
  const lines = text.split('\n');
  const usage = lines[0] ?? '';
  const firstSection = lines.findIndex((l) => /^(Options|Commands|Arguments):$/.test(l));
  const description = lines
    .slice(1, firstSection < 0 ? undefined : firstSection)
    .join('\n')
    .trim();
  const entries: { term: string; text: string }[] = [];
  let textColumn = 0;
  for (const line of lines.slice(firstSection < 0 ? lines.length : firstSection)) {
    const m = /^( {2})(\S.*?)( {2,})(\S.*)$/.exec(line);
    if (m && !(textColumn > 0 && line.search(/\S/) >= textColumn)) {
      textColumn = m[1]!.length + m[2]!.length + m[3]!.length;
      entries.push({ term: m[2]!, text: m[4]! });
    } else if (textColumn > 0 && line.search(/\S/) >= textColumn && entries.length > 0) {
      entries.at(-1)!.text += ' ' + line.trim();
    }
  }
  return { usage, description, entries };
}

function expectBilingual(text: string): void {
  const help = parseHelp(text);
  expect(help.usage).toMatch(/^Usage: rc-org/);
  expect(help.description, 'description').toMatch(CJK);
  expect(help.description, 'description').toMatch(ENGLISH);
  expect(help.entries.length).toBeGreaterThan(1);
  for (const e of help.entries) {
    const words = e.text.replace(/\(choices:.*$|\(default:.*$/, '');
    expect(words, e.term).toMatch(CJK);
    expect(words, e.term).toMatch(ENGLISH);
  }
}

const main = spawnCli(['--help']);
const commands = parseHelp(main.stdout)
  .entries.map((e) => e.term.split(' ')[0]!)
  .filter((c) => !c.startsWith('-') && c !== 'help');

describe('help', () => {
  it('rc-org --help: Chinese with English, exit 0, lists orgs and template', () => {
    expect(main.code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['orgs', 'template']));
    expectBilingual(main.stdout);
  });

  it.each(commands.map((c) => [c]))('rc-org %s --help: Chinese with English', (cmd) => {
    const r = spawnCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: rc-org ${cmd} `));
    expectBilingual(r.stdout);
  });

  it('rc-org help template is the same as rc-org template --help', () => {
    expect(spawnCli(['help', 'template']).stdout).toBe(spawnCli(['template', '--help']).stdout);
  });

  it('the parser catches a help entry that is in one language only', () => {
    const oneLanguage =
      'Usage: rc-org x [options]\n\n中文说明\nEnglish description here.\n\nOptions:\n  --out <dir>  output folder only\n  -h, --help   显示帮助 / show help\n';
    expect(() => expectBilingual(oneLanguage)).toThrow(/--out <dir>/);
  });
});
