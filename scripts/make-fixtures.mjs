#!/usr/bin/env node
// Writes the committed fixtures for `rc-org validate` and `rc-org merge`:
//
//   fixtures/example-2021/   an invented, complete, clean 2021 return set for the 71 default branches
//                            (returns/*.xlsx, baseline-2020.csv, README.md)
//   fixtures/validate/       one returned file per defect class, each made from a real template and then
//                            edited the way branches do (README.md lists file → situation → finding)
//
// Run: npm run fixtures   (= npm run build && node scripts/make-fixtures.mjs)
//
// Every workbook starts as the BUILT template writer's output (dist/src/issued-form/form.js). Cell edits are made
// with exceljs, XML edits with jszip, re-saves and row insertions with LibreOffice (soffice, and UNO through
// scripts/lo-edit.py, which needs python3-uno). The data come from a seeded PRNG: the same figures every run.
// Workbooks written by exceljs/jszip are byte-for-byte reproducible (fixed document and zip dates); files that
// LibreOffice saved carry LibreOffice's own save time, so they change bytes (not content) on every regeneration.

import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fixtures');
const EXAMPLE = join(OUT, 'example-2021');
const VALIDATE = join(OUT, 'validate');

async function importBuilt(rel) {
  try {
    return await import(new URL(`../dist/${rel}`, import.meta.url).href);
  } catch (e) {
    console.error(`make-fixtures: cannot load dist/${rel} (${e.message}). Run "npm run build" first, or use "npm run fixtures".`);
    process.exit(2);
  }
}

const { buildFormWorkbook, formFileName, loadExcelJS } = await importBuilt('src/issued-form/form.js');
const { defaultRegistry } = await importBuilt('src/registry/default.js');
const { buildRegistry } = await importBuilt('src/registry/build.js');
const { JILIN_REGISTRY } = await importBuilt('src/registry/jilin.js');
const { INDICATORS, appliesTo } = await importBuilt('src/catalogue.js');
const { identityChecksum, identitySchema } = await importBuilt('src/identity.js');
const ExcelJS = await loadExcelJS();

const YEAR = 2021;
const BASELINE_YEAR = 2020;
/** Fixed document and zip-entry dates, so regenerated workbooks are byte-identical. */
const FIXED_DATE = new Date('2021-12-28T01:00:00Z');
const INVENTED = '示例数据（虚构，仅供演示）';
const INVENTED_CSV = '示例数据（虚构）';
const BOM = '\uFEFF';

// ── prerequisites (checked before anything is deleted) ───────────────────────────────────────────────────────

function which(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0;
}
function findUnoPython() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import uno'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}
if (!which('soffice')) {
  console.error('make-fixtures: LibreOffice (soffice) is needed for the re-saved, .xls and row-inserted fixtures. apt-get install -y libreoffice-calc-nogui');
  process.exit(2);
}
const UNO_PYTHON = findUnoPython();
if (!UNO_PYTHON) {
  console.error('make-fixtures: python3-uno is needed to insert rows and move sheets through LibreOffice. apt-get install -y python3-uno');
  process.exit(2);
}

// ── deterministic random numbers ─────────────────────────────────────────────────────────────────────────────

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20211228);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;
/** Hours are kept in halves: x.0 or x.5 are exact in binary, so 附件1 − baseline is exact too. */
const halves = (x) => Math.round(x * 2) / 2;

// ── the figures ─────────────────────────────────────────────────────────────────────────────────────────────

const KEYS = INDICATORS.map((i) => i.key);
const ind = Object.fromEntries(INDICATORS.map((i) => [i.key, i]));

/** Own-level magnitudes per level: [low, high] of the 2020 figure. */
const RANGES = {
  county: {
    grassrootsOrgs: [20, 170],
    groupMembers: [5, 60],
    adultMembers: [500, 17000],
    youthMembers: [200, 15000],
    volunteers: [100, 2600],
    volunteerOrgs: [2, 8],
  },
  city: {
    grassrootsOrgs: [10, 80],
    groupMembers: [3, 30],
    adultMembers: [300, 8000],
    youthMembers: [100, 5000],
    volunteers: [100, 1500],
    volunteerOrgs: [1, 6],
  },
  province: {
    grassrootsOrgs: [15, 40],
    groupMembers: [10, 40],
    adultMembers: [800, 5000],
    youthMembers: [200, 3000],
    volunteers: [300, 1200],
    volunteerOrgs: [3, 8],
  },
  special: { grassrootsOrgs: [5, 20], groupMembers: [1, 8], adultMembers: [100, 800], youthMembers: [50, 500], volunteers: [50, 300], volunteerOrgs: [1, 3] },
};

/**
 * One branch's 2020 baseline and 2021 附件1/附件2, obeying every rule validate checks, so the set is clean:
 * derived 附件2 = 附件1 − baseline, increments ≥ 0 and ≤ 5×max(baseline,10), flags 0/1 with 0/1 increments,
 * completed elections ≤ due, county volunteer teams ≥ 3, 0 < hours per volunteer ≤ 200.
 */
