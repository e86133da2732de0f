import { and, eq, inArray, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, paymentTransactions } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb, StorefrontTx } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { createCreditNote, type IssuedCreditNote } from '@/lib/credit-notes/create-credit-note';
import { findRefundCreditNote } from '@/lib/credit-notes/find-refund-credit-note';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { lockRefundableInvoice } from '@/lib/invoices/lock-refundable-invoice';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { lockAllocatedRefundable, lockRefundShares, recordRefundShares } from './refund-allocations';
import { splitRefund } from './split-refund';
import { gatewayFor, type GatewayStorefront } from './resolve-gateway';
import { createTransaction, lockTransaction, type PaymentTransaction } from './transactions';

export const refundPaymentSchema = z.object({
  paymentPublicId: z.string().regex(/^txn_[a-z0-9]{1,40}$/, 'is not a payment'),
  /** Omitted: everything not yet refunded. */
  amountMinor: z.number().int().positive('must be more than zero').optional(),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(255, 'must be at most 255 characters'),
});

/**
 * Counts a gateway refund against the invoice the charge paid: never more than was paid and not yet refunded;
 * a settled invoice becomes refunded or partially refunded (credit refunds count against the same total). The amount
 * counted is documented by a credit note in the same transaction, one per refund and invoice (the note's key), so
 * applying the same refund again finds its note and changes nothing.
 */
export async function applyRefundToInvoice(
  tx: StorefrontTx,
  opts: { charge: PaymentTransaction; refund: Pick<PaymentTransaction, 'id' | 'publicId'>; amountMinor: number; actor: AuditActor; reason: string },
): Promise<IssuedCreditNote | null> {
  if (opts.charge.invoiceId === null) return null;
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, opts.charge.invoiceId)).for('update');
  if (!inv) return null;
  // Applied before: its credit note says so, and the invoice already counts it.
  const documented = await findRefundCreditNote(tx, { source: 'gateway_refund', transactionId: opts.refund.id, invoiceId: inv.id });
  if (documented) return { ...documented, created: false };
  if (inv.status !== 'paid' && inv.status !== 'partially_refunded' && inv.status !== 'unpaid') return null;
  const amount = Math.min(opts.amountMinor, inv.paidMinor - inv.refundedMinor);
  if (amount <= 0) return null;
  // Part paid (or due again after a chargeback), it stays due: the refund only counts against what it holds.
  const status = inv.status === 'unpaid' ? 'unpaid' : inv.refundedMinor + amount === inv.paidMinor ? 'refunded' : 'partially_refunded';
  await tx.update(invoices).set({ refundedMinor: sql`${invoices.refundedMinor} + ${amount}`, status }).where(eq(invoices.id, inv.id));
  const note = await createCreditNote(tx, { invoice: inv, amountMinor: amount, refund: { source: 'gateway_refund', transactionId: opts.refund.id, invoiceId: inv.id }, reason: opts.reason, actor: opts.actor });
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'invoice.refunded',
    target: { type: 'invoice', id: inv.publicId },
    before: { status: inv.status, refundedMinor: inv.refundedMinor },
    after: { status, refundedMinor: inv.refundedMinor + amount, amountMinor: amount, gateway: opts.charge.gateway, refund: opts.refund.publicId, reason: opts.reason, creditNote: note.number },
  });
  return note;
}

/**
 * Counts a gateway refund against what the charge paid: a one-invoice charge through applyRefundToInvoice; a mass
 * payment's charge (several invoices) through applyRefundToInvoice once per invoice, each with its share of the
 * refund: the split recorded when the refund was reserved, or for a refund made at the gateway's dashboard one
 * worked out now by the same rule (lib/payments/refund-allocations.ts). What no invoice can take is audited.
 */
