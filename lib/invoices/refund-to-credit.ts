import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { creditLedger, invoices } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { lockCustomerCredit } from '@/lib/credit/credit-balance';
import { createCreditNote } from '@/lib/credit-notes/create-credit-note';
import type { StorefrontDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { lockRefundableInvoice } from './lock-refundable-invoice';

const schema = z.object({
  invoicePublicId: z.string().regex(/^inv_[a-z0-9]{1,40}$/, 'is not an invoice'),
  amountMinor: z.number().int().positive('must be more than zero').optional(),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(255, 'must be at most 255 characters'),
});

/**
 * Gives (part of) what was paid on an invoice back as account credit in the invoice's currency. Never more than
 * was paid and not yet refunded, gateway refunds under way included (one refundable balance for both kinds); the
 * invoice becomes refunded or partially refunded, and a credit note documents the refund in the same transaction.
 */
export async function refundInvoiceToCredit(
  db: StorefrontDb,
  opts: z.input<typeof schema> & { staffId: number | null; actor: AuditActor },
): Promise<{ refundedMinor: number; status: 'refunded' | 'partially_refunded'; creditNote: { publicId: string; number: string } }> {
  const parsed = schema.safeParse({ invoicePublicId: opts.invoicePublicId, amountMinor: opts.amountMinor, reason: opts.reason });
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { invoicePublicId, reason } = parsed.data;
  // Looked up outside the transaction: its first plain read must come after the locks (lockRefundableInvoice).
  const [found] = await db.select({ id: invoices.id, customerId: invoices.customerId }).from(invoices).where(eq(invoices.publicId, invoicePublicId));
  if (!found) throw new AppError('not_found', 'No such invoice.');
  return withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      await lockCustomerCredit(tx, found.customerId);
      const { invoice: inv, refundableMinor: refundable } = await lockRefundableInvoice(tx, found.id);
      if (inv.status !== 'paid' && inv.status !== 'partially_refunded') throw new AppError('conflict', `Only paid invoices can be refunded; this one is ${inv.status}.`);
      if (refundable <= 0) throw new AppError('conflict', 'Nothing is left to refund on this invoice; gateway refunds under way count too.');
      const amount = parsed.data.amountMinor ?? refundable;
      if (amount > refundable) throw new AppError('bad_request', `That is more than was paid and not yet refunded: at most ${(await loadCurrencyBook(tx)).format(refundable, inv.currency)}.`, { amount: ['is more than the refundable amount'] });
      const status = inv.refundedMinor + amount === inv.paidMinor ? 'refunded' : 'partially_refunded';
      await tx
        .update(invoices)
        .set({ refundedMinor: sql`${invoices.refundedMinor} + ${amount}`, status })
        .where(and(eq(invoices.id, inv.id), eq(invoices.refundedMinor, inv.refundedMinor)));
      const [entry] = await tx.insert(creditLedger).values({ customerId: inv.customerId, currency: inv.currency, amountMinor: amount, kind: 'refund', invoiceId: inv.id, note: reason, staffId: opts.staffId });
      const note = await createCreditNote(tx, { invoice: inv, amountMinor: amount, refund: { source: 'credit_refund', creditLedgerId: entry.insertId }, reason, actor: opts.actor });
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'invoice.refunded_to_credit',
        target: { type: 'invoice', id: inv.publicId },
        before: { status: inv.status, refundedMinor: inv.refundedMinor },
        after: { status, refundedMinor: inv.refundedMinor + amount, amountMinor: amount, reason, creditNote: note.number },
      });
      return { refundedMinor: inv.refundedMinor + amount, status, creditNote: { publicId: note.publicId, number: note.number } };
    }),
  );
}