function makeFigures(org) {
  const base = {};
  const a1 = {};
  const a2 = {};
  const applies = (k) => appliesTo(ind[k], org.level);
  for (const k of KEYS) if (!applies(k)) base[k] = a1[k] = a2[k] = null;

  for (const k of ['countyReformed', 'countyPartyGroup', 'countySupervisory', 'cityPartyGroup', 'citySupervisory']) {
    if (!applies(k)) continue;
    const p = { countyReformed: 0.6, countyPartyGroup: 0.3, countySupervisory: 0.25, cityPartyGroup: 0.7, citySupervisory: 0.5 }[k];
    base[k] = chance(p) ? 1 : 0;
    a1[k] = base[k] === 1 ? 1 : chance(0.4) ? 1 : 0;
  }
  for (const k of ['countyElectionDue', 'cityElectionDue']) {
    if (!applies(k)) continue;
    base[k] = chance(0.3) ? 1 : 0;
    a1[k] = chance(0.35) ? 1 : 0;
    a2[k] = a1[k] === 1 && chance(0.7) ? 1 : 0; // completed ≤ due; entered by the branch, not derived
  }
  const r = RANGES[org.level];
  const grow = (b, lo, hi) => b + Math.round(b * (lo + rnd() * (hi - lo)));
  for (const k of ['grassrootsOrgs', 'groupMembers', 'adultMembers', 'youthMembers', 'volunteers']) {
    base[k] = int(...r[k]);
    a1[k] = grow(base[k], 0.01, 0.16);
  }
  base.volunteerOrgs = int(...r.volunteerOrgs);
  a1.volunteerOrgs = base.volunteerOrgs + int(0, 2);
  if (org.level === 'county') a1.volunteerOrgs = Math.max(3, a1.volunteerOrgs); // plan 二(三)14: at least 3
  const rate0 = 10 + rnd() * 24;
  base.serviceHours = halves(base.volunteers * rate0);
  a1.serviceHours = Math.max(base.serviceHours, halves(a1.volunteers * Math.min(40, rate0 + rnd() * 6)));
  for (const k of KEYS) if (ind[k].derived && a1[k] !== null) a2[k] = a1[k] - base[k];
  return { base, a1, a2 };
}

/** 长春市南关区 (220102): every validate fixture starts from these figures; the example set uses them too. */
const NANGUAN_CODE = '220102';
const NANGUAN = {
  base: {
    countyReformed: 1,
    cityElectionDue: null,
    countyElectionDue: 0,
    cityPartyGroup: null,
    countyPartyGroup: 0,
    citySupervisory: null,
    countySupervisory: 0,
    grassrootsOrgs: 74,
    groupMembers: 19,
    adultMembers: 5800,
    youthMembers: 2900,
    volunteers: 1050,
    volunteerOrgs: 4,
    serviceHours: 24100,
  },
  a1: {
    countyReformed: 1,
    cityElectionDue: null,
    countyElectionDue: 1,
    cityPartyGroup: null,
    countyPartyGroup: 0,
    citySupervisory: null,
    countySupervisory: 1,
    grassrootsOrgs: 86,
    groupMembers: 23,
    adultMembers: 6400,
    youthMembers: 3150,
    volunteers: 1200,
    volunteerOrgs: 5,
    serviceHours: 28536.5,
  },
  a2: {
    countyReformed: 0,
    cityElectionDue: null,
    countyElectionDue: 1,
    cityPartyGroup: null,
    countyPartyGroup: 0,
    citySupervisory: null,
    countySupervisory: 1,
    grassrootsOrgs: 12,
    groupMembers: 4,
    adultMembers: 600,
    youthMembers: 250,
    volunteers: 150,
    volunteerOrgs: 1,
    serviceHours: 4436.5,
  },
};

function checkClean(org, f) {
  const bad = (why) => {
    throw new Error(`make-fixtures: generated figures for ${org.code} break a rule: ${why}`);
  };
  for (const i of INDICATORS) {
    const on = appliesTo(i, org.level);
    const [b, v, d] = [f.base[i.key], f.a1[i.key], f.a2[i.key]];
    if (!on) {
      if (b !== null || v !== null || d !== null) bad(`${i.key} filled but not applicable`);
      continue;
    }
    for (const x of [b, v, d]) if (typeof x !== 'number' || !Number.isFinite(x)) bad(`${i.key} missing`);
    if (i.kind !== 'hours' && (!Number.isInteger(v) || !Number.isInteger(b) || !Number.isInteger(d))) bad(`${i.key} not whole`);
    if (i.kind === 'flag' && (![0, 1].includes(v) || ![0, 1].includes(b) || ![0, 1].includes(d))) bad(`${i.key} flag not 0/1`);
    if (v < 0 || b < 0) bad(`${i.key} negative`);
    if (i.derived) {
      if (d !== v - b) bad(`${i.key} 附件2 ≠ 附件1 − baseline`);
      if (d < 0 || d > 5 * Math.max(b, 10)) bad(`${i.key} increment out of range`);
    } else if (d > v) bad(`${i.key} completed above due`);
  }
  if (org.level === 'county' && f.a1.volunteerOrgs < 3) bad('fewer than 3 volunteer teams');
  for (const [h, n] of [
    [f.a1.serviceHours, f.a1.volunteers],
    [f.base.serviceHours, f.base.volunteers],
  ]) {
    if (!(n > 0) || h / n > 200) bad('hours per volunteer');
  }
}

// ── writing workbooks ────────────────────────────────────────────────────────────────────────────────────────

const registry = defaultRegistry();
const FIGURES = new Map(registry.orgs.map((o) => [o.code, o.code === NANGUAN_CODE ? NANGUAN : makeFigures(o)]));
for (const o of registry.orgs) checkClean(o, FIGURES.get(o.code));
const NANGUAN_ORG = registry.byCode.get(NANGUAN_CODE);

