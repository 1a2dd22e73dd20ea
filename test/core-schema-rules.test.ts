// The per-cell checks (src/core/schema.ts, via checkEntries in src/core/check.ts) and the named cross-row rules
// (test/jilin-2021-rules.ts). Each row of each table asserts the exact findings: code, severity, cell, indicator, params.
import { describe, expect, it } from 'vitest';
import { INDICATORS, appliesTo, emptyFigures, type Annex, type Figures, type IndicatorKey, type Level } from '../src/catalogue.js';
import { checkEntries, type CheckContext, type Entry } from '../src/core/check.js';
import type { Finding } from '../src/core/finding.js';
import {
  countyVolunteerTeams,
  electionsCompletedAboveDue,
  hoursPerVolunteer,
  increments,
  runRules,
  type RuleContext,
  type RuleHit,
} from './jilin-2021-rules.js';
import { allowedFlags, schemaFor } from '../src/core/schema.js';
import { readCell, readText, type CellReading } from '../src/core/values.js';
import { severityOf } from '../src/messages.js';
import type { PlainValue } from '../src/core/plain.js';

const FILE = 'returns/220102.xlsx';
const SHEET: Record<Annex, string> = { annex1: '附件1', annex2: '附件2' };
const no = (key: IndicatorKey): number => INDICATORS.find((i) => i.key === key)!.no;
const cellOf = (key: IndicatorKey): string => `C${4 + no(key)}`;

/** A clean return for each level: every applicable row filled so that no finding arises, the others blank. */
const CLEAN: Record<Level, Record<Annex, Partial<Record<IndicatorKey, number>>>> = (() => {
  const own = { grassrootsOrgs: 20, groupMembers: 5, adultMembers: 1000, youthMembers: 2000, volunteers: 100, volunteerOrgs: 3, serviceHours: 1000 };
  const ownInc = { grassrootsOrgs: 2, groupMembers: 0, adultMembers: 100, youthMembers: 50, volunteers: 10, volunteerOrgs: 1, serviceHours: 100.5 };
  return {
    county: {
      annex1: { countyReformed: 1, countyElectionDue: 1, countyPartyGroup: 1, countySupervisory: 0, ...own },
      annex2: { countyReformed: 0, countyElectionDue: 1, countyPartyGroup: 1, countySupervisory: 0, ...ownInc },
    },
    city: {
      annex1: { cityElectionDue: 1, cityPartyGroup: 1, citySupervisory: 1, ...own },
      annex2: { cityElectionDue: 0, cityPartyGroup: 0, citySupervisory: 1, ...ownInc },
    },
    province: { annex1: { ...own }, annex2: { ...ownInc } },
    special: { annex1: { ...own }, annex2: { ...ownInc } },
  };
})();

type Override = { annex: Annex; key: IndicatorKey; reading: CellReading; note?: string };

/** 28 entries, as a located template would give them: 附件1!C5..C18 and 附件2!C5..C18. */
function entries(level: Level, overrides: readonly Override[] = [], notes: readonly { annex: Annex; key: IndicatorKey; note: string }[] = []): Entry[] {
  return (['annex1', 'annex2'] as const).flatMap((annex) =>
    INDICATORS.map((ind): Entry => {
      const o = overrides.find((x) => x.annex === annex && x.key === ind.key);
      const v = CLEAN[level]![annex][ind.key];
      const reading: CellReading = o ? o.reading : v === undefined ? readText('—') : { kind: 'number', value: v };
      const note = o?.note ?? notes.find((n) => n.annex === annex && n.key === ind.key)?.note ?? '';
      return { annex, key: ind.key, sheet: SHEET[annex], cell: cellOf(ind.key), reading, note };
    }),
  );
}

const ctx = (level: Level, baseline: Figures | null = null): CheckContext => ({ file: FILE, level, baseline, baselineYear: 2020 });
const num = (value: number): CellReading => ({ kind: 'number', value });
const cell = (v: PlainValue): CellReading => readCell(v);

/** The part of a finding each row asserts, exactly. */
interface Expected {
  code: Finding['code'];
  severity: Finding['severity'];
  annex: Annex;
  key: IndicatorKey;
  params?: Record<string, unknown>;
}
const expectFindings = (found: Finding[], expected: Expected[]): void => {
  expect(found.map((f) => ({ code: f.code, severity: f.severity, file: f.file, sheet: f.sheet, cell: f.cell, indicator: f.indicator }))).toEqual(
    expected.map((e) => ({ code: e.code, severity: e.severity, file: FILE, sheet: SHEET[e.annex], cell: cellOf(e.key), indicator: e.key })),
  );
  expected.forEach((e, i) => {
    if (e.params) expect(found[i]!.params).toMatchObject(e.params);
  });
};

describe('the clean returns give no findings', () => {
  it.each(['county', 'city', 'province', 'special'] as const)('%s', (level) => {
    const { findings, figures } = checkEntries(entries(level), ctx(level));
    expect(findings).toEqual([]);
    for (const ind of INDICATORS) {
      expect(figures.annex1[ind.key]).toBe(CLEAN[level]!.annex1[ind.key] ?? null);
      expect(figures.annex2[ind.key]).toBe(CLEAN[level]!.annex2[ind.key] ?? null);
    }
  });
});

