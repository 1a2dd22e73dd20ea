// The registry, called directly: the built-in Jilin registry, the checks of buildRegistry (table-driven),
// loading the fixture files (CSV in UTF-8 with BOM and in GB18030 with Chinese headers, xlsx), and the CSV
// written by registryAsCsv loading back unchanged. The CLI side of the same is in cli-orgs.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryAsCsv, registryAsJson } from '../src/commands/orgs.js';
import { SetupError } from '../src/messages.js';
import { ancestry, buildRegistry, fullNameOf, parseLevel, subtree, type RawOrgRow } from '../src/registry/build.js';
import { defaultRegistry } from '../src/registry/default.js';
import { loadRegistry } from '../src/engine/registry-load.js';
import type { Registry } from '../src/registry/types.js';
import { copyFixture, tempDir } from './helpers.js';

/** Raw rows from compact tuples; line numbers as in a CSV with a header on line 1. */
const rows = (...r: [code: string, name: string, level: string, parent: string][]): RawOrgRow[] =>
  r.map(([code, name, level, parent], i) => ({ line: i + 2, code, name, level, parent }));

const PROVINCE: [string, string, string, string] = ['220000', '吉林省', 'province', ''];
const CITY: [string, string, string, string] = ['220100', '长春市', 'city', '220000'];

describe('the built-in Jilin registry', () => {
  const r = defaultRegistry();

  it('has 71 branches: 1 province, 9 cities, 60 counties, 1 special unit', () => {
    expect(r.orgs).toHaveLength(71);
    const count = (lv: string): number => r.orgs.filter((o) => o.level === lv).length;
    expect([count('province'), count('city'), count('county'), count('special')]).toEqual([1, 9, 60, 1]);
    expect(r.root.code).toBe('220000');
    expect(new Set(r.orgs.map((o) => o.code)).size).toBe(71);
  });

  it.each([
    ['220100', '长春市', 11],
    ['220200', '吉林市', 9],
    ['220300', '四平市', 5],
    ['220400', '辽源市', 4],
    ['220500', '通化市', 6],
    ['220600', '白山市', 6],
    ['220700', '松原市', 5],
    ['220800', '白城市', 5],
    ['222400', '延边朝鲜族自治州', 8],
  ])('city %s %s has %i counties under it', (code, name, n) => {
    const city = r.byCode.get(code)!;
    expect([city.name, city.level, city.parent]).toEqual([name, 'city', '220000']);
    expect(city.children).toHaveLength(n);
    expect(city.children.every((c) => r.byCode.get(c)!.level === 'county')).toBe(true);
  });

  it.each([
    // code, name, level, parent, full name printed on the form
    ['220000', '吉林省', 'province', null, '吉林省红十字会'],
    ['220100', '长春市', 'city', '220000', '长春市红十字会'],
    ['222400', '延边朝鲜族自治州', 'city', '220000', '延边朝鲜族自治州红十字会'],
    ['220102', '南关区', 'county', '220100', '长春市南关区红十字会'],
    ['220202', '昌邑区', 'county', '220200', '吉林市昌邑区红十字会'],
    ['220184', '公主岭市', 'county', '220100', '公主岭市红十字会'],
    ['220122', '农安县', 'county', '220100', '农安县红十字会'],
    ['222401', '延吉市', 'county', '222400', '延吉市红十字会'],
    ['220581', '梅河口市', 'county', '220000', '梅河口市红十字会'],
    ['X22CBS', '长白山管委会社管办', 'special', '220000', '长白山管委会社管办'],
  ])('%s %s: %s under %s, printed as %s', (code, name, level, parent, fullName) => {
    expect(r.byCode.get(code)).toMatchObject({ code, name, level, parent, fullName });
  });

  it('the local code of 长白山管委会社管办 cannot be taken for a GB/T 2260 code; every other code is one', () => {
    for (const o of r.orgs) {
      if (o.code === 'X22CBS') expect(o.code).not.toMatch(/^\d+$/);
      else expect(o.code, o.name).toMatch(/^22\d{4}$/);
    }
  });

  it('lists parents before children; subtree and ancestry walk the tree', () => {
    const pos = new Map(r.orgs.map((o, i) => [o.code, i]));
    for (const o of r.orgs) if (o.parent !== null) expect(pos.get(o.parent)!).toBeLessThan(pos.get(o.code)!);
    expect(subtree(r, '220100').map((o) => o.code)).toEqual([
      '220100',
      '220102',
      '220103',
      '220104',
      '220105',
      '220106',
      '220112',
      '220113',
      '220122',
      '220182',
      '220183',
      '220184',
    ]);
    expect(subtree(r, '220000')).toHaveLength(71);
    expect(subtree(r, 'X22CBS').map((o) => o.code)).toEqual(['X22CBS']);
    expect(ancestry(r, '220102').map((o) => o.code)).toEqual(['220000', '220100', '220102']);
    expect(ancestry(r, '220581').map((o) => o.code)).toEqual(['220000', '220581']);
  });
});

