import type { FormState } from '@/components/auth/sign-in-form';
import type { TwoFactorState } from '@/components/auth/two-factor-form';
import { completeSecondFactor } from '@/lib/mfa/complete-second-factor';
import { extendSessionCookie, getPendingSecondFactor, requestMeta, requireArea, setSessionCookie } from './request-session';
import { noticeNewDevice } from './new-device-notice';
import { findSession, type PrincipalType } from './sessions';
import { signInAccountSubject, signInWithPassword } from './sign-in';

/** Shared body of the account and admin sign-in server actions. */
export async function handleSignIn(principalType: PrincipalType, data: FormData): Promise<FormState> {
  const ctx = await requireArea(principalType === 'staff' ? 'admin' : 'account');
  const meta = await requestMeta();
  const result = await signInWithPassword(ctx.db, {
    principalType,
    input: { email: data.get('email'), password: data.get('password') },
    storefrontId: ctx.storefront.id,
    ...meta,
  });
  const email = data.get('email');
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, email: typeof email === 'string' ? email.slice(0, 254) : '' };
  await setSessionCookie(principalType, result.token, result.expiresAt);
  if (!result.mfaRequired) {
    const session = await findSession(ctx.db, result.token, principalType);
    if (session) await noticeNewDevice(ctx.db, { storefrontId: ctx.storefront.id, principalType, principalId: session.principalId, sessionId: session.id, ...meta });
  }
  // Not redirect(): Next renders a server action's redirect target in the same request, without the host
  // proxy's rewrite, so the browser navigates itself instead.
  // Only known pages: an open redirect would let a phishing link bounce through our sign-in.
  const next = principalType === 'customer' && data.get('next') === '/cart' ? '/cart' : '/';
  return { ok: true, redirectTo: result.mfaRequired ? '/two-factor' : next };
}

/** Shared body of the account and admin /two-factor server actions. */
export async function handleSecondFactor(principalType: PrincipalType, data: FormData): Promise<TwoFactorState> {
  const pending = await getPendingSecondFactor(principalType);
  if (!pending) return { ok: false, message: 'This sign-in has expired. Sign in again.', signInAgain: true };
  const meta = await requestMeta();
  const result = await completeSecondFactor(pending.ctx.db, {
    storefrontId: pending.ctx.storefront.id,
    session: pending.session,
    input: data.get('code') ?? '',
    accountSubject: signInAccountSubject(principalType, pending.email),
    actor: { type: principalType, id: pending.session.principalId, label: pending.email, ...meta },
  });
  if (!result.ok) {
    // When signInAgain, the session is already revoked; its cookie is left alone (it opens nothing), because
    // changing cookies in an action re-renders the page, whose redirect would skip the host proxy.
    return { ok: false, message: result.message, fieldErrors: result.fieldErrors, signInAgain: result.signInAgain };
  }
  // The pending cookie was short-lived; the signed-in session gets its full lifetime.
  await extendSessionCookie(principalType, result.expiresAt);
  await noticeNewDevice(pending.ctx.db, {
    storefrontId: pending.ctx.storefront.id,
    principalType,
    principalId: pending.session.principalId,
    sessionId: pending.session.id,
    ...meta,
  });
  return { ok: true, redirectTo: '/' };
}
