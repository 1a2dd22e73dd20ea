// The Linux package as an office gets it: unpacked into a folder whose path has spaces and Chinese characters and
// run through its own launcher with no Node on PATH; every command's results equal the console run's (the repo's
// bin/rc-org.js on the system Node) on the same example returns. Also the drop-target script the .cmd files call.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparableSummary, packagePath, spacedChineseDir, untarGz, version } from './dist-support.js';
import { fixturePath, spawnCli } from './helpers.js';

const dir = spacedChineseDir('linux');
const home = join(dir, `rc-org-${version}-linux-x64`);
const launcher = join(home, 'rc-org');
/** A PATH with no node on it: an empty folder (the launcher needs no other program). */
const noNodePath = join(dir, 'bin 无 node');
const returns = join(dir, '收到的 报表');
const baseline = join(dir, '2020 基准数.csv');

function packaged(args: string[], cwd = dir): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(launcher, args, { cwd, env: { PATH: noNodePath, HOME: dir }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = (folder: string): string[] => readdirSync(folder).sort();

beforeAll(() => {
  untarGz(packagePath('linux-x64'), dir);
  mkdirSync(noNodePath);
  cpSync(fixturePath('fixtures/example-2021/returns'), returns, { recursive: true });
  cpSync(fixturePath('fixtures/example-2021/baseline-2020.csv'), baseline);
}, 180_000);

describe('the Linux package, unpacked under a path with spaces and Chinese characters, no system Node', () => {
  it('has its runtime and launcher executable, and there really is no node on the PATH it is run with', () => {
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(statSync(join(home, 'runtime/node')).mode & 0o111).not.toBe(0);
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: noNodePath } }).status).not.toBe(0);
    const v = packaged(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(version);
  });

  it('template: the same 71 workbooks as the console run', () => {
    const r = packaged(['template', '--year', '2021', '--out', join(dir, '模板 包')]);
    expect(r.code, r.stderr).toBe(0);
    const c = spawnCli(['template', '--year', '2021', '--out', join(dir, '模板 控制台')], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(files(join(dir, '模板 包'))).toHaveLength(71);
    expect(files(join(dir, '模板 包'))).toEqual(files(join(dir, '模板 控制台')));
  });

  it('validate: the same JSON report and the same console text', () => {
    const args = ['validate', returns, '--baseline', baseline];
    const r = packaged([...args, '--json']);
    const c = spawnCli([...args, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(comparableSummary(r.stdout)).toEqual(comparableSummary(c.stdout));
    expect(packaged(args).stdout).toBe(spawnCli(args, { cwd: dir }).stdout);
  });

  it('merge: summary.json equal to the console run, the same files written', () => {
    const r = packaged(['merge', returns, '--baseline', baseline, '--out', join(dir, '汇总 包')]);
    expect(r.code, r.stderr).toBe(0);
    const c = spawnCli(['merge', returns, '--baseline', baseline, '--out', join(dir, '汇总 控制台')], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    const summary = (d: string) => comparableSummary(readFileSync(join(dir, d, 'summary.json'), 'utf8'));
    expect(summary('汇总 包')).toEqual(summary('汇总 控制台'));
    expect((summary('汇总 包') as { branches: unknown[] }).branches).toHaveLength(71);
    expect(files(join(dir, '汇总 包'))).toEqual(files(join(dir, '汇总 控制台')));
  });

  it('feedback: the same files and JSON report as the console run', () => {
    const r = packaged(['feedback', returns, '--baseline', baseline, '--out', join(dir, '反馈 包'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = spawnCli(['feedback', returns, '--baseline', baseline, '--out', join(dir, '反馈 控制台'), '--json'], { cwd: dir });
    // The reports differ only in the output folder each was told to write to.
    const report = (text: string) => ({ ...(comparableSummary(text) as object), outDir: '<out>' });
    expect(report(r.stdout)).toEqual(report(c.stdout));
    expect(files(join(dir, '反馈 包'))).toEqual(files(join(dir, '反馈 控制台')));
  });

  it('report (page): written from the packaged merge, the same files as the console run', () => {
    const r = packaged(['report', join(dir, '汇总 包'), '--out', join(dir, '通报 包')]);
    expect(r.code, r.stderr).toBe(0);
    const c = spawnCli(['report', join(dir, '汇总 控制台'), '--out', join(dir, '通报 控制台')], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(files(join(dir, '通报 包'))).toEqual(files(join(dir, '通报 控制台')));
    expect(files(join(dir, '通报 包')).some((f) => f.endsWith('.html'))).toBe(true);
  });
});

describe('the drop-target script (what 审核.cmd / 汇总.cmd / 反馈.cmd run), on the packaged runtime', () => {
  const drop = (args: string[]) =>
    spawnSync(join(home, 'runtime/node'), [join(home, 'app/packaging/drop.mjs'), ...args], {
      cwd: dir,
      env: { PATH: noNodePath, HOME: dir },
      encoding: 'utf8',
      timeout: 180_000,
    });

  it('merge writes into a new folder beside the dropped one, then a second one, never into or over anything', () => {
    const before = files(returns);
    const first = drop(['merge', returns]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${returns}-汇总`);
    const second = drop(['merge', returns]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`${returns}-汇总 (2)`);
    expect(files(returns)).toEqual(before);
    const console = spawnCli(['merge', returns, '--out', join(dir, '汇总 无基准数')], { cwd: dir });
    expect(console.code).toBe(0);
    const summary = (d: string) => comparableSummary(readFileSync(join(d, 'summary.json'), 'utf8'));
    expect(summary(`${returns}-汇总`)).toEqual(summary(join(dir, '汇总 无基准数')));
    expect(summary(`${returns}-汇总 (2)`)).toEqual(summary(join(dir, '汇总 无基准数')));
  });

  it('validate prints what the console command prints', () => {
    const r = drop(['validate', returns]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(spawnCli(['validate', returns], { cwd: dir }).stdout.trim());
  });

  it('feedback writes the same files as the console command, beside the dropped folder', () => {
    const r = drop(['feedback', returns]);
    expect(r.status, r.stderr).toBe(0);
    const c = spawnCli(['feedback', returns, '--out', join(dir, '反馈 无基准数')], { cwd: dir });
    expect(c.code).toBe(0);
    expect(files(`${returns}-反馈`)).toEqual(files(join(dir, '反馈 无基准数')));
  });

  it('without a folder, or with one that does not exist, says how to use it and exits 2', () => {
    const none = drop(['merge']);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('拖到');
    const missing = drop(['validate', join(dir, '没有这个文件夹')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('找不到');
  });
});
