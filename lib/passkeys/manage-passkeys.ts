import { and, asc, count, eq } from 'drizzle-orm';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import type { PrincipalType } from '@/lib/auth/sessions';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { passkeys } from '@/db/schema/storefront';
import { passkeyIdSchema, passkeyNameSchema } from './schemas';

export interface PasskeyPrincipal {
  type: PrincipalType;
  id: number;
}

export interface PasskeySummary {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const ofPrincipal = (p: PasskeyPrincipal) => and(eq(passkeys.principalType, p.type), eq(passkeys.principalId, p.id));

export async function listPasskeys(db: SfDb, p: PasskeyPrincipal): Promise<PasskeySummary[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(ofPrincipal(p))
    .orderBy(asc(passkeys.id));
}

export async function countPasskeys(db: SfDb, p: PasskeyPrincipal): Promise<number> {
  const [row] = await db.select({ n: count() }).from(passkeys).where(ofPrincipal(p));
  return row?.n ?? 0;
}

export async function hasPasskey(db: SfDb, p: PasskeyPrincipal): Promise<boolean> {
  return (await countPasskeys(db, p)) > 0;
}

function parseOrThrow<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]!.message, { [field]: [parsed.error.issues[0]!.message] });
  return parsed.data;
}

/** Renames one of the principal's own passkeys; anyone else's id is "not found". */
export async function renamePasskey(db: StorefrontDb, opts: { principal: PasskeyPrincipal; passkeyId: unknown; name: unknown; actor: AuditActor }): Promise<void> {
  const id = parseOrThrow(passkeyIdSchema, opts.passkeyId, 'id');
  const name = parseOrThrow(passkeyNameSchema, opts.name, 'name');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(passkeys).where(and(eq(passkeys.id, id), ofPrincipal(opts.principal))).for('update');
    if (!row) throw new AppError('not_found', 'That passkey no longer exists.');
    if (row.name === name) return;
    await tx.update(passkeys).set({ name }).where(eq(passkeys.id, id));
    await recordAudit(tx, { actor: opts.actor, action: 'passkey.renamed', target: { type: 'passkey', id }, before: { name: row.name }, after: { name } });
  });
}

/** Removes one of the principal's own passkeys; it can no longer sign in. */
export async function removePasskey(db: StorefrontDb, opts: { principal: PasskeyPrincipal; passkeyId: unknown; actor: AuditActor }): Promise<void> {
  const id = parseOrThrow(passkeyIdSchema, opts.passkeyId, 'id');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(passkeys).where(and(eq(passkeys.id, id), ofPrincipal(opts.principal))).for('update');
    if (!row) throw new AppError('not_found', 'That passkey no longer exists.');
    await tx.delete(passkeys).where(eq(passkeys.id, id));
    await recordAudit(tx, { actor: opts.actor, action: 'passkey.removed', target: { type: 'passkey', id }, before: { name: row.name, principalType: row.principalType, principalId: row.principalId } });
  });
}

/** The list as plain JSON for a client component. */
export function toPasskeyItems(list: PasskeySummary[]): { id: number; name: string; createdAt: string; lastUsedAt: string | null }[] {
  return list.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null }));
}
