// A survey rule's message in the run's language, its placeholders filled from the hit: the definition holds the
// words (zh and en), the core only finds the hits (src/survey/evaluate.ts).
import { PLACEHOLDER, type SurveyRuleHit } from '../survey/evaluate.js';
import type { Survey } from '../survey/schema.js';
import type { Lang } from '../words.js';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A rule's message with its figures filled in: numbers as rc-org writes them (1,234 · 16,357.5). */
export function ruleMessage(s: Survey, hit: SurveyRuleHit, lang: Lang, baselineYear: number): string {
  const rule = s.rules.find((r) => r.key === hit.rule);
  const ind = s.indicators.find((i) => i.key === hit.key);
  if (!rule || !ind) return '';
  return rule.message[lang].replace(PLACEHOLDER, (whole, name: string, sheet: string | undefined) => {
    if (name === 'label' && sheet === undefined) return ind.rows.find((r) => r.sheet === hit.sheet)?.label ?? whole;
    if (name === 'label') return ind.rows.find((r) => r.sheet === sheet)?.label ?? whole;
    if (name === 'baselineYear') return String(baselineYear);
    if (!Object.hasOwn(hit.params, name)) return whole;
    const v = hit.params[name];
    return typeof v === 'number' ? NUMBER.format(v) : v === null || v === undefined ? '—' : String(v);
  });
}
