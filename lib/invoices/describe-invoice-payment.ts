/**
 * How one invoice payment row reads on the invoice (page and PDF). A chargeback is stored as a negative payment:
 * it reads as money taken back, adding to the balance due, never as "paid −x".
 */
export function describeInvoicePayment(p: { method: string; amountMinor: number; createdAt: Date }): { label: string; amountMinor: number; reversal: boolean } {
  const method = p.method.replace('_', ' ');
  const day = p.createdAt.toISOString().slice(0, 10);
  if (p.amountMinor < 0) return { label: `Charged back (${method}) ${day}`, amountMinor: -p.amountMinor, reversal: true };
  return { label: `Paid (${method}) ${day}`, amountMinor: p.amountMinor, reversal: false };
}