describe('cell checks: one changed cell → exactly these findings', () => {
  const BIG = '9'.repeat(400);
  const cases: [string, Level, Override, Expected[], number | null][] = [
    // loose numbers: a notice, and the value is read
    [
      'full-width １２',
      'county',
      { annex: 'annex1', key: 'volunteers', reading: readText('１２') },
      [
        {
          code: 'value-loose',
          severity: 'notice',
          annex: 'annex1',
          key: 'volunteers',
          params: { found: '１２', value: '12', how: 'text,full-width' },
        },
      ],
      12,
    ],
    [
      'thousands 1,234',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: readText('1,234') },
      [
        {
          code: 'value-loose',
          severity: 'notice',
          annex: 'annex1',
          key: 'adultMembers',
          params: { found: '1,234', value: '1234', how: 'text,thousands' },
        },
      ],
      1234,
    ],
    [
      'stray spaces " 12 "',
      'county',
      { annex: 'annex1', key: 'groupMembers', reading: readText(' 12 ') },
      [
        {
          code: 'value-loose',
          severity: 'notice',
          annex: 'annex1',
          key: 'groupMembers',
          params: { found: ' 12 ', value: '12', how: 'text,spaces' },
        },
      ],
      12,
    ],
    [
      'number stored as text "0"',
      'city',
      { annex: 'annex1', key: 'citySupervisory', reading: cell({ t: 's', v: '0' }) },
      [{ code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'citySupervisory', params: { found: '0', value: '0', how: 'text' } }],
      0,
    ],
    // counts
    [
      '12.5 in a 附件1 count',
      'county',
      { annex: 'annex1', key: 'grassrootsOrgs', reading: num(12.5) },
      [{ code: 'count-fractional', severity: 'error', annex: 'annex1', key: 'grassrootsOrgs', params: { found: '12.5', unit: '个' } }],
      12.5,
    ],
    [
      '12.5 in a 附件2 count',
      'county',
      { annex: 'annex2', key: 'adultMembers', reading: num(12.5) },
      [{ code: 'count-fractional', severity: 'error', annex: 'annex2', key: 'adultMembers', params: { found: '12.5', unit: '人' } }],
      12.5,
    ],
    [
      '-3 in a 附件1 count',
      'county',
      { annex: 'annex1', key: 'grassrootsOrgs', reading: readText('-3') },
      [
        { code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'grassrootsOrgs', params: { found: '-3', value: '-3' } },
        { code: 'count-negative', severity: 'error', annex: 'annex1', key: 'grassrootsOrgs', params: { found: '-3' } },
      ],
      -3,
    ],
    [
      '-3 (number) in a 附件1 count',
      'city',
      { annex: 'annex1', key: 'youthMembers', reading: num(-3) },
      [{ code: 'count-negative', severity: 'error', annex: 'annex1', key: 'youthMembers', params: { found: '-3' } }],
      -3,
    ],
    [
      '-2.5 in a 附件1 count: the fraction is reported, once',
      'county',
      { annex: 'annex1', key: 'grassrootsOrgs', reading: num(-2.5) },
      [{ code: 'count-fractional', severity: 'error', annex: 'annex1', key: 'grassrootsOrgs', params: { found: '-2.5' } }],
      -2.5,
    ],
    [
      '-3 in a 附件2 count is a decrease, not an error',
      'county',
      { annex: 'annex2', key: 'grassrootsOrgs', reading: num(-3) },
      [{ code: 'increment-decrease', severity: 'warning', annex: 'annex2', key: 'grassrootsOrgs', params: { found: '-3' } }],
      -3,
    ],
    ['0 in a 附件1 count', 'county', { annex: 'annex1', key: 'groupMembers', reading: num(0) }, [], 0],
    // hours
    ['12.5 hours is fine', 'county', { annex: 'annex1', key: 'serviceHours', reading: num(12.5) }, [], 12.5],
    [
      '-1 hours in 附件1',
      'county',
      { annex: 'annex1', key: 'serviceHours', reading: num(-1) },
      [{ code: 'hours-negative', severity: 'error', annex: 'annex1', key: 'serviceHours', params: { found: '-1' } }],
      -1,
    ],
    [
      '-10.5 hours in 附件2 is a decrease',
      'county',
      { annex: 'annex2', key: 'serviceHours', reading: num(-10.5) },
      [{ code: 'increment-decrease', severity: 'warning', annex: 'annex2', key: 'serviceHours', params: { found: '-10.5' } }],
      -10.5,
    ],
    // flags
    [
      '-1 in a derived 附件2 flag is allowed (a decrease)',
      'county',
      { annex: 'annex2', key: 'countyReformed', reading: num(-1) },
      [{ code: 'increment-decrease', severity: 'warning', annex: 'annex2', key: 'countyReformed', params: { found: '-1' } }],
      -1,
    ],
    [
      '-1 in 附件2 row 3 (county elections completed)',
      'county',
      { annex: 'annex2', key: 'countyElectionDue', reading: num(-1) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex2', key: 'countyElectionDue', params: { found: '-1', allowed: '0 / 1' } }],
      -1,
    ],
    [
      '-1 in 附件2 row 2 (city elections completed)',
      'city',
      { annex: 'annex2', key: 'cityElectionDue', reading: num(-1) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex2', key: 'cityElectionDue', params: { found: '-1', allowed: '0 / 1' } }],
      -1,
    ],
    [
      '-1 in a 附件1 flag',
      'county',
      { annex: 'annex1', key: 'countyPartyGroup', reading: num(-1) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex1', key: 'countyPartyGroup', params: { found: '-1', allowed: '0 / 1' } }],
      -1,
    ],
    [
      '2 in a 附件1 flag',
      'county',
      { annex: 'annex1', key: 'countyReformed', reading: num(2) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex1', key: 'countyReformed', params: { found: '2', allowed: '0 / 1' } }],
      2,
    ],
    [
      '2 in a derived 附件2 flag',
      'county',
      { annex: 'annex2', key: 'countyPartyGroup', reading: num(2) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex2', key: 'countyPartyGroup', params: { found: '2', allowed: '-1 / 0 / 1' } }],
      2,
    ],
    [
      '0.5 in a flag',
      'city',
      { annex: 'annex1', key: 'cityPartyGroup', reading: num(0.5) },
      [{ code: 'flag-out-of-range', severity: 'error', annex: 'annex1', key: 'cityPartyGroup', params: { found: '0.5' } }],
      0.5,
    ],
    // blank vs not applicable
    [
      'blank in an applicable row',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: readCell(undefined) },
      [{ code: 'value-blank', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: '' } }],
      null,
    ],
    [
      '"—" in an applicable row: not applicable is not allowed here',
      'county',
      { annex: 'annex2', key: 'grassrootsOrgs', reading: readText('—') },
      [{ code: 'value-dash', severity: 'error', annex: 'annex2', key: 'grassrootsOrgs', params: { found: '—' } }],
      null,
    ],
    [
      '"/" in an applicable row',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: readText('/') },
      [{ code: 'value-dash', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: '/' } }],
      null,
    ],
    ['"—" in a row that does not apply: nothing', 'county', { annex: 'annex1', key: 'cityElectionDue', reading: readText('—') }, [], null],
    [
      '"27个" on a 个 row: read, with a notice',
      'county',
      { annex: 'annex1', key: 'grassrootsOrgs', reading: readText('27个') },
      [{ code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'grassrootsOrgs', params: { value: '27' } }],
      27,
    ],
    [
      '"3支" on a 个 row (teams): read, with a notice',
      'county',
      { annex: 'annex1', key: 'volunteerOrgs', reading: readText('3支') },
      [{ code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'volunteerOrgs', params: { value: '3' } }],
      3,
    ],
    [
      '"100小时" on the hours row: read, with a notice',
      'county',
      { annex: 'annex1', key: 'serviceHours', reading: readText('100小时') },
      [{ code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'serviceHours', params: { value: '100' } }],
      100,
    ],
    [
      '"1260人" on a 个 row: the unit to drop is named',
      'county',
      { annex: 'annex1', key: 'groupMembers', reading: readText('1260人') },
      [{ code: 'value-with-unit', severity: 'error', annex: 'annex1', key: 'groupMembers', params: { unit: '人', rowUnit: '个' } }],
      null,
    ],
    [
      '"无" on a count row: type 0',
      'county',
      { annex: 'annex1', key: 'youthMembers', reading: readText('无') },
      [{ code: 'value-word', severity: 'error', annex: 'annex1', key: 'youthMembers', params: { found: '无', yes: 0 } }],
      null,
    ],
    [
      '"没有" on a count row: type 0',
      'county',
      { annex: 'annex1', key: 'youthMembers', reading: readText('没有') },
      [{ code: 'value-word', severity: 'error', annex: 'annex1', key: 'youthMembers', params: { found: '没有' } }],
      null,
    ],
    [
      '"否" on a yes/no row: type 0',
      'county',
      { annex: 'annex1', key: 'countyPartyGroup', reading: readText('否') },
      [{ code: 'value-word', severity: 'error', annex: 'annex1', key: 'countyPartyGroup', params: { found: '否', yes: 0, flag: 1 } }],
      null,
    ],
    [
      '"是" on a yes/no row: type 1',
      'county',
      { annex: 'annex1', key: 'countyPartyGroup', reading: readText('是') },
      [{ code: 'value-word', severity: 'error', annex: 'annex1', key: 'countyPartyGroup', params: { found: '是', yes: 1 } }],
      null,
    ],
    [
      '"2 4": digits split by a space, an error',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: readText('2 4') },
      [{ code: 'value-digits-split', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: '2 4' } }],
      null,
    ],
    [
      'blank in an applicable flag',
      'city',
      { annex: 'annex1', key: 'cityElectionDue', reading: readCell(undefined) },
      [{ code: 'value-blank', severity: 'error', annex: 'annex1', key: 'cityElectionDue' }],
      null,
    ],
    ['blank in a not-applicable row', 'county', { annex: 'annex1', key: 'cityPartyGroup', reading: readCell(undefined) }, [], null],
    ['0 in a not-applicable row', 'county', { annex: 'annex1', key: 'cityPartyGroup', reading: num(0) }, [], null],
    ['0 in a not-applicable 附件2 row', 'city', { annex: 'annex2', key: 'countyReformed', reading: num(0) }, [], null],
    [
      '1 in a not-applicable row (county, city row)',
      'county',
      { annex: 'annex1', key: 'cityPartyGroup', reading: num(1) },
      [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex1', key: 'cityPartyGroup', params: { found: '1', level: 'county' } }],
      null,
    ],
    [
      '1 in a not-applicable row (city, county row)',
      'city',
      { annex: 'annex2', key: 'countyReformed', reading: num(1) },
      [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex2', key: 'countyReformed', params: { found: '1', level: 'city' } }],
      null,
    ],
    [
      '1 in a not-applicable row (province)',
      'province',
      { annex: 'annex1', key: 'cityElectionDue', reading: num(1) },
      [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex1', key: 'cityElectionDue', params: { found: '1', level: 'province' } }],
      null,
    ],
    [
      '1 in a not-applicable row (special)',
      'special',
      { annex: 'annex1', key: 'countySupervisory', reading: num(1) },
      [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex1', key: 'countySupervisory', params: { found: '1', level: 'special' } }],
      null,
    ],
    [
      'text in a not-applicable row',
      'county',
      { annex: 'annex1', key: 'citySupervisory', reading: readText('十二') },
      [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex1', key: 'citySupervisory', params: { found: '十二' } }],
      null,
    ],
    // text, dates, formulas, errors
    [
      '十二 in a count',
      'county',
      { annex: 'annex1', key: 'youthMembers', reading: readText('十二') },
      [{ code: 'value-not-number', severity: 'error', annex: 'annex1', key: 'youthMembers', params: { found: '十二' } }],
      null,
    ],
    [
      '约300 in hours',
      'county',
      { annex: 'annex1', key: 'serviceHours', reading: readText('约300') },
      [{ code: 'value-not-number', severity: 'error', annex: 'annex1', key: 'serviceHours', params: { found: '约300' } }],
      null,
    ],
    [
      'TRUE in a count',
      'county',
      { annex: 'annex2', key: 'groupMembers', reading: cell({ t: 'b', v: true }) },
      [{ code: 'value-not-number', severity: 'error', annex: 'annex2', key: 'groupMembers', params: { found: 'TRUE' } }],
      null,
    ],
    [
      'a date in a count',
      'county',
      { annex: 'annex1', key: 'groupMembers', reading: cell({ t: 'd', v: '2021-01-12T00:00:00.000Z' }) },
      [{ code: 'value-date', severity: 'error', annex: 'annex1', key: 'groupMembers', params: { found: '2021-01-12' } }],
      null,
    ],
    [
      'a formula without a result',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: cell({ t: 'f', formula: 'SUM(D5:D9)', result: null }) },
      [{ code: 'formula-no-result', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { formula: 'SUM(D5:D9)' } }],
      null,
    ],
    [
      'a formula with an error result',
      'county',
      { annex: 'annex2', key: 'adultMembers', reading: cell({ t: 'f', formula: '附件1!C14-#REF!', result: { t: 'e', v: '#REF!' } }) },
      [{ code: 'formula-error', severity: 'error', annex: 'annex2', key: 'adultMembers', params: { formula: '附件1!C14-#REF!', found: '#REF!' } }],
      null,
    ],
    [
      'an error value',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: cell({ t: 'e', v: '#N/A' }) },
      [{ code: 'formula-error', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: '#N/A' } }],
      null,
    ],
    [
      'a formula with a result',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: cell({ t: 'f', formula: 'D14*2', result: { t: 'n', v: 1024 } }) },
      [{ code: 'formula-used', severity: 'notice', annex: 'annex1', key: 'adultMembers', params: { formula: 'D14*2', value: '1024' } }],
      1024,
    ],
    [
      'a formula whose result is a fraction in a count',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: cell({ t: 'f', formula: 'D14/3', result: { t: 'n', v: 2.5 } }) },
      [
        { code: 'formula-used', severity: 'notice', annex: 'annex1', key: 'adultMembers', params: { value: '2.5' } },
        { code: 'count-fractional', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: '2.5' } },
      ],
      2.5,
    ],
    // numbers too large to be numbers
    [
      'a 400-digit number in an applicable row',
      'county',
      { annex: 'annex1', key: 'adultMembers', reading: readText(BIG) },
      [{ code: 'value-not-number', severity: 'error', annex: 'annex1', key: 'adultMembers', params: { found: BIG } }],
      null,
    ],
  ];
  it.each(cases)('%s', (_what, level, override, expected, figure) => {
    const { findings, figures } = checkEntries(entries(level, [override]), ctx(level));
    expectFindings(findings, expected);
    expect(figures[override.annex][override.key]).toBe(figure);
  });

  it('a 400-digit number in a not-applicable row is reported as filled (and does not throw)', () => {
    const run = () => checkEntries(entries('county', [{ annex: 'annex1', key: 'cityPartyGroup', reading: readText(BIG) }]), ctx('county'));
    expect(run).not.toThrow();
    expectFindings(run().findings, [{ code: 'not-applicable-filled', severity: 'error', annex: 'annex1', key: 'cityPartyGroup' }]);
  });

  it('rows that were not found (missing) are not reported blank again', () => {
    const es = entries('county').filter((e) => !(e.annex === 'annex1' && e.key === 'volunteers'));
    const { findings, figures } = checkEntries(es, ctx('county'), new Set(['annex1.volunteers']));
    expect(findings).toEqual([]);
    expect(figures.annex1.volunteers).toBeNull();
  });
});

