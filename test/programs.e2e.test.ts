// --soffice through the built CLI; the program lookups themselves are tested in programs.test.ts.
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';

describe('--soffice on the command line', () => {
  it('converts an .xls with the LibreOffice it names, when none is on PATH', () => {
    const dir = tempDir();
    // PATH without LibreOffice: the system's programs but soffice/libreoffice (soffice's own script needs the rest).
    const noSofficePath = { PATH: join(dir, 'bin') };
    mkdirSync(noSofficePath.PATH);
    for (const name of readdirSync('/usr/bin'))
      if (!/^(soffice|libreoffice|localc|lowriter)/.test(name)) symlinkSync(join('/usr/bin', name), join(dir, 'bin', name));
    copyFixture('fixtures/validate/saved-as-xls.xls', dir);
    const without = spawnCli(['validate', 'saved-as-xls.xls', '--json'], { cwd: dir, env: noSofficePath });
    expect(JSON.stringify(JSON.parse(without.stdout))).not.toContain('converted-from-xls');
    const r = spawnCli(['validate', 'saved-as-xls.xls', '--json', '--soffice', '/usr/bin/soffice'], { cwd: dir, env: noSofficePath, timeoutMs: 180_000 });
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('converted-from-xls');
  }, 240_000);

  it.each(['validate', 'merge', 'feedback'])('%s: a --soffice that is not there is a setup error (exit 2), nothing read', (command) => {
    const dir = tempDir();
    copyFixture('fixtures/validate/saved-as-xls.xls', dir);
    const out = command === 'validate' ? [] : ['--out', 'out'];
    const r = spawnCli([command, 'saved-as-xls.xls', ...out, '--soffice', 'C:\\没有\\soffice.exe'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('找不到文件：C:\\没有\\soffice.exe');
  });
});
