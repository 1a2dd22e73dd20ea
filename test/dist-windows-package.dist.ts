// The Windows package under Wine (Debian's wine64): unzipped into a folder whose path has spaces and Chinese
// characters, its own node.exe run through rc-org.cmd on the example returns — template, validate, merge,
// feedback, report — with results equal to the Linux console run's; then the drop targets, given a folder the way
// Explorer passes a dropped one, producing what the console commands produce.
// Under Wine, Node needs the Windows version set to 10, and its standard output must be a file (not a pipe).

import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableSummary, packagePath, spacedChineseDir, unzip, version } from './dist-support.js';
import { fixturePath, spawnCli } from './helpers.js';

const dir = spacedChineseDir('windows');
const home = join(dir, `rc-org-${version}-win-x64`);
const returns = join(dir, '收到的 报表');
const baseline = join(dir, '2020 基准数.csv');
const prefix = mkdtempSync(join(tmpdir(), 'rc-org-wine-'));
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

/** Wine sees the Unix root as drive Z:. */
const win = (unixPath: string): string => `Z:${unixPath.replace(/\//g, '\\')}`;

const wineEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  WINEPREFIX: prefix,
  WINEDEBUG: '-all',
  // No Mono or Gecko install prompts in a fresh prefix.
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
  // Starting a reader under Wine on a busy machine can pass the 30 s per-file limit on its own (src/read/pool.ts).
  RC_ORG_READ_TIMEOUT_S: '600',
  ...extra,
});

let runs = 0;
/** `wine cmd /c <script> args…` in the package folder, stdout and stderr to files; returns what they hold. */
function wineCmd(script: string, args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  const base = join(dir, `wine-${++runs}`);
  const out = openSync(`${base}.out`, 'w');
  const err = openSync(`${base}.err`, 'w');
  let input: number | 'ignore' = 'ignore';
  if (opts.stdin !== undefined) {
    writeFileSync(`${base}.in`, opts.stdin);
    input = openSync(`${base}.in`, 'r');
  }
  const r = spawnSync('wine', ['cmd', '/c', script, ...args], { cwd: home, env: wineEnv(opts.env), stdio: [input, out, err], timeout: 900_000 });
  for (const fd of [out, err, input]) if (typeof fd === 'number') closeSync(fd);
  return { code: r.status, stdout: readFileSync(`${base}.out`, 'utf8'), stderr: readFileSync(`${base}.err`, 'utf8') };
}
const rcOrg = (args: string[]) => wineCmd('rc-org.cmd', args);
const files = (folder: string): string[] => readdirSync(folder).sort();
const summary = (folder: string) => comparableSummary(readFileSync(join(folder, 'summary.json'), 'utf8'));

beforeAll(async () => {
  const boot = spawnSync('wine', ['wineboot', '--init'], { env: wineEnv(), stdio: 'ignore', timeout: 300_000 });
  if (boot.error) throw new Error(`wine is not installed (Debian: apt-get install wine64 wine): ${boot.error.message}`);
  const reg = spawnSync('wine', ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], { env: wineEnv(), stdio: 'ignore' });
  expect(reg.status).toBe(0);
  await unzip(packagePath('win-x64'), dir);
  cpSync(fixturePath('fixtures/example-2021/returns'), returns, { recursive: true });
  cpSync(fixturePath('fixtures/example-2021/baseline-2020.csv'), baseline);
}, 600_000);

