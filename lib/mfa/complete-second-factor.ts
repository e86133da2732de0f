import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { markSecondFactorPassed, revokeSessionById } from '@/lib/auth/sessions';
import type { AppErrorCode } from '@/lib/errors/app-error';
import { clearRateLimit, RATE_LIMITS, refundAttempt, reserveAttempt, type RateLimitKey } from '@/lib/security/rate-limit';
import type { Session } from '@/db/schema/storefront';
import { mfaSessionLimit } from './attempt-limit';
import { secondFactorSchema } from './schemas';
import { useRecoveryCode } from './use-recovery-code';
import { verifyTotpCode } from './verify-totp-code';

export type SecondFactorResult =
  | { ok: true; method: 'totp' | 'recovery_code'; expiresAt: Date }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]>; signInAgain: boolean };

const TOO_MANY = 'Too many incorrect codes. Sign in again.';

/**
 * The second step of signing in: a TOTP code or a recovery code turns the pending session into a signed-in one.
 * Wrong codes count against the session; at the limit the session is revoked, so guessing needs the password
 * again. Each failure also counts against the account's sign-in limit (accountSubject), so several pending
 * sessions of one account share that budget. Both points are reserved before the code is checked (see
 * lib/security/rate-limit.ts): parallel guesses cannot outrun the count.
 */
export async function completeSecondFactor(
  db: StorefrontDb,
  opts: {
    storefrontId: number;
    session: Pick<Session, 'id' | 'tokenHash' | 'principalType' | 'principalId'>;
    input: unknown;
    accountSubject?: string;
    actor: AuditActor;
    now?: Date;
  },
): Promise<SecondFactorResult> {
  const parsed = secondFactorSchema.safeParse(opts.input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    return { ok: false, code: 'bad_request', message, fieldErrors: { code: [message] }, signInAgain: false };
  }
  const s = opts.session;
  const principal = { type: s.principalType, id: s.principalId };
  const target = { type: s.principalType, id: s.principalId };

  const perSession = mfaSessionLimit(opts.storefrontId, s.tokenHash);
  const perAccount: RateLimitKey | null = opts.accountSubject
    ? { rule: RATE_LIMITS.signInFailuresPerAccount, storefrontId: opts.storefrontId, subject: opts.accountSubject }
    : null;
  const reserved = await reserveAttempt([perSession, perAccount]);
  if (!reserved.allowed) {
    await revokeSessionById(db, s.id);
    return { ok: false, code: 'rate_limited', message: TOO_MANY, signInAgain: true };
  }

  const factor = parsed.data;
  const passed =
    factor.kind === 'totp'
      ? await verifyTotpCode(db, { principal, code: factor.code, now: opts.now })
      : await useRecoveryCode(db, { principal, code: factor.code, actor: opts.actor });
  if (!passed) {
    await recordAudit(db, { actor: opts.actor, action: 'auth.mfa_failed', target, after: { during: 'sign_in', kind: factor.kind } });
    // The failure keeps its points; the one that used the session's last point ends the session.
    if (reserved.results[0]!.remaining === 0) {
      await revokeSessionById(db, s.id);
      return { ok: false, code: 'rate_limited', message: TOO_MANY, signInAgain: true };
    }
    return { ok: false, code: 'unauthorized', message: 'That code is not valid.', fieldErrors: { code: ['That code is not valid.'] }, signInAgain: false };
  }

  const passedSession = await markSecondFactorPassed(db, s.id, opts.now);
  if (!passedSession) {
    await refundAttempt([perSession, perAccount]);
    return { ok: false, code: 'unauthorized', message: 'This sign-in has expired. Sign in again.', signInAgain: true };
  }
  const method = factor.kind === 'totp' ? 'totp' : 'recovery_code';
  await recordAudit(db, { actor: opts.actor, action: 'auth.signed_in', target, after: { secondFactor: method } });
  await Promise.all([clearRateLimit(perSession), perAccount ? clearRateLimit(perAccount) : null]);
  return { ok: true, method, expiresAt: passedSession.expiresAt };
}
