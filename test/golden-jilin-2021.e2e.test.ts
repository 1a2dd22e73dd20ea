// Jilin 2021 must not change while the code under it moves (issue 20: "nothing changes for Jilin 2021"; issue 19's
// restructuring too). Kept from before: the 71 blank workbooks `rc-org template --year 2021` writes, and summary.json
// and the long CSV of the example year. Every part of every workbook must be byte-for-byte the one kept (values,
// styles, validation, protection, print settings all live in those parts); only docProps/core.xml's created and
// modified times may differ. A deliberate change is kept anew with RC_ORG_UPDATE_GOLDEN=1 and reviewed in the diff.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fixturePath, spawnCli, tempDir } from './helpers.js';

const GOLDEN = fixturePath('fixtures/golden/jilin-2021');
const UPDATE = process.env.RC_ORG_UPDATE_GOLDEN === '1';
const work = tempDir('rc-org-golden-');

/** A workbook's parts by name, core.xml without its times (the one part that says when it was written). */
async function partsOf(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const text = await entry.async('string');
    parts.set(name, name === 'docProps/core.xml' ? text.replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '') : text);
  }
  return parts;
}

/** summary.json with the folder the run read from replaced by a fixed word: the rest must be the same. */
const portable = (json: string, dir: string): string => json.split(dir).join('<work>');

describe('Jilin 2021 is what it was', () => {
  it('the 71 blank workbooks: every part the same as the workbooks kept from before', async () => {
    const r = spawnCli(['template', '--year', '2021', '--out', 'templates'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    const made = readdirSync(join(work, 'templates')).sort();
    expect(made).toHaveLength(71);
    const kept = join(GOLDEN, 'templates');
    if (UPDATE) {
      rmSync(kept, { recursive: true, force: true });
      cpSync(join(work, 'templates'), kept, { recursive: true });
    }
    expect(readdirSync(kept).sort()).toEqual(made);
    const differing: string[] = [];
    for (const name of made) {
      const [now, before] = await Promise.all([partsOf(join(work, 'templates', name)), partsOf(join(kept, name))]);
      expect([...now.keys()].sort(), name).toEqual([...before.keys()].sort());
      for (const [part, text] of now) if (before.get(part) !== text) differing.push(`${name} ${part}`);
    }
    expect(differing).toEqual([]);
  });

  it('the example year merged: summary.json and the long CSV the same as kept from before', () => {
    cpSync(fixturePath('fixtures/example-2021'), join(work, 'example-2021'), { recursive: true });
    const r = spawnCli(['merge', 'example-2021/returns', '--baseline', 'example-2021/baseline-2020.csv', '--out', 'out'], { cwd: work, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const file of ['summary.json', 'summary-long.csv']) {
      const now = portable(readFileSync(join(work, 'out', file), 'utf8'), work);
      const keptFile = join(GOLDEN, file);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(keptFile, now);
      }
      expect(existsSync(keptFile), `${keptFile}: run with RC_ORG_UPDATE_GOLDEN=1 once to keep it`).toBe(true);
      expect(now === readFileSync(keptFile, 'utf8'), `${file} differs from ${keptFile}`).toBe(true);
    }
  });
});
