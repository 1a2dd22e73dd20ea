import { levelWord } from '../catalogue.js';
import { csvRecord } from '../io/table.js';
import { printable } from '../text-safety.js';
import { loadRegistry } from '../engine/registry-load.js';
import type { Registry } from '../registry/types.js';
import { word } from '../words.js';
import { withSurveyOption } from '../survey/load.js';

export interface OrgsOptions {
  cwd: string;
  /** --survey FILE: the survey definition (default: the built-in one). */
  survey?: string;
  orgs?: string;
}

/** orgs, with the survey of --survey (or the built-in one) in force. */
export async function runOrgs(opts: OrgsOptions): Promise<Registry> {
  return withSurveyOption(opts.survey, opts.cwd, () => orgsInForce(opts));
}

async function orgsInForce(opts: OrgsOptions): Promise<Registry> {
  return loadRegistry(opts.orgs, opts.cwd);
}

export function registryAsJson(r: Registry): { code: string; name: string; level: string; parent: string | null }[] {
  return r.orgs.map((o) => ({ code: o.code, name: o.name, level: o.level, parent: o.parent }));
}

/** CSV that --orgs reads back unchanged (UTF-8 with BOM, so Excel opens it cleanly). */
export function registryAsCsv(r: Registry): string {
  return (
    '\ufeff' + [['code', 'name', 'level', 'parent'], ...r.orgs.map((o) => [o.code, o.name, o.level, o.parent ?? ''])].map((r) => csvRecord(r, '\n')).join('')
  );
}

export function registryAsTree(r: Registry, lang: 'zh' | 'en'): string {
  const lines = r.orgs.map((o) => `${'  '.repeat(o.depth)}${printable(o.code)}  ${printable(o.name)}  (${levelWord(o.level, lang)})`);
  const counts = Object.entries(r.orgs.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.level]: (acc[o.level] ?? 0) + 1 }), {}))
    .map(([lv, n]) => `${levelWord(lv, lang)} ${n}`)
    .join(', ');
  const total = word('orgsTotal', lang)(r.orgs.length, counts);
  return [...lines, '', total].join('\n') + '\n';
}
