// rc-org feedback end to end on issue 18's scenario (fixtures/bulletin-2021: 长春市's year with a damaged return named
// as rc-org names it, two versions, one branch that sent nothing, an explained and an unexplained decrease, a cell to
// correct), run by the built CLI as 长春市's clerk (--under 220100) and as the province, where every other city sent
// nothing. Asserted on what the clerk sends and reads: 消息.txt, 催报名单 (csv and xlsx), feedback.csv, the console —
// each branch written to about its own problem, never the office running the command; 由谁督促 on every chase row;
// the two versions by cell and file; the root's missing return as the clerk's to-do line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

const DUE = ['--due', '2021-12-31'];
const bom = (file: string): string => {
  const s = readFileSync(file, 'utf8');
  expect(s.charCodeAt(0)).toBe(0xfeff);
  return s.slice(1);
};
const csvRows = (file: string): string[][] => {
  const rows: string[][] = parse(bom(file), { relax_column_count: true });
  return rows;
};
async function xlsxRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('催报名单')!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text)));
  return rows;
}
/** 消息.txt as blocks: the heading line (for the clerk) and the message (to paste). */
const blocks = (file: string): { head: string; message: string }[] =>
  bom(file)
    .split('\r\n\r\n')
    .map((b) => b.replace(/\r\n$/, '').split('\r\n'))
    .map(([head, message, ...rest]) => {
      expect(rest).toEqual([]);
      return { head: head!, message: message ?? '' };
    });

const KUANCHENG_FILE = '2021_220103_宽城区_组织体系建设统计表.xlsx';
const GZL_A = '2021_220184_公主岭市_组织体系建设统计表.xlsx';
const GZL_B = '公主岭市-修改后.xlsx';

// What each message must name — its parameters: the addressee first, the files, rows and figures, the deadline. The
// words of a whole message are read once, in test/feedback-scenario.e2e.test.ts.
const MUST_NAME: Record<string, string[]> = {
  '220102': ['长春市南关区红十字会：', '1 处需核实', '附件2 第 10 行', '-120', '（2021_220102_南关区_退回修改.xlsx，', '12 月 31 日前'],
  '220103': ['长春市宽城区红十字会：', `“${KUANCHENG_FILE}”无法打开`, '12 月 31 日前'],
  '220104': ['长春市朝阳区红十字会：', '1 处需修改', '附件1 第 9 行', '“十二”', '（2021_220104_朝阳区_退回修改.xlsx，', '12 月 31 日前'],
  '220182': ['榆树市红十字会：', '尚未收到', '2021 年度', '12 月 31 日前'],
  '220184': ['公主岭市红十字会：', '2 份不同的', `“${GZL_A}”“${GZL_B}”`, '附件1 第 10 行', '6,698', '6,798', '附件2 第 10 行', '182', '282', '12 月 31 日前'],
  '220100': ['长春市红十字会：', '所辖 1 个单位', '：榆树市。', '12 月 31 日前'],
  '220200': ['吉林市红十字会：', '尚未收到', '2021 年度', '另有所辖 9 个单位尚未报送：昌邑区、龙潭区、船营区、丰满区、永吉县、蛟河市、桦甸市、舒兰市等', '12 月 31 日前'],
};
function expectMessage(code: string, message: string | undefined): void {
  const must = MUST_NAME[code]!;
  expect(message?.startsWith(must[0]!), `${code}: ${message}`).toBe(true);
  for (const part of must) expect(message, code).toContain(part);
}
const CITY_HEADS = [
  '【220102 南关区 · 已报送·有警告 · 附：2021_220102_南关区_退回修改.xlsx】',
  '【220103 宽城区 · 已报送·需重报】',
  '【220104 朝阳区 · 已报送·需重报 · 附：2021_220104_朝阳区_退回修改.xlsx】',
  '【220182 榆树市 · 未报送】',
  '【220184 公主岭市 · 已报送·需重报】',
];

let dir: string;
beforeAll(() => {
  dir = tempDir();
  copyFixture('fixtures/bulletin-2021', dir, 'b');
});

/** 宽城区's damaged file carries rc-org's own name (code and name): it is 宽城区's, 已报送·需重报 (issue 18 item 4). */
const KUANCHENG_STATUS = '已报送·需重报';

