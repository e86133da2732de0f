import { generateAuthenticationOptions, verifyAuthenticationResponse, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq, sql } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit } from '@/lib/audit/record-audit';
import { createSession, type PrincipalType } from '@/lib/auth/sessions';
import type { AppErrorCode } from '@/lib/errors/app-error';
import { RATE_LIMITS, rateLimitedError, refundAttempt, reserveAttempt } from '@/lib/security/rate-limit';
import { customers, passkeys, staffUsers } from '@/db/schema/storefront';
import { challengeOfResponse, consumeChallenge, storeChallenge } from './challenge-store';
import type { RelyingParty } from './relying-party';
import { asAuthenticationResponse, authenticationResponseSchema } from './schemas';

export type PasskeySignInResult =
  | { ok: true; token: string; expiresAt: Date; principalId: number }
  | { ok: false; code: AppErrorCode; message: string };

/**
 * Options for navigator.credentials.get() with no allow-list: the authenticator offers its discoverable
 * credentials for this RP ID, so nobody types an email or a password.
 */
export async function startPasskeySignIn(opts: { principalType: PrincipalType; storefrontId: number; rp: RelyingParty }): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: opts.rp.id, userVerification: 'required', timeout: 120_000 });
  await storeChallenge({ purpose: 'sign-in', storefrontId: opts.storefrontId, challenge: options.challenge, binding: opts.principalType });
  return options;
}

async function isActive(db: StorefrontDb, type: PrincipalType, id: number): Promise<{ active: boolean; label: string | null }> {
  const table = type === 'staff' ? staffUsers : customers;
  const [row] = await db.select({ status: table.status, email: table.email }).from(table).where(eq(table.id, id)).limit(1);
  return { active: row?.status === 'active', label: row?.email ?? null };
}

/**
 * Signs in with a passkey alone. The passkey's user verification (PIN, biometrics) plus possession of the key is
 * two factors, so the session is a full one with no TOTP step. The challenge is spent before anything else, and
 * the sign count moves forward under a guard, so a replayed assertion changes nothing.
 */
export async function finishPasskeySignIn(
  db: StorefrontDb,
  opts: { principalType: PrincipalType; storefrontId: number; rp: RelyingParty; response: unknown; ip?: string | null; userAgent?: string | null },
): Promise<PasskeySignInResult> {
  const ip = opts.ip || null;
  // Failures count against the IP's sign-in limit: a point is reserved first, kept on failure, handed back on
  // success (lib/security/rate-limit.ts).
  const perIp = ip ? { rule: RATE_LIMITS.signInFailuresPerIp, storefrontId: opts.storefrontId, subject: ip } : null;
  const reserved = await reserveAttempt([perIp]);
  if (!reserved.allowed) {
    const err = rateLimitedError(reserved.refused);
    return { ok: false, code: err.code, message: err.message };
  }
  let actor = { type: opts.principalType, id: null as number | null, label: 'passkey' as string | null, ip, userAgent: opts.userAgent };
  let target: { type: string; id: string | number } = { type: opts.principalType, id: 'unknown' };
  const fail = async (code: AppErrorCode, message: string, reason: string): Promise<PasskeySignInResult> => {
    await recordAudit(db, { actor, action: 'auth.sign_in_failed', target, after: { method: 'passkey', reason } });
    return { ok: false, code, message };
  };

  const parsed = authenticationResponseSchema.safeParse(opts.response);
  if (!parsed.success) return fail('bad_request', 'The passkey response was not valid. Try again.', 'malformed');
  const challenge = challengeOfResponse(parsed.data.response.clientDataJSON);
  const issued = challenge !== null && (await consumeChallenge({ purpose: 'sign-in', storefrontId: opts.storefrontId, challenge, binding: opts.principalType }));
  if (!issued) return fail('bad_request', 'This passkey request has expired or was already used. Try again.', 'challenge');

  const [key] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.credentialId, parsed.data.id), eq(passkeys.principalType, opts.principalType)))
    .limit(1);
  if (!key) return fail('unauthorized', 'This passkey is not registered here. Sign in with your password and add it first.', 'unknown_credential');
  const principal = await isActive(db, key.principalType, key.principalId);
  actor = { ...actor, id: key.principalId, label: principal.label };
  target = { type: key.principalType, id: key.principalId };

  let newCounter: number;
  try {
    const v = await verifyAuthenticationResponse({
      response: asAuthenticationResponse(parsed.data),
      expectedChallenge: challenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.id,
      credential: { id: key.credentialId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')), counter: key.signCount, transports: key.transports?.split(',') },
      requireUserVerification: true,
    });
    if (!v.verified) return fail('unauthorized', 'The passkey could not be verified for this site. Try again.', 'verification');
    newCounter = v.authenticationInfo.newCounter;
  } catch {
    return fail('unauthorized', 'The passkey could not be verified for this site. Try again.', 'verification');
  }
  if (!principal.active) return fail('forbidden', 'This account cannot sign in.', 'inactive');

  const session = await db.transaction(async (tx) => {
    // Guarded on the count we verified against: a concurrent use of the same assertion loses here.
    const [res] = await tx
      .update(passkeys)
      .set({ signCount: newCounter, lastUsedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(passkeys.id, key.id), eq(passkeys.signCount, key.signCount)));
    if (res.affectedRows !== 1) return null;
    const s = await createSession(tx, { principalType: key.principalType, principalId: key.principalId, ip, userAgent: opts.userAgent });
    await recordAudit(tx, { actor, action: 'auth.signed_in', target, after: { method: 'passkey', passkeyId: key.id } });
    return s;
  });
  if (!session) return fail('unauthorized', 'The passkey could not be verified for this site. Try again.', 'sign_count');
  await refundAttempt([perIp]);
  return { ok: true, ...session, principalId: key.principalId };
}
