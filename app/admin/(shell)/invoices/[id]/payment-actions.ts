'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { AppError } from '@/lib/errors/app-error';
import { failed, formValues } from '@/lib/forms/action-result';
import { findInvoiceCharge } from '@/lib/payments/admin/find-invoice-charge';
import { parseRefundAmount } from '@/lib/payments/admin/parse-refund-amount';
import { refundPayment } from '@/lib/payments/refund-payment';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const ids = z.object({
  invoicePublicId: z.string().regex(/^inv_[a-z0-9]{1,40}$/),
  paymentPublicId: z.string().regex(/^txn_[a-z0-9]{1,40}$/),
});

/** Staff (billing.manage) refund a succeeded gateway charge of this invoice back to the card or PayPal account. */
export async function refundGatewayPaymentAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsedIds = ids.safeParse({ invoicePublicId: data.get('invoicePublicId'), paymentPublicId: data.get('paymentPublicId') });
  if (!parsedIds.success) return { ok: false, message: 'No such payment.' };
  const { invoicePublicId, paymentPublicId } = parsedIds.data;
  const values = formValues(data, ['amount', 'reason']);
  const db = access.ctx.db;
  // The charge must belong to the invoice whose page the form is on.
  const charge = await findInvoiceCharge(db, { invoicePublicId, paymentPublicId });
  if (!charge) return { ok: false, message: 'No such payment on this invoice.' };
  const amount = parseRefundAmount(values.amount, charge.minorDigits);
  if (!amount.ok) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { amount: [amount.error] }, values };
  try {
    const res = await refundPayment(db, {
      storefront: access.ctx.storefront,
      input: { paymentPublicId, amountMinor: amount.minor, reason: values.reason ?? '' },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath(`/invoices/${invoicePublicId}`);
    return { ok: res.status !== 'failed', message: res.message, values: res.status === 'failed' ? values : undefined };
  } catch (err) {
    if (err instanceof AppError && err.fieldErrors?.amountMinor) {
      const { amountMinor, ...rest } = err.fieldErrors;
      return failed(new AppError(err.code, err.message, { ...rest, amount: amountMinor }), values);
    }
    return failed(err, values);
  }
}