describe('the Windows package under Wine, unzipped under a path with spaces and Chinese characters', () => {
  it("runs its own node.exe: Node's Windows build, the pinned version", () => {
    const r = wineCmd('runtime\\node.exe', ['-p', 'process.platform + " " + process.version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`win32 v${JSON.parse(readFileSync(fixturePath('packaging/runtimes.json'), 'utf8')).node}`);
  });

  it('template: the same 71 workbooks as the Linux console run', () => {
    const r = rcOrg(['template', '--year', '2021', '--out', win(join(dir, '模板 包'))]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(spawnCli(['template', '--year', '2021', '--out', join(dir, '模板 控制台')], { cwd: dir }).code).toBe(0);
    expect(files(join(dir, '模板 包'))).toHaveLength(71);
    expect(files(join(dir, '模板 包'))).toEqual(files(join(dir, '模板 控制台')));
  });

  it('validate: the same JSON report as the Linux console run', () => {
    const r = rcOrg(['validate', win(returns), '--baseline', win(baseline), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c = spawnCli(['validate', returns, '--baseline', baseline, '--json'], { cwd: dir });
    expect(comparableSummary(r.stdout)).toEqual(comparableSummary(c.stdout));
  });

  it('merge: summary.json equal to the Linux console run, the same files written', () => {
    const r = rcOrg(['merge', win(returns), '--baseline', win(baseline), '--out', win(join(dir, '汇总 包'))]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(spawnCli(['merge', returns, '--baseline', baseline, '--out', join(dir, '汇总 控制台')], { cwd: dir }).code).toBe(0);
    expect(summary(join(dir, '汇总 包'))).toEqual(summary(join(dir, '汇总 控制台')));
    expect((summary(join(dir, '汇总 包')) as { branches: unknown[] }).branches).toHaveLength(71);
    expect(files(join(dir, '汇总 包'))).toEqual(files(join(dir, '汇总 控制台')));
  });

  it('feedback: the same files and JSON report as the Linux console run', () => {
    const r = rcOrg(['feedback', win(returns), '--baseline', win(baseline), '--out', win(join(dir, '反馈 包')), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c = spawnCli(['feedback', returns, '--baseline', baseline, '--out', join(dir, '反馈 控制台'), '--json'], { cwd: dir });
    const report = (text: string) => ({ ...(comparableSummary(text) as object), outDir: '<out>' });
    expect(report(r.stdout)).toEqual(report(c.stdout));
    expect(files(join(dir, '反馈 包'))).toEqual(files(join(dir, '反馈 控制台')));
  });

  it('report (page): the same files as the Linux console run', () => {
    const r = rcOrg(['report', win(join(dir, '汇总 包')), '--out', win(join(dir, '通报 包'))]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(spawnCli(['report', join(dir, '汇总 控制台'), '--out', join(dir, '通报 控制台')], { cwd: dir }).code).toBe(0);
    expect(files(join(dir, '通报 包'))).toEqual(files(join(dir, '通报 控制台')));
    expect(files(join(dir, '通报 包')).some((f) => f.endsWith('.html'))).toBe(true);
  });
});

describe('the drop targets under Wine, given a folder the way Explorer passes a dropped one', () => {
  it('汇总.cmd writes a new folder beside the dropped one whose summary.json equals the console merge', () => {
    const before = files(returns);
    const r = wineCmd('汇总.cmd', [win(returns)], { env: { RC_ORG_NO_PAUSE: '1' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`${win(returns)}-汇总`);
    expect(r.stdout).not.toMatch(/any key|任意键/i);
    const console = spawnCli(['merge', returns, '--out', join(dir, '汇总 无基准数')], { cwd: dir });
    expect(console.code).toBe(0);
    expect(summary(`${returns}-汇总`)).toEqual(summary(join(dir, '汇总 无基准数')));
    expect(files(`${returns}-汇总`)).toEqual(files(join(dir, '汇总 无基准数')));
    expect(files(returns)).toEqual(before);
  });

  // The console text names files by their Windows paths, so it is compared with rc-org.cmd's under Wine.
  it('审核.cmd shows what rc-org validate shows, then waits for a key (no RC_ORG_NO_PAUSE)', () => {
    const r = wineCmd('审核.cmd', [win(returns)], { stdin: '\r\n' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const console = rcOrg(['validate', win(returns)]);
    expect(console.code).toBe(0);
    expect(r.stdout).toContain(console.stdout.trim());
    expect(r.stdout).toMatch(/any key|任意键/i);
  });

  it('反馈.cmd writes the same files as rc-org feedback, into a new folder beside the dropped one', () => {
    const r = wineCmd('反馈.cmd', [win(returns)], { env: { RC_ORG_NO_PAUSE: '1' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const console = spawnCli(['feedback', returns, '--out', join(dir, '反馈 无基准数')], { cwd: dir });
    expect(console.code).toBe(0);
    expect(files(`${returns}-反馈`)).toEqual(files(join(dir, '反馈 无基准数')));
  });
});