describe('schemaFor: the zod schema per level and annex', () => {
  const full = (level: Level, annex: Annex, patch: Partial<Figures> = {}): Figures => ({ ...emptyFigures(), ...CLEAN[level]![annex], ...patch }) as Figures;
  const cases: [string, Level, Annex, Partial<Figures>, { key: IndicatorKey; code: string }[]][] = [
    ['clean county 附件1', 'county', 'annex1', {}, []],
    ['clean city 附件2', 'city', 'annex2', {}, []],
    ['null in an applicable row', 'county', 'annex1', { volunteers: null }, [{ key: 'volunteers', code: 'value-blank' }]],
    [
      'two problems at once',
      'county',
      'annex1',
      { volunteers: 1.5, countyReformed: 3 },
      [
        { key: 'countyReformed', code: 'flag-out-of-range' },
        { key: 'volunteers', code: 'count-fractional' },
      ],
    ],
    ['not applicable 0', 'province', 'annex1', { countyReformed: 0 }, []],
    ['not applicable 1', 'province', 'annex2', { cityPartyGroup: 1 }, [{ key: 'cityPartyGroup', code: 'not-applicable-filled' }]],
    ['not applicable -1', 'county', 'annex2', { cityPartyGroup: -1 }, [{ key: 'cityPartyGroup', code: 'not-applicable-filled' }]],
    ['derived 附件2 flag -1', 'city', 'annex2', { cityPartyGroup: -1 }, []],
    ['non-derived 附件2 flag -1', 'city', 'annex2', { cityElectionDue: -1 }, [{ key: 'cityElectionDue', code: 'flag-out-of-range' }]],
    ['negative 附件2 count', 'special', 'annex2', { volunteers: -40 }, []],
    ['negative 附件1 hours', 'special', 'annex1', { serviceHours: -0.5 }, [{ key: 'serviceHours', code: 'hours-negative' }]],
    ['fractional 附件2 hours', 'special', 'annex2', { serviceHours: -0.5 }, []],
  ];
  it.each(cases)('%s', (_what, level, annex, patch, expected) => {
    const parsed = schemaFor(level, annex).safeParse(full(level, annex, patch));
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ key: i.path[0], code: i.message }));
    expect(issues.sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual(expected);
  });

  it.each([
    ['countyReformed', 'annex1', [0, 1]],
    ['countyReformed', 'annex2', [-1, 0, 1]],
    ['cityElectionDue', 'annex2', [0, 1]],
    ['countyElectionDue', 'annex2', [0, 1]],
    ['citySupervisory', 'annex2', [-1, 0, 1]],
  ] as const)('allowedFlags(%s, %s) = %j', (key, annex, allowed) => {
    expect(
      allowedFlags(
        INDICATORS.find((i) => i.key === key)!,
        annex,
      ),
    ).toEqual(allowed);
  });
});

