import { eq } from 'drizzle-orm';
import { creditLedger, customers, paymentTransactions } from '@/db/schema/storefront';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb, StorefrontTx } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { lockCustomerCredit } from '@/lib/credit/credit-balance';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { lockInvoice, recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { allocationsOf } from './allocations';
import type { ChargeOutcome, SavedMethod } from './gateway';
import { settleAllocations } from './settle-allocations';
import { lockTransaction, rememberGatewayCustomer, upsertSavedMethod, type PaymentTransaction } from './transactions';

export interface SettleResult {
  /** What the attempt is now. */
  status: PaymentTransaction['status'];
  /** False when an earlier report of the same outcome got here first. */
  changed: boolean;
  invoicePaid: boolean;
  /** Outbox rows and alerts to dispatch after the commit. */
  mail: number[];
  alerts: number[];
}

export interface SettleInput {
  storefrontId: number;
  transactionId: number;
  outcome: ChargeOutcome;
  savedMethod?: SavedMethod | null;
  gatewayCustomerId?: string | null;
  actor: AuditActor;
  now: Date;
}

/**
 * Applies what a gateway said about one attempt, once. Webhooks, the customer's return from a hosted page and
 * the billing run may all report the same payment, in any order and any number of times: the locked attempt row
 * decides, a succeeded attempt never changes again, and the invoice payment's unique (transaction, invoice) is the
 * backstop. A mass payment (several invoices in one charge) is applied through its allocations, all in this transaction.
 * Amount and currency must be exactly what the attempt asked for (taken from our invoice); anything else is kept
 * off the invoice and raised to staff.
 */
export async function settleCharge(db: StorefrontDb, input: SettleInput): Promise<SettleResult> {
  return withDeadlockRetry(() => db.transaction((tx) => settleChargeIn(tx, input)));
}

/** settleCharge inside the caller's transaction (the webhook handler claims the event in the same one). */
export async function settleChargeIn(tx: StorefrontTx, input: SettleInput): Promise<SettleResult> {
  const { outcome, actor, now } = input;
  const t = await lockTransaction(tx, input.transactionId);
  const result: SettleResult = { status: t.status, changed: false, invoicePaid: false, mail: [], alerts: [] };
  // Only success is final: a cancelled attempt whose money arrives after all is still applied.
  if (t.status === 'succeeded') return result;

  if (input.gatewayCustomerId) await rememberGatewayCustomer(tx, t.customerId, t.gateway, input.gatewayCustomerId);
  let methodId = t.paymentMethodId;
  if (input.savedMethod) methodId = (await upsertSavedMethod(tx, t.customerId, t.gateway, input.savedMethod)).id;

  if (outcome.status !== 'succeeded') {
    // A late "failed" or "needs action" never overrides an outcome already known; pending stays pending.
    if (outcome.status === 'pending') return result;
    if (t.status === 'failed' && outcome.status === 'requires_action') return result;
    const status = outcome.status;
    await tx
      .update(paymentTransactions)
      .set({ status, gatewayPaymentId: outcome.gatewayPaymentId ?? t.gatewayPaymentId, failureReason: outcome.reason.slice(0, 255), failureCode: status === 'failed' ? outcome.code : 'requires_action', paymentMethodId: methodId })
      .where(eq(paymentTransactions.id, t.id));
    await recordAudit(tx, { actor, action: `payment.${status}`, target: { type: 'payment', id: t.publicId }, before: { status: t.status }, after: { status, reason: outcome.reason, gateway: t.gateway } });
    return { ...result, status, changed: true };
  }

  const matches = outcome.currency.toUpperCase() === t.currency && outcome.amountMinor === t.amountMinor;
  // Read only on the rare paths that put amounts into words.
  const money = async (amountMinor: number, currency: string) => (await loadCurrencyBook(tx)).format(amountMinor, currency);
  await tx
    .update(paymentTransactions)
    .set({
      status: 'succeeded',
      gatewayPaymentId: outcome.gatewayPaymentId,
      feeMinor: outcome.feeMinor,
      paymentMethodId: methodId,
      failureReason: matches ? null : `Gateway reported ${await money(outcome.amountMinor, outcome.currency)}, attempt was for ${await money(t.amountMinor, t.currency)}`,
      failureCode: matches ? null : 'amount_mismatch',
    })
    .where(eq(paymentTransactions.id, t.id));
  await recordAudit(tx, {
    actor,
    action: 'payment.succeeded',
    target: { type: 'payment', id: t.publicId },
    before: { status: t.status },
    after: { status: 'succeeded', gateway: t.gateway, gatewayPaymentId: outcome.gatewayPaymentId, amountMinor: outcome.amountMinor, currency: outcome.currency, feeMinor: outcome.feeMinor },
  });
  const done: SettleResult = { ...result, status: 'succeeded', changed: true };

  if (!matches) {
    const alert = await raiseAlert(tx, {
      severity: 'critical',
      category: 'payments',
      title: `Payment ${t.publicId} does not match its invoice`,
      body: `${t.gateway} reported ${await money(outcome.amountMinor, outcome.currency)} for payment ${outcome.gatewayPaymentId}, but the attempt asked for ${await money(t.amountMinor, t.currency)}. It was not applied to the invoice; check it at the gateway and refund it.`,
      dedupeKey: `payment-mismatch:${t.id}`,
    });
    if (alert.created && alert.discordStatus === 'pending') done.alerts.push(alert.id);
    return done;
  }
  if (t.invoiceId === null) {
    // A mass payment: its allocations name the invoices (a save-method attempt has none).
    const allocations = await allocationsOf(tx, t.id);
    if (!allocations.length) return done;
    const applied = await settleAllocations(tx, { charge: t, allocations, gatewayPaymentId: outcome.gatewayPaymentId, storefrontId: input.storefrontId, actor, now });
    return { ...done, invoicePaid: applied.allPaid, mail: applied.mail, alerts: applied.alerts };
  }

  const invoice = await lockInvoice(tx, t.invoiceId);
  const balance = invoice.totalMinor - invoice.paidMinor;
  if (invoice.status === 'unpaid' && outcome.amountMinor <= balance) {
    const paid = await recordInvoicePayment(tx, {
      invoiceId: invoice.id,
      method: t.gateway,
      currency: t.currency,
      amountMinor: outcome.amountMinor,
      reference: outcome.gatewayPaymentId.slice(0, 120),
      transactionId: t.id,
      actor,
      now,
      receiptFor: { storefrontId: input.storefrontId },
    });
    if (paid.receiptMailId) done.mail.push(paid.receiptMailId);
    return { ...done, invoicePaid: paid.paid };
  }
  // The invoice was settled some other way (credit, another tab, staff) while this payment ran: the money is
  // the customer's, so it goes to their account credit, and staff hear about it.
  await lockCustomerCredit(tx, t.customerId);
  await tx.insert(creditLedger).values({ customerId: t.customerId, currency: t.currency, amountMinor: outcome.amountMinor, kind: 'overpayment', invoiceId: invoice.id, note: `${t.gateway} payment ${outcome.gatewayPaymentId} after the invoice was ${invoice.status}`.slice(0, 255) });
  await recordAudit(tx, { actor, action: 'credit.overpayment', target: { type: 'invoice', id: invoice.publicId }, after: { amountMinor: outcome.amountMinor, currency: t.currency, payment: t.publicId } });
  const [owner] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, t.customerId));
  const alert = await raiseAlert(tx, {
    severity: 'warning',
    category: 'payments',
    title: `Payment for an invoice that was already ${invoice.status}`,
    body: `${await money(outcome.amountMinor, t.currency)} from ${owner?.email ?? 'a customer'} by ${t.gateway} (${outcome.gatewayPaymentId}) arrived for invoice ${invoice.number ?? invoice.publicId}, which was ${invoice.status}. It was added to the customer's account credit.`,
    dedupeKey: `payment-overpaid:${t.id}`,
  });
  if (alert.created && alert.discordStatus === 'pending') done.alerts.push(alert.id);
  return done;
}
