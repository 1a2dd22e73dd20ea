import { describe, expect, it } from 'vitest';
import { MESSAGES, PARAM_WORDS, exclusionReasons, message, nestedParams, sourceNoteText, type MessageCode } from '../src/messages.js';
import { WORDS, word } from '../src/words.js';
import { finding } from '../src/core/finding.js';

// Words are data: every key says its thing in both languages, and a message parameter that names a key is said
// in the run's language wherever the message is printed.

const LANGS = ['zh', 'en'] as const;

/** What one language's entry is, for comparing the two: a text, a list of texts, or a phrase (a function). */
const shape = (v: unknown): string => (Array.isArray(v) ? `list of ${v.length}` : typeof v);

describe('the word tables have both languages for every key', () => {
  it.each(Object.keys(WORDS))('WORDS.%s', (key) => {
    const entry = WORDS[key as keyof typeof WORDS] as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual(['en', 'zh']);
    expect(shape(entry.en)).toBe(shape(entry.zh));
    for (const lang of LANGS) {
      const v = entry[lang];
      if (typeof v === 'string') expect(v.length, `${key}.${lang}`).toBeGreaterThan(0);
      else if (Array.isArray(v)) for (const t of v) expect(typeof t === 'string' && t.length > 0, `${key}.${lang}`).toBe(true);
      else expect(typeof v, `${key}.${lang}`).toBe('function');
    }
  });

  it.each(Object.entries(PARAM_WORDS).flatMap(([table, keys]) => Object.keys(keys).map((k) => [table, k])))('PARAM_WORDS.%s[%s]', (table, key) => {
    const entry = (PARAM_WORDS as unknown as Record<string, Record<string, Record<string, unknown>>>)[table]![key]!;
    expect(Object.keys(entry).sort()).toEqual(['en', 'zh']);
    expect(typeof entry.en).toBe(typeof entry.zh);
    for (const lang of LANGS) {
      const v = entry[lang];
      if (typeof v === 'string') expect(v.length).toBeGreaterThan(0);
      else expect(typeof v).toBe('function');
    }
  });

  it.each(Object.keys(MESSAGES))('MESSAGES[%s]', (code) => {
    const entry = MESSAGES[code as MessageCode] as unknown as Record<string, unknown>;
    expect(typeof entry.zh).toBe('function');
    expect(typeof entry.en).toBe('function');
  });
});