// ── cross-row rules ──────────────────────────────────────────────────────────

const figures = (f: Partial<Figures>): Figures => ({ ...emptyFigures(), ...f }) as Figures;
const rc = (
  over: Partial<Omit<RuleContext, 'annex1' | 'annex2' | 'baseline'>> & {
    annex1?: Partial<Figures>;
    annex2?: Partial<Figures>;
    baseline?: Partial<Figures> | null;
  } = {},
): RuleContext => ({
  level: over.level ?? 'county',
  annex1: figures(over.annex1 ?? {}),
  annex2: figures(over.annex2 ?? {}),
  baseline: over.baseline ? figures(over.baseline) : null,
  baselineYear: over.baselineYear ?? 2020,
  unreadable: over.unreadable ?? new Set(),
});

describe('rule: hours per volunteer', () => {
  const cases: [string, number | null, number | null, RuleHit[]][] = [
    [
      'exactly 8760 h per volunteer: no error, only the plausibility warning',
      87_600,
      10,
      [{ code: 'hours-implausible', annex: 'annex1', key: 'serviceHours', params: { hours: '87,600', volunteers: '10', perVolunteer: '8,760', limit: '500' } }],
    ],
    [
      'just above 8760 h per volunteer: error',
      87_601,
      10,
      [
        {
          code: 'hours-beyond-year',
          annex: 'annex1',
          key: 'serviceHours',
          params: { hours: '87,601', volunteers: '10', perVolunteer: '8,760.1', limit: '500' },
        },
      ],
    ],
    [
      'one volunteer, 8761 h',
      8761,
      1,
      [{ code: 'hours-beyond-year', annex: 'annex1', key: 'serviceHours', params: { hours: '8,761', volunteers: '1', perVolunteer: '8,761', limit: '500' } }],
    ],
    ['exactly 500 h per volunteer: fine', 5000, 10, []],
    [
      '500.1 h per volunteer: warning',
      5001,
      10,
      [{ code: 'hours-implausible', annex: 'annex1', key: 'serviceHours', params: { hours: '5,001', volunteers: '10', perVolunteer: '500.1', limit: '500' } }],
    ],
    ['fractional hours, within the limit', 4999.5, 10, []],
    ['0 volunteers with hours', 1, 0, [{ code: 'hours-without-volunteers', annex: 'annex1', key: 'serviceHours', params: { hours: '1' } }]],
    ['0 volunteers, 0 hours', 0, 0, []],
    ['hours blank', null, 10, []],
    ['volunteers blank', 100_000, null, []],
  ];
  it.each(cases)('%s', (_what, hours, volunteers, expected) => {
    expect(hoursPerVolunteer(rc({ annex1: { serviceHours: hours, volunteers } }))).toEqual(expected);
  });

  it('hours-beyond-year is an error, hours-implausible a warning', () => {
    expect([severityOf('hours-beyond-year'), severityOf('hours-implausible')]).toEqual(['error', 'warning']);
  });

  it('an unreadable volunteers row is skipped', () => {
    expect(hoursPerVolunteer(rc({ annex1: { serviceHours: 1e6, volunteers: 1 }, unreadable: new Set(['annex1.volunteers']) }))).toEqual([]);
  });
});

