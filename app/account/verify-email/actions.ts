'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { customerActor } from '@/lib/auth/customer-actor';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { resendVerificationEmail } from '@/lib/customers/resend-verification-email';
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

/** From a signed-in customer's pages: a new verification link to their own address. */
export async function resendVerificationEmailAction(): Promise<ActionResult> {
  const { ctx, customer, actor } = await customerActor({ inPerson: true });
  try {
    const { email } = await resendVerificationEmail(ctx.db, { storefrontId: ctx.storefront.id, customerId: customer.id, actor });
    return { ok: true, message: `We sent a new link to ${email}.` };
  } catch (err) {
    return failed(err, {});
  }
}
