import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { invoices, paymentAllocations, paymentTransactions, type PaymentAllocation } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

// A mass payment is one gateway charge for several invoices. The charge's own invoice_id stays null (so nothing
// that handles a one-invoice payment mistakes it for one); payment_allocations says which invoices it pays and how
// much of it each gets. A refund of such a charge writes its split there too.

/** The invoices a charge (or a refund) is split over, in allocation order; empty for a one-invoice payment. */
export async function allocationsOf(db: SfDb, transactionId: number): Promise<PaymentAllocation[]> {
  return db.select().from(paymentAllocations).where(eq(paymentAllocations.transactionId, transactionId)).orderBy(asc(paymentAllocations.id));
}

/**
 * What refunds of a charge already took back from each of its invoices, by invoice id: refunds that succeeded or
 * are still under way (a failed refund released its share). `lock` reads the latest rows (for a refund's reservation).
 */
export async function refundedSharesOf(db: SfDb, chargeId: number, opts: { lock?: boolean } = {}): Promise<Map<number, number>> {
  const query = db
    .select({ invoiceId: paymentAllocations.invoiceId, amountMinor: paymentAllocations.amountMinor })
    .from(paymentAllocations)
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, paymentAllocations.transactionId))
    .where(and(eq(paymentTransactions.parentId, chargeId), eq(paymentTransactions.kind, 'refund'), inArray(paymentTransactions.status, ['pending', 'succeeded'])))
    .$dynamic();
  const rows = await (opts.lock ? query.for('update') : query);
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.invoiceId, (out.get(r.invoiceId) ?? 0) + r.amountMinor);
  return out;
}

/** The invoices a mass payment paid, in allocation order, with what each got of it (null before it settled). */
export async function invoicesOfCharge(db: SfDb, chargeId: number): Promise<{ invoiceId: number; publicId: string; number: string | null; amountMinor: number; appliedMinor: number | null }[]> {
  return db
    .select({ invoiceId: invoices.id, publicId: invoices.publicId, number: invoices.number, amountMinor: paymentAllocations.amountMinor, appliedMinor: paymentAllocations.appliedMinor })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(eq(paymentAllocations.transactionId, chargeId))
    .orderBy(asc(paymentAllocations.id));
}

/** Transactions of an invoice: its own, and mass payments (and their refunds) with a share of it. */
export function ofInvoice(db: SfDb, invoiceId: number): SQL {
  const shared = db.select({ id: paymentAllocations.transactionId }).from(paymentAllocations).where(eq(paymentAllocations.invoiceId, invoiceId));
  return or(eq(paymentTransactions.invoiceId, invoiceId), inArray(paymentTransactions.id, shared))!;
}

/**
 * What staff can still refund of each mass payment among these charges (one-invoice charges are left out): the
 * sum over its invoices of what each can give back (refund-allocations.ts), read without locks for the admin page;
 * refunding checks it again under the locks.
 */
export async function refundableOfMassCharges(db: SfDb, chargeIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!chargeIds.length) return out;
  const rows = await db
    .select({ chargeId: paymentAllocations.transactionId, invoiceId: paymentAllocations.invoiceId, appliedMinor: paymentAllocations.appliedMinor, invoice: { status: invoices.status, paidMinor: invoices.paidMinor, refundedMinor: invoices.refundedMinor } })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(inArray(paymentAllocations.transactionId, chargeIds));
  const taken = new Map<number, Map<number, number>>();
  for (const id of new Set(rows.map((r) => r.chargeId))) taken.set(id, await refundedSharesOf(db, id));
  for (const r of rows) {
    const open = r.invoice.status === 'paid' || r.invoice.status === 'partially_refunded';
    const left = open ? Math.max(0, Math.min((r.appliedMinor ?? 0) - (taken.get(r.chargeId)!.get(r.invoiceId) ?? 0), r.invoice.paidMinor - r.invoice.refundedMinor)) : 0;
    out.set(r.chargeId, (out.get(r.chargeId) ?? 0) + left);
  }
  return out;
}

/**
 * The gateway page's description of a payment of several invoices: "Invoices INV-1, INV-2 and INV-3", shortened to
 * "Invoices INV-1, INV-2 and 7 more" so it fits `max` characters (PayPal takes 127).
 */
export function describeInvoices(numbers: string[], max = 127): string {
  if (numbers.length === 1) return `Invoice ${numbers[0]}`.slice(0, max);
  const list = (shown: string[], rest: number) => {
    const items = rest > 0 ? [...shown, `${rest} more`] : shown;
    return `Invoices ${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  };
  for (let shown = numbers.length; shown >= 1; shown--) {
    const text = list(numbers.slice(0, shown), numbers.length - shown);
    if (text.length <= max) return text;
  }
  return `${numbers.length} invoices`.slice(0, max);
}