describe('rule: completed elections above those due', () => {
  const cases: [string, Level, Partial<Figures>, Partial<Figures>, RuleHit[]][] = [
    [
      'county: 1 completed, 0 due',
      'county',
      { countyElectionDue: 0 },
      { countyElectionDue: 1 },
      [
        {
          code: 'election-completed-above-due',
          annex: 'annex2',
          key: 'countyElectionDue',
          params: { label1: '县级红十字会应换届个数', label2: '县级红十字会完成换届增加数', due: 0, completed: 1 },
        },
      ],
    ],
    ['county: 1 completed, 1 due', 'county', { countyElectionDue: 1 }, { countyElectionDue: 1 }, []],
    ['county: 0 completed, 1 due', 'county', { countyElectionDue: 1 }, { countyElectionDue: 0 }, []],
    [
      'city: 1 completed, 0 due',
      'city',
      { cityElectionDue: 0 },
      { cityElectionDue: 1 },
      [
        {
          code: 'election-completed-above-due',
          annex: 'annex2',
          key: 'cityElectionDue',
          params: { label1: '市级红十字会应换届数', label2: '市级红十字会完成换届增加数', due: 0, completed: 1 },
        },
      ],
    ],
    ['county: city rows are not looked at', 'county', { cityElectionDue: 0 }, { cityElectionDue: 1 }, []],
    ['county: due blank', 'county', {}, { countyElectionDue: 1 }, []],
  ];
  it.each(cases)('%s', (_what, level, annex1, annex2, expected) => {
    expect(electionsCompletedAboveDue(rc({ level, annex1, annex2 }))).toEqual(expected);
  });
});

