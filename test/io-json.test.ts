import { describe, expect, it } from 'vitest';
import { prettyJsonChunks } from '../src/io/json.js';

// The streamed --json output must be byte for byte what JSON.stringify(report, null, 2) would print.
describe('prettyJsonChunks', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      'a validate report',
      {
        files: [
          { file: 'a.xlsx', org: { code: '220102', name: '南关区' }, findings: [{ code: 'value-blank', cell: 'C14' }] },
          { file: 'b.csv', org: null, findings: [] },
        ],
        summary: { files: 2, ok: 1 },
        notices: [],
        year: 2021,
      },
    ],
    ['no files at all', { files: [], summary: { files: 0 }, notices: [{ code: 'file-skipped', message: 'x\ny' }], year: null }],
    ['one file, strings with quotes and newlines', { files: [{ file: 'a "b"\n.xlsx', findings: [] }], year: 2021 }],
    ['the array key last', { year: 2021, files: [1, [2, 3], { a: [] }] }],
    ['undefined values are left out, as JSON.stringify does', { files: [1], gone: undefined, year: 2021 }],
    ['an undefined last value leaves no trailing comma', { files: [1], year: 2021, gone: undefined }],
  ];
  it.each(cases)('%s', (_, obj) => {
    expect([...prettyJsonChunks(obj, 'files')].join('')).toBe(JSON.stringify(obj, null, 2) + '\n');
  });

  it('streams several array keys (summary.json: branches and sources) to the same text', () => {
    const obj = {
      schema: 2,
      branches: [
        { code: 'a', findings: [] },
        { code: 'b', figures: null },
      ],
      totals: { x: 1 },
      sources: [{ file: 'f' }],
      empty: [],
    };
    expect([...prettyJsonChunks(obj, ['branches', 'sources', 'empty'])].join('')).toBe(JSON.stringify(obj, null, 2) + '\n');
  });
});
