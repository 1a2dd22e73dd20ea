// Generate (or reuse) the benchmark's input set: a made-up registry and one filled return per branch, written by
// the real template writer (buildFormWorkbook) with the filler's figures. Generation runs in one child process per
// core. A set is reused while its key (N, year and a hash of the generator and the template code) is unchanged.

import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRegistryRows, registryCsv } from './registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function codeHash() {
  const h = createHash('sha256');
  const files = [
    ...['registry.mjs', 'fill.mjs', 'gen-worker.mjs'].map((f) => join(here, f)),
    ...readdirSync(join(root, 'dist', 'src', 'issued-form')).map((f) => join(root, 'dist', 'src', 'issued-form', f)),
    join(root, 'dist', 'templates', 'form-layout.js'),
    join(root, 'dist', 'src', 'catalogue.js'),
    join(root, 'dist', 'src', 'identity.js'),
  ];
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex').slice(0, 10);
}

export async function generateSet({ n, year, baselineYear, base = join(tmpdir(), 'rc-org-bench'), fresh = false, log = () => {} }) {
  const key = `n${n}-y${year}-${codeHash()}`;
  const dir = join(base, key);
  const forms = join(dir, 'forms');
  const registry = join(dir, 'registry.csv');
  const marker = join(dir, 'complete.json');
  if (!fresh && existsSync(marker)) {
    log(`reusing the generated set in ${dir}`);
    return { dir, forms, registry, files: JSON.parse(readFileSync(marker, 'utf8')).files, generatedMs: null };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(forms, { recursive: true });
  const rows = makeRegistryRows(n);
  writeFileSync(registry, registryCsv(rows));
  const workers = availableParallelism();
  const t0 = performance.now();
  let done = 0;
  let lastLog = 0;
  await Promise.all(
    Array.from(
      { length: workers },
      (_, w) =>
        new Promise((resolve, reject) => {
          const child = fork(join(here, 'gen-worker.mjs'), [forms, String(n), String(year), String(baselineYear), String(w), String(workers)], {
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          });
          child.on('message', (m) => {
            done += m.done;
            if (performance.now() - lastLog > 5000) {
              lastLog = performance.now();
              log(`  generated ${done}/${n} forms`);
            }
          });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator worker exited with ${code}`))));
        }),
    ),
  );
  const files = readdirSync(forms).length;
  if (files !== n) throw new Error(`generated ${files} forms, expected ${n}`);
  const generatedMs = performance.now() - t0;
  writeFileSync(marker, JSON.stringify({ n, year, files, generatedMs }));
  return { dir, forms, registry, files, generatedMs };
}
