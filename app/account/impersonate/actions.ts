'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea, setSessionCookie } from '@/lib/auth/request-session';
import { failed } from '@/lib/forms/action-result';
import { completeImpersonation } from '@/lib/impersonation/impersonation';

/** The session cookie can only be set on the account host itself, hence this second step there. */
export async function continueImpersonationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  try {
    const session = await completeImpersonation(ctx.db, { token: String(data.get('token') ?? ''), ...(await requestMeta()) });
    await setSessionCookie('customer', session.token, session.expiresAt);
    return { ok: true, message: 'Opening the customer area…', redirectTo: '/' };
  } catch (err) {
    return failed(err, {});
  }
}
