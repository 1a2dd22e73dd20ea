// Issue 19, items 1 and 3: every input a command is set up with is stat-checked like a return (regular file, size
// cap, one guarded read that never waits on a FIFO) and said in its own words; validate, merge and feedback share one
// set-up, so they meet the same setup errors with the same codes; feedback --sign-key verifies the returns and signs
// what it writes, so a branch's fixed correction form passes validate --sign-key.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, repoRoot, spawnCli, tempDir } from './helpers.js';

const INTERNAL = /程序内部错误|Internal error/;
const RETURNS = 'fixtures/example-2021/returns';
const PY = '/usr/bin/python3';
/** Long enough for any machine; a FIFO that is waited on never ends, so the CLI would be killed (code -1). */
const QUICK = { timeoutMs: 20_000 };

/** Every finding code in validate's --json report. */
const codesOf = (r: { stdout: string }): string[] =>
  (JSON.parse(r.stdout) as { files: { findings: { code: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.code));

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  expect(r.status, String(r.stderr)).toBe(0);
}

/** One merge folder of the example returns, made once: summary.json as merge writes it. */
let merged: string;
beforeAll(() => {
  merged = tempDir();
  const r = spawnCli(['merge', fixturePath(RETURNS), '--out', 'm'], { cwd: merged });
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

const summaryOf = (): { scope: string; branches: { code: string; parent: string | null }[]; totals: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(merged, 'm', 'summary.json'), 'utf8'));

describe('a FIFO as a setup input is refused at once, named, as not a regular file', () => {
  it('summary.json that is a FIFO: report exits 2 naming it (no hang)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'm'));
    mkfifo(join(dir, 'm', 'summary.json'));
    const r = spawnCli(['report', 'm', '--out', 'out', '--lang', 'en'], { cwd: dir, ...QUICK });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'm', 'summary.json')}: The summary data summary.json is not a regular file but a named pipe (FIFO)`);
  });

  it('--rules that is a FIFO: report exits 2 naming it as the rules file (no hang)', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'rules.json'));
    const r = spawnCli(['report', join(merged, 'm'), '--out', 'out', '--rules', 'rules.json', '--lang', 'en'], { cwd: dir, ...QUICK });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'rules.json')}: The rules file is not a regular file but a named pipe (FIFO)`);
  });

  it('a registry and a baseline that are FIFOs: exit 2, each called what it is', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'orgs.csv'));
    mkfifo(join(dir, 'base.csv'));
    const orgs = spawnCli(['validate', fixturePath(RETURNS), '--orgs', 'orgs.csv', '--lang', 'en'], { cwd: dir, ...QUICK });
    expect(orgs.code).toBe(2);
    expect(orgs.stderr).toContain('orgs.csv: The registry is not a regular file but a named pipe (FIFO)');
    const base = spawnCli(['validate', fixturePath(RETURNS), '--baseline', 'base.csv', '--lang', 'en'], { cwd: dir, ...QUICK });
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('base.csv: The baseline file is not a regular file but a named pipe (FIFO)');
  });
});

