import { and, eq, isNull, sum } from 'drizzle-orm';
import { paymentTransactions, type Invoice } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { lockInvoice } from './record-invoice-payment';

/**
 * Locks an invoice and tells what of its payment can still be refunded, by any kind of refund: what was paid,
 * less what was refunded (to credit, or by a gateway and applied), less gateway refunds still in flight (recorded
 * before the gateway call, applied once it answers: pending with no gateway refund id yet). Every refund takes
 * this lock before it reserves, so two refunds can't both spend the same money.
 *
 * Take it before any plain read in the transaction: a REPEATABLE READ snapshot opened before the lock was granted
 * would miss the refunds committed while we waited for it.
 */
export async function lockRefundableInvoice(tx: SfDb, invoiceId: number): Promise<{ invoice: Invoice; refundableMinor: number }> {
  const invoice = await lockInvoice(tx, invoiceId);
  const [row] = await tx
    .select({ total: sum(paymentTransactions.amountMinor) })
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.invoiceId, invoiceId), eq(paymentTransactions.kind, 'refund'), eq(paymentTransactions.status, 'pending'), isNull(paymentTransactions.gatewayPaymentId)));
  return { invoice, refundableMinor: invoice.paidMinor - invoice.refundedMinor - Number(row?.total ?? 0) };
}
