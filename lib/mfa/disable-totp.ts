import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { verifyPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors/app-error';
import { rateLimitedError, refundAttempt, reserveAttempt } from '@/lib/security/rate-limit';
import { customers, mfaRecoveryCodes, mfaTotp } from '@/db/schema/storefront';
import { mfaSessionLimit } from './attempt-limit';
import { totpCodeSchema } from './schemas';
import { findTotp, requireCustomerPrincipal, type MfaPrincipal } from './totp';
import { verifyTotpCode } from './verify-totp-code';

const disableSchema = z.union(
  [
    z.object({ code: totpCodeSchema }),
    z.object({ code: z.literal('').optional(), password: z.string().min(1).max(200) }),
  ],
  { error: 'Enter a code from your authenticator app, or your password.' },
);

/**
 * Turns TOTP off and deletes the recovery codes. Customers only (staff must keep it); proven with a current
 * code or the account password, counted against the session's second-factor attempts.
 */
export async function disableTotp(
  db: StorefrontDb,
  opts: { principal: MfaPrincipal; input: { code?: unknown; password?: unknown }; storefrontId: number; sessionKey: string; actor: AuditActor; now?: Date },
): Promise<void> {
  const p = opts.principal;
  requireCustomerPrincipal(p, 'turn off two-factor authentication');
  const parsed = disableSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]!.message);
  const row = await findTotp(db, p);
  if (!row?.confirmedAt) throw new AppError('conflict', 'Two-factor authentication is not set up.');
  // Reserved before the proof is checked, kept on failure, handed back on success (lib/security/rate-limit.ts).
  const perSession = mfaSessionLimit(opts.storefrontId, opts.sessionKey);
  const reserved = await reserveAttempt([perSession]);
  if (!reserved.allowed) throw rateLimitedError(reserved.refused);

  const proof = parsed.data;
  let proven: boolean;
  if ('password' in proof) {
    const [c] = await db.select({ passwordHash: customers.passwordHash }).from(customers).where(eq(customers.id, p.id)).limit(1);
    proven = Boolean(c?.passwordHash) && (await verifyPassword(proof.password, c!.passwordHash!));
  } else {
    proven = await verifyTotpCode(db, { principal: p, code: proof.code, now: opts.now });
  }
  if (!proven) {
    await recordAudit(db, { actor: opts.actor, action: 'auth.mfa_failed', target: { type: p.type, id: p.id }, after: { during: 'disable' } });
    throw new AppError('unauthorized', 'password' in proof ? 'That password is not correct.' : 'That code is not valid.');
  }
  await refundAttempt([perSession]);
  await db.transaction(async (tx) => {
    const [res] = await tx.delete(mfaTotp).where(eq(mfaTotp.id, row.id));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'Two-factor authentication was already turned off.');
    await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id)));
    await recordAudit(tx, { actor: opts.actor, action: 'mfa.disabled', target: { type: p.type, id: p.id }, before: { method: 'totp' }, after: { provenWith: 'password' in proof ? 'password' : 'totp' } });
  });
}