describe('as 长春市’s clerk (--under 220100)', () => {
  let run: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    run = spawnCli(['feedback', 'b/returns', '--baseline', 'b/baseline-2020.csv', '--under', '220100', ...DUE, '--out', 'city'], {
      cwd: dir,
      timeoutMs: 180_000,
    });
  }, 200_000);

  it('exits 1, writes the two correction forms and the lists — no blank form, nothing for 宽城区 to fill in again', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(readdirSync(join(dir, 'city')).sort()).toEqual(
      ['2021_220102_南关区_退回修改.xlsx', '2021_220104_朝阳区_退回修改.xlsx', 'feedback.csv', '催报名单.csv', '催报名单.xlsx', '消息.txt'].sort(),
    );
    // 长春市 reported: the clerk has no to-do of her own. 宽城区's damaged file is 宽城区's, not a file of no branch.
    expect(run.stdout).not.toContain('本级待办');
    expect(run.stdout).not.toContain('无法认定单位的文件');
    expect(run.stdout).toMatch(/220103 +│ 宽城区 +│ 已报送·需重报 +│ +1 │ 文件“2021_220103_宽城区_组织体系建设统计表\.xlsx”无法打开/);
  });

  it('消息.txt: one block per branch about its own problem; none to 长春市 itself, none to 农安县 (its decrease is explained)', () => {
    const bs = blocks(join(dir, 'city', '消息.txt'));
    expect(bs.map((b) => b.head)).toEqual(CITY_HEADS);
    for (const b of bs) expectMessage(b.head.slice(1, 7), b.message);
  });

  it('feedback.csv: the same messages, with status, action, count and the files for each branch', () => {
    const rows = csvRows(join(dir, 'city', 'feedback.csv'));
    expect(rows.map((r) => r.slice(0, -1))).toEqual([
      ['代码', '单位', '状态', '处理', '问题数', '发给该单位的文件'],
      ['220102', '南关区', '已报送·有警告', '退回修改', '1', '2021_220102_南关区_退回修改.xlsx'],
      ['220103', '宽城区', KUANCHENG_STATUS, '请其重新发送文件', '1', ''],
      ['220104', '朝阳区', '已报送·需重报', '退回修改', '1', '2021_220104_朝阳区_退回修改.xlsx'],
      ['220182', '榆树市', '未报送', '催报', '0', ''],
      ['220184', '公主岭市', '已报送·需重报', '确认最终版', '2', ''],
    ]);
    expect(rows[0]!.at(-1)).toBe('消息');
    // the message column is 消息.txt's message for that branch, word for word
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(blocks(join(dir, 'city', '消息.txt')).map((b) => b.message));
  });

  const CHASE: string[][] = [
    ['代码', '单位', '上级代码', '上级单位', '状态', '原因', '由谁督促'],
    [
      '220103',
      '宽城区',
      '220100',
      '长春市',
      KUANCHENG_STATUS,
      `文件“${KUANCHENG_FILE}”无法打开（文件不完整，可能是传送时中断了），已请其重新发送`,
      '长春市（本级）',
    ],
    ['220104', '朝阳区', '220100', '长春市', '已报送·需重报', '错误 1 处，已退回修改', '长春市（本级）'],
    ['220182', '榆树市', '220100', '长春市', '未报送', '未收到报表', '长春市（本级）'],
    ['220184', '公主岭市', '220100', '长春市', '已报送·需重报', `报送了 2 份不同的文件：${GZL_A}、${GZL_B}`, '长春市（本级）'],
  ];

  it('催报名单.csv and .xlsx: each branch 未报送 or 需重报 but never 长春市 itself, 由谁督促 on every row', async () => {
    expect(csvRows(join(dir, 'city', '催报名单.csv'))).toEqual(CHASE);
    expect(await xlsxRows(join(dir, 'city', '催报名单.xlsx'))).toEqual(CHASE);
  });

  it('in English: the same letters, counted right ("1 point to check")', () => {
    const en = spawnCli(['feedback', 'b/returns', '--baseline', 'b/baseline-2020.csv', '--under', '220100', ...DUE, '--lang', 'en', '--out', 'city-en'], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    expect(en.code, en.stderr).toBe(1);
    const messages = blocks(join(dir, 'city-en', '消息.txt')).map((b) => b.message);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toMatch(/^长春市南关区红十字会 \(220102\): your return \(组织体系建设统计表\) has 1 point to check: /);
    expect(messages[0]).toContain('Please check it on the form sent back to you (2021_220102_南关区_退回修改.xlsx, where it is marked)');
    expect(messages[1]).toBe(
      `长春市宽城区红十字会 (220103): the file you sent ("${KUANCHENG_FILE}") cannot be opened (it is incomplete, probably cut off in transfer). ` +
        'Please send it again by 31 December 2021.',
    );
    expect(messages[4]).toContain(`They differ at 附件1 row 10: ${GZL_A} has 6,698, ${GZL_B} has 6,798; 附件2 row 10: ${GZL_A} has 182, ${GZL_B} has 282.`);
    expect(en.stdout).toMatch(/; 5 branches must act\./);
    expect(
      csvRows(join(dir, 'city-en', '催报名单.csv'))
        .slice(1)
        .map((r) => r[6]),
    ).toEqual(Array(4).fill('长春市 (this office)'));
  }, 200_000);
});

