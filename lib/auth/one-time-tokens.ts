import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { oneTimeTokens, type OneTimeToken } from '@/db/schema/storefront';
import { hashToken, type PrincipalType } from './sessions';

export type TokenPurpose = OneTimeToken['purpose'];

const TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 3_600_000,
  change_email: 24 * 3_600_000,
  reset_password: 3_600_000,
  // A hand-off from the admin host to the account host, used within seconds of being issued.
  impersonate: 60_000,
};

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Issues a link token; earlier unused tokens of the same purpose stop working, so only the newest link counts. */
export async function issueOneTimeToken(
  db: SfDb,
  opts: { purpose: TokenPurpose; principalType: PrincipalType; principalId: number; newEmail?: string; detail?: string },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(
      and(
        eq(oneTimeTokens.purpose, opts.purpose),
        eq(oneTimeTokens.principalType, opts.principalType),
        eq(oneTimeTokens.principalId, opts.principalId),
        isNull(oneTimeTokens.usedAt),
      ),
    );
  await db.insert(oneTimeTokens).values({
    purpose: opts.purpose,
    principalType: opts.principalType,
    principalId: opts.principalId,
    tokenHash: hashToken(token),
    newEmail: opts.newEmail ?? null,
    detail: opts.detail ?? null,
    expiresAt: new Date(Date.now() + TTL_MS[opts.purpose]),
  });
  return token;
}

/** The live token row, without using it (to show a form), or null. */
export async function peekOneTimeToken(db: SfDb, purpose: TokenPurpose, token: string): Promise<OneTimeToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

/** Uses a token exactly once (a guarded update, so two clicks cannot both succeed); null if unknown, used or expired. */
export async function consumeOneTimeToken(db: SfDb, purpose: TokenPurpose, token: string): Promise<OneTimeToken | null> {
  const row = await peekOneTimeToken(db, purpose, token);
  if (!row) return null;
  const [res] = await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(eq(oneTimeTokens.id, row.id), isNull(oneTimeTokens.usedAt)));
  return res.affectedRows === 1 ? row : null;
}
