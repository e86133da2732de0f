import { and, eq, inArray } from 'drizzle-orm';
import { orderItems, orders, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { addCycles, isRecurringCycle } from '@/lib/dates/billing-cycles';
import { toDateString } from '@/lib/dates/calendar-days';
import { transitionService } from './service-state';

/**
 * Paying an order's first invoice activates the order and its pending services. The first period starts today:
 * the due date keeps today's day of month as its anchor, or follows the free trial. Provisioning (a later issue)
 * hooks in here; until then activation only records the state change.
 */
export async function activateOrderOfInvoice(tx: SfDb, opts: { invoiceId: number; actor: AuditActor; now: Date }): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.invoiceId, opts.invoiceId)).for('update');
  if (!order || (order.status !== 'pending' && order.status !== 'flagged')) return;
  // A flagged order stays flagged until staff approve it, even when paid.
  if (order.status === 'pending') {
    await tx.update(orders).set({ status: 'active' }).where(and(eq(orders.id, order.id), eq(orders.status, 'pending')));
    await recordAudit(tx, { actor: opts.actor, action: 'order.activated', target: { type: 'order', id: order.publicId }, before: { status: 'pending' }, after: { status: 'active' } });
  }
  const items = await tx.select({ serviceId: orderItems.serviceId }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const ids = items.map((i) => i.serviceId).filter((id): id is number => id !== null);
  if (ids.length === 0 || order.status === 'flagged') return;
  await activatePendingServices(tx, { serviceIds: ids, actor: opts.actor, now: opts.now });
}

export async function activatePendingServices(tx: SfDb, opts: { serviceIds: number[]; actor: AuditActor; now: Date }): Promise<void> {
  const today = toDateString(opts.now);
  const anchorDay = opts.now.getUTCDate();
  const pending = await tx.select().from(services).where(and(inArray(services.id, opts.serviceIds), eq(services.status, 'pending')));
  for (const s of pending) {
    const nextDueOn = s.trialEndsOn ?? (isRecurringCycle(s.cycle) ? addCycles(today, s.cycle, anchorDay) : null);
    // After a trial the first paid period starts on the trial's last day, which becomes the anchor.
    const extra = { nextDueOn, anchorDay: s.trialEndsOn ? Number(s.trialEndsOn.slice(8, 10)) : anchorDay };
    await transitionService(tx, { serviceId: s.id, to: 'active', onlyFrom: ['pending'], extra, actor: opts.actor, now: opts.now });
  }
}
