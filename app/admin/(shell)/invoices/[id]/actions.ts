'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { parseMoney } from '@/lib/money/parse-money';
import { failed, formValues } from '@/lib/forms/action-result';
import { formatMoney } from '@/lib/money/format';
import { findInvoiceCurrency } from '@/lib/invoices/find-invoice-currency';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { refundInvoiceToCredit } from '@/lib/invoices/refund-to-credit';
import { voidInvoice } from '@/lib/invoices/void-invoice';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const invoicePublicId = z.string().regex(/^inv_[a-z0-9]{1,40}$/);

export async function recordBankPaymentAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = invoicePublicId.safeParse(data.get('invoicePublicId'));
  if (!id.success) return { ok: false, message: 'No such invoice.' };
  const values = formValues(data, ['amount', 'reference']);
  const db = access.ctx.db;
  const invoice = await findInvoiceCurrency(db, { invoicePublicId: id.data });
  if (!invoice) return { ok: false, message: 'No such invoice.' };
  const { minorDigits } = invoice;
  const amount = parseMoney(values.amount, minorDigits);
  if (!amount.ok) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { amount: [amount.error] }, values };
  try {
    const res = await recordBankPayment(db, {
      invoicePublicId: id.data,
      amountMinor: amount.minor ?? undefined,
      reference: values.reference ?? '',
      actor: await staffChangeActor(access.staff),
      receiptFor: { storefrontId: access.ctx.storefront.id },
    });
    revalidatePath(`/invoices/${id.data}`);
    return {
      ok: true,
      message: res.paid ? 'Payment recorded: the invoice is paid.' : `Payment recorded. Still due: ${formatMoney(res.balanceMinor, invoice.code, invoice.locale, minorDigits)}.`,
    };
  } catch (err) {
    return failed(err, values);
  }
}

export async function voidInvoiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = invoicePublicId.safeParse(data.get('invoicePublicId'));
  if (!id.success) return { ok: false, message: 'No such invoice.' };
  const values = formValues(data, ['reason']);
  try {
    const res = await voidInvoice(access.ctx.db, { invoicePublicId: id.data, reason: values.reason ?? '', actor: await staffChangeActor(access.staff) });
    revalidatePath(`/invoices/${id.data}`);
    return { ok: true, message: res.cancelledOrderPublicId ? `Invoice voided and order ${res.cancelledOrderPublicId} cancelled.` : 'Invoice voided.' };
  } catch (err) {
    return failed(err, values);
  }
}

export async function refundToCreditAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = invoicePublicId.safeParse(data.get('invoicePublicId'));
  if (!id.success) return { ok: false, message: 'No such invoice.' };
  const values = formValues(data, ['amount', 'reason']);
  const invoice = await findInvoiceCurrency(access.ctx.db, { invoicePublicId: id.data });
  if (!invoice) return { ok: false, message: 'No such invoice.' };
  const amount = parseMoney(values.amount ?? '', invoice.minorDigits);
  if (!amount.ok) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { amount: [amount.error] }, values };
  try {
    const res = await refundInvoiceToCredit(access.ctx.db, {
      invoicePublicId: id.data,
      amountMinor: amount.minor ?? undefined,
      reason: values.reason ?? '',
      staffId: access.staff.id,
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath(`/invoices/${id.data}`);
    return { ok: true, message: `Refunded to account credit with credit note ${res.creditNote.number}; ${res.status === 'refunded' ? 'the invoice is fully refunded' : 'part of the payment remains'}.` };
  } catch (err) {
    return failed(err, values);
  }
}
