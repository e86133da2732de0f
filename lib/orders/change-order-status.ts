import { and, eq, inArray, sql } from 'drizzle-orm';
import { invoices, orderItems, orders, plans, services, type Order } from '@/db/schema/storefront';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { releaseCouponRedemptions } from '@/lib/coupons/redeem-coupons';
import { AppError } from '@/lib/errors/app-error';
import { activatePendingServices } from '@/lib/billing/activate-order';

async function lockOrder(tx: SfDb, orderPublicId: string): Promise<Order> {
  const [order] = await tx.select().from(orders).where(eq(orders.publicId, orderPublicId)).for('update');
  if (!order) throw new AppError('not_found', 'No such order.');
  return order;
}

/**
 * Cancels a pending or flagged order. If its invoice is still unpaid, the invoice is voided, the stock and the
 * coupon uses the order took are given back and its services are cancelled; a paid order can't be cancelled
 * here (its services are cancelled from the service page, with a refund decision).
 */
export async function cancelOrder(db: StorefrontDb, opts: { orderPublicId: string; reason: string; actor: AuditActor; customerId?: number; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, opts.orderPublicId);
    if (opts.customerId !== undefined && order.customerId !== opts.customerId) throw new AppError('not_found', 'No such order.');
    if (order.status !== 'pending' && order.status !== 'flagged') throw new AppError('conflict', `Order ${order.publicId} is ${order.status} and can’t be cancelled.`);
    const [invoice] = order.invoiceId ? await tx.select().from(invoices).where(eq(invoices.id, order.invoiceId)).for('update') : [];
    if (invoice && invoice.status !== 'unpaid') throw new AppError('conflict', `Its invoice is ${invoice.status}; cancel the services instead.`);
    if (invoice && invoice.paidMinor > 0) throw new AppError('conflict', 'Part of its invoice is paid; refund or credit that first.');
    if (invoice) await tx.update(invoices).set({ status: 'void', voidedAt: now }).where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'unpaid')));

    const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    for (const item of items) {
      if (item.stockTaken > 0) {
        await tx.update(plans).set({ stockQuantity: sql`${plans.stockQuantity} + ${item.stockTaken}` }).where(and(eq(plans.id, item.planId), sql`${plans.stockQuantity} IS NOT NULL`));
        await tx.update(orderItems).set({ stockTaken: 0 }).where(eq(orderItems.id, item.id));
      }
    }
    const serviceIds = items.map((i) => i.serviceId).filter((id): id is number => id !== null);
    if (serviceIds.length) await tx.update(services).set({ status: 'cancelled' }).where(and(inArray(services.id, serviceIds), eq(services.status, 'pending')));
    await releaseCouponRedemptions(tx, order.id);
    await tx.update(orders).set({ status: 'cancelled', cancelledAt: now, note: opts.reason.slice(0, 500) }).where(eq(orders.id, order.id));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'order.cancelled',
      target: { type: 'order', id: order.publicId },
      before: { status: order.status, invoice: invoice?.status ?? null },
      after: { status: 'cancelled', invoice: invoice ? 'void' : null, reason: opts.reason, stockRestored: items.reduce((s, i) => s + i.stockTaken, 0) },
    });
  });
}

/** Staff hold an order for review: a flagged order's services are not activated even when it is paid. */
export async function flagOrder(db: StorefrontDb, opts: { orderPublicId: string; reason: string; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, opts.orderPublicId);
    if (order.status !== 'pending') throw new AppError('conflict', `Only pending orders can be flagged; this one is ${order.status}.`);
    await tx.update(orders).set({ status: 'flagged', note: opts.reason.slice(0, 500) }).where(eq(orders.id, order.id));
    await recordAudit(tx, { actor: opts.actor, action: 'order.flagged', target: { type: 'order', id: order.publicId }, before: { status: 'pending' }, after: { status: 'flagged', reason: opts.reason } });
  });
}

/**
 * Staff accept a pending or flagged order. Its services activate now if the invoice is paid; otherwise they
 * activate when it is.
 */
export async function approveOrder(db: StorefrontDb, opts: { orderPublicId: string; actor: AuditActor; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, opts.orderPublicId);
    if (order.status !== 'pending' && order.status !== 'flagged') throw new AppError('conflict', `Order ${order.publicId} is already ${order.status}.`);
    const [invoice] = order.invoiceId ? await tx.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, order.invoiceId)) : [];
    const paid = invoice?.status === 'paid';
    const next = paid ? 'active' : 'pending';
    await tx.update(orders).set({ status: next }).where(eq(orders.id, order.id));
    await recordAudit(tx, { actor: opts.actor, action: 'order.approved', target: { type: 'order', id: order.publicId }, before: { status: order.status }, after: { status: next, invoicePaid: paid } });
    if (paid) {
      const items = await tx.select({ serviceId: orderItems.serviceId }).from(orderItems).where(eq(orderItems.orderId, order.id));
      await activatePendingServices(tx, { serviceIds: items.map((i) => i.serviceId).filter((id): id is number => id !== null), actor: opts.actor, now });
    }
  });
}
