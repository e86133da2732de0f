import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { rateLimitedError, refundAttempt, reserveAttempt } from '@/lib/security/rate-limit';
import { mfaSessionLimit } from './attempt-limit';
import { INVALID_CODE_MESSAGE } from './confirm-totp-enrolment';
import { replaceRecoveryCodes } from './recovery-codes';
import { totpCodeSchema } from './schemas';
import { hasConfirmedTotp, type MfaPrincipal } from './totp';
import { verifyTotpCode } from './verify-totp-code';

/**
 * Replaces all recovery codes (used or not) with ten new ones, returned once. Asks for a current code, so a
 * session left open on someone else's screen cannot mint codes.
 */
export async function regenerateRecoveryCodes(
  db: StorefrontDb,
  opts: { principal: MfaPrincipal; code: unknown; storefrontId: number; sessionKey: string; actor: AuditActor; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const parsed = totpCodeSchema.safeParse(opts.code);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]!.message, { code: [parsed.error.issues[0]!.message] });
  const p = opts.principal;
  if (!(await hasConfirmedTotp(db, p))) throw new AppError('conflict', 'Two-factor authentication is not set up.');
  // Reserved before the proof is checked, kept on failure, handed back on success (lib/security/rate-limit.ts).
  const perSession = mfaSessionLimit(opts.storefrontId, opts.sessionKey);
  const reserved = await reserveAttempt([perSession]);
  if (!reserved.allowed) throw rateLimitedError(reserved.refused);
  if (!(await verifyTotpCode(db, { principal: p, code: parsed.data, now: opts.now }))) {
    await recordAudit(db, { actor: opts.actor, action: 'auth.mfa_failed', target: { type: p.type, id: p.id }, after: { during: 'regenerate_recovery_codes' } });
    throw new AppError('unauthorized', INVALID_CODE_MESSAGE);
  }
  await refundAttempt([perSession]);
  return db.transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, p);
    await recordAudit(tx, { actor: opts.actor, action: 'mfa.recovery_codes_regenerated', target: { type: p.type, id: p.id }, after: { count: recoveryCodes.length } });
    return { recoveryCodes };
  });
}
