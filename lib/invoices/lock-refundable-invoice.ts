import { and, eq, isNull, sum } from 'drizzle-orm';
import { paymentAllocations, paymentTransactions, type Invoice } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { lockInvoice } from './record-invoice-payment';

/**
 * Locks an invoice and tells what of its payment can still be refunded, by any kind of refund: what was paid,
 * less what was refunded (to credit, or by a gateway and applied), less gateway refunds still in flight (recorded
 * before the gateway call, applied once it answers: pending with no gateway refund id yet; a mass payment's refund
 * by its share of this invoice). Every refund takes this lock before it reserves, so two refunds can't both spend
 * the same money.
 *
 * Take it before any plain read in the transaction: a REPEATABLE READ snapshot opened before the lock was granted
 * would miss the refunds committed while we waited for it.
 */
export async function lockRefundableInvoice(tx: SfDb, invoiceId: number): Promise<{ invoice: Invoice; refundableMinor: number }> {
  const invoice = await lockInvoice(tx, invoiceId);
  const inFlight = and(eq(paymentTransactions.kind, 'refund'), eq(paymentTransactions.status, 'pending'), isNull(paymentTransactions.gatewayPaymentId));
  const [row] = await tx
    .select({ total: sum(paymentTransactions.amountMinor) })
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.invoiceId, invoiceId), inFlight));
  // A refund of a mass payment (one charge for several invoices) reserves this invoice's share in its allocation.
  const [shared] = await tx
    .select({ total: sum(paymentAllocations.amountMinor) })
    .from(paymentAllocations)
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, paymentAllocations.transactionId))
    .where(and(eq(paymentAllocations.invoiceId, invoiceId), inFlight));
  return { invoice, refundableMinor: invoice.paidMinor - invoice.refundedMinor - Number(row?.total ?? 0) - Number(shared?.total ?? 0) };
}
