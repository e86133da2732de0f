'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { failed } from '@/lib/forms/action-result';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';

const schema = z.object({ invoiceId: z.string().regex(/^inv_[a-z0-9]{1,40}$/) });

export async function payWithCreditAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('billing.pay');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, account, actor } = access;
  const parsed = schema.safeParse({ invoiceId: data.get('invoiceId') });
  if (!parsed.success) return { ok: false, message: 'No such invoice.' };
  try {
    const r = await payInvoiceWithCredit(ctx.db, { customerId: account.id, invoicePublicId: parsed.data.invoiceId, actor, receiptFor: { storefrontId: ctx.storefront.id } });
    revalidatePath(`/invoices/${parsed.data.invoiceId}`);
    return {
      ok: true,
      message: r.paid ? 'Paid from your account credit. Thank you!' : 'Your credit was applied; the rest is still due.',
      redirectTo: `/invoices/${parsed.data.invoiceId}`,
    };
  } catch (err) {
    return failed(err, {});
  }
}
