import { eq } from 'drizzle-orm';
import { creditLedger, customers, paymentAllocations, type Invoice, type PaymentAllocation } from '@/db/schema/storefront';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontTx } from '@/lib/db/connection';
import { lockCustomerCredit } from '@/lib/credit/credit-balance';
import { lockInvoice, recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import type { PaymentTransaction } from './transactions';

export interface AllocationsSettled {
  /** Every invoice of the charge is now paid in full by it. */
  allPaid: boolean;
  mail: number[];
  alerts: number[];
}

/**
 * Applies a succeeded mass payment to its invoices, inside settleCharge's transaction (the charge row is locked and
 * was not yet succeeded, so this runs once per charge; the unique (transaction, invoice) on invoice_payments is the
 * backstop). Each invoice gets its share, at most its balance due now; whatever an invoice no longer needs (paid
 * meanwhile from credit, by bank transfer or in another tab, or voided) goes to the customer's account credit as
 * an overpayment, audited, and staff are told once.
 */
export async function settleAllocations(
  tx: StorefrontTx,
  opts: { charge: PaymentTransaction; allocations: PaymentAllocation[]; gatewayPaymentId: string; storefrontId: number; actor: AuditActor; now: Date },
): Promise<AllocationsSettled> {
  const { charge: t, actor, now } = opts;
  const out: AllocationsSettled = { allPaid: true, mail: [], alerts: [] };
  // Invoices locked in id order before anything moves, the order every multi-invoice path takes them in.
  const locked = new Map<number, Invoice>();
  for (const id of [...new Set(opts.allocations.map((a) => a.invoiceId))].sort((a, b) => a - b)) locked.set(id, await lockInvoice(tx, id));

  const credited: { invoice: Invoice; amountMinor: number }[] = [];
  for (const a of opts.allocations) {
    if (a.appliedMinor !== null) continue;
    const inv = locked.get(a.invoiceId)!;
    const due = inv.status === 'unpaid' && inv.currency === t.currency ? Math.max(inv.totalMinor - inv.paidMinor, 0) : 0;
    const applied = Math.min(a.amountMinor, due);
    if (applied > 0) {
      const paid = await recordInvoicePayment(tx, {
        invoiceId: inv.id,
        method: t.gateway,
        currency: t.currency,
        amountMinor: applied,
        reference: opts.gatewayPaymentId.slice(0, 120),
        transactionId: t.id,
        actor,
        now,
        receiptFor: { storefrontId: opts.storefrontId },
      });
      if (paid.receiptMailId) out.mail.push(paid.receiptMailId);
      if (!paid.paid) out.allPaid = false;
    }
    if (applied < a.amountMinor) {
      out.allPaid = false;
      credited.push({ invoice: inv, amountMinor: a.amountMinor - applied });
    }
    await tx.update(paymentAllocations).set({ appliedMinor: applied }).where(eq(paymentAllocations.id, a.id));
  }
  if (!credited.length) return out;

  // The money is the customer's: what an invoice no longer needed becomes account credit in the payment's currency.
  await lockCustomerCredit(tx, t.customerId);
  for (const c of credited) {
    const number = c.invoice.number ?? c.invoice.publicId;
    await tx.insert(creditLedger).values({
      customerId: t.customerId,
      currency: t.currency,
      amountMinor: c.amountMinor,
      kind: 'overpayment',
      invoiceId: c.invoice.id,
      note: `${t.gateway} payment ${opts.gatewayPaymentId}: share of invoice ${number}, which was ${c.invoice.status}`.slice(0, 255),
    });
    await recordAudit(tx, { actor, action: 'credit.overpayment', target: { type: 'invoice', id: c.invoice.publicId }, after: { amountMinor: c.amountMinor, currency: t.currency, payment: t.publicId } });
  }
  const currencies = await loadCurrencyBook(tx);
  const [owner] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, t.customerId));
  const list = credited.map((c) => `${c.invoice.number ?? c.invoice.publicId} (${c.invoice.status}, ${currencies.format(c.amountMinor, t.currency)})`).join(', ');
  const alert = await raiseAlert(tx, {
    severity: 'warning',
    category: 'payments',
    title: 'Payment for invoices that were already settled',
    body: `${currencies.format(t.amountMinor, t.currency)} from ${owner?.email ?? 'a customer'} by ${t.gateway} (${opts.gatewayPaymentId}) paid several invoices; ${list} no longer needed their share, which was added to the customer's account credit.`,
    dedupeKey: `payment-overpaid:${t.id}`,
  });
  if (alert.created && alert.discordStatus === 'pending') out.alerts.push(alert.id);
  return out;
}
