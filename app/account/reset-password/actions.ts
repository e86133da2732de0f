'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { completePasswordReset } from '@/lib/customers/password-reset';
import { resetPasswordSchema } from '@/lib/customers/schemas';
import { failed, formInput, invalid } from '@/lib/forms/action-result';

export async function resetPasswordAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = resetPasswordSchema.safeParse(formInput(data, ['token', 'newPassword']));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    await completePasswordReset(ctx.db, { input: parsed.data, ip: (await requestMeta()).ip });
  } catch (err) {
    return failed(err, {});
  }
  return { ok: true, message: 'Your password is changed and every session is signed out. Sign in with the new password.' };
}
