import { createHash } from 'node:crypto';
import { LEVELS, type Level } from './catalogue.js';
import { z } from 'zod';

// What the template writes into the workbook so a returned file says whose it is, whatever its name.
export const IDENTITY_FIELDS = ['format', 'kind', 'code', 'name', 'level', 'parent', 'year', 'baselineYear', 'templateVersion'] as const;

export const identitySchema = z.object({
  format: z.literal('rc-org/1'),
  kind: z.enum(['form', 'summary']),
  code: z.string().min(1),
  name: z.string().min(1),
  level: z.enum(LEVELS),
  parent: z.string(),
  year: z.coerce.number().int(),
  baselineYear: z.coerce.number().int(),
  templateVersion: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export function identityChecksum(id: Identity): string {
  const canonical = IDENTITY_FIELDS.map((f) => `${f}=${String(id[f])}`).join('\n');
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}

/** The key/value rows of the identity sheet, checksum last. */
export function identityRows(id: Identity): [string, string][] {
  return [...IDENTITY_FIELDS.map((f): [string, string] => [f, String(id[f])]), ['checksum', identityChecksum(id)]];
}

export type IdentityReading =
  | { status: 'ok'; identity: Identity }
  | { status: 'missing' }
  | { status: 'edited'; identity: Identity | null; detail: string };

/** Check the key/value pairs read back from a workbook. Pure. */
export function readIdentity(pairs: ReadonlyMap<string, string> | null): IdentityReading {
  if (!pairs || !pairs.has('code')) return { status: 'missing' };
  const parsed = identitySchema.safeParse(Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, pairs.get(f) ?? ''])));
  if (!parsed.success) return { status: 'edited', identity: null, detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const sum = pairs.get('checksum') ?? '';
  if (sum !== identityChecksum(parsed.data)) return { status: 'edited', identity: parsed.data, detail: '' };
  return { status: 'ok', identity: parsed.data };
}

export const isLevel = (s: string): s is Level => (LEVELS as readonly string[]).includes(s);
