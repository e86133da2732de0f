import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { customers, staffUsers } from '@/db/schema/storefront';
import { recordAudit } from '@/lib/audit/record-audit';
import type { AppErrorCode } from '@/lib/errors/app-error';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { hasPasskey } from '@/lib/passkeys/manage-passkeys';
import { clearRateLimit, RATE_LIMITS, rateLimitedError, refundAttempt, reserveAttempt, type RateLimitKey } from '@/lib/security/rate-limit';
import { dummyPasswordHash, verifyPassword } from './password';
import { signInSchema } from './schemas';
import { createSession, type PrincipalType } from './sessions';

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; mfaRequired: boolean }
  | { ok: false; code?: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> };

const GENERIC_FAILURE = 'Email or password is incorrect.';

async function findPrincipal(db: SfDb, type: PrincipalType, email: string) {
  if (type === 'staff') {
    const [s] = await db.select().from(staffUsers).where(eq(staffUsers.email, email)).limit(1);
    return s ? { id: s.id, passwordHash: s.passwordHash, active: s.status === 'active' } : null;
  }
  const [c] = await db.select().from(customers).where(eq(customers.email, email)).limit(1);
  return c ? { id: c.id, passwordHash: c.passwordHash, active: c.status === 'active' } : null;
}

/**
 * The per-account failure counter's subject (the storefront is part of every rate-limit key, since emails are
 * unique per storefront only). The counter exists for unknown emails too, so a refusal reveals nothing.
 */
export function signInAccountSubject(principalType: PrincipalType, email: string): string {
  return `${principalType}:${email}`;
}

export function signInAccountLimit(storefrontId: number, principalType: PrincipalType, email: string): RateLimitKey {
  return { rule: RATE_LIMITS.signInFailuresPerAccount, storefrontId, subject: signInAccountSubject(principalType, email) };
}

/**
 * Password sign-in for one area's principals. Every failure gives the same message and costs one hash
 * comparison, so responses do not reveal which emails have accounts. Each attempt reserves a point on the
 * failure limits (per account, per IP) before the password is looked at, and past them is refused; a failure
 * keeps its points, anything else hands them back (only failures count). A principal with TOTP gets a session
 * that is pending until the second factor is given.
 */
export async function signInWithPassword(
  db: SfDb,
  opts: { principalType: PrincipalType; input: unknown; storefrontId: number; ip?: string | null; userAgent?: string | null },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(opts.input);
  if (!parsed.success) {
    return { ok: false, message: 'Check the highlighted fields.', fieldErrors: parsedFieldErrors(parsed.error.issues) };
  }
  const { email, password } = parsed.data;
  const perAccount = signInAccountLimit(opts.storefrontId, opts.principalType, email);
  const perIp: RateLimitKey | null = opts.ip ? { rule: RATE_LIMITS.signInFailuresPerIp, storefrontId: opts.storefrontId, subject: opts.ip } : null;
  const reserved = await reserveAttempt([perAccount, perIp]);
  if (!reserved.allowed) {
    // Decided before any lookup, so known and unknown emails are refused alike.
    const anonymous = { type: opts.principalType, label: email, ip: opts.ip, userAgent: opts.userAgent } as const;
    await recordAudit(db, { actor: anonymous, action: 'auth.sign_in_throttled', target: { type: opts.principalType, id: email } });
    const err = rateLimitedError(reserved.refused);
    return { ok: false, code: err.code, message: err.message };
  }

  const principal = await findPrincipal(db, opts.principalType, email);
  const valid = await verifyPassword(password, principal?.passwordHash ?? (await dummyPasswordHash()));
  const actor = { type: opts.principalType, id: principal?.id ?? null, label: email, ip: opts.ip, userAgent: opts.userAgent } as const;
  if (!principal || !valid || !principal.active) {
    await recordAudit(db, { actor, action: 'auth.sign_in_failed', target: { type: opts.principalType, id: principal?.id ?? email } });
    return { ok: false, message: GENERIC_FAILURE };
  }
  const mfaRequired = await hasConfirmedTotp(db, { type: opts.principalType, id: principal.id });
  // Staff whose only second factor is a passkey have nothing to add to a password, so the password alone opens nothing.
  if (opts.principalType === 'staff' && !mfaRequired && (await hasPasskey(db, { type: 'staff', id: principal.id }))) {
    await refundAttempt([perAccount, perIp]);
    await recordAudit(db, { actor, action: 'auth.sign_in_failed', target: { type: 'staff', id: principal.id }, after: { method: 'password', reason: 'passkey_required' } });
    return { ok: false, code: 'forbidden', message: 'This account signs in with a passkey: use “Continue with a passkey”.' };
  }
  const session = await createSession(db, { principalType: opts.principalType, principalId: principal.id, mfaPending: mfaRequired, ip: opts.ip, userAgent: opts.userAgent });
  const target = { type: opts.principalType, id: principal.id };
  if (mfaRequired) {
    // The account's failure counter is cleared only once the second factor is given too.
    await refundAttempt([perAccount, perIp]);
    await recordAudit(db, { actor, action: 'auth.password_accepted', target, after: { secondFactorRequired: true } });
  } else {
    await Promise.all([clearRateLimit(perAccount), refundAttempt([perIp])]);
    await recordAudit(db, { actor, action: 'auth.signed_in', target });
  }
  return { ok: true, ...session, mfaRequired };
}

function parsedFieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? 'form');
    (out[key] ??= []).push(i.message);
  }
  return out;
}
