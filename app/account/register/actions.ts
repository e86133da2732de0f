'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { registerCustomer } from '@/lib/customers/register-customer';
import { registerCustomerSchema } from '@/lib/customers/schemas';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';

const FIELDS = ['name', 'email', 'password', 'country', 'currency', 'company', 'taxId'] as const;

export async function registerAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const values = formValues(data, FIELDS);
  const parsed = registerCustomerSchema.safeParse(formInput(data, FIELDS));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await registerCustomer(ctx.db, { storefrontId: ctx.storefront.id, input: parsed.data, ...(await requestMeta()) });
  } catch (err) {
    return failed(err, values);
  }
  // The same words whether the address was new or already had an account.
  return { ok: true, message: `Almost done: we sent a link to ${parsed.data.email}. Open it to confirm your email address, then sign in.` };
}
