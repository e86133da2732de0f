'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { accountAllows } from '@/lib/auth/request-session';
import { failed } from '@/lib/forms/action-result';
import { gatewayIdSchema, gatewayNames } from '@/lib/payments/registry';
import { startInvoicesPayment } from '@/lib/payments/start-invoices-payment';

/** Mass payment by a gateway: one hosted payment for the ticked invoices' total; the return route settles it. */
export async function payInvoicesWithGatewayAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('billing.pay');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, account, actor, signedIn } = access;
  const gateway = gatewayIdSchema().safeParse(data.get('gateway'));
  if (!gateway.success) return { ok: false, message: 'Pick a way to pay.' };
  const invoicePublicIds = data.getAll('invoice').map(String);
  if (!invoicePublicIds.length) return { ok: false, message: 'Choose at least one invoice.' };
  // Keeping a card on file for renewals is managing the account's payment methods, which billing.pay alone is not.
  const savePaymentMethod = data.get('savePaymentMethod') === 'on' && accountAllows(signedIn, 'payment_methods.manage');
  try {
    const { redirectUrl } = await startInvoicesPayment(ctx.db, { storefront: ctx.storefront, customerId: account.id, input: { invoicePublicIds, gateway: gateway.data, savePaymentMethod }, actor });
    return { ok: true, message: gatewayNames(gateway.data).redirecting, redirectTo: redirectUrl };
  } catch (err) {
    return failed(err, {});
  }
}