export async function applyRefundToCharge(
  tx: StorefrontTx,
  opts: { charge: PaymentTransaction; refund: Pick<PaymentTransaction, 'id' | 'publicId'>; amountMinor: number; actor: AuditActor; reason: string },
): Promise<IssuedCreditNote[]> {
  const { charge, refund } = opts;
  const one = { actor: opts.actor, reason: opts.reason, refund };
  if (charge.invoiceId !== null) {
    const note = await applyRefundToInvoice(tx, { ...one, charge, amountMinor: opts.amountMinor });
    return note ? [note] : [];
  }
  let shares: { invoiceId: number; amountMinor: number }[] = await lockRefundShares(tx, refund.id);
  if (!shares.length) {
    await lockTransaction(tx, charge.id);
    const refundable = await lockAllocatedRefundable(tx, charge);
    // Not a mass payment (a save-method attempt has no invoice at all): nothing to count it against.
    if (!refundable) return [];
    const split = splitRefund(refundable.shares, opts.amountMinor);
    await recordRefundShares(tx, refund.id, split.shares);
    shares = split.shares;
    if (split.unallocatedMinor > 0) {
      await recordAudit(tx, { actor: opts.actor, action: 'payment.refund_unallocated', target: { type: 'payment', id: charge.publicId }, after: { refund: refund.publicId, amountMinor: split.unallocatedMinor, currency: charge.currency } });
    }
  }
  // One credit note per invoice the refund reaches: a note documents one invoice.
  const notes: IssuedCreditNote[] = [];
  for (const s of shares) {
    const note = await applyRefundToInvoice(tx, { ...one, charge: { ...charge, invoiceId: s.invoiceId }, amountMinor: s.amountMinor });
    if (note) notes.push(note);
  }
  return notes;
}

/** What is left to refund of a charge: its amount less refunds that succeeded or are still under way, and chargebacks. */
async function refundableOf(tx: StorefrontTx, charge: PaymentTransaction): Promise<number> {
  const [row] = await tx
    .select({ total: sum(paymentTransactions.amountMinor) })
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.parentId, charge.id), inArray(paymentTransactions.kind, ['refund', 'chargeback']), inArray(paymentTransactions.status, ['pending', 'succeeded'])));
  return charge.amountMinor - Number(row?.total ?? 0);
}

/**
 * Staff refund a gateway payment, in full or in part. The refund attempt is recorded (and the refundable amount
 * reserved) before the gateway is called, with an idempotency key, so a double click or a retry can't refund twice.
 */