/** The issued template for a branch, filled in (what a branch returns when all goes well). */
async function filledForm({
  org = NANGUAN_ORG,
  year = YEAR,
  baselineYear = BASELINE_YEAR,
  figures = FIGURES.get(org.code),
  notes,
  description = INVENTED,
} = {}) {
  const wb = await buildFormWorkbook(ExcelJS, { org, year, baselineYear, values: { annex1: figures.a1, annex2: figures.a2 }, notes });
  wb.subject = INVENTED;
  wb.description = description;
  wb.keywords = '示例数据 虚构';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastModifiedBy = 'rc-org fixtures';
  return wb;
}

/** Re-pack a zip with fixed entry dates (content unchanged), so the bytes do not depend on when this ran. */
async function fixZipDates(buf) {
  const zip = await JSZip.loadAsync(buf);
  zip.forEach((_, entry) => {
    entry.date = FIXED_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

async function toBuffer(wb) {
  return fixZipDates(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** A filled 南关区 form, edited with exceljs as the branch did, written to bytes. */
async function editedForm(edit, opts = {}) {
  const wb = await filledForm(opts);
  if (edit) await edit(wb);
  return toBuffer(wb);
}

/** Edit the package's XML with jszip (what no office suite UI does, but files in the wild contain). */
async function editZip(buf, edit) {
  const zip = await JSZip.loadAsync(buf);
  await edit(zip);
  zip.forEach((_, entry) => {
    entry.date = FIXED_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

const sheet = (wb, name) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** A filled 南关区 form whose identity says `value` for `field`, its checksum made right again (so only that differs). */
const formWithIdentity = (field, value) =>
  editedForm((wb) => {
    const ws = sheet(wb, 'rcorg_identity');
    const pairs = {};
    ws.eachRow((row) => {
      if (row.getCell(1).value === field) row.getCell(2).value = value;
      pairs[String(row.getCell(1).value)] = String(row.getCell(2).value);
    });
    const sum = identityChecksum(identitySchema.parse(pairs));
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'checksum') row.getCell(2).value = sum;
    });
  });

// ── LibreOffice ─────────────────────────────────────────────────────────────────────────────────────────────

let WORK; // scratch folder for LibreOffice round trips

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** `soffice --headless --convert-to <ext>` of one file; returns the converted bytes. */
async function sofficeConvert(bytes, ext, stem = 'in') {
  const dir = await mkdtemp(join(WORK, 'convert-'));
  const src = join(dir, `${stem}.xlsx`);
  await writeFile(src, bytes);
  const outDir = join(dir, 'out');
  run('soffice', [`-env:UserInstallation=file://${join(WORK, 'lo-profile')}`, '--headless', '--convert-to', ext, '--outdir', outDir, src]);
  return readFile(join(outDir, `${stem}.${ext}`));
}

/** Run jobs through scripts/lo-edit.py (LibreOffice UNO): real row insertions, real sheet moves. */
async function unoEdit(jobs) {
  const dir = await mkdtemp(join(WORK, 'uno-'));
  const planned = [];
  for (const [i, job] of jobs.entries()) {
    const input = join(dir, `in-${i}.xlsx`);
    await writeFile(input, job.bytes);
    const { bytes: _b, ...rest } = job;
    planned.push({ ...rest, in: input, out: join(dir, `out-${i}.xlsx`) });
  }
  const jobFile = join(dir, 'jobs.json');
  await writeFile(jobFile, JSON.stringify(planned));
  run(UNO_PYTHON, [join(ROOT, 'scripts', 'lo-edit.py'), jobFile]);
  return Promise.all(planned.map((p) => readFile(p.out)));
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────────────────────

const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** CSV as Excel writes it: CRLF line ends, the last line ended too. */
const csv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

let GB_TABLE;
/** GB18030 (the GBK two-byte part is all we need), built from the platform decoder, so no extra dependency. */
function encodeGb18030(text) {
  if (!GB_TABLE) {
    GB_TABLE = new Map();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\uFFFD' && !GB_TABLE.has(ch)) GB_TABLE.set(ch, [hi, lo]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else {
      const b = GB_TABLE.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

function baselineCsv(orgs) {
  const header = ['代码', '名称', ...INDICATORS.map((i) => i.annex1), '备注'];
  const rows = orgs.map((o) => [o.code, o.name, ...KEYS.map((k) => FIGURES.get(o.code).base[k]), INVENTED_CSV]);
  return BOM + csv([header, ...rows]);
}

// ── files ───────────────────────────────────────────────────────────────────────────────────────────────────

const written = [];
async function put(dir, name, bytes) {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  written.push(path);
}

/** Remove what this script wrote last time (only inside its own two folders). */
async function clean(dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

// ── fixtures/example-2021 ───────────────────────────────────────────────────────────────────────────────────

/** Branches rename files before sending them back; these five did. */
const RENAMED = {
  220102: '南关区红会2021年报表(终).xlsx',
  220202: '昌邑区红十字会组织体系建设统计表-已填.xlsx',
  220302: '副本 2021_220302_铁西区_组织体系建设统计表.xlsx',
  220700: '松原市本级 报表12.28.xlsx',
  222401: '延吉市红十字会2021年组织体系建设统计表（最终版）.xlsx',
};

async function makeExample() {
  await clean(EXAMPLE);
  const returns = join(EXAMPLE, 'returns');
  for (const org of registry.orgs) {
    const name = RENAMED[org.code] ?? formFileName(YEAR, org);
    await put(returns, name, await toBuffer(await filledForm({ org })));
  }
  await put(EXAMPLE, 'baseline-2020.csv', baselineCsv(registry.orgs));
  const renamed = Object.entries(RENAMED)
    .map(([code, f]) => `| ${code} | ${registry.byCode.get(code).name} | \`${f}\` |`)
    .join('\n');
  await put(
    EXAMPLE,
    'README.md',
    `# 示例数据（虚构）— example return set for 2021

**Everything in this folder is invented.** The figures were drawn from a seeded random-number generator by
\`scripts/make-fixtures.mjs\`; they describe no real Red Cross branch. Each workbook says so in its document
properties (subject/description “${INVENTED}”), and every row of the baseline carries 备注 “${INVENTED_CSV}”.

- \`returns/\` — one filled form for each of the ${registry.orgs.length} branches of the built-in Jilin registry
  (\`rc-org orgs\`), made with the issued template (\`rc-org template\`) for ${YEAR}, baseline year ${BASELINE_YEAR}.
  Most keep the issued file name; five were renamed the way branches rename them:

| code | branch | file name |
|---|---|---|
${renamed}

- \`baseline-2020.csv\` — the ${BASELINE_YEAR} 附件1 figures per branch (UTF-8 with BOM; columns 代码, 名称, the 14
  附件1 row labels, 备注). Rows that do not apply to a branch's level are empty.

The set is consistent: only the rows that apply to each level are filled (county: 1, 3, 5, 7 as 0/1 and 8–14;
city: 2, 4, 6 as 0/1 and 8–14; province and 长白山: 8–14); every derived 附件2 row equals 附件1 minus the baseline
and does not go down; completed elections (附件2 rows 2/3) never exceed those due; counties have at least 3
volunteer teams; service hours stay under 200 per registered volunteer. So

    rc-org validate fixtures/example-2021/returns --year ${YEAR} --baseline fixtures/example-2021/baseline-2020.csv

reports no errors and no warnings, and \`rc-org merge\` can roll it up into city and provincial summaries.

Regenerate with \`npm run fixtures\` (needs LibreOffice and python3-uno for the validate fixtures).
`,
  );
}

// ── fixtures/validate ───────────────────────────────────────────────────────────────────────────────────────

const ANY = Symbol('not checked');
const NOTE_EXPLAINED = '含本年度疫情防控期间社区核酸检测点志愿服务时长，已与区志愿服务平台记录核对。';

/**
 * The cases: file, situation, the validate options, and the findings expected (for the README; the test
 * test/validate-fixtures.e2e.test.ts holds the same expectations). `make` returns the bytes.
 */
function validateCases(lo) {
  const A1 = '附件1';
  const A2 = '附件2';
  // sheet/cell: a name or address; null = must be null; ANY = not checked.
  const f = (severity, code, sheet = null, cell = null, extra = '') => ({ severity, code, sheet, cell, extra });
  return [
    // values written loosely or wrongly
    {
      file: 'value-typed-as-text.xlsx',
      situation: '附件1 注册志愿者数 (C16) pasted as the text "1200"',
      expect: [f('notice', 'value-loose', A1, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C16').value = '1200';
        }),
    },
    {
      file: 'values-written-loosely.xlsx',
      situation: 'full-width digits "１２００" in C16, thousands separator "6,400" in C14, stray spaces " 86 " in C12',
      expect: [f('notice', 'value-loose', A1, 'C16'), f('notice', 'value-loose', A1, 'C14'), f('notice', 'value-loose', A1, 'C12')],
      make: () =>
        editedForm((wb) => {
          const ws = sheet(wb, A1);
          ws.getCell('C16').value = '１２００';
          ws.getCell('C14').value = '6,400';
          ws.getCell('C12').value = ' 86 ';
        }),
    },
    {
      file: 'value-not-a-number.xlsx',
      situation: '团体会员数 (C13) written "十二", 青少年会员数 (C15) written "约300"',
      expect: [f('error', 'value-not-number', A1, 'C13'), f('error', 'value-not-number', A1, 'C15')],
      make: () =>
        editedForm((wb) => {
          const ws = sheet(wb, A1);
          ws.getCell('C13').value = '十二';
          ws.getCell('C15').value = '约300';
        }),
    },
    {
      file: 'value-is-a-date.xlsx',
      situation: '团体会员数 (C13) turned into a date (2021/1/12) as Excel does with "1/12"',
      expect: [f('error', 'value-date', A1, 'C13')],
      make: () =>
        editedForm((wb) => {
          const c = sheet(wb, A1).getCell('C13');
          c.value = new Date(Date.UTC(2021, 0, 12));
          c.numFmt = 'yyyy/m/d';
        }),
    },
    {
      file: 'value-left-blank.xlsx',
      situation: '成人会员数 (C14) left blank',
      expect: [f('error', 'value-blank', A1, 'C14')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C14').value = null;
        }),
    },
    {
      file: 'formula-with-saved-result.xlsx',
      situation: 'C16 is =600+600 with its saved result 1200',
      expect: [f('notice', 'formula-used', A1, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C16').value = { formula: '600+600', result: 1200 };
        }),
    },
    {
      file: 'formula-without-result.xlsx',
      situation: 'C16 is =600+600 with no saved result',
      expect: [f('error', 'formula-no-result', A1, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C16').value = { formula: '600+600' };
        }),
    },
    {
      file: 'formula-ref-error.xlsx',
      situation: 'C16 is =#REF!+1, saved result #REF!',
      expect: [f('error', 'formula-error', A1, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C16').value = { formula: '#REF!+1', result: { error: '#REF!' } };
        }),
    },
    // rules on values
    {
      file: 'not-applicable-row-filled.xlsx',
      situation: 'county fills the grey row 2 市级红十字会应换届数 (C6) with 1',
      expect: [f('error', 'not-applicable-filled', A1, 'C6')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C6').value = 1;
        }),
    },
    {
      file: 'flag-out-of-range.xlsx',
      situation: 'row 1 理顺管理体制数 (C5) is 2 (a 0/1 row)',
      expect: [f('error', 'flag-out-of-range', A1, 'C5')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C5').value = 2;
        }),
    },
    {
      file: 'count-negative.xlsx',
      situation: '基层组织数 (C12) is -86',
      expect: [f('error', 'count-negative', A1, 'C12')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C12').value = -86;
        }),
    },
    {
      file: 'count-fractional.xlsx',
      situation: '团体会员数 (C13) is 12.5',
      expect: [f('error', 'count-fractional', A1, 'C13')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C13').value = 12.5;
        }),
    },
    {
      file: 'hours-beyond-year.xlsx',
      situation: 'C18 总时长 12,000,000 h for 1,200 volunteers (10,000 h each > 8,760)',
      expect: [f('error', 'hours-beyond-year', A1, 'C18')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C18').value = 12000000;
        }),
    },
    {
      file: 'hours-implausible.xlsx',
      situation: 'C18 720,000 h for 1,200 volunteers (600 h each, 500–8,760)',
      expect: [f('warning', 'hours-implausible', A1, 'C18')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C18').value = 720000;
        }),
    },
    {
      file: 'hours-implausible-explained.xlsx',
      situation: 'as above, with an explanation in the 说明 cell E18',
      expect: [f('warning', 'hours-implausible', A1, 'C18', `explained: true, explanation “${NOTE_EXPLAINED}”`)],
      make: () =>
        editedForm((wb) => {
          const ws = sheet(wb, A1);
          ws.getCell('C18').value = 720000;
          ws.getCell('E18').value = NOTE_EXPLAINED;
        }),
    },
    {
      file: 'election-completed-above-due.xlsx',
      situation: '附件2 row 3 完成换届增加数 (C7) = 1 while 附件1 row 3 应换届个数 (C7) = 0',
      expect: [f('warning', 'election-completed-above-due', A2, 'C7')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C7').value = 0;
        }),
    },
    {
      file: 'volunteer-teams-below-plan.xlsx',
      situation: 'county with 2 volunteer service teams (C17)',
      expect: [f('warning', 'volunteer-teams-below-plan', A1, 'C17')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C17').value = 2;
        }),
    },
    // two files for one branch
    {
      file: 'duplicate/2021_220102_南关区_组织体系建设统计表.xlsx',
      situation: 'the form as first sent',
      expect: [f('error', 'duplicate-org', null, null, 'message names 南关区报表-修改版.xlsx')],
      make: () => editedForm(null),
    },
    {
      file: 'duplicate/南关区报表-修改版.xlsx',
      situation: 'the same branch again, re-sent with a note',
      expect: [f('error', 'duplicate-org', null, null, 'message names 2021_220102_南关区_组织体系建设统计表.xlsx')],
      make: () => editedForm(null, { notes: { annex1: { adultMembers: '已按区民政局12月数据核对' } } }),
    },
    // identity
    {
      file: 'identity-sheet-deleted.xlsx',
      situation: 'the hidden identity sheet was deleted',
      expect: [f('error', 'identity-missing')],
      make: () =>
        editedForm((wb) => {
          wb.removeWorksheet(sheet(wb, 'rcorg_identity').id);
        }),
    },
    {
      file: 'identity-code-edited.xlsx',
      situation: 'identity code changed 220102 → 220103 (宽城区 reused the form), checksum not fixed',
      expect: [f('error', 'identity-edited', ANY, null, 'the identity sheet or no sheet')],
      make: () =>
        editedForm((wb) => {
          const ws = sheet(wb, 'rcorg_identity');
          ws.eachRow((row) => {
            if (row.getCell(1).value === 'code') row.getCell(2).value = '220103';
          });
        }),
    },
    {
      file: 'identity-other-template-version.xlsx',
      situation: 'a form of another version of the template (2020.1), its identity otherwise intact (checksum right)',
      expect: [f('error', 'identity-other-template', ANY, null, 'the identity sheet')],
      make: () => formWithIdentity('templateVersion', '2020.1'),
    },
    {
      file: 'identity-other-survey.xlsx',
      situation: "a form of another survey (another province's definition, id liaoning-organisation-system), its identity otherwise intact",
      expect: [f('error', 'identity-other-survey', ANY, null, 'the identity sheet')],
      make: () => formWithIdentity('survey', 'liaoning-organisation-system'),
    },
    {
      file: 'identity-unknown-branch.xlsx',
      situation: 'a valid form for 229999 示例新区, a county in a custom registry but not in the default one',
      expect: [f('error', 'identity-unknown')],
      make: () => {
        const custom = buildRegistry(
          [...JILIN_REGISTRY, { code: '229999', name: '示例新区', level: 'county', parent: '220100' }].map((r, i) => ({
            line: i + 1,
            code: r.code,
            name: r.name,
            level: r.level,
            parent: r.parent ?? '',
          })),
          'fixtures',
        );
        if ('problems' in custom) throw new Error('custom registry');
        return editedForm(null, { org: custom.registry.byCode.get('229999'), figures: NANGUAN });
      },
    },
    {
      file: 'identity-wrong-year-2020-form.xlsx',
      situation: "last year's (2020) form sent again; validated with --year 2021",
      expect: [f('error', 'identity-wrong-year')],
      make: () =>
        editedForm(null, {
          year: 2020,
          baselineYear: 2019,
          figures: {
            a1: NANGUAN.base,
            a2: {
              ...NANGUAN.base,
              countyReformed: 1,
              countyElectionDue: 0,
              countyPartyGroup: 0,
              countySupervisory: 0,
              grassrootsOrgs: 9,
              groupMembers: 3,
              adultMembers: 410,
              youthMembers: 180,
              volunteers: 95,
              volunteerOrgs: 1,
              serviceHours: 2100,
            },
          },
        }),
    },
    // layout changed
    {
      file: 'row-inserted-above-table.xlsx',
      situation: 'LibreOffice: 附件1 unprotected, a row inserted at the top (header now row 5, items rows 6–19, merges shifted), 注册志愿者数 left blank',
      expect: [f('notice', 'table-moved', A1, ANY), f('error', 'value-blank', A1, 'C17')],
      make: () => lo.rowInserted,
    },
    {
      file: 'sheets-reordered-and-renamed.xlsx',
      situation: 'LibreOffice: 附件2 moved first, 附件1 renamed “调查表”',
      expect: [f('notice', 'table-moved', '调查表', ANY)],
      make: () => lo.reordered,
    },
    {
      file: 'resaved-by-libreoffice.xlsx',
      situation: 'clean form re-saved by soffice --convert-to xlsx (identity sheet becomes “hidden”)',
      expect: [],
      make: () => lo.resaved,
    },
    { file: '南关区-最终版(1).xlsx', situation: 'clean form, renamed (also used with --baseline: still clean)', expect: [], make: () => editedForm(null) },
    // CSV returns
    {
      file: 'csv-return-gb18030.csv',
      situation: 'CSV return in GB18030, header 代码,名称,附件1-1..14,附件2-1..14; 附件1-10 is “约6400”',
      expect: [f('error', 'value-not-number', 'CSV', 'L2')],
      make: () => encodeGb18030(csv(csvReturn((n, a) => `${a === 'annex1' ? '附件1' : '附件2'}-${n}`, { annex1: { adultMembers: '约6400' } }))),
    },
    {
      file: 'csv-return-utf8-labels.csv',
      situation: 'CSV return in UTF-8 with BOM headed by the Chinese row labels; 附件1 青少年会员数 is “约3150”',
      expect: [f('error', 'value-not-number', 'CSV', 'M2')],
      make: () =>
        BOM + csv(csvReturn((n, a) => (a === 'annex1' ? INDICATORS[n - 1].annex1 : INDICATORS[n - 1].annex2), { annex1: { youthMembers: '约3150' } })),
    },
    // not a readable workbook
    {
      file: 'saved-as-xls.xls',
      situation: 'clean form saved as Excel 97–2003 .xls (soffice --convert-to xls)',
      expect: [f('notice', 'converted-from-xls')],
      make: () => lo.xls,
    },
    { file: 'xls-renamed-to-xlsx.xlsx', situation: 'the same .xls bytes, renamed .xlsx', expect: [f('notice', 'converted-from-xls')], make: () => lo.xls },
    {
      file: 'truncated.xlsx',
      situation: 'first half of the bytes of a clean form (download cut off)',
      expect: [f('error', 'file-truncated')],
      make: async () => {
        const b = await editedForm(null);
        return b.subarray(0, Math.floor(b.length / 2));
      },
    },
    {
      file: 'email-body-renamed.xlsx',
      situation: 'an e-mail body saved as text and named .xlsx',
      expect: [f('error', 'file-not-zip')],
      make: () => EMAIL_BODY,
    },
    { file: 'empty.xlsx', situation: '0 bytes', expect: [f('error', 'file-empty')], make: () => Buffer.alloc(0) },
    {
      file: 'zip-bomb.xlsx',
      situation: 'a valid form plus one extra entry of 300 MB of zeros (file ≈ 0.3 MB; limit 100 MB uncompressed)',
      expect: [f('error', 'file-suspicious-zip')],
      make: async () => zipBomb(await editedForm(null)),
    },
    {
      file: 'defined-name-proto.xlsx',
      situation: 'clean form whose workbook.xml defines name “poison” = __proto__!$A$1',
      expect: [f('error', 'file-unsafe-content')],
      make: async () =>
        editZip(await editedForm(null), async (zip) => {
          const xml = await zip.file('xl/workbook.xml').async('string');
          zip.file('xl/workbook.xml', insertDefinedNames(xml, '<definedName name="poison">__proto__!$A$1</definedName>'));
        }),
    },
    {
      file: 'sheet-named-proto.xlsx',
      situation: 'clean form plus a sheet named “__proto__” and a defined name “__proto__” pointing at it',
      expect: [f('error', 'file-unsafe-content')],
      make: async () => editZip(await editedForm(null), addProtoSheet),
    },
    {
      file: 'validation-over-whole-columns.xlsx',
      situation: 'clean form with a data-validation rule over C1:C1048576 E1:E1048576 on 附件1 (must read within seconds)',
      expect: [],
      make: async () => editZip(await editedForm(null), addWholeColumnValidation),
    },
    // table damaged
    {
      file: 'annex2-sheet-deleted.xlsx',
      situation: 'the 附件2 sheet was deleted',
      expect: [f('error', 'sheet-missing')],
      make: () =>
        editedForm((wb) => {
          wb.removeWorksheet(sheet(wb, A2).id);
        }),
    },
    {
      file: 'row-label-rewritten.xlsx',
      situation: '附件1 B16 “红十字会注册志愿者数” rewritten “志愿者”',
      expect: [f('error', 'row-missing', A1, ANY)],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('B16').value = '志愿者';
        }),
    },
    // against the baseline (validated with --baseline baseline-2020.csv)
    {
      file: 'increment-mismatch.xlsx',
      baseline: true,
      situation: '附件2 注册志愿者增加数 (C16) is 200; 附件1 1200 − baseline 1050 = 150',
      expect: [f('error', 'increment-mismatch', A2, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A2).getCell('C16').value = 200;
        }),
    },
    {
      file: 'increment-decrease.xlsx',
      baseline: true,
      situation: '附件1 volunteers 980 (baseline 1050), 附件2 C16 consistently −70',
      expect: [f('warning', 'increment-decrease', A2, 'C16')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C16').value = 980;
          sheet(wb, A2).getCell('C16').value = -70;
        }),
    },
    {
      file: 'increment-jump.xlsx',
      baseline: true,
      situation: '基层组织 474 against baseline 74: 附件2 C12 = 400 > 5 × 74',
      expect: [f('warning', 'increment-jump', A2, 'C12')],
      make: () =>
        editedForm((wb) => {
          sheet(wb, A1).getCell('C12').value = 474;
          sheet(wb, A2).getCell('C12').value = 400;
        }),
    },
    // a folder with things that are not returns
    {
      file: 'skipped/~$南关区.xlsx',
      situation: 'Office lock file (162 bytes) left next to an open workbook',
      expect: [f('notice', 'file-skipped', null, null, 'run notice')],
      make: () => officeLockFile('组宣部'),
    },
    {
      file: 'skipped/notes.txt',
      situation: 'a text note in the returns folder',
      expect: [f('notice', 'file-skipped', null, null, 'run notice')],
      make: () => '南关区说明：志愿服务时长含疫情防控期间数据。\r\n',
    },
    {
      file: 'skipped/2021_220102_南关区_组织体系建设统计表.xlsx',
      situation: 'the clean form beside them (validate the folder skipped/)',
      expect: [],
      make: () => editedForm(null),
    },
  ];
}

