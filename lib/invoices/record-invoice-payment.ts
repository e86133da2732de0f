import { and, eq, sql } from 'drizzle-orm';
import { invoicePayments, invoices, type Invoice, type PaymentMethod } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { onInvoicePaid } from '@/lib/billing/on-invoice-paid';
import { queuePaymentReceipt } from './payment-receipt';

export interface RecordPaymentOptions {
  invoiceId: number;
  method: PaymentMethod;
  currency: string;
  amountMinor: number;
  reference: string | null;
  /** The gateway transaction it came from (its unique key applies a gateway payment once). */
  transactionId?: number | null;
  actor: AuditActor;
  now: Date;
  /** When given, a fully paid invoice queues a receipt (if the storefront sends them). */
  receiptFor?: { storefrontId: number };
}

/** Locks the invoice row; every path that moves money on an invoice starts here. */
export async function lockInvoice(tx: SfDb, invoiceId: number): Promise<Invoice> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
  if (!row) throw new AppError('not_found', 'No such invoice.');
  return row;
}

/**
 * Applies one payment to an unpaid invoice in the caller's transaction. The amount and currency must fit the
 * invoice (never more than the balance due, never another currency); reaching zero marks it paid and activates
 * the order it belongs to.
 */
export async function recordInvoicePayment(tx: SfDb, opts: RecordPaymentOptions): Promise<{ paid: boolean; balanceMinor: number; receiptMailId: number | null }> {
  const invoice = await lockInvoice(tx, opts.invoiceId);
  if (invoice.status !== 'unpaid') throw new AppError('conflict', `Invoice ${invoice.number ?? invoice.publicId} is ${invoice.status}, not awaiting payment.`);
  if (opts.currency !== invoice.currency) throw new AppError('bad_request', `The payment is in ${opts.currency} but the invoice is in ${invoice.currency}.`);
  const balance = invoice.totalMinor - invoice.paidMinor;
  if (!Number.isSafeInteger(opts.amountMinor) || opts.amountMinor <= 0 || opts.amountMinor > balance) {
    throw new AppError('bad_request', 'The payment amount must be positive and at most the balance due.');
  }
  await tx.insert(invoicePayments).values({ invoiceId: invoice.id, method: opts.method, currency: opts.currency, amountMinor: opts.amountMinor, reference: opts.reference, transactionId: opts.transactionId ?? null });
  const paidMinor = invoice.paidMinor + opts.amountMinor;
  const paid = paidMinor === invoice.totalMinor;
  // Paid again after a chargeback of a partly refunded invoice: the earlier refund still stands.
  const settled = invoice.refundedMinor > 0 ? ('partially_refunded' as const) : ('paid' as const);
  await tx
    .update(invoices)
    .set({ paidMinor: sql`${invoices.paidMinor} + ${opts.amountMinor}`, ...(paid ? { status: settled, paidAt: opts.now } : {}) })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'unpaid')));
  await recordAudit(tx, {
    actor: opts.actor,
    action: paid ? 'invoice.paid' : 'invoice.payment_recorded',
    target: { type: 'invoice', id: invoice.publicId },
    before: { status: invoice.status, paidMinor: invoice.paidMinor },
    after: { status: paid ? settled : 'unpaid', paidMinor, method: opts.method, amountMinor: opts.amountMinor, reference: opts.reference },
  });
  if (paid) await onInvoicePaid(tx, { invoiceId: invoice.id, actor: opts.actor, now: opts.now });
  const receiptMailId = paid && opts.receiptFor ? await queuePaymentReceipt(tx, { storefrontId: opts.receiptFor.storefrontId, invoice, amountMinor: opts.amountMinor, method: opts.method, now: opts.now }) : null;
  return { paid, balanceMinor: invoice.totalMinor - paidMinor, receiptMailId };
}

/** A zero-total invoice (a free trial, a 100 % coupon) is paid the moment it is issued. */
export async function settleZeroInvoice(tx: SfDb, opts: { invoiceId: number; actor: AuditActor; now: Date }): Promise<void> {
  const invoice = await lockInvoice(tx, opts.invoiceId);
  if (invoice.totalMinor !== 0 || invoice.status !== 'unpaid') return;
  await tx.update(invoices).set({ status: 'paid', paidAt: opts.now }).where(eq(invoices.id, invoice.id));
  await recordAudit(tx, { actor: opts.actor, action: 'invoice.paid', target: { type: 'invoice', id: invoice.publicId }, before: { status: 'unpaid' }, after: { status: 'paid', totalMinor: 0 } });
  await onInvoicePaid(tx, { invoiceId: invoice.id, actor: opts.actor, now: opts.now });
}
