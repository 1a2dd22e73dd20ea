import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { LEVELS } from './catalogue.js';
import { z } from 'zod';

// What the template writes into the workbook so a returned file says whose it is, whatever its name.
export const IDENTITY_FIELDS = ['format', 'kind', 'code', 'name', 'level', 'parent', 'year', 'baselineYear', 'templateVersion'] as const;
/** Fields added since: in the checksum only when present, so every form issued before them still checks. */
export const LATER_FIELDS = ['survey'] as const;

export const identitySchema = z.object({
  format: z.literal('rc-org/1'),
  kind: z.enum(['form', 'summary']),
  code: z.string().min(1),
  name: z.string().min(1),
  level: z.string().refine((l) => LEVELS.includes(l)),
  parent: z.string(),
  year: z.coerce.number().int(),
  baselineYear: z.coerce.number().int(),
  templateVersion: z.string(),
  /** The survey definition's id (since issue 20); its version is templateVersion. */
  survey: z.string().min(1).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

const presentFields = (id: Identity): (keyof Identity)[] => [...IDENTITY_FIELDS, ...LATER_FIELDS.filter((f) => id[f] !== undefined)];
const canonical = (id: Identity): string => presentFields(id).map((f) => `${f}=${String(id[f])}`).join('\n');

/**
 * An unkeyed hash of the identity's public fields: it catches accidental edits (a code retyped, a row deleted),
 * not a deliberate forgery — anyone can recompute it. The optional signature below is what catches forgery.
 */
export function identityChecksum(id: Identity): string {
  return createHash('sha256').update(canonical(id), 'utf8').digest('hex').slice(0, 16);
}

/** HMAC-SHA-256 of the identity under the province's key (template --sign-key): only the key holder can make it. */
export function identitySignature(id: Identity, key: Uint8Array): string {
  return createHmac('sha256', key).update(canonical(id), 'utf8').digest('hex');
}

/** The key/value rows of the identity sheet, checksum last (then the signature, when a key is given). */
export function identityRows(id: Identity, signKey?: Uint8Array | null): [string, string][] {
  const rows: [string, string][] = [...presentFields(id).map((f): [string, string] => [f, String(id[f])]), ['checksum', identityChecksum(id)]];
  if (signKey) rows.push(['signature', identitySignature(id, signKey)]);
  return rows;
}

/** With a key: is the identity signed with it? Without one nothing is asked, so unsigned forms stay valid where no key is used. */
export function signatureStatus(pairs: ReadonlyMap<string, string>, id: Identity, key: Uint8Array): 'ok' | 'unsigned' | 'forged' {
  const given = (pairs.get('signature') ?? '').trim().toLowerCase();
  if (given === '') return 'unsigned';
  const want = Buffer.from(identitySignature(id, key), 'utf8');
  const got = Buffer.from(given, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want) ? 'ok' : 'forged';
}

export type IdentityReading = { status: 'ok'; identity: Identity } | { status: 'missing' } | { status: 'edited'; identity: Identity | null; detail: string };

/** Check the key/value pairs read back from a workbook. Pure. */
export function readIdentity(pairs: ReadonlyMap<string, string> | null): IdentityReading {
  if (!pairs || !pairs.has('code')) return { status: 'missing' };
  const later = LATER_FIELDS.filter((f) => pairs.has(f)).map((f) => [f, pairs.get(f)]);
  const parsed = identitySchema.safeParse(Object.fromEntries([...IDENTITY_FIELDS.map((f) => [f, pairs.get(f) ?? '']), ...later]));
  if (!parsed.success) return { status: 'edited', identity: null, detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const sum = pairs.get('checksum') ?? '';
  if (sum !== identityChecksum(parsed.data)) return { status: 'edited', identity: parsed.data, detail: '' };
  return { status: 'ok', identity: parsed.data };
}
