'use server';

import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { emailSchema } from '@/lib/auth/schemas';
import { requestPasswordReset } from '@/lib/customers/password-reset';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';

const schema = z.object({ email: emailSchema });

export async function forgotPasswordAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const values = formValues(data, ['email']);
  const parsed = schema.safeParse(formInput(data, ['email']));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await requestPasswordReset(ctx.db, { storefrontId: ctx.storefront.id, email: parsed.data.email, ip: (await requestMeta()).ip });
  } catch (err) {
    return failed(err, values);
  }
  return { ok: true, message: 'If an account uses that address, we sent it a link to reset the password. It works for one hour.' };
}
