import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { couponAmounts, coupons, customers, plans, serviceBillingPeriods, services, type Service } from '@/db/schema/storefront';
import { recordAudit } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { issueInvoice, type NewInvoiceLine } from '@/lib/invoices/issue-invoice';
import { settleZeroInvoice } from '@/lib/invoices/record-invoice-payment';
import { queueEmail } from '@/lib/email/enqueue-email';
import { formatMoney } from '@/lib/money/format';
import { pricingCustomerOf } from '@/lib/orders/pricing-context';
import { priceOrder } from '@/lib/pricing/price-order';
import type { CouponInput } from '@/lib/pricing/types';
import { invoiceLeadDays } from '@/lib/settings/billing-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import { addCycles, addDays, isRecurringCycle } from '../cycle-dates';
import type { PassContext } from './context';

const RENEWABLE = ['active', 'suspended'] as const;

/** The furthest due date any cycle is invoiced ahead for: the first, cheap filter. */
function horizon(ctx: PassContext): string {
  const leads = [ctx.billing.invoiceDaysBefore, ...Object.values(ctx.billing.invoiceDaysBeforeByCycle).filter((d): d is number => d !== undefined)];
  return addDays(ctx.today, Math.max(...leads));
}

/** Services due for their next renewal invoice, a batch at a time in (customer, id) order. */
async function nextBatch(ctx: PassContext, after: { customerId: number; id: number } | null): Promise<Service[]> {
  const due = and(
    inArray(services.status, [...RENEWABLE]),
    eq(services.autoRenew, true),
    isNull(services.cancellationRequestedAt),
    isNotNull(services.nextDueOn),
    lte(services.nextDueOn, horizon(ctx)),
  );
  const cursor = after ? or(gt(services.customerId, after.customerId), and(eq(services.customerId, after.customerId), gt(services.id, after.id))) : undefined;
  return ctx.db
    .select()
    .from(services)
    .where(cursor ? and(due, cursor) : due)
    .orderBy(asc(services.customerId), asc(services.id))
    .limit(ctx.batchSize);
}

async function carriedCoupons(db: SfDb, ids: number[], currency: string): Promise<Map<number, CouponInput>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ c: coupons, discountMinor: couponAmounts.discountMinor })
    .from(coupons)
    .leftJoin(couponAmounts, and(eq(couponAmounts.couponId, coupons.id), eq(couponAmounts.currency, currency)))
    .where(inArray(coupons.id, ids));
  return new Map(
    rows.map(({ c, discountMinor }) => [
      c.id,
      { ...c, discountMinor: discountMinor ?? null, minOrderMinor: 0, customerRedemptions: 0 } satisfies CouponInput,
    ]),
  );
}

/**
 * Issues one renewal invoice for a group of one customer's services due on the same date, in one short
 * transaction. The billing-period rows are inserted with the invoice: if another pass got there first their
 * primary key refuses and the whole group rolls back, so a period is never invoiced twice.
 */
