// How a refund of a mass payment (one charge that paid several invoices) goes back over its invoices:
//
//   1. Reverse allocation order. A charge's allocations are written oldest invoice first (invoice id order), so a
//      refund goes to the newest invoice first, then the one before it, and so on.
//   2. Each invoice gives back at most what it can still give of this charge: what the charge paid on it, less what
//      refunds of this charge already took from it (succeeded or under way), and never more than the invoice still
//      has refundable (paid, less every refund of it: to credit, by any gateway, or still under way).
//   3. What no invoice can take stays unallocated (only a refund made at the gateway's dashboard can be that big;
//      one from our admin is capped at the sum first) and is audited.
//
// lib/payments/refund-allocations.ts works out the "available" amounts under locks; this is the pure rule.

export interface RefundableShare {
  invoiceId: number;
  /** What this invoice can still give back of this charge (rule 2). */
  availableMinor: number;
}

export interface RefundShare {
  invoiceId: number;
  amountMinor: number;
}

/** Splits `amountMinor` over `shares` (given in allocation order) by the rules above. */
export function splitRefund(shares: RefundableShare[], amountMinor: number): { shares: RefundShare[]; unallocatedMinor: number } {
  let left = amountMinor;
  const out: RefundShare[] = [];
  for (let i = shares.length - 1; i >= 0 && left > 0; i--) {
    const take = Math.min(left, Math.max(shares[i]!.availableMinor, 0));
    if (take <= 0) continue;
    out.push({ invoiceId: shares[i]!.invoiceId, amountMinor: take });
    left -= take;
  }
  return { shares: out, unallocatedMinor: left };
}