describe('validate, merge and feedback meet the same setup errors', () => {
  it('--out naming an existing file: feedback (and report) exit 2 with the same out-is-a-file error as merge', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'not a folder');
    const said = (cmd: string) => spawnCli([cmd, fixturePath(RETURNS), '--out', 'afile', '--lang', 'en'], { cwd: dir });
    const merge = said('merge');
    const feedback = said('feedback');
    expect(merge.code).toBe(2);
    expect(feedback.code).toBe(2);
    expect(merge.stderr).toBe('rc-org: --out is a file, not a folder: afile. Name a folder (it is created if it does not exist).\n');
    expect(feedback.stderr).toBe(merge.stderr);
    const report = spawnCli(['report', join(merged, 'm'), '--out', 'afile', '--lang', 'en'], { cwd: dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(merge.stderr);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('not a folder');
  });

  it('an unknown --under code, a missing key and a FIFO key: the same error from all three commands', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'key.fifo'));
    for (const [args, said] of [
      [['--under', '999999'], 'rc-org: --under: branch code 999999 is not in the registry.'],
      [['--sign-key', 'no-such-key.txt'], 'rc-org: File not found: no-such-key.txt.'],
      [['--sign-key', 'key.fifo'], 'rc-org: key.fifo: The key file is not a regular file but a named pipe (FIFO)'],
    ] as const) {
      for (const cmd of ['validate', 'merge', 'feedback']) {
        const out = cmd === 'validate' ? [] : ['--out', `out-${cmd}`];
        const r = spawnCli([cmd, fixturePath(RETURNS), ...out, ...args, '--lang', 'en'], { cwd: dir, ...QUICK });
        expect(r.code, `${cmd} ${args.join(' ')}`).toBe(2);
        expect(r.stderr.startsWith(said), `${cmd}: ${r.stderr}`).toBe(true);
      }
    }
  });
});

describe('summary.json whose scope is an Object.prototype name', () => {
  // The scope is renamed everywhere (the root branch's code, its children's parent) but has no totals entry of its
  // own: an inherited property (Object.prototype.constructor) must not stand in for it.
  it.each(['constructor', '__proto__', 'toString'])('scope %s without its own totals: exit 2 naming the missing total, no internal error', (name) => {
    const dir = tempDir();
    const s = summaryOf();
    const root = s.scope;
    s.scope = name;
    for (const b of s.branches) {
      if (b.code === root) b.code = name;
      if (b.parent === root) b.parent = name;
    }
    delete s.totals[root];
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'summary.json'), JSON.stringify(s));
    const r = spawnCli(['report', 'm', '--out', 'out', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(INTERNAL);
    expect(r.stderr).toContain(`${join(dir, 'm', 'summary.json')} does not hold together (totals.${name} missing)`);
  });

  it('scope constructor with its own totals entry is an ordinary scope: the report is drawn', () => {
    const dir = tempDir();
    const s = summaryOf();
    const root = s.scope;
    s.scope = 'constructor';
    for (const b of s.branches) {
      if (b.code === root) b.code = 'constructor';
      if (b.parent === root) b.parent = 'constructor';
    }
    Object.assign(s.totals, { constructor: s.totals[root] });
    delete s.totals[root];
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'summary.json'), JSON.stringify(s));
    const r = spawnCli(['report', 'm', '--out', 'out', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).written).toEqual([join(dir, 'out', 'report.html')]);
  });
});