describe('buildRegistry: every defect, with its line', () => {
  const cases: { name: string; raw: RawOrgRow[]; problems: { code: string; line: number | null; params?: Record<string, unknown> }[] }[] = [
    { name: 'empty registry', raw: [], problems: [{ code: 'registry-empty', line: null }] },
    {
      name: 'duplicate code',
      raw: rows(PROVINCE, CITY, ['220102', '南关区', 'county', '220100'], ['220102', '朝阳区', 'county', '220100']),
      problems: [{ code: 'registry-duplicate-code', line: 5, params: { code: '220102', other: 4 } }],
    },
    {
      name: 'unknown parent',
      raw: rows(PROVINCE, CITY, ['220202', '昌邑区', 'county', '220200']),
      problems: [{ code: 'registry-unknown-parent', line: 4, params: { code: '220202', parent: '220200' } }],
    },
    {
      name: 'a cycle (which always also puts a lower level above a higher one)',
      raw: rows(PROVINCE, ['220200', '吉林市', 'city', '220202'], ['220202', '昌邑区', 'county', '220200']),
      problems: [
        { code: 'registry-level-order', line: 3, params: { code: '220200', parent: '220202' } },
        { code: 'registry-cycle', line: 3, params: { codes: '220200 → 220202 → 220200' } },
      ],
    },
    {
      name: 'a branch that is its own parent',
      raw: rows(PROVINCE, ['220100', '长春市', 'city', '220100']),
      problems: [
        { code: 'registry-level-order', line: 3 },
        { code: 'registry-cycle', line: 3, params: { codes: '220100 → 220100' } },
      ],
    },
    {
      name: 'a county above a city',
      raw: rows(PROVINCE, ['220102', '南关区', 'county', '220000'], ['220100', '长春市', 'city', '220102']),
      problems: [{ code: 'registry-level-order', line: 4, params: { code: '220100', level: 'city', parent: '220102', parentLevel: 'county' } }],
    },
    {
      name: 'a special unit under a city',
      raw: rows(PROVINCE, CITY, ['X22CBS', '长白山管委会社管办', 'special', '220100']),
      problems: [{ code: 'registry-level-order', line: 4, params: { code: 'X22CBS', level: 'special', parentLevel: 'city' } }],
    },
    {
      name: 'an unknown level',
      raw: rows(PROVINCE, CITY, ['220103', '宽城区', '乡镇', '220100']),
      problems: [{ code: 'registry-unknown-level', line: 4, params: { code: '220103', level: '乡镇' } }],
    },
    {
      name: 'an empty name',
      raw: rows(PROVINCE, CITY, ['220103', '  ', 'county', '220100']),
      problems: [{ code: 'registry-empty-name', line: 4, params: { code: '220103' } }],
    },
    {
      name: 'an empty code',
      raw: rows(PROVINCE, ['', '长春市', 'city', '220000']),
      problems: [{ code: 'registry-empty-code', line: 3 }],
    },
    {
      name: 'more than one root',
      raw: rows(PROVINCE, CITY, ['210000', '辽宁省', 'province', '']),
      problems: [{ code: 'registry-multiple-roots', line: 4, params: { codes: '220000, 210000' } }],
    },
    {
      name: 'two defects on different lines, reported in line order',
      raw: rows(PROVINCE, ['220103', '', 'county', '220100'], CITY, ['220100', '长春', 'city', '220000']),
      problems: [
        { code: 'registry-empty-name', line: 3 },
        { code: 'registry-duplicate-code', line: 5, params: { code: '220100', other: 4 } },
      ],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const built = buildRegistry(c.raw, 'test');
    expect('problems' in built ? built.problems : 'built').toEqual(
      c.problems.map((p) => ({ code: p.code, line: p.line, params: p.params ? expect.objectContaining(p.params) : expect.anything() })),
    );
  });

  it('a clean registry builds, with rows of a dropped parent not reported twice', () => {
    const built = buildRegistry(rows(PROVINCE, CITY, ['220102', '南关区', 'county', '220100']), 'test');
    expect('registry' in built && built.registry.orgs.map((o) => o.fullName)).toEqual(['吉林省红十字会', '长春市红十字会', '长春市南关区红十字会']);
    // 220100 has an unknown level; its child is not also flagged "unknown parent".
    const bad = buildRegistry(rows(PROVINCE, ['220100', '长春市', 'town', '220000'], ['220102', '南关区', 'county', '220100']), 'test');
    expect('problems' in bad && bad.problems.map((p) => p.code)).toEqual(['registry-unknown-level']);
  });
});