describe('rule: county volunteer service teams', () => {
  const cases: [string, Level, number | null, RuleHit[]][] = [
    ['county with 2 teams', 'county', 2, [{ code: 'volunteer-teams-below-plan', annex: 'annex1', key: 'volunteerOrgs', params: { found: 2, required: 3 } }]],
    ['county with 3 teams', 'county', 3, []],
    ['county with 0 teams', 'county', 0, [{ code: 'volunteer-teams-below-plan', annex: 'annex1', key: 'volunteerOrgs', params: { found: 0, required: 3 } }]],
    ['county, blank', 'county', null, []],
    ['city with 2 teams', 'city', 2, []],
    ['special with 0 teams', 'special', 0, []],
  ];
  it.each(cases)('%s', (_what, level, teams, expected) => {
    expect(countyVolunteerTeams(rc({ level, annex1: { volunteerOrgs: teams } }))).toEqual(expected);
  });
});

describe('rule: increments against the baseline', () => {
  type Row = [string, IndicatorKey, { current: number | null; base?: number | null; inc: number | null }, { code: string; params?: Record<string, unknown> }[]];
  const cases: Row[] = [
    ['no baseline, increase', 'volunteers', { current: 120, inc: 5 }, []],
    [
      'no baseline, decrease',
      'volunteers',
      { current: 120, inc: -5 },
      [{ code: 'increment-decrease', params: { found: '-5', label: '红十字会注册志愿者增加数' } }],
    ],
    ['no baseline, huge increase: no jump without a baseline', 'volunteers', { current: 120_000, inc: 100_000 }, []],
    ['baseline, increment matches', 'volunteers', { current: 120, base: 100, inc: 20 }, []],
    ['baseline, increment 0 matches', 'volunteers', { current: 100, base: 100, inc: 0 }, []],
    [
      'baseline, increment does not match',
      'volunteers',
      { current: 120, base: 100, inc: 25 },
      [{ code: 'increment-mismatch', params: { found: '25', current: '120', baseline: '100', baselineYear: 2020, expected: '20' } }],
    ],
    ['baseline, matching decrease', 'volunteers', { current: 90, base: 100, inc: -10 }, [{ code: 'increment-decrease', params: { found: '-10' } }]],
    [
      'baseline, wrong decrease: only the mismatch',
      'volunteers',
      { current: 90, base: 100, inc: -5 },
      [{ code: 'increment-mismatch', params: { found: '-5', expected: '-10' } }],
    ],
    [
      'baseline, thousands in the message',
      'adultMembers',
      { current: 12_345, base: 10_000, inc: 2000 },
      [{ code: 'increment-mismatch', params: { found: '2,000', current: '12,345', baseline: '10,000', expected: '2,345' } }],
    ],
    ['jump boundary, base 10: +50 is fine', 'grassrootsOrgs', { current: 60, base: 10, inc: 50 }, []],
    [
      'jump boundary, base 10: +51 is a jump',
      'grassrootsOrgs',
      { current: 61, base: 10, inc: 51 },
      [{ code: 'increment-jump', params: { found: '51', baseline: '10', factor: 5 } }],
    ],
    ['jump floor, base 3: +50 is fine', 'grassrootsOrgs', { current: 53, base: 3, inc: 50 }, []],
    [
      'jump floor, base 3: +51 is a jump',
      'grassrootsOrgs',
      { current: 54, base: 3, inc: 51 },
      [{ code: 'increment-jump', params: { found: '51', baseline: '3' } }],
    ],
    [
      'jump floor, base 0: +51 is a jump',
      'groupMembers',
      { current: 51, base: 0, inc: 51 },
      [{ code: 'increment-jump', params: { found: '51', baseline: '0' } }],
    ],
    ['jump, base 100: +500 is fine', 'adultMembers', { current: 600, base: 100, inc: 500 }, []],
    [
      'jump, base 100: +501 is a jump',
      'adultMembers',
      { current: 601, base: 100, inc: 501 },
      [{ code: 'increment-jump', params: { found: '501', baseline: '100', factor: 5 } }],
    ],
    [
      'jump in hours, base 1000: +5000.5',
      'serviceHours',
      { current: 6000.5, base: 1000, inc: 5000.5 },
      [{ code: 'increment-jump', params: { found: '5,000.5', baseline: '1,000' } }],
    ],
    ['fractional hours that match', 'serviceHours', { current: 1200.25, base: 1000.5, inc: 199.75 }, []],
    ['fractional hours, 3 decimals, that match', 'serviceHours', { current: 1.333, base: 0, inc: 1.333 }, []],
    ['flag up from 0 to 1: +1, never a jump', 'countyReformed', { current: 1, base: 0, inc: 1 }, []],
    ['flag down from 1 to 0: -1', 'countyReformed', { current: 0, base: 1, inc: -1 }, [{ code: 'increment-decrease', params: { found: '-1' } }]],
    ['flag wrongly 0', 'countyPartyGroup', { current: 1, base: 0, inc: 0 }, [{ code: 'increment-mismatch', params: { found: '0', expected: '1' } }]],
    ['completed elections are not derived: never a mismatch', 'countyElectionDue', { current: 1, base: 0, inc: 0 }, []],
    ['baseline without a figure for the row', 'volunteers', { current: 120, base: null, inc: -5 }, [{ code: 'increment-decrease', params: { found: '-5' } }]],
    ['附件1 blank with a baseline: no mismatch', 'volunteers', { current: null, base: 100, inc: 3 }, []],
    ['increment blank', 'volunteers', { current: 120, base: 100, inc: null }, []],
  ];
  it.each(cases)('%s', (_what, key, v, expected) => {
    const ctx = rc({ annex1: { [key]: v.current }, annex2: { [key]: v.inc }, baseline: 'base' in v ? { [key]: v.base } : null });
    const hits = increments(ctx);
    expect(hits.map((h) => ({ code: h.code, annex: h.annex, key: h.key }))).toEqual(expected.map((e) => ({ code: e.code, annex: 'annex2', key })));
    expected.forEach((e, i) => e.params && expect(hits[i]!.params).toMatchObject(e.params));
  });

  it('an unreadable 附件1 row is not compared against the baseline', () => {
    expect(
      increments(rc({ annex1: { volunteers: 120 }, annex2: { volunteers: 25 }, baseline: { volunteers: 100 }, unreadable: new Set(['annex1.volunteers']) })),
    ).toEqual([]);
  });

  it('rows that do not apply are not compared', () => {
    expect(increments(rc({ level: 'city', annex1: { countyReformed: 1 }, annex2: { countyReformed: -1 }, baseline: { countyReformed: 0 } }))).toEqual([]);
  });

  it('runRules runs all four rules', () => {
    const hits = runRules(
      rc({ annex1: { serviceHours: 87_601, volunteers: 10, volunteerOrgs: 2, countyElectionDue: 0 }, annex2: { countyElectionDue: 1, volunteers: -1 } }),
    );
    expect(hits.map((h) => h.code)).toEqual(['hours-beyond-year', 'election-completed-above-due', 'volunteer-teams-below-plan', 'increment-decrease']);
  });
});

