'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { accountAllows } from '@/lib/auth/request-session';
import { failed } from '@/lib/forms/action-result';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import { gatewayIdSchema, gatewayNames } from '@/lib/payments/registry';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';

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

const gatewaySchema = z.object({ invoiceId: z.string().regex(/^inv_[a-z0-9]{1,40}$/), gateway: gatewayIdSchema() });

/** Sends the browser to the gateway's hosted page for the invoice's balance; the return route settles it. */
export async function payWithGatewayAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('billing.pay');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, account, actor, signedIn } = access;
  const parsed = gatewaySchema.safeParse({ invoiceId: data.get('invoiceId'), gateway: data.get('gateway') });
  if (!parsed.success) return { ok: false, message: 'Pick a way to pay.' };
  // Keeping a card on file for renewals is managing the account's payment methods, which billing.pay alone is not.
  const savePaymentMethod = data.get('savePaymentMethod') === 'on' && accountAllows(signedIn, 'payment_methods.manage');
  try {
    const { redirectUrl } = await startInvoicePayment(ctx.db, {
      storefront: ctx.storefront,
      customerId: account.id,
      input: { invoicePublicId: parsed.data.invoiceId, gateway: parsed.data.gateway, savePaymentMethod },
      actor,
    });
    return { ok: true, message: gatewayNames(parsed.data.gateway).redirecting, redirectTo: redirectUrl };
  } catch (err) {
    return failed(err, {});
  }
}
