// The same returns as other programs save them. Real returns are not written by rc-org: branches fill the form in
// Excel or WPS, some re-save it in LibreOffice, some offices fill it from a script. From the rc-org set (written by
// the template writer) this derives, once per cached set:
//   libreoffice  every form re-saved by LibreOffice (`soffice --convert-to xlsx`, in batches, own profile)
//   openpyxl     every form loaded and saved by openpyxl (/usr/bin/python3 with Debian's python3-openpyxl; the
//                bench installs it with apt-get when it is missing)
//   mixed        one third from each writer (form i comes from writer i mod 3), as hard links
// Excel and WPS cannot run here; LibreOffice writes the same OOXML parts in the same way as they do (shared
// strings, styles, no inline strings), openpyxl is the most common script writer.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const WRITERS = ['rcorg', 'libreoffice', 'openpyxl'];
const PYTHON = '/usr/bin/python3';
const SOFFICE_BATCH = 200;

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.slice(-500)}`))));
  });
}

function aptInstall(pkgs, log) {
  log(`installing ${pkgs.join(' ')} with apt-get (needed for the writer sets)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args[0]} failed; install ${pkgs.join(' ')} by hand`);
  }
}

function ensureTools(log) {
  const need = [];
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0) need.push('libreoffice-calc-nogui');
  if (spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status !== 0) need.push('python3-openpyxl');
  if (need.length > 0) aptInstall(need, log);
}

async function resaveLibreOffice(src, out, log) {
  const names = readdirSync(src)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const profile = mkdtempSync(join(tmpdir(), 'rc-org-bench-lo-'));
  try {
    for (let i = 0; i < names.length; i += SOFFICE_BATCH) {
      const batch = names.slice(i, i + SOFFICE_BATCH).map((f) => join(src, f));
      await run('soffice', [
        '--headless',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        out,
        ...batch,
      ]);
      log(`  libreoffice: ${Math.min(i + SOFFICE_BATCH, names.length)}/${names.length}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function resaveOpenpyxl(src, out, log) {
  const procs = availableParallelism();
  await Promise.all(Array.from({ length: procs }, (_, i) => run(PYTHON, [join(here, 'openpyxl-resave.py'), src, out, String(i), String(procs)])));
  log(`  openpyxl: ${readdirSync(out).length} forms`);
}

const RESAVE = { libreoffice: resaveLibreOffice, openpyxl: resaveOpenpyxl };

/** The per-writer folders and the mixed one beside `set.forms`; made once and cached with the set. */
export async function writerSets(set, log) {
  const base = dirname(set.forms);
  const folders = { rcorg: set.forms };
  for (const writer of ['libreoffice', 'openpyxl']) {
    const dir = join(base, `forms-${writer}`);
    const marker = `${dir}.complete`;
    folders[writer] = dir;
    if (existsSync(marker)) continue;
    ensureTools(log);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    log(`re-saving ${set.files} forms with ${writer} (once; cached)`);
    await RESAVE[writer](set.forms, dir, log);
    const n = readdirSync(dir).length;
    if (n !== set.files) throw new Error(`${writer} wrote ${n} forms, expected ${set.files}`);
    writeFileSync(marker, JSON.stringify({ files: n, ms: performance.now() - t0 }));
  }
  const mixed = join(base, 'forms-mixed');
  if (!existsSync(`${mixed}.complete`)) {
    rmSync(mixed, { recursive: true, force: true });
    mkdirSync(mixed);
    readdirSync(set.forms)
      .sort()
      .forEach((name, i) => linkSync(join(folders[WRITERS[i % WRITERS.length]], name), join(mixed, name)));
    writeFileSync(`${mixed}.complete`, '{}');
  }
  folders.mixed = mixed;
  return folders;
}