/** One CSV return row for 南关区 (blank where a row does not apply), with some cells replaced. */
function csvReturn(head, replace = {}) {
  const header = ['代码', '名称'];
  const row = [NANGUAN_CODE, NANGUAN_ORG.name];
  for (const [annex, figs] of [
    ['annex1', NANGUAN.a1],
    ['annex2', NANGUAN.a2],
  ]) {
    for (const i of INDICATORS) {
      header.push(head(i.no, annex));
      row.push(replace[annex]?.[i.key] ?? figs[i.key]);
    }
  }
  return [header, row];
}

const EMAIL_BODY = [
  '发件人: 南关区红十字会 <nanguan_hsh@example.cn>',
  '收件人: 组宣部 <shao.jing.yi@foxmail.com>',
  '主题: 回复：关于报送2021年组织体系建设统计表的通知',
  '',
  '邵老师您好：',
  '',
  '附件是我会2021年组织体系建设统计表，请查收。如有问题请联系。',
  '',
  '长春市南关区红十字会',
  '2021年12月28日',
  '',
].join('\r\n');

/** ~$name.xlsx as Office leaves it: user name as a length-prefixed ANSI field, then UTF-16LE, 162 bytes. */
function officeLockFile(user) {
  const b = Buffer.alloc(162, 0);
  const ascii = 'zuxuanbu';
  b[0] = ascii.length;
  b.write(ascii.padEnd(53, ' '), 1, 'latin1');
  b.writeUInt16LE(user.length, 54);
  b.write(user, 56, 'utf16le');
  return b;
}

