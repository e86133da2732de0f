import { and, eq } from 'drizzle-orm';
import { invoices, serviceBillingPeriods, services, usagePeriodClosings } from '@/db/schema/storefront';
import { creditPurchasedFunds } from '@/lib/credit/add-funds';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { activateOrderOfInvoice } from './activate-order';
import { applyPaidPlanChange } from './change-service-plan';
import { chargedBackServiceIds } from './charged-back-services';
import { transitionService } from './service-state';

/**
 * What a fully paid invoice sets in motion, in the transaction that paid it: a first invoice activates its order,
 * an "add funds" invoice tops up the account credit, an upgrade invoice applies its pending plan change;
 * a renewal moves each service's next due date to the end of the period it paid for (guarded on the old date, so
 * it moves once) and lifts a suspension for non-payment, as paying a charged-back invoice again does; so does a paid
 * usage invoice for the services it billed.
 */
export async function onInvoicePaid(tx: SfDb, opts: { invoiceId: number; actor: AuditActor; now: Date }): Promise<void> {
  await activateOrderOfInvoice(tx, opts);
  const [inv] = await tx.select({ customerId: invoices.customerId, currency: invoices.currency }).from(invoices).where(eq(invoices.id, opts.invoiceId));
  if (inv) await creditPurchasedFunds(tx, { invoiceId: opts.invoiceId, customerId: inv.customerId, currency: inv.currency });
  await applyPaidPlanChange(tx, opts);
  const periods = await tx.select().from(serviceBillingPeriods).where(eq(serviceBillingPeriods.invoiceId, opts.invoiceId));
  for (const p of periods) {
    const [svc] = await tx.select({ publicId: services.publicId }).from(services).where(eq(services.id, p.serviceId));
    const [res] = await tx
      .update(services)
      .set({ nextDueOn: p.periodEnd })
      .where(and(eq(services.id, p.serviceId), eq(services.nextDueOn, p.periodStart)));
    if (res.affectedRows === 1 && svc) {
      await recordAudit(tx, { actor: opts.actor, action: 'service.renewed', target: { type: 'service', id: svc.publicId }, before: { nextDueOn: p.periodStart }, after: { nextDueOn: p.periodEnd } });
    }
    await transitionService(tx, { serviceId: p.serviceId, to: 'active', onlyFrom: ['suspended'], onlySuspendedFor: 'overdue', actor: opts.actor, now: opts.now });
  }
  // Paid again after a chargeback: what dunning suspended for it comes back, billing periods or not.
  for (const serviceId of await chargedBackServiceIds(tx, opts.invoiceId)) {
    await transitionService(tx, { serviceId, to: 'active', onlyFrom: ['suspended'], onlySuspendedFor: 'overdue', actor: opts.actor, now: opts.now });
  }
  // A usage invoice suspends its services when overdue (overdue-services.ts), so paying it lifts that suspension too.
  const used = await tx.selectDistinct({ serviceId: usagePeriodClosings.serviceId }).from(usagePeriodClosings).where(eq(usagePeriodClosings.invoiceId, opts.invoiceId));
  for (const u of used) await transitionService(tx, { serviceId: u.serviceId, to: 'active', onlyFrom: ['suspended'], onlySuspendedFor: 'overdue', actor: opts.actor, now: opts.now });
}
