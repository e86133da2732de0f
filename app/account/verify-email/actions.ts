'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { verifyCustomerEmail } from '@/lib/customers/verify-email';
import { failed } from '@/lib/forms/action-result';

export async function verifyEmailAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  try {
    const { email } = await verifyCustomerEmail(ctx.db, { token: String(data.get('token') ?? ''), ip: (await requestMeta()).ip });
    return { ok: true, message: `${email} is confirmed. You can sign in now.` };
  } catch (err) {
    return failed(err, {});
  }
}
