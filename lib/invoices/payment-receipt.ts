import { eq } from 'drizzle-orm';
import { customers, type Invoice, type PaymentMethod } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { queueEmail } from '@/lib/email/enqueue-email';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { gatewayDefinition } from '@/lib/payments/registry';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import { toDateString } from '@/lib/dates/calendar-days';

const OFFLINE_LABELS: Record<string, string> = { credit: 'account credit', bank_transfer: 'bank transfer' };

/** "card", "PayPal", "account credit": how the receipt names the method. */
const methodLabel = (method: PaymentMethod): string => OFFLINE_LABELS[method] ?? gatewayDefinition(method)?.names.payment ?? method;

/** Queues the "payment received" email for a paid invoice in the paying transaction; null when switched off. */
export async function queuePaymentReceipt(
  tx: SfDb,
  opts: { storefrontId: number; invoice: Invoice; amountMinor: number; method: PaymentMethod; now: Date },
): Promise<number | null> {
  if (!(await getBillingSettings(tx)).emails.paymentReceipt) return null;
  const [customer] = await tx.select({ name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, opts.invoice.customerId));
  if (!customer) return null;
  const mail = await queueEmail(tx, {
    to: customer.email,
    template: 'payment-receipt',
    props: {
      name: customer.name,
      invoiceNumber: opts.invoice.number ?? opts.invoice.publicId,
      invoicePublicId: opts.invoice.publicId,
      amount: (await loadCurrencyBook(tx)).format(opts.amountMinor, opts.invoice.currency),
      method: methodLabel(opts.method),
      paidOn: toDateString(opts.now),
      invoiceUrl: await areaUrl(opts.storefrontId, 'account', `/invoices/${opts.invoice.publicId}`),
    },
    dedupeKey: `payment-receipt:${opts.invoice.id}`,
  });
  return mail.id;
}