describe('branch codes that are Object.prototype names', () => {
  it('constructor, toString and __proto__ as registry codes go through template, merge, report, feedback and --under', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'orgs.csv'),
      'code,name,level,parent\n220000,吉林省,province,\nconstructor,某市,city,220000\ntoString,某县,county,constructor\n__proto__,另县,county,constructor\n',
    );
    const run = (args: string[]) => spawnCli([...args, '--orgs', 'orgs.csv', '--lang', 'en'], { cwd: dir });
    expect(spawnCli(['template', '--orgs', 'orgs.csv', '--year', '2021', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    // Blank forms: every branch must resubmit (exit 1), none is lost to an inherited name.
    const merge = spawnCli(['merge', 'forms', '--orgs', 'orgs.csv', '--out', 'm', '--json'], { cwd: dir });
    expect(merge.code, merge.stderr).toBe(1);
    const summary = JSON.parse(merge.stdout) as { branches: { code: string; status: string }[]; totals: Record<string, unknown> };
    expect(summary.branches.map((b) => [b.code, b.status])).toEqual([
      ['220000', 'resubmit'],
      ['constructor', 'resubmit'],
      ['toString', 'resubmit'],
      ['__proto__', 'resubmit'],
    ]);
    expect(Object.keys(summary.totals)).toEqual(['220000', 'constructor']);
    const report = spawnCli(['report', 'm', '--out', 'r', '--lang', 'en'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    for (const args of [
      ['feedback', 'forms', '--out', 'fb'],
      ['validate', 'forms', '--under', 'toString'],
    ]) {
      const r = run(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).not.toMatch(INTERNAL);
    }
  });
});

describe('key files are keys', () => {
  const HEX = '3f1a9c0b7d2e4f6a8b9c0d1e2f3a4b5c';
  const sign = (dir: string, key: string, out: string) =>
    spawnCli(['template', '--year', '2021', '--only', '220102', '--sign-key', key, '--out', out], { cwd: dir });

  it('a key saved with a BOM and CRLF signs and verifies as the same key saved bare', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bare.txt'), HEX);
    writeFileSync(join(dir, 'bom-crlf.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEX}\r\n`)]));
    expect(sign(dir, 'bom-crlf.txt', 'a').code).toBe(0);
    expect(sign(dir, 'bare.txt', 'b').code).toBe(0);
    // Signed with one, verified with the other, both ways: clean.
    for (const [forms, key] of [
      ['a', 'bare.txt'],
      ['b', 'bom-crlf.txt'],
    ]) {
      const r = spawnCli(['validate', forms!, '--sign-key', key!, '--json'], { cwd: dir });
      expect(codesOf(r), `${forms} with ${key}`).not.toContain('identity-forged');
      expect(codesOf(r)).not.toContain('identity-unsigned');
    }
  });

  it('a folder as key: exit 2, said to be a folder, nothing written', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'keys'));
    const r = sign(dir, 'keys', 'forms');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rc-org: keys: 密钥文件不是普通文件，而是文件夹，未读取。请给出密钥文件本身的路径。\n');
    const v = spawnCli(['validate', fixturePath(RETURNS), '--sign-key', 'keys', '--lang', 'en'], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('keys: The key file is not a regular file but a folder');
  });

  it("a key over its 64 KB limit says its own limit, not a return's", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.key'), Buffer.alloc(100 * 1024, 0x61));
    const r = spawnCli(['validate', fixturePath(RETURNS), '--sign-key', 'big.key', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rc-org: big.key: The key file is 100 KB, above its limit of 64 KB; it was not read. Check that this is the right file.\n');
  });
});

describe('feedback --sign-key: the signed round trip', () => {
  /** Copies 宽城区's figures (a clean return) into the signed blank form, leaving 附件1!C13 blank: one error. */
  const FILL = `
import sys, openpyxl
src, dst, out = sys.argv[1:4]
a = openpyxl.load_workbook(src)
b = openpyxl.load_workbook(dst)
for sheet in ('附件1', '附件2'):
    for row in a[sheet].iter_rows():
        for cell in row:
            into = b[sheet][cell.coordinate]
            if getattr(cell, 'column_letter', None) in ('C', 'D') and cell.value is not None and into.protection.locked is False:
                into.value = cell.value
keep = a['附件1']['C13'].value
b['附件1']['C13'].value = None
b.save(out)
print(keep)
`;
  const py = (args: string[]): string => {
    const r = spawnSync(PY, args, { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  it('template --sign-key → filled with an error → feedback --sign-key → fixed in openpyxl → validate --sign-key clean', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'key.txt'), 'province-secret-key-0123456789abcdef\n');
    expect(spawnCli(['template', '--year', '2021', '--only', '220103', '--sign-key', 'key.txt', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    const blank = join(dir, 'forms', '2021_220103_宽城区_组织体系建设统计表.xlsx');
    mkdirSync(join(dir, 'returns'));
    const filled = join(dir, 'returns', '2021_220103_宽城区_组织体系建设统计表.xlsx');
    writeFileSync(join(dir, 'fill.py'), FILL);
    const c13 = py([join(dir, 'fill.py'), fixturePath(`${RETURNS}/2021_220103_宽城区_组织体系建设统计表.xlsx`), blank, filled]);

    const fb = spawnCli(['feedback', 'returns', '--under', '220100', '--out', 'fb', '--sign-key', 'key.txt', '--json'], { cwd: dir });
    expect(fb.code, fb.stderr).toBe(1);
    const report = JSON.parse(fb.stdout) as { branches: { code: string; action: string; written: string[]; problems: { cell: string; code: string }[] }[] };
    const kuancheng = report.branches.find((b) => b.code === '220103')!;
    expect(kuancheng.action).toBe('correct');
    expect(kuancheng.problems.map((p) => [p.cell, p.code])).toEqual([['附件1!C13', 'value-blank']]);
    // A branch that sent nothing gets a fresh blank form: signed too.
    const fresh = spawnCli(['feedback', 'returns', '--under', '220100', '--out', 'fb2', '--sign-key', 'key.txt', '--blank-for-missing', '--json'], {
      cwd: dir,
    });
    const nanguan = (JSON.parse(fresh.stdout) as typeof report).branches.find((b) => b.code === '220102')!;
    expect(nanguan.written).toEqual(['2021_220102_南关区_组织体系建设统计表.xlsx']);
    const blankChecked = spawnCli(['validate', join('fb2', nanguan.written[0]!), '--sign-key', 'key.txt', '--json'], { cwd: dir });
    expect(codesOf(blankChecked)).not.toContain('identity-unsigned');
    expect(codesOf(blankChecked)).not.toContain('identity-forged');

    const correction = join(dir, 'fb', kuancheng.written[0]!);
    const fixed = join(dir, 'fixed', '2021_220103_宽城区_组织体系建设统计表.xlsx');
    mkdirSync(join(dir, 'fixed'));
    py([join(repoRoot, 'test/data/openpyxl-fix.py'), correction, fixed, JSON.stringify({ 附件1: { C13: Number(c13) } })]);
    const v = spawnCli(['validate', 'fixed', '--sign-key', 'key.txt', '--json'], { cwd: dir });
    expect(v.code, v.stdout).toBe(0);
    const validated = JSON.parse(v.stdout) as { files: { org: { code: string } | null; status: string; findings: { code: string }[] }[] };
    expect(validated.files).toHaveLength(1);
    expect(validated.files[0]!.org?.code).toBe('220103');
    expect(validated.files[0]!.status).toBe('ok');
    expect(validated.files[0]!.findings.map((f) => f.code)).not.toContain('identity-unsigned');
  });

  it('a form signed with another key is not answered as the branch it names', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'key.txt'), 'province-secret-key-0123456789abcdef');
    writeFileSync(join(dir, 'other.txt'), 'somebody-elses-key-0123456789abcdef');
    expect(spawnCli(['template', '--year', '2021', '--only', '220103', '--sign-key', 'other.txt', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    mkdirSync(join(dir, 'returns'));
    const name = '2021_220103_宽城区_组织体系建设统计表.xlsx';
    writeFileSync(join(dir, 'fill.py'), FILL);
    py([join(dir, 'fill.py'), fixturePath(`${RETURNS}/${name}`), join(dir, 'forms', name), join(dir, 'returns', name)]);
    // No form is trusted, so none says the year: it is given.
    const fb = spawnCli(['feedback', 'returns', '--under', '220100', '--year', '2021', '--out', 'fb', '--sign-key', 'key.txt', '--json'], { cwd: dir });
    expect(fb.code, fb.stderr).toBe(1);
    const report = JSON.parse(fb.stdout) as {
      branches: { code: string; status: string; action: string; written: string[] }[];
      unattributed: { file: string; findings: { code: string }[] }[];
    };
    const kuancheng = report.branches.find((b) => b.code === '220103')!;
    expect(kuancheng.status).toBe('missing');
    expect(kuancheng.action).not.toBe('correct');
    expect(kuancheng.written.some((f) => f.includes('退回修改'))).toBe(false);
    expect(report.unattributed.map((u) => [u.file, u.findings.map((f) => f.code)])).toEqual([[`returns/${name}`, ['identity-forged']]]);
  });
});