describe('as the province, where only 长春市 sent returns', () => {
  let run: ReturnType<typeof spawnCli>;
  beforeAll(() => {
    run = spawnCli(['feedback', 'b/returns', '--baseline', 'b/baseline-2020.csv', ...DUE, '--out', 'prov'], { cwd: dir, timeoutMs: 180_000 });
  }, 200_000);

  it('the province’s own missing return is the clerk’s to-do line, on the console and at the head of 消息.txt', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('本级待办（吉林省红十字会）：本级报表尚未填报');
    expect(
      bom(join(dir, 'prov', '消息.txt'))
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['【本级待办（吉林省红十字会）：本级报表尚未填报】', '']);
  });

  it('no message to the province itself; each branch written to about its own problem, 长春市 asked to chase 榆树市 only', () => {
    const bs = blocks(join(dir, 'prov', '消息.txt')).slice(1);
    expect(bs.some((b) => b.head.includes('220000') || b.message.startsWith('吉林省红十字会'))).toBe(false);
    const of = (code: string) => bs.find((b) => b.head.startsWith(`【${code} `))?.message;
    expectMessage('220100', of('220100'));
    // 长春市's counties with a file are written to about that file; 榆树市 only through 长春市.
    for (const code of ['220102', '220103', '220104', '220184']) expectMessage(code, of(code));
    expect(of('220182')).toBeUndefined();
    // A city that sent nothing: its own return, then its counties to chase — never itself among them.
    expectMessage('220200', of('220200'));
    // Whoever a message asks to chase is below the addressee, never the addressee itself.
    for (const b of bs) {
      const name = /^【\S+ (\S+) /.exec(b.head)![1]!;
      const chased = [...b.message.matchAll(/所辖 \d+ 个单位(?:尚未报送|的《组织体系建设统计表》)：([^。，]+)/g)].flatMap((m) =>
        m[1]!.replace(/等$/, '').split('、'),
      );
      expect(chased).not.toContain(name);
    }
    expect(bs.filter((b) => b.message.includes('所辖'))).toHaveLength(9); // 长春市 and the eight cities with counties: the check above saw them
    expect(bom(join(dir, 'prov', 'feedback.csv'))).not.toContain('\r\n220000,');
  });

  it('催报名单: no row for the province; 由谁督促 on every row — the province itself for a city, the city for a county', async () => {
    const rows = csvRows(join(dir, 'prov', '催报名单.csv'));
    expect(rows[0]).toEqual(['代码', '单位', '上级代码', '上级单位', '状态', '原因', '由谁督促']);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).not.toContain('220000');
    // 71 expected, 8 passed or with explained warnings (长春市 and 7 counties), 1 with warnings (南关区): 62 to chase.
    expect(body).toHaveLength(62);
    for (const r of body) expect(r[6], r.join(',')).not.toBe('');
    const row = (code: string) => body.find((r) => r[0] === code);
    expect(row('220200')).toEqual(['220200', '吉林市', '220000', '吉林省', '未报送', '未收到报表', '吉林省（本级）']);
    expect(row('220202')).toEqual(['220202', '昌邑区', '220200', '吉林市', '未报送', '未收到报表', '吉林市']);
    expect(row('220182')).toEqual(['220182', '榆树市', '220100', '长春市', '未报送', '未收到报表', '长春市']);
    expect(row('220103')!.slice(4)).toEqual([KUANCHENG_STATUS, `文件“${KUANCHENG_FILE}”无法打开（文件不完整，可能是传送时中断了），已请其重新发送`, '长春市']);
    expect(row('X22CBS')!.slice(4)).toEqual(['未报送', '未收到报表', '吉林省（本级）']);
    expect(row('220581')!.slice(4)).toEqual(['未报送', '未收到报表', '吉林省（本级）']);
    for (const r of body) expect(r[6]).toBe(r[2] === '220000' ? '吉林省（本级）' : r[3]); // the parent, or this office
    expect(await xlsxRows(join(dir, 'prov', '催报名单.xlsx'))).toEqual(rows);
  });
});
