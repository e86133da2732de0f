import type { FormState } from '@/components/auth/sign-in-form';
import { requestMeta, requireArea, setSessionCookie } from './request-session';
import type { PrincipalType } from './sessions';
import { signInWithPassword } from './sign-in';

/** Shared body of the account and admin sign-in server actions. */
export async function handleSignIn(principalType: PrincipalType, data: FormData): Promise<FormState> {
  const ctx = await requireArea(principalType === 'staff' ? 'admin' : 'account');
  const meta = await requestMeta();
  const result = await signInWithPassword(ctx.db, {
    principalType,
    input: { email: data.get('email'), password: data.get('password') },
    ...meta,
  });
  const email = data.get('email');
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, email: typeof email === 'string' ? email.slice(0, 254) : '' };
  await setSessionCookie(principalType, result.token, result.expiresAt);
  // Not redirect(): Next renders a server action's redirect target in the same request, without the host
  // proxy's rewrite, so the browser navigates itself instead.
  return { ok: true, redirectTo: '/' };
}
