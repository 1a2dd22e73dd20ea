// `npm run bench`: the year-end benchmark (issue 5). Not a test: it measures, prints a table and checks the targets.
//
//   BENCH_N=3000            branches (= returned forms) in the made-up national registry; 30000 is the stress size
//   BENCH_ROUNDS=3          rounds of floor / validate / merge (default 3, or 1 when BENCH_N > 5000)
//   BENCH_TEMPLATE_ROUNDS=2 rounds of the template pair (default 2, or 1 when BENCH_N > 5000)
//   BENCH_REF_N=3000        with BENCH_N > 3000, also time this size in the same run, for the scaling target
//                           (0 turns it off)
//   BENCH_WRITERS=mixed,rcorg,libreoffice,openpyxl   which input sets to read (default: all four at N ≤ 5000,
//                           rcorg alone above): the forms as rc-org writes them, re-saved by LibreOffice, re-saved
//                           by openpyxl, and a mix of one third each (bench/lib/writers.mjs)
//   BENCH_ONLY=floor,validate,merge,template   run only these measures
//   BENCH_FRESH=1           regenerate the input set even if a matching one is cached
//   BENCH_DIR=…             where generated sets are cached (default: <tmp>/rc-org-bench)
//   BENCH_OUT=file.json     also write the raw figures as JSON
//
// Every CLI run is a child process (`node bin/rc-org.js …`), timed from spawn to exit; its peak RSS comes from a
// preload (lib/rss-preload.mjs) that records process.resourceUsage().maxRSS at exit. Rounds are interleaved
// (floor, validate, merge, floor, …) because this machine drifts between runs: only ratios taken in the same run,
// ideally in the same round, mean anything. Ratios are the median of the per-round ratios.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSet } from './lib/generate.mjs';
import { WRITERS, writerSets } from './lib/writers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const BIN = join(root, 'bin', 'rc-org.js');
const YEAR = 2021;
const BASELINE_YEAR = 2020;

