// Property-based test of the merge, end to end (the built CLI, a few runs): random registry of ~8 branches,
// forms written with the template writer, merged raw; merged per city into city summaries; those summaries plus
// the branches under no city merged into the province: same provincial totals. The pure properties are in
// merge-property.test.ts.

import { mkdirSync, copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATORS, appliesTo, type Level } from '../src/catalogue.js';
import { subtree } from '../src/registry/build.js';
import { buildFormWorkbook, formFileName } from '../src/issued-form/form.js';
import { spawnCli, tempDir } from './helpers.js';
import { KEYS, rowsOf, registryOf, summaryPath, writeBaselineCsv, writeRegistryCsv, type Row14, type SummaryJsonShape } from './merge-support.js';

function cleanFigures(level: Level, seed: number): { a1: Row14; a2: Row14; base: Row14 } {
  let t = seed >>> 0;
  const rnd = (): number => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const a1: Row14 = [];
  const a2: Row14 = [];
  const base: Row14 = [];
  INDICATORS.forEach((ind, i) => {
    if (!appliesTo(ind, level)) {
      a1[i] = a2[i] = base[i] = null;
      return;
    }
    if (ind.kind === 'flag') {
      if (!ind.derived) {
        base[i] = int(0, 1);
        a1[i] = int(0, 1);
        a2[i] = a1[i] === 1 ? int(0, 1) : 0; // completed ≤ due
      } else {
        base[i] = int(0, 1);
        a1[i] = base[i] === 1 ? 1 : int(0, 1);
        a2[i] = a1[i] - base[i];
      }
      return;
    }
    if (ind.key === 'volunteerOrgs') base[i] = int(3, 8);
    else if (ind.key === 'serviceHours')
      base[i] = null; // below, from the volunteers
    else base[i] = int(100, 5000);
    if (base[i] !== null) {
      a1[i] = base[i] + int(0, Math.floor(base[i] / 10));
      a2[i] = a1[i] - base[i];
    }
  });
  const h = KEYS.indexOf('serviceHours');
  const v = KEYS.indexOf('volunteers');
  base[h] = Math.round(base[v]! * (10 + rnd() * 20) * 2) / 2;
  a1[h] = base[h] + Math.round(rnd() * base[v]! * 4) / 2;
  a2[h] = a1[h] - base[h];
  return { a1, a2, base };
}

const asRecord = (row: Row14): Record<string, number | null> => Object.fromEntries(KEYS.map((k, i) => [k, row[i] ?? null]));

describe('merge end to end: city summaries → province = raw files → province', () => {
  it('gives the same provincial totals both ways (random registries, built CLI)', async () => {
    const shapeArb = fc.record({
      counties: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 2, maxLength: 2 }),
      specials: fc.integer({ min: 0, max: 1 }),
      direct: fc.integer({ min: 0, max: 1 }),
    });
    const arb = shapeArb
      .map(rowsOf)
      .chain((rows) =>
        fc.tuple(
          fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          fc.array(fc.integer(), { minLength: rows.length, maxLength: rows.length }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([rows, seeds]) => {
        const registry = registryOf(rows);
        const dir = tempDir('rc-org-merge-prop-');
        writeRegistryCsv(join(dir, 'orgs.csv'), rows);
        mkdirSync(join(dir, 'forms'));
        const figs = new Map(registry.orgs.map((o, i) => [o.code, cleanFigures(o.level, seeds[i]!)]));
        const fileOf = new Map<string, string>();
        for (const org of registry.orgs) {
          const f = figs.get(org.code)!;
          const wb = await buildFormWorkbook(ExcelJS, { org, year: 2021, baselineYear: 2020, values: { annex1: asRecord(f.a1), annex2: asRecord(f.a2) } });
          const name = join('forms', formFileName(2021, org));
          await wb.xlsx.writeFile(join(dir, name));
          fileOf.set(org.code, name);
        }
        writeBaselineCsv(
          join(dir, 'base.csv'),
          registry.orgs.map((o) => ({ code: o.code, values: figs.get(o.code)!.base })),
        );
        const common = ['--orgs', 'orgs.csv', '--baseline', 'base.csv', '--json'];
        const run = (args: string[]): SummaryJsonShape => {
          const r = spawnCli(['merge', ...args, ...common], { cwd: dir, timeoutMs: 60_000 });
          expect(r.code, `${args.join(' ')}\n${r.stdout.slice(0, 2000)}\n${r.stderr}`).toBe(0);
          return JSON.parse(r.stdout) as SummaryJsonShape;
        };

        const raw = run(['forms', '--out', 'raw']);
        expect(raw.excluded).toEqual([]);
        expect(raw.totals['P']!.complete).toBe(true);

        mkdirSync(join(dir, 'to-province'));
        const cities = registry.orgs.filter((o) => o.level === 'city');
        for (const city of cities) {
          const members = subtree(registry, city.code).map((o) => fileOf.get(o.code)!);
          const j = run([...members, '--out', `out-${city.code}`]);
          expect(j.totals[city.code]!.complete).toBe(true);
          expect(j.totals[city.code]!.annex1).toEqual(raw.totals[city.code]!.annex1);
          const s = summaryPath(join(dir, `out-${city.code}`), city.code);
          copyFileSync(s, join(dir, 'to-province', basename(s)));
        }
        const underCity = new Set(cities.flatMap((c) => subtree(registry, c.code).map((o) => o.code)));
        const rest = registry.orgs.filter((o) => !underCity.has(o.code)).map((o) => fileOf.get(o.code)!);
        const prov = run(['to-province', ...rest, '--out', 'province']);

        expect(prov.excluded).toEqual([]);
        expect(prov.reconciliations).toEqual([]);
        expect(prov.totals['P']!.annex1).toEqual(raw.totals['P']!.annex1);
        expect(prov.totals['P']!.annex2).toEqual(raw.totals['P']!.annex2);
        expect(prov.totals['P']!.complete).toBe(true);
        expect(prov.totals['P']!.returned).toBe(registry.orgs.length);
        for (const city of cities) expect(prov.totals[city.code]!.annex2).toEqual(raw.totals[city.code]!.annex2);
        // and the raw totals are the sums of the figures written into the forms
        for (const [k, i] of KEYS.map((k, i) => [k, i] as const)) {
          expect(raw.totals['P']!.annex1[k]).toBeCloseTo(
            [...figs.values()].reduce((a, f) => a + (f.a1[i] ?? 0), 0),
            6,
          );
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});