function insertDefinedNames(xml, names) {
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${names}</definedNames>`);
  return xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
}

async function addProtoSheet(zip) {
  const wbXml = await zip.file('xl/workbook.xml').async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels').async('string');
  const types = await zip.file('[Content_Types].xml').async('string');
  const ids = [...wbXml.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(...ids) + 1;
  const n = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).length + 1;
  const rId = 'rIdProto1';
  zip.file(
    `xl/worksheets/sheet${n}.xml`,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="${rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
  );
  const withSheet = wbXml.replace('</sheets>', `<sheet sheetId="${sheetId}" name="__proto__" state="visible" r:id="${rId}"/></sheets>`);
  zip.file('xl/workbook.xml', insertDefinedNames(withSheet, `<definedName name="__proto__">'__proto__'!$A$1</definedName>`));
}

async function addWholeColumnValidation(zip) {
  const wbXml = await zip.file('xl/workbook.xml').async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels').async('string');
  const rId = /<sheet [^>]*name="附件1"[^>]*r:id="([^"]+)"/.exec(wbXml)[1];
  const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels);
  const path = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`;
  const xml = await zip.file(path).async('string');
  const rule =
    '<dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="输入有误" error="请填 0 或正整数" sqref="C1:C1048576 E1:E1048576"><formula1>0</formula1></dataValidation>';
  const m = /<dataValidations count="(\d+)">/.exec(xml);
  if (!m) throw new Error('template sheet has no dataValidations');
  zip.file(path, xml.replace(m[0], `<dataValidations count="${Number(m[1]) + 1}">`).replace('</dataValidations>', `${rule}</dataValidations>`));
}

