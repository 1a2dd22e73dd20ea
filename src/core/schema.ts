import { z } from 'zod';
import { INDICATORS, appliesTo, perSurvey, type Annex, type Indicator, type Level } from '../catalogue.js';
import type { MessageCode } from './finding-codes.js';

// The per-cell checks, as the zod schema the catalogue yields for a level and an annex. Each check's error
// is the finding code, so a zod issue maps straight back to a finding at the cell of its path.

const code = (c: MessageCode): { error: string; abort: true } => ({ error: c, abort: true });
const isFlag =
  (allowed: readonly number[]) =>
  (v: number): boolean =>
    allowed.includes(v);

export function allowedFlags(ind: Indicator, annex: Annex): readonly number[] {
  return annex === 'annex2' && ind.derived ? [-1, 0, 1] : [0, 1];
}

function applicableSchema(ind: Indicator, annex: Annex): z.ZodType<number> {
  const n = z.number({ error: 'value-blank' satisfies MessageCode });
  switch (ind.kind) {
    case 'flag':
      return n.refine(isFlag(allowedFlags(ind, annex)), code('flag-out-of-range'));
    case 'count':
      return annex === 'annex1'
        ? n.refine(Number.isInteger, code('count-fractional')).refine((v) => v >= 0, code('count-negative'))
        : n.refine(Number.isInteger, code('count-fractional'));
    case 'hours':
      return annex === 'annex1' ? n.refine((v) => v >= 0, code('hours-negative')) : n;
  }
}

// A row that does not apply must come back empty (null) or 0.
const notApplicable = z
  .number()
  .nullable()
  .refine((v) => v === null || v === 0, code('not-applicable-filled'));

export function figuresSchema(level: Level, annex: Annex) {
  return z.object(Object.fromEntries(INDICATORS.map((ind) => [ind.key, appliesTo(ind, level) ? applicableSchema(ind, annex) : notApplicable])));
}

const schemas = perSurvey(() => new Map<string, ReturnType<typeof figuresSchema>>());
export function schemaFor(level: Level, annex: Annex): ReturnType<typeof figuresSchema> {
  const k = `${level}/${annex}`;
  const cache = schemas();
  let s = cache.get(k);
  if (!s) cache.set(k, (s = figuresSchema(level, annex)));
  return s;
}
