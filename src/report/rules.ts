import { resolve } from 'node:path';
import { z } from 'zod';
import { perSurvey } from '../catalogue.js';
import { defaultRules, growthKeys, rateKeys, type BulletinRules, type RateKey } from '../core/rates.js';
import { readSetupText } from '../io/setup-file.js';
import { SetupError } from '../messages.js';

// `--rules FILE`: a small JSON file that changes the thresholds of the 表扬/提醒 lists. Every key is optional;
// what is left out keeps its default (README). Unknown keys are refused, so a typo is never silently ignored.

const share = z.number().min(0).max(1);

/** The rules file's schema for the survey in force: a goal per rate it has, praise for at most as many growth rows. */
export const rulesSchema = perSurvey(() =>
  z.strictObject({
    goals: z
      .strictObject(Object.fromEntries(rateKeys().map((k) => [k, share.nullable().optional()])) as Record<RateKey, z.ZodOptional<z.ZodNullable<typeof share>>>)
      .optional(),
    near: share.optional(),
    praise: z.strictObject({ minGrowthAboveMedian: z.number().int().min(0).max(growthKeys().length).optional() }).optional(),
    remind: z.strictObject({ goalMissed: z.boolean().optional(), decrease: z.boolean().optional(), missingReturns: z.boolean().optional() }).optional(),
    deadline: z.string().min(1).max(100).optional(),
  }),
);

/** The rules with the file's values laid over the defaults. Pure. */
export function rulesFrom(raw: unknown, file: string): BulletinRules {
  const parsed = rulesSchema().safeParse(raw);
  if (!parsed.success) {
    throw new SetupError(
      parsed.error.issues.slice(0, 5).map((i) => ({
        code: 'report-rules-invalid' as const,
        params: {
          file,
          path: i.path.map(String).join('.') || '(root)',
          detail:
            i.code === 'unrecognized_keys'
              ? i.keys.join(', ')
              : i.code === 'invalid_type'
                ? String(i.expected)
                : i.code === 'too_big' || i.code === 'too_small'
                  ? `${String(i.code === 'too_big' ? i.maximum : i.minimum)}`
                  : i.code,
        },
      })),
    );
  }
  const r = parsed.data;
  const goals = { ...defaultRules().goals };
  for (const k of rateKeys()) if (r.goals && k in r.goals && r.goals[k] !== undefined) goals[k] = r.goals[k];
  return {
    goals,
    near: r.near ?? defaultRules().near,
    praise: { ...defaultRules().praise, ...stripUndefined(r.praise) },
    remind: { ...defaultRules().remind, ...stripUndefined(r.remind) },
    deadline: r.deadline ?? defaultRules().deadline,
  };
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function loadRules(cwd: string, file: string | undefined): BulletinRules {
  if (file === undefined) return defaultRules();
  const path = resolve(cwd, file);
  const text = readSetupText({ abs: path, shown: path, what: 'rules', notFound: { code: 'path-not-found', params: { path, reason: 'ENOENT' } } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SetupError([{ code: 'report-rules-invalid', params: { file: path, path: '(root)', detail: 'JSON' } }]);
  }
  return rulesFrom(raw, path);
}