/** A valid form plus 300 MB of zeros in one entry, deflated (level 9) while streaming: the file stays ≈ 0.3 MB. */
async function zipBomb(form) {
  const zip = await JSZip.loadAsync(form);
  const MB = Buffer.alloc(1024 * 1024);
  let left = 300;
  zip.file(
    'xl/media/image1.png',
    new Readable({
      read() {
        this.push(left-- > 0 ? MB : null);
      },
    }),
    { binary: true, date: FIXED_DATE },
  );
  zip.forEach((_, entry) => {
    entry.date = FIXED_DATE;
  });
  const path = join(WORK, 'bomb.xlsx');
  await pipeline(
    zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 9 } }),
    createWriteStream(path),
  );
  return readFile(path);
}

function readmeFor(cases) {
  const show = (e) => {
    const where = e.sheet === null ? '(file)' : e.sheet === ANY ? '(cell null)' : e.cell === ANY ? `${e.sheet} (cell not checked)` : `${e.sheet}!${e.cell}`;
    return `${e.severity} \`${e.code}\` ${where}${e.extra ? ` — ${e.extra}` : ''}`;
  };
  const rows = cases.map(
    (c) =>
      `| \`${c.file.replace(/\|/g, '\\|')}\` | ${c.situation.replace(/\|/g, '\\|')}${c.baseline ? ' (with `--baseline`)' : ''} | ${c.expect.length ? c.expect.map(show).join('<br>') : 'clean: no errors, no warnings'} |`,
  );
  return `# validate fixtures

Each file is a return as a branch might send it: made from the real template (\`rc-org template\`'s writer,
filled with 长春市南关区 220102's figures for ${YEAR}, the same as in \`../example-2021\`) and then edited the way
branches do — cells with exceljs, package XML with jszip, re-saves, \`.xls\`, row insertion and sheet moves
with LibreOffice. Only the defect differs from a clean form. All figures are invented
(${INVENTED}).

\`test/validate-fixtures.e2e.test.ts\` runs \`rc-org validate <file> --year ${YEAR} --json\` on each (adding
\`--baseline baseline-2020.csv\` where marked) and checks the findings below exactly: every error and warning
listed, no other errors or warnings; notices listed must be present (others, e.g. \`increments-unchecked\`, may
be). Exit code 1 when the list has an error, else 0. \`(file)\` means sheet and cell are null.
\`duplicate/\` and \`skipped/\` are validated as folders; \`file-skipped\` is a run-level notice (\`notices\`).
The table says where; the findings and exit codes are asserted in the test, which is the reference.

| file | situation | expected |
|---|---|---|
${rows.join('\n')}

\`baseline-2020.csv\` is a copy of \`../example-2021/baseline-2020.csv\` (南关区: volunteers 1050, 基层组织 74, …).

## Regenerating

    npm run fixtures        # npm run build && node scripts/make-fixtures.mjs

needs LibreOffice (\`soffice\`) and, for the row insertion and sheet moves (\`scripts/lo-edit.py\`, LibreOffice UNO),
the \`python3-uno\` package (\`apt-get install -y python3-uno\`). CI does not regenerate fixtures; it uses the
committed files. Files written by exceljs/jszip come out byte-identical each run; the three xlsx files that
LibreOffice saved (\`row-inserted-above-table.xlsx\`, \`sheets-reordered-and-renamed.xlsx\`,
\`resaved-by-libreoffice.xlsx\`) carry LibreOffice's save time, so their bytes (not their content) change.
\`.gitattributes\` in \`fixtures/\` keeps git from touching line ends: the CSVs' bytes (CRLF, BOM, GB18030) are
part of what is tested.
`;
}