describe('level words and full names', () => {
  it.each([
    ['province', 'province'],
    ['Province', 'province'],
    ['省', 'province'],
    ['省级', 'province'],
    ['city', 'city'],
    ['市', 'city'],
    ['市级', 'city'],
    ['州', 'city'],
    ['市（州）', 'city'],
    ['市(州)', 'city'],
    ['地市级', 'city'],
    ['county', 'county'],
    [' COUNTY ', 'county'],
    ['县', 'county'],
    ['县级', 'county'],
    ['县（市、区）', 'county'],
    ['县(市、区)', 'county'],
    ['区', 'county'],
    ['special', 'special'],
    ['特殊', 'special'],
    ['特殊单位', 'special'],
    ['其他', 'special'],
    ['乡镇', undefined],
    ['', undefined],
    ['town', undefined],
  ])('%j → %s', (word, level) => {
    expect(parseLevel(word)).toBe(level);
  });

  it.each([
    [{ code: 'a', name: '南关区', level: 'county', parent: 'c' }, { code: 'c', name: '长春市', level: 'city', parent: 'p' }, '长春市南关区红十字会'],
    [{ code: 'a', name: '榆树市', level: 'county', parent: 'c' }, { code: 'c', name: '长春市', level: 'city', parent: 'p' }, '榆树市红十字会'],
    [{ code: 'a', name: '农安县', level: 'county', parent: 'c' }, { code: 'c', name: '长春市', level: 'city', parent: 'p' }, '农安县红十字会'],
    [{ code: 'a', name: '梅河口市', level: 'county', parent: 'p' }, { code: 'p', name: '吉林省', level: 'province', parent: null }, '梅河口市红十字会'],
    [{ code: 'a', name: '和平区红十字会', level: 'county', parent: 'c' }, { code: 'c', name: '沈阳市', level: 'city', parent: 'p' }, '和平区红十字会'],
    [
      { code: 'x', name: '长白山管委会社管办', level: 'special', parent: 'p' },
      { code: 'p', name: '吉林省', level: 'province', parent: null },
      '长白山管委会社管办',
    ],
    [{ code: 'p', name: '吉林省', level: 'province', parent: null }, undefined, '吉林省红十字会'],
  ] as const)('%j under %j → %s', (row, parent, expected) => {
    expect(fullNameOf(row, parent)).toBe(expected);
  });
});