export async function refundPayment(
  db: StorefrontDb,
  opts: { storefront: GatewayStorefront; input: z.input<typeof refundPaymentSchema>; actor: AuditActor },
): Promise<{ refund: PaymentTransaction; status: 'succeeded' | 'pending' | 'failed'; message: string }> {
  const parsed = refundPaymentSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { paymentPublicId, reason } = parsed.data;
  const [found] = await db.select({ id: paymentTransactions.id }).from(paymentTransactions).where(eq(paymentTransactions.publicId, paymentPublicId));
  if (!found) throw new AppError('not_found', 'No such payment.');

  const currencies = await loadCurrencyBook(db);
  const refund = await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const charge = await lockTransaction(tx, found.id);
      if (charge.kind !== 'charge' || charge.status !== 'succeeded' || !charge.gatewayPaymentId) throw new AppError('conflict', 'Only a succeeded gateway payment can be refunded.');
      // Both locks before any plain read; the invoice's balance is shared with refunds to credit.
      const ofInvoice = charge.invoiceId === null ? null : await lockRefundableInvoice(tx, charge.invoiceId);
      // A mass payment: every invoice it paid, each giving back at most its own share.
      const ofInvoices = await lockAllocatedRefundable(tx, charge);
      const refundable = Math.min(await refundableOf(tx, charge), ofInvoice?.refundableMinor ?? ofInvoices?.totalMinor ?? Infinity);
      if (refundable <= 0) throw new AppError('conflict', 'Nothing is left to refund of this payment; refunds to credit and refunds under way count too.');
      const amount = parsed.data.amountMinor ?? refundable;
      if (amount > refundable) throw new AppError('bad_request', `At most ${currencies.format(refundable, charge.currency)} can be refunded.`, { amountMinor: ['is more than the refundable amount'] });
      const n = (await tx.select({ id: paymentTransactions.id }).from(paymentTransactions).where(eq(paymentTransactions.parentId, charge.id))).length + 1;
      const created = await createTransaction(tx, {
        customerId: charge.customerId,
        invoiceId: charge.invoiceId,
        gateway: charge.gateway,
        kind: 'refund',
        flow: 'staff',
        currency: charge.currency,
        amountMinor: amount,
        parentId: charge.id,
        idempotencyKey: `refund:${charge.id}:${n}`,
      });
      if (ofInvoices) await recordRefundShares(tx, created.id, splitRefund(ofInvoices.shares, amount).shares);
      await recordAudit(tx, { actor: opts.actor, action: 'payment.refund_requested', target: { type: 'payment', id: charge.publicId }, after: { refund: created.publicId, amountMinor: amount, currency: charge.currency, reason } });
      return { created, charge };
    }),
  );

  const gateway = await gatewayFor(db, opts.storefront, refund.charge.gateway, undefined, currencies);
  const outcome = gateway
    ? await gateway
        .refund({ gatewayPaymentId: refund.charge.gatewayPaymentId!, amountMinor: refund.created.amountMinor, currency: refund.created.currency, idempotencyKey: refund.created.idempotencyKey, reason })
        .catch((err: unknown) => ({ status: 'failed' as const, reason: err instanceof Error ? err.message : String(err) }))
    : { status: 'failed' as const, reason: `${refund.charge.gateway} is switched off on this store` };

  return withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const current = await lockTransaction(tx, refund.created.id);
      // The gateway's webhook confirmed it while the call failed on our side (a lost answer): it stands.
      if (outcome.status === 'failed' && current.status === 'succeeded') return { refund: current, status: 'succeeded' as const, message: `Refunded ${currencies.format(current.amountMinor, current.currency)}.` };
      if (outcome.status === 'failed') {
        // Failing the row releases its reservation: it no longer counts against the payment.
        await tx.update(paymentTransactions).set({ status: 'failed', failureReason: outcome.reason.slice(0, 255) }).where(eq(paymentTransactions.id, current.id));
        await recordAudit(tx, { actor: opts.actor, action: 'payment.refund_failed', target: { type: 'payment', id: refund.charge.publicId }, after: { refund: current.publicId, reason: outcome.reason } });
        return { refund: { ...current, status: 'failed' as const }, status: 'failed' as const, message: `The gateway refused the refund: ${outcome.reason}` };
      }
      // The gateway's webhook may have confirmed it already (and applied it); then only the id is news.
      const alreadyApplied = current.status === 'succeeded';
      const status = outcome.status === 'succeeded' || alreadyApplied ? ('succeeded' as const) : ('pending' as const);
      // With its gateway id set the refund is no longer "in flight": from here the invoice's refunded total counts it.
      await tx.update(paymentTransactions).set({ status, gatewayPaymentId: outcome.gatewayRefundId }).where(eq(paymentTransactions.id, current.id));
      const notes = alreadyApplied ? [] : await applyRefundToCharge(tx, { charge: refund.charge, refund: current, amountMinor: current.amountMinor, actor: opts.actor, reason });
      await recordAudit(tx, { actor: opts.actor, action: 'payment.refunded', target: { type: 'payment', id: refund.charge.publicId }, after: { refund: current.publicId, amountMinor: current.amountMinor, gatewayRefundId: outcome.gatewayRefundId } });
      const money = currencies.format(current.amountMinor, current.currency);
      const noted = notes.length === 1 ? ` Credit note ${notes[0]!.number} issued.` : notes.length ? ` Credit notes ${notes.map((n) => n.number).join(', ')} issued.` : '';
      return {
        refund: { ...current, status, gatewayPaymentId: outcome.gatewayRefundId },
        status: outcome.status,
        message: outcome.status === 'succeeded' ? `Refunded ${money}.${noted}` : `Refund of ${money} sent; the gateway is processing it.${noted}`,
      };
    }),
  );
}
