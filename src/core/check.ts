import { INDICATORS, appliesTo, emptyFigures, labelOf, type Annex, type Figures, type IndicatorKey, type Level, indicatorOf } from '../catalogue.js';
import type { Params } from '../messages.js';
import { finding, type Finding, type ReturnFigures } from './finding.js';
import { capQuoted } from '../text-safety.js';
import { runRules } from './rules.js';
import { schemaFor, allowedFlags } from './schema.js';
import { VALUE_CEILING, type CellReading } from './values.js';

// Checking one branch's figures, whatever file they came from (workbook or CSV row). Pure.

export interface Entry {
  annex: Annex;
  key: IndicatorKey;
  sheet: string;
  cell: string;
  reading: CellReading;
  /** What the branch wrote in the row's 说明 cell, if anything. */
  note: string;
}

export interface CheckContext {
  file: string;
  level: Level;
  baseline: Figures | null;
  baselineYear: number;
}

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** The units that mean the row's own unit when typed after a number (3支 on a 个 row is the count it asks for). */
const SAME_UNIT: Record<string, readonly string[]> = { 个: ['个', '支', '家', '所'], 人: ['人', '名'], 小时: ['小时', '时', 'h', 'H'] };
/** Words for "none" (and "yes") that a branch types instead of a figure. */
const NONE_WORDS = new Set(['无', '没有', '否', '无此项', '暂无', '空', '零', 'none', 'no', 'n/a', 'na']);
const YES_WORDS = new Set(['是', '有', 'yes']);
const ind = indicatorOf;

/** Turn readings into figures and findings: cell shape first, then the zod schema, then the cross-row rules. */
export function checkEntries(
  entries: readonly Entry[],
  ctx: CheckContext,
  missing: ReadonlySet<string> = new Set(),
): { findings: Finding[]; figures: ReturnFigures } {
  const findings: Finding[] = [];
  const figures: ReturnFigures = { annex1: emptyFigures(), annex2: emptyFigures() };
  const unreadable = new Set<string>(missing);
  const byId = new Map(entries.map((e) => [`${e.annex}.${e.key}`, e]));
  const at = (e: Entry) => ({ file: ctx.file, sheet: e.sheet, cell: e.cell, indicator: e.key });

  for (const e of entries) {
    const r = e.reading;
    const label = labelOf(ind(e.key), e.annex);
    const applies = appliesTo(ind(e.key), ctx.level);
    switch (r.kind) {
      case 'blank':
        // "/" or "-" on a row that applies: the branch said "not applicable" where a figure is asked for.
        if (r.dash !== undefined && applies) {
          unreadable.add(`${e.annex}.${e.key}`);
          findings.push(finding('value-dash', at(e), { label, found: r.dash }));
        }
        break;
      case 'number':
        if (!Number.isFinite(r.value) || Math.abs(r.value) > VALUE_CEILING[ind(e.key).kind]) {
          unreadable.add(`${e.annex}.${e.key}`);
          findings.push(
            finding('value-implausible', at(e), {
              label,
              found: r.loose?.found ?? String(r.value),
              limit: VALUE_CEILING[ind(e.key).kind].toLocaleString('en-US'),
            }),
          );
          break;
        }
        if (r.loose?.unit !== undefined && applies) {
          const rowUnit = ind(e.key).unit;
          if (!(SAME_UNIT[rowUnit] ?? [rowUnit]).includes(r.loose.unit)) {
            unreadable.add(`${e.annex}.${e.key}`);
            findings.push(finding('value-with-unit', at(e), { label, found: r.loose.found.trim(), unit: r.loose.unit, rowUnit, value: fmt(r.value) }));
            break;
          }
        }
        figures[e.annex][e.key] = r.value;
        if (r.formula !== undefined) findings.push(finding('formula-used', at(e), { label, formula: r.formula, value: fmt(r.value) }));
        else if (r.loose)
          findings.push(
            finding('value-loose', at(e), {
              label,
              found: r.loose.found,
              how: r.loose.how.join(','),
              value: fmt(r.value),
            }),
          );
        break;
      case 'not-number': {
        unreadable.add(`${e.annex}.${e.key}`);
        const word = r.found.toLowerCase();
        const flag = ind(e.key).kind === 'flag';
        const code = !applies
          ? 'not-applicable-filled'
          : r.split
            ? 'value-digits-split'
            : NONE_WORDS.has(word) || (flag && YES_WORDS.has(word))
              ? 'value-word'
              : 'value-not-number';
        findings.push(
          finding(code, at(e), {
            label,
            found: r.found,
            level: ctx.level,
            yes: flag && YES_WORDS.has(word) ? 1 : 0,
            flag: flag ? 1 : 0,
          }),
        );
        break;
      }
      case 'date':
        unreadable.add(`${e.annex}.${e.key}`);
        findings.push(finding('value-date', at(e), { label, found: r.found }));
        break;
      case 'formula-no-result':
        unreadable.add(`${e.annex}.${e.key}`);
        findings.push(finding('formula-no-result', at(e), { label, formula: r.formula }));
        break;
      case 'formula-error':
        unreadable.add(`${e.annex}.${e.key}`);
        findings.push(finding('formula-error', at(e), { label, formula: r.formula, found: r.found }));
        break;
    }
  }

  for (const annex of ['annex1', 'annex2'] as const) {
    const parsed = schemaFor(ctx.level, annex).safeParse(figures[annex]);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as IndicatorKey;
      const id = `${annex}.${key}`;
      if (unreadable.has(id)) continue; // already reported, or the row is missing
      const e = byId.get(id);
      if (!e) continue;
      unreadable.add(id);
      const i = ind(key);
      const value = figures[annex][key];
      const params: Params = {
        label: labelOf(i, annex),
        found: value === null ? '' : fmt(value),
        unit: i.unit,
        level: ctx.level,
        allowed: allowedFlags(i, annex).join(' / '),
      };
      findings.push(finding(issue.message as Finding['code'], at(e), params));
    }
  }

  // A not-applicable row counts as nothing, whatever was typed there.
  for (const i of INDICATORS) {
    if (!appliesTo(i, ctx.level)) {
      figures.annex1[i.key] = null;
      figures.annex2[i.key] = null;
    }
  }

  const hits = runRules({
    level: ctx.level,
    annex1: figures.annex1,
    annex2: figures.annex2,
    baseline: ctx.baseline,
    baselineYear: ctx.baselineYear,
    unreadable,
  });
  for (const h of hits) {
    const e = byId.get(`${h.annex}.${h.key}`);
    if (!e) continue;
    const f = finding(h.code, at(e), h.params);
    // 核实性审核: a warning the branch explained is still reported, marked explained.
    const note = e.note || byId.get(`${h.annex === 'annex1' ? 'annex2' : 'annex1'}.${h.key}`)?.note || '';
    if (f.severity === 'warning' && note) f.explanation = capQuoted(note); // from the file: capped like any quoted text
    findings.push(f);
  }
  return { findings, figures };
}
