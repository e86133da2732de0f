import { redirect } from 'next/navigation';
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
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  await setSessionCookie(principalType, result.token, result.expiresAt);
  redirect('/');
}
