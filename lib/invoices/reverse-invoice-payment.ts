import { and, eq, sql } from 'drizzle-orm';
import { invoicePayments, invoices, type Invoice } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/** Invoices whose payments can be taken back; a draft was never paid and a void one owes nothing. */
const REVERSIBLE: readonly Invoice['status'][] = ['unpaid', 'paid', 'partially_refunded', 'refunded'];

/**
 * Money a payment brought to an invoice was taken back (a lost chargeback), in the caller's transaction with the
 * invoice already locked (lockInvoice). Recorded as a negative invoice payment; the paid amount goes down, and an
 * invoice that was settled is unpaid again with that balance due. Its due date stays, so it is overdue at once and
 * the billing pass's dunning (notices, suspension) takes it from there. The caller caps the amount at what the
 * invoice still holds of the payment.
 */
export async function reverseInvoicePayment(
  tx: SfDb,
  opts: { invoice: Invoice; method: string; amountMinor: number; reference: string; transactionId: number; actor: AuditActor },
): Promise<{ paidMinor: number; balanceMinor: number }> {
  const inv = opts.invoice;
  if (!REVERSIBLE.includes(inv.status)) throw new AppError('conflict', `Invoice ${inv.number ?? inv.publicId} is ${inv.status}; no payment of it can be reversed.`);
  if (!Number.isSafeInteger(opts.amountMinor) || opts.amountMinor <= 0 || opts.amountMinor > inv.paidMinor - inv.refundedMinor) {
    throw new AppError('bad_request', 'A reversal must be positive and at most what the invoice still holds.');
  }
  await tx.insert(invoicePayments).values({ invoiceId: inv.id, method: opts.method, currency: inv.currency, amountMinor: -opts.amountMinor, reference: opts.reference.slice(0, 120), transactionId: opts.transactionId });
  const paidMinor = inv.paidMinor - opts.amountMinor;
  await tx
    .update(invoices)
    .set({ paidMinor: sql`${invoices.paidMinor} - ${opts.amountMinor}`, status: 'unpaid', paidAt: null })
    .where(and(eq(invoices.id, inv.id), eq(invoices.status, inv.status)));
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'invoice.charged_back',
    target: { type: 'invoice', id: inv.publicId },
    before: { status: inv.status, paidMinor: inv.paidMinor },
    after: { status: 'unpaid', paidMinor, amountMinor: opts.amountMinor, method: opts.method, reference: opts.reference },
  });
  return { paidMinor, balanceMinor: inv.totalMinor - paidMinor };
}