async function makeValidate() {
  await clean(VALIDATE);
  // LibreOffice round trips first, in one go.
  const clean220102 = await editedForm(null);
  const blankVolunteers = await editedForm((wb) => {
    sheet(wb, '附件1').getCell('C16').value = null;
  });
  const [rowInserted, reordered] = await unoEdit([
    { op: 'insert-rows', bytes: blankVolunteers, sheet: '附件1', at: 0, count: 1, text: '报送单位：长春市南关区红十字会（盖章）    报送日期：2021年12月28日' },
    { op: 'move-rename', bytes: clean220102, moves: [['附件2', 0]], renames: [['附件1', '调查表']] },
  ]);
  const lo = {
    rowInserted,
    reordered,
    resaved: await sofficeConvert(clean220102, 'xlsx'),
    xls: await sofficeConvert(clean220102, 'xls'),
  };
  const cases = validateCases(lo);
  for (const c of cases) await put(VALIDATE, c.file, await c.make());
  await copyFile(join(EXAMPLE, 'baseline-2020.csv'), join(VALIDATE, 'baseline-2020.csv'));
  written.push(join(VALIDATE, 'baseline-2020.csv'));
  await put(VALIDATE, 'README.md', readmeFor(cases));
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────

WORK = await mkdtemp(join(tmpdir(), 'rcorg-fixtures-'));
try {
  await makeExample();
  await makeValidate();
} finally {
  await rm(WORK, { recursive: true, force: true });
}

let total = 0;
for (const p of written) total += (await stat(p)).size;
console.log(`make-fixtures: wrote ${written.length} files, ${(total / 1024 / 1024).toFixed(2)} MB, under ${relative(ROOT, OUT)}/`);
if (total > 5 * 1024 * 1024) {
  console.error('make-fixtures: fixtures/ is over 5 MB; keep committed fixtures small.');
  process.exit(1);
}
