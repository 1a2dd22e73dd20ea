// Issue 8, item 8: the unkeyed checksum catches accidental edits only; the optional HMAC-SHA-256 signature
// (template --sign-key) catches a deliberate rewrite of the identity, which validate/merge --sign-key refuse.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityChecksum, identityRows, readIdentity, signatureStatus, type Identity } from '../src/identity.js';
import { fixturePath, spawnCli, tempDir } from './helpers.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');
const ID: Identity = {
  format: 'rc-org/1',
  kind: 'form',
  code: '220102',
  name: '南关区',
  level: 'county',
  parent: '220100',
  year: 2021,
  baselineYear: 2020,
  templateVersion: '1',
};

describe('identity checksum and signature', () => {
  it('a rewrite to another branch with the checksum recomputed passes the checksum but not the signature', () => {
    const issued = new Map(identityRows(ID, KEY));
    const forged: Identity = { ...ID, code: '220103', name: '宽城区' };
    const rewritten = new Map([...issued, ...identityRows(forged)]); // fields and checksum redone, old signature kept
    expect(readIdentity(rewritten).status).toBe('ok'); // the checksum cannot tell
    expect(signatureStatus(rewritten, forged, KEY)).toBe('forged');
    expect(signatureStatus(issued, ID, KEY)).toBe('ok');
    expect(signatureStatus(new Map(identityRows(ID)), ID, KEY)).toBe('unsigned');
    expect(signatureStatus(issued, ID, Buffer.from('another key of sixteen+ bytes'))).toBe('forged');
    expect(identityRows(ID).at(-1)).toEqual(['checksum', identityChecksum(ID)]);
  });
});

describe('template / validate --sign-key (built CLI)', () => {
  it('signed forms pass with the key; another key says forged; an unsigned form says unsigned; the key must be long enough', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'key.txt'), 'a'.repeat(64) + '\n');
    writeFileSync(join(dir, 'other.txt'), 'b'.repeat(64));
    writeFileSync(join(dir, 'short.txt'), 'abc');
    expect(spawnCli(['template', '--year', '2021', '--only', '220102', '--sign-key', 'key.txt', '--out', 'forms'], { cwd: dir }).code).toBe(0);
    const codes = (args: string[]): string[] => {
      const r = spawnCli(['validate', ...args, '--json'], { cwd: dir });
      return (JSON.parse(r.stdout) as { files: { findings: { code: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.code));
    };
    const unsigned = join(fixturePath('fixtures/example-2021/returns'), '2021_220103_宽城区_组织体系建设统计表.xlsx');
    // One run: the signed form passes the signature check, the unsigned example return does not.
    const withKey = spawnCli(['validate', 'forms', unsigned, '--sign-key', 'key.txt', '--json'], { cwd: dir });
    const files = (JSON.parse(withKey.stdout) as { files: { file: string; findings: { code: string }[] }[] }).files;
    const signedCodes = files.find((f) => f.file === 'forms' || f.file.startsWith('forms'))!.findings.map((f) => f.code);
    expect(signedCodes).not.toContain('identity-forged');
    expect(signedCodes).not.toContain('identity-unsigned');
    expect(signedCodes).toContain('value-blank'); // read and checked: a blank template
    expect(files.find((f) => f.file === unsigned)!.findings.map((f) => f.code)).toEqual(['identity-unsigned']);
    expect(codes(['forms', '--sign-key', 'other.txt'])).toEqual(['identity-forged']);
    const short = spawnCli(['validate', 'forms', '--sign-key', 'short.txt', '--lang', 'en'], { cwd: dir });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('short.txt: The signing key is too short');
  }, 120_000);
});
