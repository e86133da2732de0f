import { asc, eq } from 'drizzle-orm';
import { paymentAllocations, type PaymentAllocation } from '@/db/schema/storefront';
import type { StorefrontTx } from '@/lib/db/connection';
import { lockInvoice } from '@/lib/invoices/record-invoice-payment';
import { lockRefundableInvoice } from '@/lib/invoices/lock-refundable-invoice';
import { allocationsOf, refundedSharesOf } from './allocations';
import type { RefundableShare, RefundShare } from './split-refund';
import type { PaymentTransaction } from './transactions';

// The split of a refund of a mass payment over its invoices: the rule is in split-refund.ts. A refund's split is
// written as its own allocation rows when it is reserved (before the gateway call), so refunds to credit on those
// invoices see it as under way and the webhook that confirms it applies the same split.

/**
 * For a mass payment's charge: locks its allocations and its invoices (in id order, each with lockRefundableInvoice)
 * and tells what each invoice can still give back of it, in allocation order. Null for a one-invoice charge.
 * Call it with the charge row locked and before any plain read in the transaction, as lockRefundableInvoice asks.
 */
export async function lockAllocatedRefundable(tx: StorefrontTx, charge: PaymentTransaction): Promise<{ shares: RefundableShare[]; totalMinor: number } | null> {
  if (charge.invoiceId !== null) return null;
  const allocations = await tx.select().from(paymentAllocations).where(eq(paymentAllocations.transactionId, charge.id)).orderBy(asc(paymentAllocations.id)).for('update');
  if (!allocations.length) return null;
  const ids = allocations.map((a) => a.invoiceId).sort((a, b) => a - b);
  // Every invoice locked before the first plain read (lockRefundableInvoice's sums), which opens the snapshot.
  for (const id of ids) await lockInvoice(tx, id);
  const refundable = new Map<number, { status: string; refundableMinor: number }>();
  for (const id of ids) {
    const r = await lockRefundableInvoice(tx, id);
    refundable.set(id, { status: r.invoice.status, refundableMinor: r.refundableMinor });
  }
  const taken = await refundedSharesOf(tx, charge.id, { lock: true });
  const shares = allocations.map((a) => {
    const inv = refundable.get(a.invoiceId)!;
    const open = inv.status === 'paid' || inv.status === 'partially_refunded';
    const availableMinor = open ? Math.max(0, Math.min((a.appliedMinor ?? 0) - (taken.get(a.invoiceId) ?? 0), inv.refundableMinor)) : 0;
    return { invoiceId: a.invoiceId, availableMinor };
  });
  return { shares, totalMinor: shares.reduce((sum, s) => sum + s.availableMinor, 0) };
}

/** Writes a refund's split (in the order the rule gave it, so applying walks the same order). */
export async function recordRefundShares(tx: StorefrontTx, refundId: number, shares: RefundShare[]): Promise<void> {
  if (shares.length) await tx.insert(paymentAllocations).values(shares.map((s) => ({ transactionId: refundId, invoiceId: s.invoiceId, amountMinor: s.amountMinor })));
}

/** A refund's recorded split with its invoices locked in id order; empty when it has none yet. */
export async function lockRefundShares(tx: StorefrontTx, refundId: number): Promise<PaymentAllocation[]> {
  const rows = await allocationsOf(tx, refundId);
  for (const id of rows.map((r) => r.invoiceId).sort((a, b) => a - b)) await lockInvoice(tx, id);
  return rows;
}
