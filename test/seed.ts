// The official 附件1/附件2 tables, read from the seed notice (吉红会发〔2021〕35号) — the source of the labels.
//
//   seedAnnexes()   → { source, annex1, annex2, note }   parsed from the seed, or from the committed copy
//
// In CI shared/ is a sibling of the clone, so the seed is ../shared/seeds/000_ff73983bcc1710b1.txt from the
// repo root. Where it is absent, test/data/seed-annex-labels.txt (a verbatim extract) is read instead. Both
// missing, or a table that does not parse as 14 numbered rows, is an error — never a silent pass.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './helpers.js';

export const SEED_FILE = resolve(repoRoot, '../shared/seeds/000_ff73983bcc1710b1.txt');
export const SEED_COPY = resolve(repoRoot, 'test/data/seed-annex-labels.txt');

export interface SeedAnnex {
  /** The line above the title, as printed: '附件 1'. */
  heading: string;
  title: string;
  /** The table header: ['序号', '工作事项', '个(人、小时)']. */
  header: string[];
  /** The 14 rows, 序号 and 工作事项, character for character. */
  rows: { no: number; label: string }[];
}

export interface SeedTables {
  /** The file the tables were read from. */
  source: string;
  annex1: SeedAnnex;
  annex2: SeedAnnex;
  /** The 说明 line under 附件2. */
  note: string;
}

function parseAnnex(lines: string[], n: 1 | 2): SeedAnnex {
  const start = lines.findIndex((l) => new RegExp(`^附件\\s*${n}$`).test(l.trim()));
  if (start < 0) throw new Error(`seed: no "附件 ${n}" line`);
  const body = lines.slice(start + 1).filter((l) => l.trim() !== '');
  const [title, headerLine, ...rest] = body;
  if (!title || !headerLine) throw new Error(`seed: 附件${n} has no title or header`);
  const rows = rest.slice(0, 14).map((l, i) => {
    const m = /^(\d+)\t([^\t]+)\t?$/.exec(l);
    if (!m || Number(m[1]) !== i + 1) throw new Error(`seed: 附件${n} row ${i + 1} does not parse: ${JSON.stringify(l)}`);
    return { no: Number(m[1]), label: m[2]! };
  });
  if (rows.length !== 14) throw new Error(`seed: 附件${n} has ${rows.length} rows, expected 14`);
  return { heading: lines[start]!.trim(), title, header: headerLine.split('\t'), rows };
}

/** Parse the two annex tables out of the seed text (or the committed extract). Throws if they are not there. */
export function parseSeedTables(text: string, source: string): SeedTables {
  const lines = text.split(/\r?\n/);
  const annex1 = parseAnnex(lines, 1);
  const annex2 = parseAnnex(lines, 2);
  const note = lines.find((l) => l.startsWith('说明：'));
  if (!note) throw new Error('seed: no 说明 line under 附件2');
  return { source, annex1, annex2, note };
}

/** The seed's tables: from the seed if present, else from the committed copy; throws if neither exists. */
export function seedAnnexes(): SeedTables {
  const source = existsSync(SEED_FILE) ? SEED_FILE : SEED_COPY;
  if (!existsSync(source)) throw new Error(`Neither ${SEED_FILE} nor ${SEED_COPY} exists: cannot check the labels.`);
  return parseSeedTables(readFileSync(source, 'utf8'), source);
}
