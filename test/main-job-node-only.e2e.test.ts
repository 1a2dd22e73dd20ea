// Issue 22, item 3, and issue 18, item 11: the README's first command (the main job) needs nothing but Node, and
// installing runs no script. The command is read from the README itself, so the test and the README cannot drift:
// its rc-org arguments run with the built bin/rc-org.js on a copy of the example year, with a PATH that holds only
// a link to the node binary (no LibreOffice, Chromium, Python or shell tools).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, repoRoot, tempDir } from './helpers.js';

/** The lines of the README's first code block: the two commands. */
function readmeCommands(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
  if (!block) throw new Error('README.md has no sh block');
  return block[1]!.trim().split('\n');
}

const INSTALL_AND_BUILD = 'npm ci && npm run build && npx rc-org ';

describe("the README's first lines", () => {
  it('are the main job (install, build, merge the example year) and the test command, which is .ci/run', () => {
    const [main, tests, ...more] = readmeCommands();
    expect(more).toEqual([]);
    expect(main!.startsWith(INSTALL_AND_BUILD)).toBe(true);
    expect(main).toContain(' merge fixtures/example-2021/returns ');
    expect(tests).toBe('bash .ci/run');
  });
});

describe("the README's main job with only Node on PATH", () => {
  it('merges the example year: the province and each city summary, summary.json and report.html', () => {
    const args = readmeCommands()[0]!.slice(INSTALL_AND_BUILD.length).split(/\s+/);
    const dir = tempDir();
    mkdirSync(join(dir, 'fixtures'));
    copyFixture('fixtures/example-2021', join(dir, 'fixtures'));
    const bin = join(dir, 'node-only');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));

    const r = spawnSync('node', [join(repoRoot, 'bin', 'rc-org.js'), ...args], {
      cwd: dir,
      env: { PATH: bin, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.error) throw r.error;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const outDir = join(dir, args[args.indexOf('--out') + 1]!);
    const files = readdirSync(outDir);
    const summaries = files.filter((f) => /^2021_\d{6}_.+_汇总\.xlsx$/.test(f));
    expect(summaries).toContain('2021_220000_吉林省_汇总.xlsx');
    expect(summaries).toContain('2021_220100_长春市_汇总.xlsx');
    expect(summaries).toHaveLength(10); // the province and its 9 cities (市、州)
    for (const f of ['report.html', 'summary.json', ...summaries]) expect(statSync(join(outDir, f)).size, f).toBeGreaterThan(1000);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('吉林省');
  });
});

describe('installing runs no script (npm install -g warns about install scripts)', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bundleDependencies?: unknown };

  it('package.json has no install-time lifecycle script; packing builds first (prepack)', () => {
    // npm runs these on `npm install` / `npm ci` of the package, and lists them in a warning on `npm install -g`.
    const installTime = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies'];
    expect(Object.keys(pkg.scripts).filter((s) => installTime.includes(s))).toEqual([]);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('the packed tarball carries its dependencies, so the target machine installs without a registry', () => {
    expect(pkg.bundleDependencies).toBe(true);
  });
});
