// The batch-wide checks of src/engine/check-returns.ts: the run's year (resolveYear) and two files for one branch
// (checkDuplicates). Called directly on ReturnResult objects built here.
import { describe, expect, it } from 'vitest';
import type { Level } from '../src/catalogue.js';
import { finding, type ReturnResult } from '../src/core/finding.js';
import { checkDuplicates, resolveYear, type RunNotice } from '../src/engine/check-returns.js';

const NAMES: Record<string, [string, Level]> = { '220102': ['南关区', 'county'], '220103': ['宽城区', 'county'], '220100': ['长春市', 'city'] };

function ret(file: string, code: string | null, year: number | null, kind: ReturnResult['kind'] = 'form'): ReturnResult {
  return {
    file,
    sha256: `sha-${file}`, // different files (identical copies count once: see core-status.test.ts)
    kind,
    org: code ? { code, name: NAMES[code]![0], level: NAMES[code]![1] } : null,
    year,
    findings: [finding('value-loose', { file, sheet: '附件1', cell: 'C16', indicator: 'volunteers' }, {})],
    figures: null,
  };
}
const codes = (r: ReturnResult) => r.findings.map((f) => f.code);

describe('resolveYear', () => {
  type Row = [
    string,
    [string, string | null, number | null, ReturnResult['kind']][],
    number | undefined,
    number | null,
    RunNotice[],
    (number | null)[],
    ([number, number, string] | null)[],
  ];
  // [what, returns (file, code, year, kind), --year, run year, notices, years after, wrong-year (found, expected, hint) per return]
  const HINT = 'pick-year'; // the key of the hint's words (PARAM_WORDS.yearHint)
  const cases: Row[] = [
    [
      'given year, all agree',
      [
        ['a.xlsx', '220102', 2021, 'form'],
        ['b.xlsx', '220103', 2021, 'form'],
      ],
      2021,
      2021,
      [],
      [2021, 2021],
      [null, null],
    ],
    [
      'given year, one form of another year',
      [
        ['a.xlsx', '220102', 2021, 'form'],
        ['b.xlsx', '220103', 2020, 'form'],
      ],
      2021,
      2021,
      [],
      [2021, 2020],
      [null, [2020, 2021, '']],
    ],
    [
      'given year against what most forms carry',
      [
        ['a.xlsx', '220102', 2020, 'form'],
        ['b.xlsx', '220103', 2020, 'form'],
        ['c.xlsx', '220100', 2021, 'form'],
      ],
      2021,
      2021,
      [],
      [2020, 2020, 2021],
      [[2020, 2021, ''], [2020, 2021, ''], null],
    ],
    [
      'no year given: the most common one, with a notice',
      [
        ['a.xlsx', '220102', 2020, 'form'],
        ['b.xlsx', '220103', 2021, 'form'],
        ['c.xlsx', '220100', 2021, 'form'],
      ],
      undefined,
      2021,
      [{ code: 'year-from-forms', params: { year: 2021 } }],
      [2020, 2021, 2021],
      [[2020, 2021, HINT], null, null],
    ],
    [
      'no year given, a tie: the later year',
      [
        ['a.xlsx', '220102', 2020, 'form'],
        ['b.xlsx', '220103', 2021, 'form'],
      ],
      undefined,
      2021,
      [{ code: 'year-from-forms', params: { year: 2021 } }],
      [2020, 2021],
      [[2020, 2021, HINT], null],
    ],
    [
      'no year given, unreadable files do not vote',
      [
        ['a.xlsx', null, null, 'form'],
        ['b.xlsx', null, null, 'form'],
        ['c.xlsx', '220103', 2020, 'form'],
      ],
      undefined,
      2020,
      [{ code: 'year-from-forms', params: { year: 2020 } }],
      [null, null, 2020],
      [null, null, null],
    ],
    [
      'no year anywhere: no run year, no notice',
      [
        ['a.xlsx', null, null, 'form'],
        ['b.csv', '220102', null, 'csv'],
      ],
      undefined,
      null,
      [],
      [null, null],
      [null, null],
    ],
    [
      'a CSV row without a year stands for the run year',
      [
        ['a.xlsx', '220102', 2021, 'form'],
        ['b.csv', '220103', null, 'csv'],
      ],
      undefined,
      2021,
      [{ code: 'year-from-forms', params: { year: 2021 } }],
      [2021, 2021],
      [null, null],
    ],
    ['a CSV row of an unknown branch gets no year', [['b.csv', null, null, 'csv']], 2021, 2021, [], [null], [null]],
    ['a CSV row of another year', [['b.csv', '220103', 2020, 'csv']], 2021, 2021, [], [2020], [[2020, 2021, '']]],
    ['a form without a year stays without one', [['a.xlsx', null, null, 'form']], 2021, 2021, [], [null], [null]],
  ];
  it.each(cases)('%s', (_what, spec, given, runYear, notices, yearsAfter, wrong) => {
    const returns = spec.map(([file, code, year, kind]) => ret(file, code, year, kind));
    const got: RunNotice[] = [];
    expect(resolveYear(returns, given, got)).toBe(runYear);
    expect(got).toEqual(notices);
    expect(returns.map((r) => r.year)).toEqual(yearsAfter);
    returns.forEach((r, i) => {
      const w = wrong[i];
      if (!w) {
        expect(codes(r)).toEqual(['value-loose']);
        return;
      }
      // The wrong-year error comes first, on the file as a whole.
      expect(codes(r)).toEqual(['identity-wrong-year', 'value-loose']);
      const f = r.findings[0]!;
      expect([f.severity, f.file, f.sheet, f.cell, f.indicator]).toEqual(['error', r.file, null, null, null]);
      expect(f.params).toMatchObject({ found: w[0], expected: w[1], hint: w[2] });
    });
  });
});