const envInt = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${v}`);
  return n;
};
const N = envInt('BENCH_N', 3000);
const big = N > 5000;
const ROUNDS = Math.max(1, envInt('BENCH_ROUNDS', big ? 1 : 3));
const TEMPLATE_ROUNDS = Math.max(1, envInt('BENCH_TEMPLATE_ROUNDS', big ? 1 : 2));
const REF_N = N > 3000 ? envInt('BENCH_REF_N', 3000) : 0;
const WRITER_SETS = (process.env.BENCH_WRITERS ?? (big ? 'rcorg' : ['mixed', ...WRITERS].join(',')))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const w of WRITER_SETS)
  if (w !== 'mixed' && !WRITERS.includes(w)) throw new Error(`BENCH_WRITERS: unknown writer ${w} (known: mixed, ${WRITERS.join(', ')})`);
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'floor,validate,merge,template')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const CORES = availableParallelism();
const BASE = process.env.BENCH_DIR || join(tmpdir(), 'rc-org-bench');

const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const scratch = mkdtempSync(join(tmpdir(), 'rc-org-bench-run-'));
const preload = pathToFileURL(join(here, 'lib', 'rss-preload.mjs')).href;
let rssSeq = 0;

/**
 * Run child processes at once and wait for all of them; time from the first spawn to the last exit.
 * Returns the time, the largest peak RSS of any of them (KiB) and each one's exit code and stdout file.
 */
function runProcs(specs) {
  const rssFile = join(scratch, `rss-${rssSeq++}.txt`);
  writeFileSync(rssFile, '');
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(),
    RC_ORG_BENCH_RSS: rssFile,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  const t0 = performance.now();
  return Promise.all(
    specs.map(
      (s) =>
        new Promise((resolve, reject) => {
          const outFile = join(scratch, `out-${rssSeq}-${Math.random().toString(36).slice(2)}.txt`);
          const fd = openSync(outFile, 'w');
          const errFd = openSync(`${outFile}.err`, 'w');
          const child = spawn(process.execPath, s.args, { cwd: s.cwd ?? scratch, env, stdio: ['ignore', fd, errFd] });
          child.on('error', reject);
          child.on('exit', (code, signal) => {
            closeSync(fd);
            closeSync(errFd);
            resolve({ code: code ?? (signal ? 128 : -1), outFile, errFile: `${outFile}.err`, end: performance.now() });
          });
        }),
    ),
  ).then((results) => {
    const ms = Math.max(...results.map((r) => r.end)) - t0;
    const rss = readFileSync(rssFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(l.split(' ')[1]));
    return { ms, rssKiB: rss.length === specs.length ? Math.max(...rss) : null, results };
  });
}

const tail = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n') : '');
function expectCodes(name, run, ok) {
  for (const r of run.results) {
    if (!ok.includes(r.code)) throw new Error(`${name} exited with ${r.code}:\n${tail(r.errFile)}\n${tail(r.outFile)}`);
  }
}

// ---- the measures -------------------------------------------------------------------------------------------

async function floor(set) {
  const run = await runProcs(Array.from({ length: CORES }, (_, i) => ({ args: [join(here, 'lib', 'floor-read.mjs'), set.list, String(i), String(CORES)] })));
  expectCodes('floor', run, [0]);
  const files = run.results.reduce((n, r) => n + JSON.parse(readFileSync(r.outFile, 'utf8')).files, 0);
  if (files !== set.files) throw new Error(`floor read ${files} files, expected ${set.files}`);
  return run;
}

async function validate(set) {
  const run = await runProcs([{ args: [BIN, 'validate', set.forms, '--json', '--orgs', set.registry, '--year', String(YEAR)] }]);
  expectCodes('validate', run, [0, 1]);
  const report = JSON.parse(readFileSync(run.results[0].outFile, 'utf8'));
  if (report.summary?.files !== set.files) throw new Error(`validate reported ${report.summary?.files} files, expected ${set.files}`);
  run.summary = report.summary;
  return run;
}

async function merge(set) {
  const out = join(scratch, 'merge-out');
  rmSync(out, { recursive: true, force: true });
  const run = await runProcs([{ args: [BIN, 'merge', set.forms, '--out', out, '--orgs', set.registry, '--year', String(YEAR), '--json', '--force'] }]);
  expectCodes('merge', run, [0, 1]);
  rmSync(out, { recursive: true, force: true });
  return run;
}

async function writeLoop(set) {
  const out = join(scratch, 'write-loop-out');
  rmSync(out, { recursive: true, force: true });
  const run = await runProcs([{ args: [join(here, 'lib', 'write-loop.mjs'), set.registry, out, String(YEAR), String(BASELINE_YEAR)] }]);
  expectCodes('plain write loop', run, [0]);
  const files = readdirSync(out).length;
  rmSync(out, { recursive: true, force: true });
  if (files !== set.files) throw new Error(`the write loop wrote ${files} files, expected ${set.files}`);
  return run;
}

async function template(set) {
  const out = join(scratch, 'template-out');
  rmSync(out, { recursive: true, force: true });
  const run = await runProcs([
    { args: [BIN, 'template', '--out', out, '--orgs', set.registry, '--year', String(YEAR), '--baseline-year', String(BASELINE_YEAR), '--force'] },
  ]);
  expectCodes('template', run, [0]);
  const files = readdirSync(out).filter((f) => f.endsWith('.xlsx')).length;
  rmSync(out, { recursive: true, force: true });
  if (files !== set.files) throw new Error(`template wrote ${files} files, expected ${set.files}`);
  return run;
}

// ---- statistics and the table -------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => (ms / 1000).toFixed(2);
const mib = (kib) => (kib === null || kib === undefined ? 'n/a' : (kib / 1024).toFixed(0));

function summarize(runs, files) {
  const ms = runs.map((r) => r.ms);
  const rss = runs.map((r) => r.rssKiB).filter((x) => x !== null);
  return {
    rounds: ms.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    filesPerSec: files / (median(ms) / 1000),
    peakRssKiB: rss.length ? Math.max(...rss) : null,
  };
}

function ratio(num, den) {
  const rs = num.map((r, i) => r.ms / den[i].ms);
  return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
}

function pad(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ')).join('\n');
}

// ---- main ---------------------------------------------------------------------------------------------------

async function prepare(n, writers) {
  log(`input set for N=${n}: generating or reusing (cache: ${BASE})`);
  const base = await generateSet({ n, year: YEAR, baselineYear: BASELINE_YEAR, base: BASE, fresh: process.env.BENCH_FRESH === '1', log });
  if (base.generatedMs !== null) log(`generated ${base.files} forms in ${sec(base.generatedMs)} s (${CORES} processes)`);
  const folders = writers.some((w) => w !== 'rcorg') ? await writerSets(base, log) : { rcorg: base.forms };
  return writers.map((writer) => {
    const set = { ...base, forms: folders[writer], writer, n, label: `${writer}@${n}`, list: join(scratch, `files-${writer}-${n}.txt`) };
    const names = readdirSync(set.forms).sort();
    writeFileSync(set.list, names.map((f) => join(set.forms, f)).join('\n') + '\n');
    // Warm the page cache (untimed), so the first measured round is not the only one reading from disk.
    for (const f of names) readFileSync(join(set.forms, f));
    return set;
  });
}

function mergeAvailable() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', () => resolve(/^\s+merge\b/m.test(out)));
  });
}

/** Interleaved rounds: floor, validate, merge per set in each round, then the template pair. Returns key → runs. */
async function measureRounds(sets, hasMerge) {
  const readMeasures = [['floor', floor], ['validate', validate], ...(hasMerge ? [['merge', merge]] : [])].filter(
    ([name]) => ONLY.has(name) || (name === 'floor' && (ONLY.has('validate') || ONLY.has('merge'))),
  );
  const runs = {};
  const record = async (key, fn, set, line) => {
    const r = await fn(set);
    (runs[key] ??= []).push(r);
    log(
      `${line}  ${sec(r.ms)} s  peak RSS ${mib(r.rssKiB)} MiB${r.summary ? `  (ok ${r.summary.ok}, warnings ${r.summary.warnings}, errors ${r.summary.errors})` : ''}`,
    );
  };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const set of sets) {
      for (const [name, fn] of readMeasures)
        await record(`${name}@${set.label}`, fn, set, `round ${round}/${ROUNDS}  ${name.padEnd(8)} ${set.label.padEnd(16)}`);
    }
  }
  if (ONLY.has('template')) {
    for (let round = 1; round <= TEMPLATE_ROUNDS; round++) {
      for (const [name, fn] of [
        ['write-loop', writeLoop],
        ['template', template],
      ]) {
        await record(`${name}@${sets[0].n}`, fn, sets[0], `round ${round}/${TEMPLATE_ROUNDS}  ${name.padEnd(10)} N=${sets[0].files}`);
      }
    }
  }
  return runs;
}

const LABELS = {
  floor: `floor: exceljs load loop, ${CORES} processes`,
  validate: 'rc-org validate --json',
  merge: 'rc-org merge --json',
  'write-loop': 'plain exceljs write loop (1 process)',
  template: 'rc-org template',
};
const AGAINST = { validate: 'floor', merge: 'floor', template: 'write-loop' };

/** The table rows and the figures (medians, ratios against the baseline measure of the same set and round). */
function tabulate(runs, sets, hasMerge, scale) {
  const rows = [['measure', 'set@N', 'rounds', 'median s', 'range s', 'files/s', 'peak RSS MiB', 'ratio (median, range)']];
  const results = {
    node: process.version,
    cores: CORES,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    totalMemMiB: Math.round(totalmem() / 2 ** 20),
    n: N,
    writers: WRITER_SETS,
    rounds: ROUNDS,
    templateRounds: TEMPLATE_ROUNDS,
    measures: {},
    ratios: {},
  };
  const rowFor = (name, key, label, files) => {
    const s = summarize(runs[key], files);
    results.measures[key] = s;
    let rtext = '';
    const denKey = AGAINST[name] && key.replace(name, AGAINST[name]);
    if (denKey && runs[denKey]) {
      const r = ratio(runs[key], runs[denKey]);
      results.ratios[`${name}/${denKey}`] = r;
      rtext = `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)}) of ${AGAINST[name]}`;
    }
    rows.push([LABELS[name], label, s.rounds, sec(s.medianMs), `${sec(s.minMs)}–${sec(s.maxMs)}`, s.filesPerSec.toFixed(0), mib(s.peakRssKiB), rtext]);
  };
  for (const set of sets) {
    for (const name of ['floor', 'validate', 'merge']) {
      if (name === 'merge' && ONLY.has('merge') && !hasMerge && set === sets[0])
        rows.push([LABELS.merge, set.label, 0, '—', '—', '—', '—', 'not in this build']);
      else if (runs[`${name}@${set.label}`]) rowFor(name, `${name}@${set.label}`, set.label, set.files);
    }
  }
  for (const name of ['write-loop', 'template']) if (runs[`${name}@${sets[0].n}`]) rowFor(name, `${name}@${sets[0].n}`, `rcorg@${sets[0].n}`, sets[0].files);
  if (scale) {
    for (const name of ['floor', 'validate', 'merge']) {
      const a = runs[`${name}@${scale.big.label}`];
      const b = runs[`${name}@${scale.ref.label}`];
      if (a && b) results.ratios[`${name}@${scale.big.label}/${name}@${scale.ref.label}`] = ratio(a, b);
    }
  }
  return { rows, results };
}

// Targets at 3,000 (issue 9): on the mixed set validate ≤ 1.15× and merge ≤ 1.25× the floor; on each writer's set
// alone both ≤ 1.3×. Memory: peak RSS < 300 MiB at 3,000 and 30,000. At other sizes the same figures are information.
const READ_TARGETS = { mixed: { validate: 1.15, merge: 1.25 }, single: { validate: 1.3, merge: 1.3 } };

/** One PASS/FAIL/info line per target. */
function checkTargets(results, sets, scale) {
  const checks = [];
  const target = (label, value, limit, fmt, binding = true, statedFor = 'N=3000') => {
    const verdict = value === null || value === undefined ? 'n/a ' : !binding ? 'info' : value <= limit ? 'PASS' : 'FAIL';
    checks.push(
      `${verdict}  ${label}: ${value === null || value === undefined ? 'not measured' : fmt(value)} (target ≤ ${fmt(limit)}${binding ? '' : `, stated for ${statedFor}`})`,
    );
  };
  const x = (v) => `${v.toFixed(2)}×`;
  const rssTarget = (name, key, label, n) => {
    const s = results.measures[key];
    if (s)
      target(
        `peak RSS of ${name} on ${label}`,
        s.peakRssKiB === null ? null : s.peakRssKiB / 1024,
        300,
        (v) => `${v.toFixed(0)} MiB`,
        n === 3000 || n === 30000,
        'N=3000 and N=30000',
      );
  };
  const rn = results.ratios;
  for (const set of sets) {
    const limits = READ_TARGETS[set.writer === 'mixed' ? 'mixed' : 'single'];
    for (const name of ['validate', 'merge'])
      if (ONLY.has(name)) target(`${name}/floor on ${set.label}`, rn[`${name}/floor@${set.label}`]?.median, limits[name], x, set.n === 3000);
  }
  const n0 = sets[0].n;
  if (ONLY.has('template')) target(`template/write loop at N=${n0}`, rn[`template/write-loop@${n0}`]?.median, 1.5, x, n0 === 3000);
  for (const set of sets) for (const name of ['validate', 'merge']) rssTarget(name, `${name}@${set.label}`, set.label, set.n);
  rssTarget('template', `template@${n0}`, `rcorg@${n0}`, n0);
  if (scale) {
    const k = scale.big.n / scale.ref.n;
    for (const name of ['validate', 'merge']) {
      const r = rn[`${name}@${scale.big.label}/${name}@${scale.ref.label}`];
      if (r || ONLY.has(name)) target(`${name} time at N=${scale.big.n} / at N=${scale.ref.n}`, r?.median, 1.1 * k, x);
    }
  }
  return checks;
}

async function main() {
  const started = performance.now();
  const loadBefore = loadavg();
  const hasMerge = ONLY.has('merge') && (await mergeAvailable());
  if (ONLY.has('merge') && !hasMerge) log('`rc-org merge` is not in this build: its rows stay empty (not measured)');
  const sets = await prepare(N, WRITER_SETS);
  if (REF_N > 0 && REF_N !== N) sets.push(...(await prepare(REF_N, ['rcorg'])));
  const big = sets.find((s) => s.writer === 'rcorg' && s.n === N);
  const ref = sets.find((s) => s.writer === 'rcorg' && s.n === REF_N);
  const scale = big && ref && big !== ref ? { big, ref } : null;

  const runs = await measureRounds(sets, hasMerge);
  const { rows, results } = tabulate(runs, sets, hasMerge, scale);
  const la = (l) => l.map((v) => v.toFixed(2)).join(' ');
  results.loadavg = { start: loadBefore, end: loadavg() };
  const out = [
    '',
    `rc-org benchmark — node ${process.version}, ${CORES} cores available (${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}), ${results.totalMemMiB} MiB RAM`,
    `writer sets: ${WRITER_SETS.join(', ')} (mixed = one third from each writer); N=${N} returns (made-up registry: 1 root, ` +
      `${Math.min(31, N - 2)} provinces, ${N - 1 - Math.min(31, N - 2)} county-level branches); ${ROUNDS} read rounds, ${TEMPLATE_ROUNDS} template rounds; ` +
      `input sets under: ${dirname(sets[0].forms)}`,
    '',
    pad(rows),
    '',
    ...checkTargets(results, sets, scale),
    '',
    `total bench time ${sec(performance.now() - started)} s; load average (1/5/15 min) at start ${la(loadBefore)}, at end ${la(results.loadavg.end)}`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(results, null, 2) + '\n');
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
