import { and, eq } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { requireRecentAuthentication } from '@/lib/auth/recent-authentication';
import { AppError } from '@/lib/errors/app-error';
import { mfaRecoveryCodes, mfaTotp } from '@/db/schema/storefront';
import { findTotp, requireCustomerPrincipal, type MfaPrincipal } from './totp';

/**
 * Turns TOTP off and deletes the recovery codes. Customers only (staff must keep it); the session must have
 * proved a factor within the last few minutes (a sign-in, or "confirm it's you" with the password or a code).
 */
export async function disableTotp(db: StorefrontDb, opts: { principal: MfaPrincipal; sessionId: number; actor: AuditActor }): Promise<void> {
  const p = opts.principal;
  requireCustomerPrincipal(p, 'turn off two-factor authentication');
  const row = await findTotp(db, p);
  if (!row?.confirmedAt) throw new AppError('conflict', 'Two-factor authentication is not set up.');
  await requireRecentAuthentication(db, { sessionId: opts.sessionId, principal: p });
  await db.transaction(async (tx) => {
    const [res] = await tx.delete(mfaTotp).where(eq(mfaTotp.id, row.id));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'Two-factor authentication was already turned off.');
    await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id)));
    await recordAudit(tx, { actor: opts.actor, action: 'mfa.disabled', target: { type: p.type, id: p.id }, before: { method: 'totp' } });
  });
}