describe('rules through checkEntries: placed at the cell, and explained warnings', () => {
  type Row = [
    string,
    Level,
    Override[],
    { annex: Annex; key: IndicatorKey; note: string }[],
    Figures | null,
    { code: Finding['code']; severity: Finding['severity']; annex: Annex; key: IndicatorKey; explanation?: string }[],
  ];
  // The baseline that makes every derived county increment in CLEAN exactly 附件1 minus the baseline.
  const base100 = figures(
    Object.fromEntries(INDICATORS.filter((i) => appliesTo(i, 'county')).map((i) => [i.key, CLEAN.county!.annex1[i.key]! - CLEAN.county!.annex2[i.key]!])),
  );
  const cases: Row[] = [
    [
      'implausible hours, no note',
      'county',
      [{ annex: 'annex1', key: 'serviceHours', reading: num(60_000) }],
      [],
      null,
      [{ code: 'hours-implausible', severity: 'warning', annex: 'annex1', key: 'serviceHours' }],
    ],
    [
      'implausible hours, note on the row',
      'county',
      [{ annex: 'annex1', key: 'serviceHours', reading: num(60_000), note: '含抗疫值守' }],
      [],
      null,
      [{ code: 'hours-implausible', severity: 'warning', annex: 'annex1', key: 'serviceHours', explanation: '含抗疫值守' }],
    ],
    [
      'implausible hours, note on the 附件2 row of the same item',
      'county',
      [{ annex: 'annex1', key: 'serviceHours', reading: num(60_000) }],
      [{ annex: 'annex2', key: 'serviceHours', note: '见附件2说明' }],
      null,
      [{ code: 'hours-implausible', severity: 'warning', annex: 'annex1', key: 'serviceHours', explanation: '见附件2说明' }],
    ],
    [
      'hours beyond a year with a note: still an error, never explained',
      'county',
      [{ annex: 'annex1', key: 'serviceHours', reading: num(876_001), note: '核实无误' }],
      [],
      null,
      [{ code: 'hours-beyond-year', severity: 'error', annex: 'annex1', key: 'serviceHours' }],
    ],
    [
      'volunteers 0 with hours',
      'county',
      [{ annex: 'annex1', key: 'volunteers', reading: num(0) }],
      [],
      null,
      [{ code: 'hours-without-volunteers', severity: 'warning', annex: 'annex1', key: 'serviceHours' }],
    ],
    [
      'volunteers unreadable: the hours rule is skipped',
      'county',
      [
        { annex: 'annex1', key: 'volunteers', reading: readText('十二') },
        { annex: 'annex1', key: 'serviceHours', reading: num(1e7) },
      ],
      [],
      null,
      [{ code: 'value-not-number', severity: 'error', annex: 'annex1', key: 'volunteers' }],
    ],
    [
      'county with 2 teams, explained',
      'county',
      [{ annex: 'annex1', key: 'volunteerOrgs', reading: num(2), note: '第三支队伍正在组建' }],
      [],
      null,
      [{ code: 'volunteer-teams-below-plan', severity: 'warning', annex: 'annex1', key: 'volunteerOrgs', explanation: '第三支队伍正在组建' }],
    ],
    ['county with 3 teams', 'county', [{ annex: 'annex1', key: 'volunteerOrgs', reading: num(3) }], [], null, []],
    ['city with 2 teams', 'city', [{ annex: 'annex1', key: 'volunteerOrgs', reading: num(2) }], [], null, []],
    [
      'completed elections above due, explained',
      'county',
      [
        { annex: 'annex1', key: 'countyElectionDue', reading: num(0) },
        { annex: 'annex2', key: 'countyElectionDue', reading: num(1), note: '提前换届' },
      ],
      [],
      null,
      [{ code: 'election-completed-above-due', severity: 'warning', annex: 'annex2', key: 'countyElectionDue', explanation: '提前换届' }],
    ],
    [
      'decrease without a baseline, explained',
      'county',
      [{ annex: 'annex2', key: 'youthMembers', reading: num(-30), note: '学校合并' }],
      [],
      null,
      [{ code: 'increment-decrease', severity: 'warning', annex: 'annex2', key: 'youthMembers', explanation: '学校合并' }],
    ],
    [
      'mismatch with a note: an error, never explained',
      'county',
      [{ annex: 'annex2', key: 'volunteers', reading: num(25), note: '按实际填写' }],
      [],
      base100,
      [{ code: 'increment-mismatch', severity: 'error', annex: 'annex2', key: 'volunteers' }],
    ],
    ['match with the baseline', 'county', [], [], base100, []],
    [
      'a notice with a note is not "explained"',
      'county',
      [{ annex: 'annex1', key: 'groupMembers', reading: readText('５'), note: '说明' }],
      [],
      null,
      [{ code: 'value-loose', severity: 'notice', annex: 'annex1', key: 'groupMembers' }],
    ],
  ];
  it.each(cases)('%s', (_what, level, overrides, notes, baseline, expected) => {
    const { findings } = checkEntries(entries(level, overrides, notes), ctx(level, baseline));
    expect(
      findings.map((f) => ({ code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell, indicator: f.indicator, explanation: f.explanation })),
    ).toEqual(
      expected.map((e) => ({ code: e.code, severity: e.severity, sheet: SHEET[e.annex], cell: cellOf(e.key), indicator: e.key, explanation: e.explanation })),
    );
    for (const f of findings) if (f.severity !== 'warning') expect(f).not.toHaveProperty('explanation');
  });
});
