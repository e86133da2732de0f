/**
 * How one invoice payment row reads on the invoice (page and PDF). A chargeback is stored as a negative payment:
 * it reads as money taken back, adding to the balance due, never as "paid −x".
 */
export function describeInvoicePayment(
  p: { method: string; amountMinor: number; createdAt: Date },
  formatDate: (d: Date) => string = (d) => d.toISOString().slice(0, 10),
): { label: string; amountMinor: number; reversal: boolean } {
  const method = p.method.replace('_', ' ');
  const day = formatDate(p.createdAt);
  if (p.amountMinor < 0) return { label: `Charged back (${method}) ${day}`, amountMinor: -p.amountMinor, reversal: true };
  return { label: `Paid (${method}) ${day}`, amountMinor: p.amountMinor, reversal: false };
}
