import { and, eq } from 'drizzle-orm';
import { invoices, orders } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { cancelPendingChangeForInvoice } from '@/lib/billing/change-service-plan';
import { AppError } from '@/lib/errors/app-error';
import { cancelOrder } from '@/lib/orders/change-order-status';

export const VOID_REASON_MAX = 500;

/**
 * Voids an unpaid invoice nothing has been paid on (status unpaid → void, guarded), audited as invoice.voided with
 * the reason. An order's first invoice is voided by cancelling that order instead, so the stock and the coupon
 * uses it took come back and its pending services are cancelled (audited there as order.cancelled).
 */
export async function voidInvoice(
  db: StorefrontDb,
  opts: { invoicePublicId: string; reason: string; actor: AuditActor; now?: Date },
): Promise<{ cancelledOrderPublicId: string | null }> {
  const now = opts.now ?? new Date();
  const reason = opts.reason.trim();
  if (!reason) throw new AppError('bad_request', 'Check the highlighted fields.', { reason: ['is required'] });
  if (reason.length > VOID_REASON_MAX) throw new AppError('bad_request', 'Check the highlighted fields.', { reason: [`must be at most ${VOID_REASON_MAX} characters`] });

  const [found] = await db
    .select({ invoice: invoices, orderPublicId: orders.publicId })
    .from(invoices)
    .leftJoin(orders, eq(orders.invoiceId, invoices.id))
    .where(eq(invoices.publicId, opts.invoicePublicId))
    .limit(1);
  if (!found) throw new AppError('not_found', 'No such invoice.');
  assertVoidable(found.invoice);
  if (found.orderPublicId) {
    // cancelOrder locks the order and the invoice and re-checks both, so a payment arriving meanwhile still wins.
    await cancelOrder(db, { orderPublicId: found.orderPublicId, reason, actor: opts.actor, now });
    return { cancelledOrderPublicId: found.orderPublicId };
  }

  await db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, found.invoice.id)).for('update');
    if (!invoice) throw new AppError('not_found', 'No such invoice.');
    assertVoidable(invoice);
    const [res] = await tx
      .update(invoices)
      .set({ status: 'void', voidedAt: now })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'unpaid'), eq(invoices.paidMinor, 0)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'The invoice changed meanwhile; reload and try again.');
    // An unpaid upgrade invoice voided: the plan change it would have applied is called off.
    await cancelPendingChangeForInvoice(tx, invoice.id, opts.actor);
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'invoice.voided',
      target: { type: 'invoice', id: invoice.publicId },
      before: { status: invoice.status },
      after: { status: 'void', reason },
    });
  });
  return { cancelledOrderPublicId: null };
}

function assertVoidable(invoice: { status: string; paidMinor: number; number: string | null; publicId: string }): void {
  if (invoice.status !== 'unpaid') throw new AppError('conflict', `Invoice ${invoice.number ?? invoice.publicId} is ${invoice.status.replace('_', ' ')}; only unpaid invoices can be voided.`);
  if (invoice.paidMinor > 0) throw new AppError('conflict', 'Part of this invoice is paid; refund or credit that first.');
}