describe('message parameters name words by key', () => {
  it.each([
    ['file-skipped', { file: 'a.docx', reason: 'not-a-form' }, '已跳过 a.docx：不是 .xlsx 或 .csv 文件。', 'Skipped a.docx: not an .xlsx or .csv file.'],
    ['file-not-regular', { kind: 'fifo' }, '命名管道（FIFO）', 'a named pipe (FIFO)'],
    ['csv-malformed', { line: 3, problem: 'too-many-columns', count: 6000 }, '第 3 行：列数过多（6000 列）', 'line 3: too many columns (6000)'],
    ['output-not-writable', { dir: '/x', reason: 'system-error', detail: 'EIO' }, '（系统错误 EIO）', '(system error EIO)'],
    ['output-not-writable', { dir: '/x', reason: 'system-error', detail: '' }, '（系统错误 未知）', '(system error unknown)'],
    ['own-output-skipped', { file: 's.json', what: 'summary-json' }, '自己生成的汇总数据（summary.json）', 'it is the summary data (summary.json) written'],
    [
      'value-loose',
      { label: 'L', found: '１,２', how: 'text,full-width,thousands', value: '12' },
      '（数字存为文本、全角数字、千位分隔符）',
      '(number stored as text, full-width digits, thousands separators)',
    ],
    ['not-applicable-filled', { label: 'L', found: '1', level: 'county' }, '不适用于县级单位', 'does not apply to a county branch'],
    [
      'registry-level-order',
      { code: 'a', level: 'city', parent: 'b', parentLevel: 'county' },
      '（市级）的上级 b 是县级单位',
      'Branch a (city) sits under b (county)',
    ],
    [
      'identity-wrong-year',
      { found: 2020, expected: 2021, hint: 'pick-year' },
      '请报送本年度的报表（或用 --year 指定年度）。',
      "Send this year's form (or pick the year with --year).",
    ],
    ['file-old-format', { install: 'libreoffice' }, '如本机安装了 LibreOffice', 'With LibreOffice installed'],
    [
      'form-exported',
      { fullName: '长春市南关区红十字会', name: '南关区', code: '220102', format: 'CSV', lost: 'annex2', install: '' },
      '这是长春市南关区红十字会的报表另存成的 CSV 文件：另存时丢失了单位标识和附件2（CSV 只保存当前一张工作表）',
      "This is 220102 南关区's form saved as CSV: saving it so lost the branch identity and 附件2",
    ],
    [
      'form-exported',
      { fullName: '', name: '', code: '', format: 'ODS', lost: '', install: '' },
      '这是某单位的报表另存成的 ODS 文件：另存时丢失了单位标识，无法采用。',
      "This is a branch's form saved as ODS: saving it so lost the branch identity, so",
    ],
  ] as const)('%s %j', (code, params, zh, en) => {
    expect(message(code, params, 'zh')).toContain(zh);
    expect(message(code, params, 'en')).toContain(en);
  });

  it('shows a value that is no key as it is (the words of an older file), and is not fooled by Object.prototype', () => {
    expect(message('not-applicable-filled', { label: 'L', found: '1', level: '县级' }, 'en')).toContain('a 县级 branch');
    expect(message('file-not-regular', { kind: 'constructor' }, 'zh')).toContain('而是constructor，');
    expect(message('file-skipped', { file: 'f', reason: '' }, 'en')).toBe('Skipped f: .');
  });

  it('a finding carried inside a setup error is said in the run language, capped like any quoted text', () => {
    const f = finding('value-blank', { file: 'b.xlsx', sheet: '附件1', cell: 'C9', indicator: 'adultMembers' }, { label: '成人会员数' });
    const params = { file: 'b.xlsx', ...nestedParams(f) };
    expect(message('file-unreadable-setup', params, 'zh')).toBe(`无法读取 b.xlsx：附件1!C9 ${message('value-blank', f.params, 'zh')}`);
    expect(message('file-unreadable-setup', params, 'en')).toBe(`Cannot read b.xlsx: 附件1!C9 ${message('value-blank', f.params, 'en')}`);
    const long = finding('value-not-number', { file: 'b.xlsx', sheet: null, cell: null, indicator: null }, { label: 'L', found: 'x'.repeat(500) });
    const said = message('file-unreadable-setup', { file: 'b.xlsx', ...nestedParams(long) }, 'en');
    expect(said.length).toBe('Cannot read b.xlsx: '.length + 200);
    expect(said.endsWith('…')).toBe(true);
    expect(message('file-unreadable-setup', { file: 'b.xlsx', reason: '—' }, 'en')).toBe('Cannot read b.xlsx: —');
  });

  it('the reasons and notes of a merge are said at the edge from the same findings', () => {
    const where = { file: 'k.xlsx', sheet: '附件1', cell: 'C9', indicator: null };
    const errors = Array.from({ length: 7 }, () => finding('value-blank', where, { label: 'L' }));
    const zh = exclusionReasons(errors, 'zh');
    expect(zh).toHaveLength(6);
    expect(zh[5]).toBe('……另有 2 处错误');
    expect(exclusionReasons(errors, 'en')[5]).toBe('… and 2 more errors');
    expect(sourceNoteText({ kind: 'used' }, 'en')).toBe('');
    expect(sourceNoteText({ kind: 'with-warnings' }, 'zh')).toBe('有警告');
    expect(sourceNoteText({ kind: 'summary', used: 3 }, 'zh')).toBe('汇总表，采用其中 3 个单位的数据');
    expect(sourceNoteText({ kind: 'summary', used: 3 }, 'en')).toBe('summary; figures of 3 branches used');
    expect(sourceNoteText({ kind: 'excluded', findings: errors.slice(0, 2) }, 'zh')).toBe(
      `附件1!C9 ${message('value-blank', { label: 'L' }, 'zh').replace(/。$/, '')}；附件1!C9 ${message('value-blank', { label: 'L' }, 'zh')}`,
    );
  });

  it('word() gives the entry of the language asked for', () => {
    expect(word('listSep', 'zh')).toBe('、');
    expect(word('listSep', 'en')).toBe(', ');
    expect(word('deadlineBy', 'en')(2021, 12, 31)).toBe('by 31 December 2021');
    expect(word('deadlineBy', 'zh')(2021, 12, 31)).toBe('于 12 月 31 日前');
  });
});
