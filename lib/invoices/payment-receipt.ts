import { eq } from 'drizzle-orm';
import { currencies, customers, type Invoice, type PaymentMethod } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { queueEmail } from '@/lib/email/enqueue-email';
import { formatMoney } from '@/lib/money/format';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import { toDateString } from '@/lib/dates/calendar-days';

const METHOD_LABELS: Record<PaymentMethod, string> = { credit: 'account credit', stripe: 'card', paypal: 'PayPal', bank_transfer: 'bank transfer' };

/** Queues the "payment received" email for a paid invoice in the paying transaction; null when switched off. */
export async function queuePaymentReceipt(
  tx: SfDb,
  opts: { storefrontId: number; invoice: Invoice; amountMinor: number; method: PaymentMethod; now: Date },
): Promise<number | null> {
  if (!(await getBillingSettings(tx)).emails.paymentReceipt) return null;
  const [customer] = await tx.select({ name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, opts.invoice.customerId));
  if (!customer) return null;
  const [cur] = await tx.select({ locale: currencies.locale }).from(currencies).where(eq(currencies.code, opts.invoice.currency));
  const mail = await queueEmail(tx, {
    to: customer.email,
    template: 'payment-receipt',
    props: {
      name: customer.name,
      invoiceNumber: opts.invoice.number ?? opts.invoice.publicId,
      invoicePublicId: opts.invoice.publicId,
      amount: formatMoney(opts.amountMinor, opts.invoice.currency, cur?.locale ?? 'en-US'),
      method: METHOD_LABELS[opts.method],
      paidOn: toDateString(opts.now),
      invoiceUrl: await areaUrl(opts.storefrontId, 'account', `/invoices/${opts.invoice.publicId}`),
    },
    dedupeKey: `payment-receipt:${opts.invoice.id}`,
  });
  return mail.id;
}
