import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers, invoices, paymentTransactions } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { areaUrl } from '@/lib/tenancy/area-url';
import type { PaymentGateway, StartInvoicePaymentInput } from './gateway';
import { connectGatewayIfNeeded } from './connect-gateway';
import { gatewayDefinition, gatewayIdSchema, type GatewayId } from './registry';
import { gatewayFor, type GatewayStorefront } from './resolve-gateway';
import { createTransaction, gatewayCustomerIdOf, rememberGatewayCustomer, type PaymentTransaction } from './transactions';

export const startInvoicePaymentSchema = z.object({
  invoicePublicId: z.string().regex(/^inv_[a-z0-9]{1,40}$/, 'is not an invoice'),
  gateway: gatewayIdSchema('pick a payment method'),
  savePaymentMethod: z.boolean(),
});

/** The gateway, with our webhook registered where the storefront hasn't done it yet (sandbox), or a clear 400. */
export async function usableGateway(db: StorefrontDb, sf: GatewayStorefront, id: GatewayId): Promise<PaymentGateway> {
  await connectGatewayIfNeeded(db, sf, id);
  const gateway = await gatewayFor(db, sf, id);
  if (!gateway) throw new AppError('bad_request', gatewayDefinition(id)?.names.unavailable ?? 'That payment method is not available on this store.');
  return gateway;
}

/** The customer's id at the gateway, created there on first use. */
export async function gatewayCustomerFor(db: StorefrontDb, gateway: PaymentGateway, customerId: number, customerPublicId: string): Promise<string> {
  const known = await gatewayCustomerIdOf(db, customerId, gateway.id);
  if (known) return known;
  const [c] = await db.select({ email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, customerId));
  const created = await gateway.ensureCustomer({ customerPublicId, email: c!.email, name: c!.name, gatewayCustomerId: null });
  return rememberGatewayCustomer(db, customerId, gateway.id, created);
}

/** Who pays, as the gateway's hosted page needs them: with their gateway customer id, created there on first use. */
export async function payerFor(db: StorefrontDb, gateway: PaymentGateway, customerId: number): Promise<StartInvoicePaymentInput['customer']> {
  const [owner] = await db.select({ publicId: customers.publicId, email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, customerId));
  const gatewayCustomerId = await gatewayCustomerFor(db, gateway, customerId, owner!.publicId);
  return { customerPublicId: owner!.publicId, email: owner!.email, name: owner!.name, gatewayCustomerId };
}

/**
 * Opens the gateway's hosted page for an attempt already recorded and audits the start. A gateway that can't start
 * ends the attempt as failed, and the customer is asked to try again.
 */
export async function openHostedPayment(
  db: StorefrontDb,
  opts: { gateway: PaymentGateway; attempt: PaymentTransaction; input: Omit<StartInvoicePaymentInput, 'attemptId'>; actor: AuditActor; audit: Record<string, unknown> },
): Promise<{ redirectUrl: string; attemptId: string }> {
  const { gateway, attempt } = opts;
  try {
    const started = await gateway.startInvoicePayment({ ...opts.input, attemptId: attempt.publicId });
    await db.update(paymentTransactions).set({ gatewayRef: started.gatewayRef }).where(eq(paymentTransactions.id, attempt.id));
    await recordAudit(db, {
      actor: opts.actor,
      action: 'payment.started',
      target: { type: 'payment', id: attempt.publicId },
      after: { ...opts.audit, gateway: gateway.id, amountMinor: opts.input.amountMinor, currency: opts.input.currency, savePaymentMethod: opts.input.savePaymentMethod },
    });
    return { redirectUrl: started.redirectUrl, attemptId: attempt.publicId };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await db.update(paymentTransactions).set({ status: 'failed', failureReason: reason.slice(0, 255), failureCode: 'start_failed' }).where(eq(paymentTransactions.id, attempt.id));
    throw new AppError('unavailable', `${gatewayDefinition(gateway.id)?.names.staff ?? gateway.id} could not start the payment. Please try again in a moment.`);
  }
}

/**
 * Starts paying an invoice's balance on a gateway's hosted page and returns where to send the browser. The
 * amount and currency come from our invoice, never from the request. The attempt is recorded before the gateway
 * is called, so whatever the gateway later reports has a row to land on.
 */
export async function startInvoicePayment(
  db: StorefrontDb,
  opts: { storefront: GatewayStorefront; customerId: number; input: z.input<typeof startInvoicePaymentSchema>; actor: AuditActor },
): Promise<{ redirectUrl: string; attemptId: string }> {
  const parsed = startInvoicePaymentSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid payment request.');
  const { invoicePublicId, savePaymentMethod } = parsed.data;
  const [inv] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.publicId, invoicePublicId), eq(invoices.customerId, opts.customerId)));
  if (!inv) throw new AppError('not_found', 'No such invoice.');
  if (inv.status !== 'unpaid') throw new AppError('conflict', `Invoice ${inv.number ?? inv.publicId} is ${inv.status}, not awaiting payment.`);
  const balance = inv.totalMinor - inv.paidMinor;
  if (balance <= 0) throw new AppError('conflict', 'Nothing is left to pay on this invoice.');

  const gateway = await usableGateway(db, opts.storefront, parsed.data.gateway);
  const customer = await payerFor(db, gateway, opts.customerId);
  const attempt = await createTransaction(db, { customerId: opts.customerId, invoiceId: inv.id, gateway: gateway.id, kind: 'charge', flow: 'hosted', currency: inv.currency, amountMinor: balance });
  const base = `/invoices/${inv.publicId}`;
  return openHostedPayment(db, {
    gateway,
    attempt,
    input: {
      customer,
      invoicePublicId: inv.publicId,
      invoiceNumber: inv.number ?? inv.publicId,
      amountMinor: balance,
      currency: inv.currency,
      savePaymentMethod,
      returnUrl: await areaUrl(opts.storefront.id, 'account', `${base}/payment-return?attempt=${attempt.publicId}`),
      cancelUrl: await areaUrl(opts.storefront.id, 'account', `${base}/payment-return?attempt=${attempt.publicId}&cancelled=1`),
    },
    actor: opts.actor,
    audit: { invoice: inv.publicId },
  });
}
