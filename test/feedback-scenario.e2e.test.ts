// rc-org feedback end to end on the shipped round-1 example (fixtures/example-2021-round1: 长春市 and its 11
// counties — clean, with errors, with a warning, explained, last year's form, two files, a broken file, missing):
// the exact chase list, messages and feedback.csv for a city clerk (--under 220100), contact columns from a GB18030
// and a UTF-8 registry, --blank-for-missing, --lang en, the --json shape, and the province's run over a city summary.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, fixturePath, spawnCli, tempDir } from './helpers.js';

const ROUND1 = 'fixtures/example-2021-round1';
const CONTACT = '长春市红十字会组宣部 李明 0431-80000100';
const text = (file: string): string => {
  const s = readFileSync(file, 'utf8');
  expect(s.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM, so Excel and Notepad on Chinese Windows read it right
  return s.slice(1);
};
const csvRows = (file: string): string[][] => {
  const rows: string[][] = parse(text(file), { relax_column_count: true });
  return rows;
};

let dir: string;
beforeAll(() => {
  dir = tempDir();
  for (const f of ['returns', 'baseline-2020.csv', 'registry-with-contacts-gb18030.csv']) copyFixture(`${ROUND1}/${f}`, dir);
  // The same registry as UTF-8 with BOM.
  const gb = readFileSync(join(dir, 'registry-with-contacts-gb18030.csv'));
  writeFileSync(join(dir, 'registry-utf8.csv'), '\ufeff' + new TextDecoder('gb18030').decode(gb));
});

const NANGUAN =
  '长春市南关区红十字会：你会报表有 5 处需修改或核实：（1）附件1 第 2 行“市级红十字会应换届数”不适用于县级单位（应为“—”），但填了 1，请清空或填 0；（2）附件1 第 9 行“红十字会团体会员数”未填写，本级适用此项，请填写（没有的填 0，不要留空）；（3）附件1 第 10 行“红十字会成人会员数”填的是“六千四百”，请改为阿拉伯数字；（4）附件2 第 3 行“县级红十字会完成换届增加数”填的是 1，大于附件1“县级红十字会应换届个数”的 0，请核实，如数字无误，请在该行“说明”栏写明原因；（5）附件2 第 12 行“红十字会注册志愿者增加数”填的是 200，但附件1 本年 1,200 减去 2020 年的 1,050 应为 150，请改为 150（如附件1 有误，请一并改正）。请按退回的修改表（2021_220102_南关区_退回修改.xlsx，已标出这些单元格）于 12 月 31 日前更正或核实后重新报送。联系人：长春市红十字会组宣部 李明 0431-80000100。';
// What each other message must name — its parameters: the addressee first, the files, rows and counts, the deadline
// — and the contact last. NANGUAN is the one message read word for word.
const MUST_NAME: Record<string, string[]> = {
  '220104': ['长春市朝阳区红十字会：', '1 处需核实', '附件2 第 3 行', '（2021_220104_朝阳区_退回修改.xlsx，', '12 月 31 日前'],
  '220106': ['长春市绿园区红十字会：', '“绿园区红十字会报表.xlsx”', '2020 年度', '2021 年度', '（2021_220106_绿园区_组织体系建设统计表.xlsx）', '12 月 31 日前'],
  '220112': ['长春市双阳区红十字会：', '2 份不同的', '“2021_220112_双阳区_组织体系建设统计表.xlsx”“双阳区报表-修改版.xlsx”', '附件1 第 8 行“说明”', '“基层组织数已与街道核对。”', '12 月 31 日前'],
  '220113': ['长春市九台区红十字会：', '尚未收到', '2021 年度', '12 月 31 日前'],
  '220122': ['农安县红十字会：', '尚未收到', '2021 年度', '12 月 31 日前'],
  '220183': ['德惠市红十字会：', '“德惠市红十字会报表.xlsx”无法打开', '12 月 31 日前'],
};
function expectMessage(code: string, message: string): void {
  if (code === '220102') return expect(message).toBe(NANGUAN);
  const must = MUST_NAME[code]!;
  expect(message.startsWith(must[0]!), `${code}: ${message}`).toBe(true);
  for (const part of must) expect(message, code).toContain(part);
  expect(message.endsWith(`联系人：${CONTACT}。`), `${code}: ${message}`).toBe(true);
}

describe('a city clerk (--under 220100), registry with contacts in GB18030', () => {
  let report: Record<string, unknown> & { branches: Record<string, unknown>[]; totals: Record<string, number>; unattributed: Record<string, unknown>[] };
  let code: number;
  beforeAll(() => {
    const r = spawnCli(
      [
        'feedback',
        'returns',
        '--orgs',
        'registry-with-contacts-gb18030.csv',
        '--baseline',
        'baseline-2020.csv',
        '--under',
        '220100',
        '--due',
        '2021-12-31',
        '--contact',
        CONTACT,
        '--out',
        'out',
        '--json',
      ],
      { cwd: dir },
    );
    code = r.code;
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout);
  }, 120_000);

  it('exits 1 (branches must act) and counts one status per branch, adding up to the 12 expected', () => {
    expect(code).toBe(1);
    expect(report.scope).toBe('220100');
    expect(report.totals).toEqual({ passed: 5, warnings: 1, resubmit: 3, 'by-summary': 0, missing: 3, expected: 12, mustAct: 7, unattributed: 1 });
    expect(report.branches.map((b) => [b.code, b.status, b.action])).toEqual([
      ['220100', 'passed', 'none'],
      ['220102', 'resubmit', 'correct'],
      ['220103', 'passed', 'none'],
      ['220104', 'warnings', 'correct'],
      ['220105', 'passed', 'none'],
      ['220106', 'resubmit', 'fresh-form'],
      ['220112', 'resubmit', 'choose-file'],
      ['220113', 'missing', 'report'],
      ['220122', 'missing', 'report'],
      ['220182', 'passed', 'none'],
      ['220183', 'missing', 'resend-file'], // its truncated file, tied to it by name: asked to send it again
      ['220184', 'passed', 'none'],
    ]);
  });

  it("feedback's own lists in a folder passed back as returns are skipped as rc-org's outputs, not read as returns", () => {
    const r = spawnCli(['validate', 'returns', 'out', '--orgs', 'registry-with-contacts-gb18030.csv', '--under', '220100', '--json'], { cwd: dir });
    const v = JSON.parse(r.stdout) as { notices: { code: string; file?: string }[]; files: { file: string }[] };
    const skipped = v.notices
      .filter((n) => n.code === 'own-output-skipped')
      .map((n) => n.file!.split('/').pop())
      .sort();
    expect(skipped).toEqual(['feedback.csv', '催报名单.csv', '催报名单.xlsx']);
    expect(v.files.map((f) => f.file).filter((f) => /催报名单|feedback\.csv/.test(f))).toEqual([]);
  }, 60_000);

  it('has the --json shape the README documents', () => {
    expect(Object.keys(report).sort()).toEqual(
      ['baselineYear', 'branches', 'contact', 'due', 'notices', 'outDir', 'scope', 'todo', 'totals', 'unattributed', 'written', 'year'].sort(),
    );
    expect(Object.keys(report.branches[0]!).sort()).toEqual(
      ['action', 'chasedBy', 'chases', 'code', 'contact', 'files', 'message', 'name', 'parent', 'problems', 'reason', 'status', 'via', 'written'].sort(),
    );
    const nanguan = report.branches[1] as { problems: Record<string, unknown>[]; message: string; contact: unknown };
    expect(Object.keys(nanguan.problems[0]!).sort()).toEqual(
      ['annex', 'cell', 'code', 'file', 'found', 'key', 'label', 'no', 'severity', 'source', 'todo'].sort(),
    );
    expectMessage('220102', nanguan.message);
    expect(nanguan.contact).toEqual({ person: '赵丽', phone: '0431-80000102', email: '' });
    expect(report.unattributed).toEqual([
      {
        file: 'returns/德惠市红十字会报表.xlsx',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        guess: '220183',
        findings: [expect.objectContaining({ code: 'file-truncated', severity: 'error' })],
      },
    ]);
    expect([report.year, report.baselineYear, report.due, report.contact]).toEqual([2021, 2020, '2021-12-31', CONTACT]);
  });

  it('writes the correction forms, the fresh blank forms and the lists, nothing else', () => {
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(
      [
        '2021_220102_南关区_退回修改.xlsx',
        '2021_220104_朝阳区_退回修改.xlsx',
        '2021_220106_绿园区_组织体系建设统计表.xlsx',
        'feedback.csv',
        '催报名单.csv',
        '催报名单.xlsx',
        '消息.txt',
      ].sort(),
    );
  });

  it('消息.txt: one block per branch to write to, each naming what that branch must do', () => {
    const lines = text(join(dir, 'out', '消息.txt')).split('\r\n');
    const heads = [
      '【220102 南关区 · 已报送·需重报 · 赵丽 0431-80000102 · 附：2021_220102_南关区_退回修改.xlsx】',
      '【220104 朝阳区 · 已报送·有警告 · 孙静 0431-80000104 cy@example.org · 附：2021_220104_朝阳区_退回修改.xlsx】',
      '【220106 绿园区 · 已报送·需重报 · 吴敏 0431-80000106 · 附：2021_220106_绿园区_组织体系建设统计表.xlsx】',
      '【220112 双阳区 · 已报送·需重报 · 郑涛 0431-80000112】',
      '【220113 九台区 · 未报送 · 王霞 0431-80000113】',
      '【220122 农安县 · 未报送 · 冯军 0431-80000122 na@example.org】',
      '【220183 德惠市 · 未报送 · 褚亮 0431-80000183】',
    ];
    expect(lines).toHaveLength(heads.length * 3);
    heads.forEach((head, k) => {
      expect(lines[3 * k]).toBe(head);
      expectMessage(head.slice(1, 7), lines[3 * k + 1]!);
      expect(lines[3 * k + 2]).toBe('');
    });
  });

  it('feedback.csv: the same messages, one row per branch, with status, action, count and files', () => {
    const rows = csvRows(join(dir, 'out', 'feedback.csv'));
    const blocks = text(join(dir, 'out', '消息.txt')).split('\r\n').filter((_, k) => k % 3 === 1);
    expect(rows.map((r) => r.slice(0, -1))).toEqual([
      ['代码', '单位', '状态', '处理', '问题数', '发给该单位的文件'],
      ['220102', '南关区', '已报送·需重报', '退回修改', '5', '2021_220102_南关区_退回修改.xlsx'],
      ['220104', '朝阳区', '已报送·有警告', '退回修改', '1', '2021_220104_朝阳区_退回修改.xlsx'],
      ['220106', '绿园区', '已报送·需重报', '重发空白报表', '1', '2021_220106_绿园区_组织体系建设统计表.xlsx'],
      ['220112', '双阳区', '已报送·需重报', '确认最终版', '2', ''],
      ['220113', '九台区', '未报送', '催报', '0', ''],
      ['220122', '农安县', '未报送', '催报', '0', ''],
      ['220183', '德惠市', '未报送', '请其重新发送文件', '1', ''],
    ]);
    expect(rows[0]!.at(-1)).toBe('消息');
    // the message column is 消息.txt's message for that branch, word for word
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(blocks);
    for (const r of rows.slice(1)) expectMessage(r[0]!, r.at(-1)!);
  });

  const CHASE = [
    ['代码', '单位', '上级代码', '上级单位', '状态', '原因', '由谁督促', '联系人', '电话', '邮箱'],
    ['220102', '南关区', '220100', '长春市', '已报送·需重报', '错误 4 处、需核实 1 处，已退回修改', '长春市（本级）', '赵丽', '0431-80000102', ''],
    [
      '220106',
      '绿园区',
      '220100',
      '长春市',
      '已报送·需重报',
      '文件“绿园区红十字会报表.xlsx”是 2020 年度的报表（本次收集 2021 年度），已重发空白报表',
      '长春市（本级）',
      '吴敏',
      '0431-80000106',
      '',
    ],
    [
      '220112',
      '双阳区',
      '220100',
      '长春市',
      '已报送·需重报',
      '报送了 2 份不同的文件：2021_220112_双阳区_组织体系建设统计表.xlsx、双阳区报表-修改版.xlsx',
      '长春市（本级）',
      '郑涛',
      '0431-80000112',
      '',
    ],
    ['220113', '九台区', '220100', '长春市', '未报送', '未收到报表', '长春市（本级）', '王霞', '0431-80000113', ''],
    ['220122', '农安县', '220100', '长春市', '未报送', '未收到报表', '长春市（本级）', '冯军', '0431-80000122', 'na@example.org'],
    [
      '220183',
      '德惠市',
      '220100',
      '长春市',
      '未报送',
      '文件“德惠市红十字会报表.xlsx”无法打开（文件不完整，可能是传送时中断了），已请其重新发送',
      '长春市（本级）',
      '褚亮',
      '0431-80000183',
      '',
    ],
  ];

  it("催报名单.csv: every branch 未报送 or 需重报, with the registry's contact columns", () => {
    expect(csvRows(join(dir, 'out', '催报名单.csv'))).toEqual(CHASE);
  });

  it('催报名单.xlsx: the same rows, and the file of no branch on its own sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'out', '催报名单.xlsx'));
    const rowsOf = (ws: ExcelJS.Worksheet): string[][] => {
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text)));
      return rows;
    };
    expect(wb.worksheets.map((w) => w.name)).toEqual(['催报名单', '无法认定单位的文件']);
    expect(rowsOf(wb.worksheets[0]!)).toEqual(CHASE);
    expect(rowsOf(wb.worksheets[1]!)).toEqual([
      ['文件', 'SHA-256', '原因', '按文件名可能是'],
      ['returns/德惠市红十字会报表.xlsx', expect.stringMatching(/^[0-9a-f]{64}$/), '不完整（可能是传送时中断了）', '220183'],
    ]);
  });

  it("the fresh blank forms are this year's issued forms for those branches", () => {
    const r = spawnCli(['validate', 'out/2021_220106_绿园区_组织体系建设统计表.xlsx', '--json'], { cwd: dir });
    const v = JSON.parse(r.stdout) as { files: { org: { code: string }; year: number; findings: { code: string }[] }[] };
    expect(v.files.map((f) => [f.org.code, f.year])).toEqual([['220106', 2021]]);
    expect(new Set(v.files.flatMap((f) => f.findings.map((x) => x.code)))).toEqual(new Set(['value-blank'])); // blank, nothing else wrong
  });
});

