import { and, eq } from 'drizzle-orm';
import { creditLedger, invoices } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { AuditActor } from '@/lib/audit/record-audit';
import { isCreditPurchase } from '@/lib/credit/add-funds';
import { getCreditBalance, lockCustomerCredit } from '@/lib/credit/credit-balance';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { recordInvoicePayment } from './record-invoice-payment';

/**
 * Pays as much of the customer's own invoice as their credit in its currency covers. The customer row lock comes
 * first, so two tabs paying two invoices can't spend the same credit twice.
 */
export async function payInvoiceWithCredit(
  db: StorefrontDb,
  opts: { customerId: number; invoicePublicId: string; actor: AuditActor; now?: Date; receiptFor?: { storefrontId: number } },
): Promise<{ appliedMinor: number; paid: boolean; balanceMinor: number }> {
  const now = opts.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    await lockCustomerCredit(tx, opts.customerId);
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.publicId, opts.invoicePublicId), eq(invoices.customerId, opts.customerId)))
      .for('update');
    if (!invoice) throw new AppError('not_found', 'No such invoice.');
    if (invoice.status !== 'unpaid') throw new AppError('conflict', `This invoice is ${invoice.status}.`);
    if (await isCreditPurchase(tx, invoice.id)) throw new AppError('bad_request', 'Credit can’t be bought with credit.');
    const credit = await getCreditBalance(tx, opts.customerId, invoice.currency);
    if (credit <= 0) throw new AppError('bad_request', `You have no account credit in ${invoice.currency}.`);
    const applied = Math.min(credit, invoice.totalMinor - invoice.paidMinor);
    await tx.insert(creditLedger).values({ customerId: opts.customerId, currency: invoice.currency, amountMinor: -applied, kind: 'invoice_payment', invoiceId: invoice.id, note: `Invoice ${invoice.number ?? invoice.publicId}` });
    const r = await recordInvoicePayment(tx, { invoiceId: invoice.id, method: 'credit', currency: invoice.currency, amountMinor: applied, reference: null, actor: opts.actor, now, receiptFor: opts.receiptFor });
    return { appliedMinor: applied, ...r };
  });
  if (result.receiptMailId !== null && opts.receiptFor) await dispatchEmail(opts.receiptFor.storefrontId, result.receiptMailId).catch(() => undefined);
  return { appliedMinor: result.appliedMinor, paid: result.paid, balanceMinor: result.balanceMinor };
}