describe('loadRegistry from files', () => {
  const load = async (fixture: string): Promise<Registry> => {
    const dir = tempDir();
    copyFixture(`fixtures/registry/${fixture}`, dir);
    return loadRegistry(fixture, dir);
  };
  const problemsOf = async (fixture: string): Promise<unknown> => {
    try {
      await load(fixture);
    } catch (e) {
      if (e instanceof SetupError) return e.problems.map((p) => ({ code: p.code, line: p.line, file: p.file }));
      throw e;
    }
    return 'loaded';
  };

  it.each([
    ['duplicate-code.csv', [['registry-duplicate-code', 6]]],
    ['unknown-parent.csv', [['registry-unknown-parent', 5]]],
    [
      'cycle.csv',
      [
        ['registry-level-order', 4],
        ['registry-cycle', 4],
      ],
    ],
    ['county-above-city.csv', [['registry-level-order', 4]]],
    ['unknown-level.csv', [['registry-unknown-level', 5]]],
    ['empty-name.csv', [['registry-empty-name', 5]]],
    ['multiple-roots.csv', [['registry-multiple-roots', 4]]],
    ['missing-level-column.csv', [['registry-missing-column', 1]]],
  ] as const)('%s is refused with the line of the defect', async (fixture, expected) => {
    expect(await problemsOf(fixture)).toEqual(expected.map(([code, line]) => ({ code, line, file: fixture })));
  });

  it('a file that is not there is a setup error, not a crash', async () => {
    await expect(loadRegistry('no-such-registry.csv', tempDir())).rejects.toMatchObject({ problems: [{ code: 'file-not-found' }] });
  });

  it('GB18030 CSV with Chinese headers (代码/名称/级别/上级代码) and Chinese level words', async () => {
    const r = await load('gb18030-chinese-headers.csv');
    expect(registryAsJson(r)).toEqual([
      { code: '210000', name: '辽宁省', level: 'province', parent: null },
      { code: '210100', name: '沈阳市', level: 'city', parent: '210000' },
      { code: '210102', name: '和平区', level: 'county', parent: '210100' },
      { code: '210124', name: '法库县', level: 'county', parent: '210100' },
      { code: '210200', name: '大连市', level: 'city', parent: '210000' },
      { code: '210281', name: '瓦房店市', level: 'county', parent: '210200' },
    ]);
    expect(r.byCode.get('210102')!.fullName).toBe('沈阳市和平区红十字会');
  });

  it('UTF-8 CSV with a byte-order mark and CRLF line ends, as Excel saves it', async () => {
    const r = await load('utf8-bom.csv');
    expect(r.root.code).toBe('220000');
    expect(registryAsJson(r).map((o) => [o.code, o.level, o.parent])).toEqual([
      ['220000', 'province', null],
      ['222400', 'city', '220000'],
      ['222401', 'county', '222400'],
      ['222424', 'county', '222400'],
      ['X22CBS', 'special', '220000'],
      ['220581', 'county', '220000'],
    ]);
    expect(r.byCode.get('222401')!.name).toBe('延吉市');
  });

  it('xlsx with alternative Chinese headers (单位代码/单位名称/单位级别/上级单位代码) and codes typed as numbers', async () => {
    const r = await load('xlsx-chinese-headers.xlsx');
    expect(registryAsJson(r)).toEqual([
      { code: '230000', name: '黑龙江省', level: 'province', parent: null },
      { code: '230100', name: '哈尔滨市', level: 'city', parent: '230000' },
      { code: '230102', name: '道里区', level: 'county', parent: '230100' },
      { code: '230103', name: '南岗区', level: 'county', parent: '230100' },
      { code: '232700', name: '大兴安岭地区', level: 'city', parent: '230000' },
      { code: '232701', name: '漠河市', level: 'county', parent: '232700' },
    ]);
  });
});

describe('registryAsCsv loads back unchanged', () => {
  it.each([['built-in'], ['gb18030-chinese-headers.csv'], ['utf8-bom.csv'], ['xlsx-chinese-headers.xlsx']])('%s', async (source) => {
    const dir = tempDir();
    const original = source === 'built-in' ? defaultRegistry() : await loadRegistry(copyFixture(`fixtures/registry/${source}`, dir), dir);
    const csv = registryAsCsv(original);
    expect(csv.startsWith('\ufeffcode,name,level,parent\n')).toBe(true);
    writeFileSync(join(dir, 'roundtrip.csv'), csv);
    const again = await loadRegistry('roundtrip.csv', dir);
    expect(registryAsJson(again)).toEqual(registryAsJson(original));
    expect(again.orgs.map((o) => o.fullName)).toEqual(original.orgs.map((o) => o.fullName));
  });
});