describe('checkDuplicates', () => {
  type Row = [string, [string, string | null][], (string | null)[]];
  // [what, returns (file, code), the "other" each duplicate-org finding names (null: no finding)]
  const cases: Row[] = [
    [
      'all different',
      [
        ['a.xlsx', '220102'],
        ['b.xlsx', '220103'],
        ['c.xlsx', '220100'],
      ],
      [null, null, null],
    ],
    [
      'two files for one branch: each names the other',
      [
        ['a.xlsx', '220102'],
        ['b.xlsx', '220103'],
        ['南关区(1).xlsx', '220102'],
      ],
      ['南关区(1).xlsx', null, 'a.xlsx'],
    ],
    [
      'three files for one branch: each names the other two',
      [
        ['a.xlsx', '220102'],
        ['b.xlsx', '220102'],
        ['c.csv', '220102'],
      ],
      ['b.xlsx、c.csv', 'a.xlsx、c.csv', 'a.xlsx、b.xlsx'],
    ],
    [
      'two pairs',
      [
        ['a.xlsx', '220102'],
        ['b.xlsx', '220103'],
        ['c.xlsx', '220103'],
        ['d.xlsx', '220102'],
      ],
      ['d.xlsx', 'c.xlsx', 'b.xlsx', 'a.xlsx'],
    ],
    [
      'files with no branch are not duplicates of each other',
      [
        ['a.xlsx', null],
        ['b.xlsx', null],
      ],
      [null, null],
    ],
  ];
  it.each(cases)('%s', (_what, spec, others) => {
    const returns = spec.map(([file, code]) => ret(file, code, 2021));
    checkDuplicates(returns);
    returns.forEach((r, i) => {
      const other = others[i];
      if (other === null) {
        expect(codes(r)).toEqual(['value-loose']);
        return;
      }
      expect(codes(r)).toEqual(['duplicate-org', 'value-loose']);
      const f = r.findings[0]!;
      expect([f.severity, f.file, f.sheet, f.cell, f.indicator]).toEqual(['error', r.file, null, null, null]);
      expect(f.params).toEqual({ code: r.org!.code, name: r.org!.name, other });
    });
  });
});
