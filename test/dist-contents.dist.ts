// What `npm run dist` put in the packages: the layout an office unzips, batch files cmd.exe reads right, names
// Windows Explorer shows right, the pinned runtimes, production dependencies only, within the size budget — and
// a runtime tarball whose SHA-256 is not the pinned one refused.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packagePath, spacedChineseDir, unzip, version, type ZipEntryInfo } from './dist-support.js';
import { repoRoot } from './helpers.js';

const dir = spacedChineseDir('contents');
const top = `rc-org-${version}-win-x64`;
const DROP_TARGETS = ['审核.cmd', '汇总.cmd', '反馈.cmd'];
const SMALL = new Set([...DROP_TARGETS, 'rc-org.cmd', '使用说明.txt', 'app/package.json'].map((f) => `${top}/${f}`));
let entries: ZipEntryInfo[] = [];
let tarList: string[] = [];
const names = () => entries.map((e) => e.name);
const fileIn = (rel: string) => readFileSync(join(dir, top, rel));

beforeAll(async () => {
  entries = await unzip(packagePath('win-x64'), dir, (name) => SMALL.has(name));
  tarList = execFileSync('tar', ['-tvzf', packagePath('linux-x64')], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');
}, 300_000);

describe('the Windows zip', () => {
  it('has one top folder with the launcher, the drop targets, the page, the runtime, the program and the example', () => {
    expect(new Set(names().map((n) => n.split('/')[0]))).toEqual(new Set([top]));
    for (const f of ['rc-org.cmd', ...DROP_TARGETS, '使用说明.txt', 'runtime/node.exe', 'runtime/LICENSE', 'app/bin/rc-org.js', 'app/dist/src/main.js'])
      expect(names()).toContain(`${top}/${f}`);
    expect(names()).toContain(`${top}/app/dist/src/read/worker.js`);
    expect(names()).toContain(`${top}/app/packaging/drop.mjs`);
    expect(names().filter((n) => n.startsWith(`${top}/示例数据/returns/`) && n.endsWith('.xlsx'))).toHaveLength(71);
  });

  it('marks every name as UTF-8, so Explorer shows 审核.cmd and the Chinese file names as they are', () => {
    expect(entries.filter((e) => !e.utf8).map((e) => e.name)).toEqual([]);
  });

  it('has batch files cmd.exe reads right: CRLF line ends only, plain ASCII, start with @echo off', () => {
    for (const f of ['rc-org.cmd', ...DROP_TARGETS]) {
      const text = fileIn(f).toString('latin1');
      expect(text.startsWith('@echo off\r\n'), f).toBe(true);
      expect(text.replace(/\r\n/g, ''), f).not.toMatch(/[\r\n]/);
      expect(text, f).not.toMatch(/[^\x00-\x7f]/);
    }
    expect(fileIn('rc-org.cmd').toString()).toContain('chcp 65001');
    for (const f of DROP_TARGETS) expect(fileIn(f).toString()).toMatch(/if not defined RC_ORG_NO_PAUSE pause/);
  });

  it('has the Chinese page as UTF-8 with a BOM and CRLF (any Notepad reads it), telling 下载、解压、拖放', () => {
    const page = fileIn('使用说明.txt');
    expect([...page.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = page.toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    for (const word of ['下载', '解压', '拖放', '审核.cmd', '汇总.cmd', '反馈.cmd', '按任意键']) expect(text).toContain(word);
  });

  it('carries production dependencies only, without source maps or type declarations', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: object; devDependencies: object };
    const modules = new Set(
      names()
        .map((n) => n.split('/').slice(2, 4))
        .filter((p) => p[0] === 'node_modules')
        .map((p) => p[1]),
    );
    for (const dep of Object.keys(pkg.dependencies)) expect(modules, dep).toContain(dep.split('/')[0]);
    for (const dev of ['vitest', 'typescript', 'eslint', 'prettier', 'yazl', 'fast-check']) expect(modules, dev).not.toContain(dev);
    expect(names().filter((n) => /\.(map|d\.ts)$/.test(n))).toEqual([]);
    expect(JSON.parse(fileIn('app/package.json').toString()).type).toBe('module');
  });
});

describe('the Linux tar.gz', () => {
  const line = (rel: string) => tarList.find((l) => l.endsWith(` rc-org-${version}-linux-x64/${rel}`));

  it('has the executable launcher and runtime, the program, and no drop targets for Windows', () => {
    expect(line('rc-org')).toMatch(/^-rwxr-xr-x /);
    expect(line('runtime/node')).toMatch(/^-rwxr-xr-x /);
    expect(line('app/dist/src/read/worker.js')).toBeDefined();
    expect(line('使用说明.txt')).toBeDefined();
    expect(line('汇总.cmd')).toBeUndefined();
  });
});

describe('the build', () => {
  it('keeps both packages within the size budget written in scripts/dist.mjs and the README', () => {
    const MiB = 1024 * 1024;
    expect(statSync(packagePath('win-x64')).size).toBeLessThanOrEqual(60 * MiB);
    expect(statSync(packagePath('linux-x64')).size).toBeLessThanOrEqual(64 * MiB);
  });

  it('writes SHA256SUMS that match the packages', () => {
    const sums = readFileSync(join(repoRoot, 'dist-packages/SHA256SUMS'), 'utf8');
    for (const target of ['win-x64', 'linux-x64'] as const) {
      const file = packagePath(target);
      expect(sums).toContain(`${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${file.split('/').pop()}`);
    }
  });

  it('refuses a runtime tarball whose SHA-256 is not the pinned one, and keeps nothing of it', () => {
    const pins = JSON.parse(readFileSync(join(repoRoot, 'packaging/runtimes.json'), 'utf8'));
    const spec = { ...pins.runtimes['linux-x64'], sha256: '0'.repeat(64) };
    const script = `import(${JSON.stringify(join(repoRoot, 'scripts/dist.mjs'))}).then((m) => m.runtimeTarball('linux-x64', ${JSON.stringify(spec)}, ${JSON.stringify(pins.node)}, process.argv[1]))`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('is not the one in packaging/runtimes.json');
    expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).not.toContain('.tgz');
  });
});
