import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, paymentAllocations } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { areaUrl } from '@/lib/tenancy/area-url';
import { describeInvoices } from './allocations';
import { gatewayIdSchema } from './registry';
import type { GatewayStorefront } from './resolve-gateway';
import { openHostedPayment, payerFor, startInvoicePayment, usableGateway } from './start-invoice-payment';
import { createTransaction } from './transactions';

/** The most invoices one payment covers (the customer-area list offers no more either). */
export const MASS_PAYMENT_LIMIT = 50;

export const startInvoicesPaymentSchema = z.object({
  invoicePublicIds: z
    .array(z.string().regex(/^inv_[a-z0-9]{1,40}$/, 'is not an invoice'))
    .min(1, 'Choose at least one invoice.')
    .max(MASS_PAYMENT_LIMIT, `Choose at most ${MASS_PAYMENT_LIMIT} invoices at a time.`),
  gateway: gatewayIdSchema('pick a payment method'),
  savePaymentMethod: z.boolean(),
});

/**
 * Starts one hosted gateway payment for several of the customer's unpaid invoices (a mass payment) and returns
 * where to send the browser (one invoice alone is paid the ordinary way, startInvoicePayment). Each invoice's share is its balance due now, written as an allocation with the attempt
 * before the gateway is called; the charge is their sum, in their one currency. Every invoice must be this
 * customer's and awaiting payment, or nothing starts: the customer is never charged for a list other than the one
 * they chose. settleCharge applies the shares when the gateway reports the money.
 */
export async function startInvoicesPayment(
  db: StorefrontDb,
  opts: { storefront: GatewayStorefront; customerId: number; input: z.input<typeof startInvoicesPaymentSchema>; actor: AuditActor },
): Promise<{ redirectUrl: string; attemptId: string }> {
  const parsed = startInvoicesPaymentSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid payment request.');
  const ids = [...new Set(parsed.data.invoicePublicIds)];
  // One invoice is an ordinary invoice payment (its charge carries the invoice, its return lands on the invoice).
  if (ids.length === 1) return startInvoicePayment(db, { ...opts, input: { invoicePublicId: ids[0]!, gateway: parsed.data.gateway, savePaymentMethod: parsed.data.savePaymentMethod } });
  // Invoice order (oldest issued first) is the allocation order; refunds walk it backwards.
  const rows = await db
    .select()
    .from(invoices)
    .where(and(inArray(invoices.publicId, ids), eq(invoices.customerId, opts.customerId)))
    .orderBy(asc(invoices.id));
  const found = new Set(rows.filter((r) => r.status !== 'draft').map((r) => r.publicId));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new AppError('not_found', `No such invoice: ${missing}.`);
  for (const inv of rows) {
    if (inv.status !== 'unpaid') throw new AppError('conflict', `Invoice ${inv.number ?? inv.publicId} is ${inv.status.replace('_', ' ')}, not awaiting payment.`);
    if (inv.totalMinor - inv.paidMinor <= 0) throw new AppError('conflict', `Nothing is left to pay on invoice ${inv.number ?? inv.publicId}.`);
  }
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (currencies.length > 1) {
    throw new AppError('bad_request', `The chosen invoices are in ${currencies.join(' and ')}: one payment can only be in one currency. Choose invoices of one currency and pay the others separately.`);
  }
  const currency = currencies[0]!;
  const shares = rows.map((inv) => ({ invoice: inv, amountMinor: inv.totalMinor - inv.paidMinor }));
  const total = shares.reduce((sum, s) => sum + s.amountMinor, 0);
  if (!Number.isSafeInteger(total)) throw new AppError('bad_request', 'Those invoices add up to more than one payment can take; pay them in smaller groups.');

  const gateway = await usableGateway(db, opts.storefront, parsed.data.gateway);
  const customer = await payerFor(db, gateway, opts.customerId);
  const attempt = await db.transaction(async (tx) => {
    const created = await createTransaction(tx, { customerId: opts.customerId, invoiceId: null, gateway: gateway.id, kind: 'charge', flow: 'hosted', currency, amountMinor: total });
    await tx.insert(paymentAllocations).values(shares.map((s) => ({ transactionId: created.id, invoiceId: s.invoice.id, amountMinor: s.amountMinor })));
    return created;
  });
  const numbers = rows.map((r) => r.number ?? r.publicId);
  const description = describeInvoices(numbers);
  const back = `/invoices/payment-return?attempt=${attempt.publicId}`;
  return openHostedPayment(db, {
    gateway,
    attempt,
    input: {
      customer,
      // Not one of our invoices: the attempt is the reference (PayPal refuses a second payment under one invoice_id).
      invoicePublicId: attempt.publicId,
      invoiceNumber: numbers.join(', '),
      description,
      amountMinor: total,
      currency,
      savePaymentMethod: parsed.data.savePaymentMethod,
      returnUrl: await areaUrl(opts.storefront.id, 'account', back),
      cancelUrl: await areaUrl(opts.storefront.id, 'account', `${back}&cancelled=1`),
    },
    actor: opts.actor,
    audit: { invoices: shares.map((s) => ({ invoice: s.invoice.publicId, amountMinor: s.amountMinor })) },
  });
}