describe('UTF-8 registry, --blank-for-missing, --lang en', () => {
  it('adds a blank form per missing branch, carries the contacts, and words the messages in English', () => {
    const r = spawnCli(
      [
        'feedback',
        'returns',
        '--orgs',
        'registry-utf8.csv',
        '--under',
        '220100',
        '--year',
        '2021',
        '--baseline',
        'baseline-2020.csv',
        '--blank-for-missing',
        '--lang',
        'en',
        '--out',
        'out-en',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('12 expected: 5 passed, 1 with warnings, 3 to resubmit, 0 in a summary, 3 missing; 7 branches must act.');
    const files = readdirSync(join(dir, 'out-en'));
    expect(files).toEqual(expect.arrayContaining(['2021_220113_九台区_组织体系建设统计表.xlsx', '2021_220122_农安县_组织体系建设统计表.xlsx']));
    const chase = csvRows(join(dir, 'out-en', '催报名单.csv'));
    expect(chase[0]).toEqual(['code', 'name', 'parent', 'parent name', 'status', 'reason', 'chased through', 'contact', 'phone', 'email']);
    expect(chase.find((row) => row[0] === '220122')).toEqual([
      '220122',
      '农安县',
      '220100',
      '长春市',
      'missing',
      'nothing received',
      '长春市 (this office)',
      '冯军',
      '0431-80000122',
      'na@example.org',
    ]);
    const messages = text(join(dir, 'out-en', '消息.txt')).split('\r\n');
    expect(messages).toContain(
      '农安县红十字会 (220122): we have not yet received your return (组织体系建设统计表) for 2021. A blank form (2021_220122_农安县_组织体系建设统计表.xlsx) is attached. Please send your return as soon as possible.',
    );
  });
});

describe("the province: branches reporting to it directly, and a city's summary", () => {
  it('does not chase the counties a city summary covers, and asks each missing city to chase its counties', () => {
    const prov = tempDir();
    mkdirSync(join(prov, 'jilin'));
    mkdirSync(join(prov, 'in'));
    // 吉林市 collects its own level and its 9 counties and merges them (--under 220200): that summary goes up.
    const example = 'fixtures/example-2021/returns';
    for (const code of ['220200', '220202', '220203', '220204', '220211', '220221', '220281', '220282', '220283', '220284']) {
      const name = readdirSync(fixturePath(example)).find((f) => f.includes(`_${code}_`) || (code === '220202' && f.startsWith('昌邑区')))!;
      copyFixture(`${example}/${name}`, join(prov, 'jilin'));
    }
    expect(spawnCli(['merge', 'jilin', '--under', '220200', '--out', 'jilin-sum'], { cwd: prov }).code).toBe(0);
    copyFixture(`${example}/2021_220000_吉林省_组织体系建设统计表.xlsx`, join(prov, 'in'));
    copyFixture(`${example}/2021_220581_梅河口市_组织体系建设统计表.xlsx`, join(prov, 'in'));
    copyFixture(`${example}/2021_X22CBS_长白山管委会社管办_组织体系建设统计表.xlsx`, join(prov, 'in'));
    const sum = readdirSync(join(prov, 'jilin-sum')).find((f) => f.endsWith('_汇总.xlsx'))!;
    writeFileSync(join(prov, 'in', sum), readFileSync(join(prov, 'jilin-sum', sum)));

    const r = spawnCli(['feedback', 'in', '--year', '2021', '--due', '2021-12-31', '--out', 'out', '--json'], { cwd: prov });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      branches: { code: string; status: string; message: string | null; chasedBy: string | null; chases: string[] }[];
      totals: Record<string, number>;
    };
    const of = (c: string) => report.branches.find((b) => b.code === c)!;
    expect(['220200', '220202', '220284'].map((c) => of(c).status)).toEqual(['by-summary', 'by-summary', 'by-summary']);
    expect(['220000', '220581', 'X22CBS'].map((c) => of(c).status)).toEqual(['passed', 'passed', 'passed']);
    expect(report.totals).toMatchObject({ expected: 71, passed: 3, 'by-summary': 10, missing: 58 });
    // 长春市 is written to, and asked to chase its 11 counties; the counties are not written to themselves.
    expect(of('220100').chases).toHaveLength(11);
    expect(of('220102')).toMatchObject({ status: 'missing', message: null, chasedBy: '220100' });
    expect(of('220100').message).toBe(
      '长春市红十字会：截至目前尚未收到你会 2021 年度的《组织体系建设统计表》。请于 12 月 31 日前报送。另有所辖 11 个单位尚未报送：南关区、宽城区、朝阳区、二道区、绿园区、双阳区、九台区、农安县等，请督促其于 12 月 31 日前报送（或报送你会的汇总表）。',
    );
    const chase = csvRows(join(prov, 'out', '催报名单.csv'));
    expect(chase.map((row) => row[0])).not.toContain('220202'); // by-summary: not chased
    expect(chase.find((row) => row[0] === '220102')).toEqual(['220102', '南关区', '220100', '长春市', '未报送', '未收到报表', '长春市']);
    expect(chase).toHaveLength(1 + 58);
  });
});
