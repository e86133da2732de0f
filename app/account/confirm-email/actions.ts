'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { confirmEmailChange } from '@/lib/customers/change-credentials';
import { failed } from '@/lib/forms/action-result';

export async function confirmEmailChangeAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  try {
    const { email } = await confirmEmailChange(ctx.db, { token: String(data.get('token') ?? ''), ip: (await requestMeta()).ip });
    return { ok: true, message: `Your email address is now ${email}.` };
  } catch (err) {
    return failed(err, {});
  }
}
