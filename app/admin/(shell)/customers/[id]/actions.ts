'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import { findCurrency } from '@/lib/catalog/find-currency';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { setTaxExempt } from '@/lib/customers/set-tax-exempt';
import { checkVatNumberNow } from '@/lib/customers/check-vat-number-now';
import { failed } from '@/lib/forms/action-result';
import { createDraftInvoice } from '@/lib/invoices/manual-invoice';
import { formatMoney } from '@/lib/money/format';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const customerId = z.coerce.number().int().positive();

export async function setTaxExemptAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('customers.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = customerId.safeParse(data.get('customerId'));
  if (!id.success) return { ok: false, message: 'Unknown customer.' };
  const taxExempt = data.get('taxExempt') === 'on';
  try {
    const res = await setTaxExempt(access.ctx.db, { customerId: id.data, taxExempt, actor: await staffChangeActor(access.staff) });
    revalidatePath(`/customers/${id.data}`);
    if (!res.changed) return { ok: true, message: 'Nothing changed.' };
    return { ok: true, message: taxExempt ? 'Marked tax exempt: new invoices carry no tax.' : 'No longer tax exempt.' };
  } catch (err) {
    return failed(err, {});
  }
}

const VAT_OUTCOME_MESSAGES = {
  confirmed: 'VIES confirms the VAT number.',
  rejected: 'VIES does not know this VAT number: new invoices charge VAT.',
  unavailable: 'VIES did not answer; the last known standing stays. Try again later.',
} as const;

export async function checkVatNumberAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('customers.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const res = await checkVatNumberNow(access.ctx.db, {
      input: { customerPublicId: String(data.get('customerPublicId') ?? '') },
      actor: await staffChangeActor(access.staff),
      storefrontId: access.ctx.storefront.id,
    });
    revalidatePath('/customers');
    return { ok: res.outcome !== 'unavailable', message: `${VAT_OUTCOME_MESSAGES[res.outcome]}${res.changed ? ' The standing changed (recorded in the audit log).' : ''}` };
  } catch (err) {
    return failed(err, {});
  }
}

export async function adjustCreditAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = customerId.safeParse(data.get('customerId'));
  if (!id.success) return { ok: false, message: 'Unknown customer.' };
  const values = { currency: String(data.get('currency') ?? '').slice(0, 3), amount: String(data.get('amount') ?? '').slice(0, 30), note: String(data.get('note') ?? '').slice(0, 500) };
  const currency = await findCurrency(access.ctx.db, { code: values.currency.toUpperCase() });
  if (!currency) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { currency: ['is not a currency of this storefront'] }, values };
  const amountMinor = parseScaledDecimal(values.amount, currency.minorDigits, { allowNegative: true });
  if (amountMinor === null || amountMinor === 0) {
    const example = currency.minorDigits > 0 ? `25.${'0'.repeat(currency.minorDigits)} or -10.${'5'.padEnd(currency.minorDigits, '0')}` : '2500 or -1000';
    return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { amount: [`must be a non-zero amount like ${example}`] }, values };
  }
  try {
    const balance = await adjustCredit(access.ctx.db, {
      customerId: id.data,
      currency: currency.code,
      amountMinor,
      note: values.note,
      staffId: access.staff.id,
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath(`/customers/${id.data}`);
    return { ok: true, message: `Credit adjusted. New ${currency.code} balance: ${formatMoney(balance, currency.code, currency.locale, currency.minorDigits)}.` };
  } catch (err) {
    return failed(err, values);
  }
}

export async function createDraftInvoiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = customerId.safeParse(data.get('customerId'));
  if (!id.success) return { ok: false, message: 'Unknown customer.' };
  const currency = String(data.get('currency') ?? '');
  try {
    const res = await createDraftInvoice(access.ctx.db, { customerId: id.data, currency, actor: await staffChangeActor(access.staff) });
    return { ok: true, message: 'Draft created.', redirectTo: `/invoices/${res.invoicePublicId}` };
  } catch (err) {
    return failed(err, { currency });
  }
}

export async function staffServiceActionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const field = (n: string) => (typeof data.get(n) === 'string' ? String(data.get(n)) : undefined);
  const reason = field('reason');
  try {
    const res = await staffServiceAction(access.ctx.db, {
      input: { serviceId: field('serviceId') ?? '', action: field('action') as 'suspend', reason: reason ? (reason as 'abuse') : undefined, note: field('note') ?? '' },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/customers');
    return { ok: true, message: `The service is now ${res.status}.` };
  } catch (err) {
    return failed(err, { note: field('note')?.slice(0, 500) ?? '' });
  }
}
