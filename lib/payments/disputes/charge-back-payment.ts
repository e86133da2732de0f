import { and, eq, inArray } from 'drizzle-orm';
import { paymentTransactions, type Invoice, type PaymentDispute } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { publicId } from '@/lib/ids/public-id';
import { lockInvoice } from '@/lib/invoices/record-invoice-payment';
import { reverseInvoicePayment } from '@/lib/invoices/reverse-invoice-payment';
import type { PaymentTransaction } from '../transactions';

export type ChargeBackResult =
  | { reversedMinor: number; transactionId: number; invoice: Invoice; balanceMinor: number }
  | { reversedMinor: 0; transactionId: null; invoice: Invoice | null; why: string };

/**
 * A lost dispute: what the bank gave back to the customer comes off the invoice the charge paid, once per dispute
 * (the chargeback transaction's idempotency key is the dispute's id). Never more than the charge still holds there:
 * refunds and earlier chargebacks of it, and what the invoice has already given back, count against it. The
 * gateway's dispute fee is the merchant's cost, not the customer's debt, so it is never added.
 */
export async function chargeBackPayment(tx: SfDb, opts: { dispute: PaymentDispute; charge: PaymentTransaction; lostMinor: number; actor: AuditActor }): Promise<ChargeBackResult> {
  const { dispute, charge } = opts;
  if (dispute.invoiceId === null) return { reversedMinor: 0, transactionId: null, invoice: null, why: 'the payment paid no invoice' };
  const invoice = await lockInvoice(tx, dispute.invoiceId);
  const label = invoice.number ?? invoice.publicId;
  if (dispute.currency !== invoice.currency) return { reversedMinor: 0, transactionId: null, invoice, why: `the dispute is in ${dispute.currency} but invoice ${label} is in ${invoice.currency}` };
  if (invoice.status === 'draft' || invoice.status === 'void') return { reversedMinor: 0, transactionId: null, invoice, why: `invoice ${label} is ${invoice.status}` };
  // A locking read: refunds committed while we waited for the invoice lock count too.
  const taken = await tx
    .select({ amountMinor: paymentTransactions.amountMinor })
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.parentId, charge.id), inArray(paymentTransactions.kind, ['refund', 'chargeback']), eq(paymentTransactions.status, 'succeeded')))
    .for('update');
  const chargeLeft = charge.amountMinor - taken.reduce((s, r) => s + r.amountMinor, 0);
  const amount = Math.min(opts.lostMinor, chargeLeft, invoice.paidMinor - invoice.refundedMinor);
  if (amount <= 0) return { reversedMinor: 0, transactionId: null, invoice, why: `nothing of the payment is left on invoice ${label} (it was refunded)` };
  const pid = publicId('txn');
  const [res] = await tx.insert(paymentTransactions).values({
    publicId: pid,
    customerId: charge.customerId,
    invoiceId: invoice.id,
    gateway: charge.gateway,
    kind: 'chargeback',
    flow: 'dispute',
    status: 'succeeded',
    currency: invoice.currency,
    amountMinor: amount,
    gatewayPaymentId: dispute.gatewayDisputeId,
    parentId: charge.id,
    idempotencyKey: `chargeback:${dispute.gateway}:${dispute.gatewayDisputeId}`.slice(0, 100),
  });
  const reversed = await reverseInvoicePayment(tx, { invoice, method: charge.gateway, amountMinor: amount, reference: `chargeback ${dispute.gatewayDisputeId}`, transactionId: res.insertId, actor: opts.actor });
  return { reversedMinor: amount, transactionId: res.insertId, invoice, balanceMinor: reversed.balanceMinor };
}