async function invoiceGroup(ctx: PassContext, group: Service[]): Promise<{ issued: boolean; services: number }> {
  const dueOn = group[0]!.nextDueOn!;
  const customerId = group[0]!.customerId;
  const currency = group[0]!.currency;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId));
      if (!customer || customer.status !== 'active') return { issued: false, services: 0 };
      // Re-read under lock: a payment or a concurrent pass may have moved these services since the batch was read.
      const fresh = await tx
        .select()
        .from(services)
        .where(and(inArray(services.id, group.map((s) => s.id)), eq(services.nextDueOn, dueOn), inArray(services.status, [...RENEWABLE]), isNull(services.cancellationRequestedAt)))
        .for('update');
      const done = new Set(
        (await tx.select({ id: serviceBillingPeriods.serviceId }).from(serviceBillingPeriods).where(and(inArray(serviceBillingPeriods.serviceId, group.map((s) => s.id)), eq(serviceBillingPeriods.periodStart, dueOn)))).map((r) => r.id),
      );
      const todo = fresh.filter((s) => !done.has(s.id));
      if (!todo.length) return { issued: false, services: 0 };

      const planRows = await tx.select({ id: plans.id, groupId: plans.groupId }).from(plans).where(inArray(plans.id, todo.map((s) => s.planId)));
      const groupOf = new Map(planRows.map((p) => [p.id, p.groupId]));
      const couponById = await carriedCoupons(tx, [...new Set(todo.map((s) => s.couponId).filter((id): id is number => id !== null))], currency);
      const pricingCustomer = await pricingCustomerOf(tx, customer, ctx.at);
      const lines: NewInvoiceLine[] = [];
      const periods: { serviceId: number; periodStart: string; periodEnd: string }[] = [];
      let reverseCharge = false;
      for (const svc of todo) {
        const periodEnd = addCycles(dueOn, svc.cycle, svc.anchorDay ?? Number(dueOn.slice(8, 10)));
        const coupon = svc.couponId !== null && (svc.couponCyclesRemaining === null || svc.couponCyclesRemaining > 0) ? couponById.get(svc.couponId) : undefined;
        // Priced one service at a time, so a coupon one service carries never discounts its neighbour.
        const priced = priceOrder({
          kind: 'renewal',
          currency,
          date: ctx.at,
          items: [{ key: String(svc.id), planId: svc.planId, groupId: groupOf.get(svc.planId) ?? 0, description: svc.label, cycle: svc.cycle, amountMinor: svc.recurringMinor, setupFeeMinor: 0, options: [], trialDays: 0 }],
          coupons: coupon ? [coupon] : [],
          customer: pricingCustomer,
          settings: ctx.pricing,
        });
        reverseCharge ||= priced.reverseCharge;
        const lastDay = addDays(periodEnd, -1);
        for (const l of priced.lines) {
          lines.push({ kind: l.kind, description: l.description, serviceId: svc.id, couponId: l.couponId, quantity: l.quantity, amountMinor: l.amountMinor, taxMinor: l.taxMinor, tax: l.tax, periodStart: dueOn, periodEnd: lastDay });
        }
        periods.push({ serviceId: svc.id, periodStart: dueOn, periodEnd });
        if (coupon && svc.couponCyclesRemaining !== null && priced.appliedCoupons.length) {
          await tx.update(services).set({ couponCyclesRemaining: svc.couponCyclesRemaining - 1 }).where(eq(services.id, svc.id));
        }
      }
      const invoice = await issueInvoice(tx, { customer, currency, lines, reverseCharge, settings: ctx.commerce, now: ctx.at, dueInDays: 0, dueOn });
      await tx.insert(serviceBillingPeriods).values(periods.map((p) => ({ ...p, invoiceId: invoice.id })));
      await recordAudit(tx, { actor: ctx.actor, action: 'invoice.issued', target: { type: 'invoice', id: invoice.publicId }, after: { number: invoice.number, totalMinor: invoice.totalMinor, dueOn, services: todo.map((s) => s.publicId) } });
      if (invoice.totalMinor === 0) await settleZeroInvoice(tx, { invoiceId: invoice.id, actor: ctx.actor, now: ctx.at });
      else if (ctx.billing.emails.invoiceIssued) {
        const money = (m: number) => formatMoney(m, currency);
        const mail = await queueEmail(tx, {
          to: customer.email,
          template: 'invoice-issued',
          props: {
            name: customer.name,
            invoiceNumber: invoice.number,
            invoicePublicId: invoice.publicId,
            total: money(invoice.totalMinor),
            dueOn,
            invoiceUrl: await areaUrl(ctx.storefrontId, 'account', `/invoices/${invoice.publicId}`),
            lines: lines.map((l) => ({ description: l.description, amount: money(ctx.commerce.taxInclusive ? l.amountMinor + l.taxMinor : l.amountMinor) })),
          },
          dedupeKey: `invoice-issued:${invoice.id}`,
        });
        ctx.mail.push(mail.id);
      }
      return { issued: true, services: todo.length };
    });
  } catch (err) {
    // Another pass invoiced one of these periods between our check and our insert: its invoice stands.
    if (isDuplicateKeyError(err)) return { issued: false, services: 0 };
    throw err;
  }
}

/** Step 1: renewal invoices for services due within their cycle's lead time, grouped as the storefront says. */
export async function renewServices(ctx: PassContext): Promise<{ invoices: number; services: number }> {
  let after: { customerId: number; id: number } | null = null;
  const totals = { invoices: 0, services: 0 };
  for (;;) {
    const batch = await nextBatch(ctx, after);
    if (!batch.length) break;
    const last = batch[batch.length - 1]!;
    after = { customerId: last.customerId, id: last.id };
    const due = batch.filter((s) => isRecurringCycle(s.cycle) && s.nextDueOn! <= addDays(ctx.today, invoiceLeadDays(ctx.billing, s.cycle)));
    const groups = new Map<string, Service[]>();
    for (const s of due) {
      const key = ctx.billing.invoiceGrouping === 'per_service' ? `s${s.id}` : `${s.customerId}|${s.nextDueOn}|${s.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const group of groups.values()) {
      const r = await invoiceGroup(ctx, group);
      if (r.issued) totals.invoices += 1;
      totals.services += r.services;
    }
  }
  return totals;
}
