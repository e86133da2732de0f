'use server';

import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { parseMoney } from '@/lib/money/parse-money';
import { findCurrency } from '@/lib/catalog/find-currency';
import { createAddFundsInvoice } from '@/lib/credit/add-funds';
import { failed, formValues } from '@/lib/forms/action-result';
import { payInvoicesWithCredit } from '@/lib/invoices/pay-invoices-with-credit';

export async function addFundsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('billing.pay');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = formValues(data, ['amount', 'currency']);
  const cur = await findCurrency(access.ctx.db, { code: (values.currency ?? '').slice(0, 3) });
  if (!cur) return { ok: false, message: 'Choose a currency.', fieldErrors: { currency: ['is not offered'] }, values };
  const amount = parseMoney(values.amount ?? '', cur.minorDigits);
  if (!amount.ok || amount.minor === null) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { amount: [amount.ok ? 'is required' : amount.error] }, values };
  try {
    const { invoicePublicId } = await createAddFundsInvoice(access.ctx.db, { customerId: access.account.id, currency: values.currency!, amountMinor: amount.minor, actor: access.actor });
    return { ok: true, message: 'Invoice created.', redirectTo: `/invoices/${invoicePublicId}` };
  } catch (err) {
    return failed(err, values);
  }
}

const idsSchema = z.array(z.string().regex(/^inv_[a-z0-9]{1,40}$/)).min(1, 'Choose at least one invoice.').max(50);

/** Mass payment: the ticked invoices, from account credit, oldest first as listed. */
export async function payInvoicesWithCreditAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('billing.pay');
  if (!access.allowed) return { ok: false, message: access.message };
  const ids = idsSchema.safeParse(data.getAll('invoice').map(String));
  if (!ids.success) return { ok: false, message: ids.error.issues[0]?.message ?? 'Choose at least one invoice.' };
  const results = await payInvoicesWithCredit(access.ctx.db, { customerId: access.account.id, invoicePublicIds: ids.data, actor: access.actor, receiptFor: { storefrontId: access.ctx.storefront.id } });
  const paid = results.filter((r) => r.outcome === 'paid').length;
  const part = results.filter((r) => r.outcome === 'part_paid').length;
  const skipped = results.filter((r) => r.outcome === 'skipped');
  const parts = [`${paid} invoice(s) paid`, part ? `${part} partly paid` : '', skipped.length ? `${skipped.length} not paid (${skipped[0]!.message})` : ''].filter(Boolean);
  return { ok: paid + part > 0, message: `${parts.join(', ')}.`, redirectTo: paid + part > 0 ? '/invoices' : undefined };
}
