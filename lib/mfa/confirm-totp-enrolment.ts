import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { requireRecentAuthentication } from '@/lib/auth/recent-authentication';
import { AppError } from '@/lib/errors/app-error';
import { decryptSecret } from '@/lib/security/secret-box';
import { mfaTotp } from '@/db/schema/storefront';
import { replaceRecoveryCodes } from './recovery-codes';
import { totpCodeSchema } from './schemas';
import { findTotp, matchTotpStep, type MfaPrincipal } from './totp';

export const INVALID_CODE_MESSAGE = 'That code is not valid. Check the time on your device and try again.';

/**
 * Confirms enrolment with a code from the app, turns TOTP on and issues the recovery codes — returned here and
 * never again. The code's step is recorded, so it cannot also be used to sign in.
 */
export async function confirmTotpEnrolment(
  db: StorefrontDb,
  opts: { principal: MfaPrincipal; sessionId: number; code: unknown; actor: AuditActor; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  await requireRecentAuthentication(db, { sessionId: opts.sessionId, principal: opts.principal });
  const parsed = totpCodeSchema.safeParse(opts.code);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]!.message, { code: [parsed.error.issues[0]!.message] });
  const p = opts.principal;
  const row = await findTotp(db, p);
  if (!row) throw new AppError('conflict', 'Start setting up two-factor authentication first.');
  if (row.confirmedAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
  const step = await matchTotpStep(decryptSecret(row.secretEncrypted), parsed.data, opts.now ?? new Date());
  if (step === null) {
    await recordAudit(db, { actor: opts.actor, action: 'auth.mfa_failed', target: { type: p.type, id: p.id }, after: { during: 'enrolment' } });
    throw new AppError('unauthorized', INVALID_CODE_MESSAGE);
  }
  return db.transaction(async (tx) => {
    // Guarded on the secret too: a restart in another tab replaced it, and this code proves the old one.
    const [res] = await tx
      .update(mfaTotp)
      .set({ confirmedAt: sql`CURRENT_TIMESTAMP(3)`, lastUsedStep: step })
      .where(and(eq(mfaTotp.id, row.id), isNull(mfaTotp.confirmedAt), eq(mfaTotp.secretEncrypted, row.secretEncrypted)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'Setup changed in another window. Start again.');
    const recoveryCodes = await replaceRecoveryCodes(tx, p);
    await recordAudit(tx, { actor: opts.actor, action: 'mfa.enrolled', target: { type: p.type, id: p.id }, after: { method: 'totp', recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}
