import { and, asc, eq, gt, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import { customers, invoices, serviceBillingPeriods, services, usagePeriodClosings } from '@/db/schema/storefront';
import { recordAudit } from '@/lib/audit/record-audit';
import { queueEmail } from '@/lib/email/enqueue-email';
import { areaUrl } from '@/lib/tenancy/area-url';
import { addDays } from '@/lib/dates/calendar-days';
import { chargedBackServiceBatch } from '../charged-back-services';
import { transitionService } from '../service-state';
import type { PassContext } from './context';

/**
 * Services on unpaid renewal or usage invoices, or on invoices a lost dispute reopened, whose due date is before
 * `cutoff`, with the invoice, ordered by service for keyset paging. Unpaid usage suspends and terminates a service as
 * an unpaid renewal does (but is never voided: it was used).
 */
async function overdueServiceBatch(ctx: PassContext, cutoff: string, afterServiceId: number, statuses: ('active' | 'suspended')[]) {
  const columns = { serviceId: services.id, invoiceId: invoices.id, invoicePublicId: invoices.publicId, invoiceNumber: invoices.number };
  const overdue = and(eq(invoices.status, 'unpaid'), lt(invoices.dueOn, cutoff), inArray(services.status, statuses), gt(services.id, afterServiceId));
  const [renewals, usage, chargedBack] = await Promise.all([
    ctx.db
      .selectDistinct(columns)
      .from(invoices)
      .innerJoin(serviceBillingPeriods, eq(serviceBillingPeriods.invoiceId, invoices.id))
      .innerJoin(services, eq(services.id, serviceBillingPeriods.serviceId))
      .where(overdue)
      .orderBy(asc(services.id))
      .limit(ctx.batchSize),
    ctx.db
      .selectDistinct(columns)
      .from(invoices)
      .innerJoin(usagePeriodClosings, eq(usagePeriodClosings.invoiceId, invoices.id))
      .innerJoin(services, eq(services.id, usagePeriodClosings.serviceId))
      .where(overdue)
      .orderBy(asc(services.id))
      .limit(ctx.batchSize),
    chargedBackServiceBatch(ctx.db, { cutoff, afterServiceId, statuses, limit: ctx.batchSize }),
  ]);
  // A full list may go on past its last service: the merged batch stops there, the rest comes with the next one.
  const lists = [renewals, usage, chargedBack];
  const ends = lists.filter((l) => l.length === ctx.batchSize).map((l) => l[l.length - 1]!.serviceId);
  const stop = ends.length ? Math.min(...ends) : Infinity;
  const seen = new Set<string>();
  return lists
    .flat()
    .filter((r) => r.serviceId <= stop)
    .sort((a, b) => a.serviceId - b.serviceId || a.invoiceId - b.invoiceId)
    .filter((r) => !seen.has(`${r.serviceId}:${r.invoiceId}`) && seen.add(`${r.serviceId}:${r.invoiceId}`));
}

async function notify(ctx: PassContext, tx: Parameters<Parameters<PassContext['db']['transaction']>[0]>[0], serviceId: number, template: 'service-suspended' | 'service-terminated', invoice?: { publicId: string; number: string | null }) {
  const [row] = await tx
    .select({ name: customers.name, email: customers.email, label: services.label })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .where(eq(services.id, serviceId));
  if (!row) return;
  const mail =
    template === 'service-suspended'
      ? await queueEmail(tx, {
          to: row.email,
          template,
          props: {
            name: row.name,
            serviceLabel: row.label,
            reason: 'overdue',
            ...(invoice ? { invoiceNumber: invoice.number ?? invoice.publicId, invoiceUrl: await areaUrl(ctx.storefrontId, 'account', `/invoices/${invoice.publicId}`) } : {}),
          },
          dedupeKey: `service-suspended:${serviceId}:${ctx.today}`,
        })
      : await queueEmail(tx, { to: row.email, template, props: { name: row.name, serviceLabel: row.label }, dedupeKey: `service-terminated:${serviceId}` });
  ctx.mail.push(mail.id);
}

/** Step 6a: suspend services overdue more than X days (reason "overdue", which payment lifts). */
export async function suspendOverdueServices(ctx: PassContext): Promise<{ services: number }> {
  const out = { services: 0 };
  if (ctx.billing.suspendAfterDays <= 0) return out;
  const cutoff = addDays(ctx.today, -ctx.billing.suspendAfterDays);
  let after = 0;
  for (;;) {
    const batch = await overdueServiceBatch(ctx, cutoff, after, ['active']);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.serviceId;
    for (const row of batch) {
      const done = await ctx.db.transaction(async (tx) => {
        const moved = await transitionService(tx, { serviceId: row.serviceId, to: 'suspended', reason: 'overdue', onlyFrom: ['active'], actor: ctx.actor, now: ctx.at });
        if (moved && ctx.billing.emails.suspension) await notify(ctx, tx, row.serviceId, 'service-suspended', { publicId: row.invoicePublicId, number: row.invoiceNumber });
        return moved;
      });
      if (done) out.services += 1;
    }
  }
  return out;
}

/**
 * Step 6b: terminate services overdue more than Y days, then void the unpaid invoices left billing only
 * terminated or cancelled services (nothing is owed for a service that no longer exists).
 */
export async function terminateOverdueServices(ctx: PassContext): Promise<{ services: number; invoicesVoided: number }> {
  const out = { services: 0, invoicesVoided: 0 };
  if (ctx.billing.terminateAfterDays <= 0) return out;
  const cutoff = addDays(ctx.today, -ctx.billing.terminateAfterDays);
  let after = 0;
  const touched = new Set<number>();
  for (;;) {
    const batch = await overdueServiceBatch(ctx, cutoff, after, ['active', 'suspended']);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.serviceId;
    for (const row of batch) {
      touched.add(row.invoiceId);
      const done = await ctx.db.transaction(async (tx) => {
        const moved = await transitionService(tx, { serviceId: row.serviceId, to: 'terminated', onlyFrom: ['active', 'suspended'], actor: ctx.actor, now: ctx.at });
        if (moved && ctx.billing.emails.termination) await notify(ctx, tx, row.serviceId, 'service-terminated');
        return moved;
      });
      if (done) out.services += 1;
    }
  }
  // Also invoices touched by an earlier, interrupted pass: every unpaid invoice older than the cutoff.
  const stale = await ctx.db
    .selectDistinct({ id: invoices.id })
    .from(invoices)
    .innerJoin(serviceBillingPeriods, eq(serviceBillingPeriods.invoiceId, invoices.id))
    .where(and(eq(invoices.status, 'unpaid'), lt(invoices.dueOn, cutoff)));
  for (const { id } of stale) touched.add(id);
  for (const invoiceId of touched) {
    const voided = await ctx.db.transaction(async (tx) => {
      const billed = await tx
        .select({ status: services.status })
        .from(serviceBillingPeriods)
        .innerJoin(services, eq(services.id, serviceBillingPeriods.serviceId))
        .where(eq(serviceBillingPeriods.invoiceId, invoiceId));
      if (!billed.length || billed.some((s) => s.status !== 'terminated' && s.status !== 'cancelled')) return false;
      const [inv] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
      if (!inv || inv.status !== 'unpaid' || inv.paidMinor > 0) return false;
      await tx.update(invoices).set({ status: 'void', voidedAt: ctx.at }).where(and(eq(invoices.id, invoiceId), eq(invoices.status, 'unpaid')));
      await recordAudit(tx, { actor: ctx.actor, action: 'invoice.voided', target: { type: 'invoice', id: inv.publicId }, before: { status: 'unpaid' }, after: { status: 'void', reason: 'services terminated for non-payment' } });
      return true;
    });
    if (voided) out.invoicesVoided += 1;
  }
  return out;
}

/** Step 6c: end-of-period cancellations take effect on the service's due date. */
export async function applyPendingCancellations(ctx: PassContext): Promise<{ services: number }> {
  const out = { services: 0 };
  const due = await ctx.db
    .select({ id: services.id })
    .from(services)
    .where(and(isNotNull(services.cancellationRequestedAt), inArray(services.status, ['active', 'suspended']), lte(services.nextDueOn, ctx.today)));
  for (const { id } of due) {
    const moved = await ctx.db.transaction((tx) => transitionService(tx, { serviceId: id, to: 'cancelled', onlyFrom: ['active', 'suspended'], actor: ctx.actor, now: ctx.at }));
    if (moved) out.services += 1;
  }
  return out;
}
