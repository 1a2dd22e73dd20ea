import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyFixture, repoRoot, spawnCli, tempDir } from './helpers.js';

// rc-org survey check / show, end to end against the built CLI: a valid definition is one line and exit 0; a broken
// one is exit 2 with one `file:path: message` line per problem; show prints the built-in definition to copy.

const shipped = readFileSync(join(repoRoot, 'templates', 'jilin-2021.json'), 'utf8');

describe('rc-org survey show', () => {
  it('prints the built-in definition exactly as shipped, exit 0', () => {
    const r = spawnCli(['survey', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shipped);
    expect(r.stderr).toBe('');
  });

  it('its output, saved, checks as valid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'copy.json'), spawnCli(['survey', 'show']).stdout);
    const r = spawnCli(['survey', 'check', 'copy.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${join(dir, 'copy.json')}: 有效：jilin-organisation-system 2021.1（2021 年，基准年 2020），2 张表、14 项指标、8 条规则、5 个比率。\n`,
    );
  });
});

describe('rc-org survey check', () => {
  it('--json --lang en on a valid definition: the summary with its hash', () => {
    const dir = tempDir();
    copyFixture('templates/jilin-2021.json', dir);
    const r = spawnCli(['survey', 'check', 'jilin-2021.json', '--json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, id: 'jilin-organisation-system', version: '2021.1', indicators: 14, rules: 8, rates: 5 });
    expect(JSON.parse(r.stdout).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a broken definition: exit 2, one file:path: message line per problem, nothing on stdout', () => {
    const dir = tempDir();
    const d = JSON.parse(shipped) as { indicators: { rows: { row: number }[]; levels: string[] }[]; rules: { when: string }[] };
    d.indicators[3]!.rows[0]!.row = 1;
    d.indicators[2]!.levels.push('town');
    d.rules[0]!.when = 'annex1.serviceHours > constructor';
    writeFileSync(join(dir, 'next.json'), JSON.stringify(d, null, 2));
    const r = spawnCli(['survey', 'check', 'next.json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const file = join(dir, 'next.json');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `rc-org: ${file}:indicators[2].levels[1]: "town" is not a level key of this definition. Check the spelling.`,
      `rc-org: ${file}:indicators[3].rows[0].row: "1" appears twice (first at indicators[0].rows[0].row). Each must be unique.`,
      `rc-org: ${file}:rules[0].when: Expression, at character 23: ` +
        '"constructor" is not a name it knows (write an indicator as sheet.key, e.g. annex1.volunteers).',
    ]);
  });

  it('broken JSON: exit 2 at file:line:col, in Chinese by default', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'next.json'), shipped.replace('"year": 2021,', '"year": 2021'));
    const r = spawnCli(['survey', 'check', 'next.json'], { cwd: dir });
    expect(r.code).toBe(2);
    const line = shipped.split('\n').findIndex((l) => l.includes('"baselineYear"')) + 1;
    expect(r.stderr).toBe(
      `rc-org: ${join(dir, 'next.json')}:${line}:3: 此处 JSON 格式有误（如缺逗号、多了逗号、引号未闭合）。请改正后再试；可用任何 JSON 编辑器检查。\n`,
    );
  });

  it('a missing file and a folder: exit 2, said plainly', () => {
    const dir = tempDir();
    const missing = spawnCli(['survey', 'check', 'nothing.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const folder = spawnCli(['survey', 'check', '.'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('这不是普通文件');
  });

  it('a hostile definition: deep nesting and __proto__ keys are exit 2 with file:path lines, never an internal error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.json'), '['.repeat(10_000) + ']'.repeat(10_000));
    writeFileSync(join(dir, 'proto.json'), shipped.replace('"format": 1,', '"format": 1, "__proto__": {"polluted": true},'));
    const deep = spawnCli(['survey', 'check', 'deep.json', '--lang', 'en'], { cwd: dir });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toBe(
      `rc-org: ${join(dir, 'deep.json')}:(root): Nested more than 16 levels deep: not the shape of a survey definition. Start from the one rc-org survey show prints.\n`,
    );
    const proto = spawnCli(['survey', 'check', 'proto.json', '--lang', 'en'], { cwd: dir });
    expect(proto.code).toBe(2);
    expect(proto.stderr).toBe(
      `rc-org: ${join(dir, 'proto.json')}:__proto__: No such field (a typo?). The fields allowed are in templates/survey.schema.json and docs/survey-format.md.\n`,
    );
  });

  it('hostile edits of the shipped definition through the built CLI: exit 0 or 2, problems as file:path lines, never a stack', () => {
    // Each run writes the shipped definition with one field replaced by arbitrary JSON (huge numbers, __proto__
    // keys, expressions that try property access, calls or backtracking) and checks it with the real command.
    const shippedJson = JSON.parse(shipped) as Record<string, unknown>;
    const hostileExpr = fc.constantFrom(
      'constructor.constructor("return process")()',
      'annex1.volunteers.__proto__',
      'this',
      'process.exit(3)',
      '('.repeat(5000),
      'a'.repeat(200_000),
      '1e309 > 0',
      'min(' + 'x,'.repeat(10_000) + 'x)',
      '/(a+)+$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")',
    );
    // JSON.parse makes __proto__ an own key, as a file holding it would.
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}') as unknown;
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileExpr, fc.constant(proto), fc.constant(1e308), fc.constant(-(2 ** 80)));
    const dir = tempDir();
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(shippedJson)), value, (field, v) => {
        const text = JSON.stringify({ ...shippedJson, [field]: v }, null, 2);
        writeFileSync(join(dir, 'edited.json'), text);
        const r = spawnCli(['survey', 'check', 'edited.json', '--lang', 'en'], { cwd: dir });
        expect([0, 2], r.stderr).toContain(r.code);
        expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|internal error|TypeError|RangeError/);
        if (r.code === 2) for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^rc-org: .*edited\.json:\S*: /);
      }),
      { numRuns: 12, seed: 20 },
    );
  });

  it('without a file: a usage error, exit 2', () => {
    const r = spawnCli(['survey', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少参数 file');
  });
});
