// official.ts, the 公文 header of the bulletin (DOMAIN.md §11): the 主送 line grouped from the registry's direct
// subordinates of the root, the issuing body and title from the root, 成文日期 without spaces or leading zeros,
// --date read strictly, overrides from the command line.
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../src/registry/default.js';
import { DOC_NUMBER_PLACEHOLDER, addressees, bodyName, officialDate, officialHeader, parseOfficialDate, type OfficialBranch } from '../src/report/official.js';

const jilin: OfficialBranch[] = defaultRegistry().orgs.map((b) => ({ code: b.code, name: b.name, level: b.level, parent: b.parent }));
const under = (root: string): OfficialBranch[] => {
  const keep = new Set([root]);
  for (const b of jilin) if (b.parent !== null && keep.has(b.parent)) keep.add(b.code);
  return jilin.filter((b) => keep.has(b.code));
};
const header = (root: string, branches = under(root), opts: Partial<Parameters<typeof officialHeader>[1]> = {}) =>
  officialHeader({ root: jilin.find((b) => b.code === root)!, year: 2021, branches }, { date: { year: 2022, month: 1, day: 10 }, ...opts });

const b = (code: string, name: string, level: string, parent: string | null): OfficialBranch => ({ code, name, level, parent });

describe('主送 from the registry', () => {
  it('Jilin province: as the notice addresses it', () => {
    expect(header('220000').to).toBe('各市（州）红十字会、长白山管委会社管办，梅河口市红十字会，各县（市、区）红十字会：');
  });

  it.each([
    ['长春市', '220100', '各县（市、区）红十字会：'],
    ['延边朝鲜族自治州', '222400', '各县（市、区）红十字会：'],
    ['梅河口市 (nothing below it)', '220581', '各有关单位：'],
  ])('%s', (_name, code, to) => {
    expect(header(code).to).toBe(to);
  });

  const root = b('P', '某省', 'province', null);
  it.each([
    ['one city only: named', [b('C1', '甲市', 'city', 'P')], false, '甲市红十字会：'],
    ['two cities and their counties', [b('C1', '甲市', 'city', 'P'), b('C2', '乙市', 'city', 'P')], true, '各市（州）红十字会，各县（市、区）红十字会：'],
    [
      'two counties run by the province, a special unit whose name is not suffixed',
      [
        b('C1', '甲市', 'city', 'P'),
        b('C2', '乙市', 'city', 'P'),
        b('S', '丁管委会', 'special', 'P'),
        b('K1', '戊县', 'county', 'P'),
        b('K2', '己县', 'county', 'P'),
      ],
      false,
      '各市（州）红十字会、丁管委会，戊县红十字会、己县红十字会：',
    ],
    ['a name already ending in 红十字会', [b('C1', '庚市红十字会', 'city', 'P')], false, '庚市红十字会：'],
  ])('a province with %s', (_what, direct, deeper, to) => {
    expect(addressees(root, direct, deeper)).toBe(to);
  });

  it('a city with one county: named; with a special unit beside its counties: both', () => {
    const city = b('C', '甲市', 'city', null);
    expect(addressees(city, [b('K', '甲一县', 'county', 'C')], false)).toBe('甲一县红十字会：');
    expect(addressees(city, [b('K', '甲一县', 'county', 'C'), b('K2', '甲二县', 'county', 'C'), b('S', '甲开发区', 'special', 'C')], false)).toBe(
      '各县（市、区）红十字会，甲开发区：',
    );
  });
});

describe('issuing body, title, date', () => {
  it('the root signs as 〈name〉红十字会; a special unit under its own name', () => {
    expect(header('220000').issuer).toBe('吉林省红十字会');
    expect(header('220100').issuer).toBe('长春市红十字会');
    expect(bodyName({ name: '长白山管委会社管办', level: 'special' })).toBe('长白山管委会社管办');
  });

  it('title from the issuing body and the year; --title overrides', () => {
    expect(header('220000').title).toBe('吉林省红十字会关于2021年度组织体系建设工作情况的通报');
    expect(header('222400').title).toBe('延边朝鲜族自治州红十字会关于2021年度组织体系建设工作情况的通报');
    expect(header('220000', undefined, { title: '  另一个标题 ' }).title).toBe('另一个标题');
  });

  it('发文字号 as given, else a visible blank; 主送 as given, ending in a full-width colon', () => {
    expect(header('220000').docNumber).toBe(DOC_NUMBER_PLACEHOLDER);
    expect(DOC_NUMBER_PLACEHOLDER).toBe('〔    〕 号');
    expect(header('220000', undefined, { docNumber: '吉红会发〔2022〕3号' }).docNumber).toBe('吉红会发〔2022〕3号');
    expect(header('220000', undefined, { to: '各市（州）红十字会' }).to).toBe('各市（州）红十字会：');
    expect(header('220000', undefined, { to: '各市（州）红十字会:' }).to).toBe('各市（州）红十字会：');
  });

  it.each([
    [{ year: 2022, month: 1, day: 10 }, '2022年1月10日'],
    [{ year: 2021, month: 12, day: 31 }, '2021年12月31日'],
    [{ year: 2022, month: 3, day: 5 }, '2022年3月5日'],
  ])('成文日期 %o → %s', (d, text) => {
    expect(officialDate(d)).toBe(text);
  });

  it.each([
    ['2022-01-10', { year: 2022, month: 1, day: 10 }],
    ['2022-1-9', { year: 2022, month: 1, day: 9 }],
    ['２０２２-０１-１０', { year: 2022, month: 1, day: 10 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2023-02-29', null],
    ['2022-13-01', null],
    ['2022/01/10', null],
    ['10.01.2022', null],
    ['yesterday', null],
    ['', null],
  ])('--date %s', (text, parsed) => {
    expect(parseOfficialDate(text)).toEqual(parsed);
  });
});
