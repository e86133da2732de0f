import { eq } from 'drizzle-orm';
import { couponAmounts, coupons, plans, type Customer } from '@/db/schema/storefront';
import type { FrozenTax } from '@/db/schema/storefront/billing';
import { idIn } from '@/lib/db/id-in';
import type { SfDb } from '@/lib/db/connection';
import { priceOrder } from '@/lib/pricing/price-order';
import { stillCarriedCoupons } from '../period-charge';
import type { CouponInput, PricedOptionInput, PricingCustomer } from '@/lib/pricing/types';
import type { PassContext } from './context';
import { itemizeRenewal } from './renewal-options';
import type { periodEnds } from './renewal-periods';
import type { DueService, PreparedInvoice } from './renewal-rows';

/** Each plan's group, for the pricing engine's per-group rules. */
export async function planGroupsOf(db: SfDb, rows: readonly DueService[]): Promise<Map<number, number>> {
  return new Map((await db.select({ id: plans.id, groupId: plans.groupId }).from(plans).where(idIn(plans.id, [...new Set(rows.map((s) => s.planId))]))).map((p) => [p.id, p.groupId]));
}

/** Carried coupons by id and currency (a coupon's fixed amount differs per currency). */
export async function carriedCoupons(db: SfDb, ids: number[]): Promise<Map<string, CouponInput>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ c: coupons, currency: couponAmounts.currency, discountMinor: couponAmounts.discountMinor })
    .from(coupons)
    .leftJoin(couponAmounts, eq(couponAmounts.couponId, coupons.id))
    .where(idIn(coupons.id, ids));
  const out = new Map<string, CouponInput>();
  for (const { c, currency, discountMinor } of rows) {
    const input: CouponInput = { ...c, discountMinor: discountMinor ?? null, minOrderMinor: 0, customerRedemptions: 0 };
    out.set(`${c.id}|${currency ?? ''}`, input);
    if (!out.has(`${c.id}|*`)) out.set(`${c.id}|*`, { ...input, discountMinor: null });
  }
  return out;
}

/** Everything pricing a chunk reads, looked up once for the chunk. */
export interface RenewalPriceInputs {
  /** The groups' customers, active ones only. */
  personById: Map<number, Customer>;
  /** The services as they are now (under lock) or as the batch read them. */
  fresh: Map<number, DueService>;
  /** Periods already invoiced, as "serviceId|periodStart". */
  done: Set<string>;
  groupOf: Map<number, number>;
  couponOf: Map<string, CouponInput>;
  /** The options each service bills (renewalOptionsOf); a service without any is one plan line. */
  optionsOf: Map<number, PricedOptionInput[]>;
  pricingOf: Map<number, PricingCustomer>;
  taxOf: Map<number, FrozenTax>;
  periodOf: ReturnType<typeof periodEnds>;
}

/**
 * One invoice per group, its lines priced a service at a time; a group whose customer is not active, or whose
 * services are all gone or already invoiced, gets none.
 */
export function priceGroups(ctx: PassContext, groups: DueService[][], { personById, fresh, done, groupOf, couponOf, optionsOf, pricingOf, taxOf, periodOf }: RenewalPriceInputs): PreparedInvoice[] {
  const prepared: PreparedInvoice[] = [];
  for (const group of groups) {
    const dueOn = group[0]!.nextDueOn!;
    const customer = personById.get(group[0]!.customerId);
    const billable = group.map((s) => fresh.get(s.id)).filter((s): s is DueService => s !== undefined && s.nextDueOn === dueOn && !done.has(`${s.id}|${dueOn}`));
    if (!customer || !billable.length) continue;
    const currency = billable[0]!.currency;
    const inv: PreparedInvoice = { dueOn, services: billable, periods: [], couponSteps: [], options: { customer, currency, lines: [], reverseCharge: false, settings: ctx.commerce, now: ctx.at, dueInDays: 0, dueOn } };
    for (const svc of billable) {
      const { end: periodEnd, lastDay } = periodOf(dueOn, svc.cycle, svc.anchorDay ?? Number(dueOn.slice(8, 10)));
      const inputs = stillCarriedCoupons(svc.coupons, couponOf, currency);
      // The locked price as plan + option lines, like the order invoice; discounts apply to their sum as before.
      const { planMinor, options } = itemizeRenewal(svc.recurringMinor, optionsOf.get(svc.id) ?? []);
      // Priced one service at a time, so a coupon one service carries never discounts its neighbour.
      const priced = priceOrder({
        kind: 'renewal',
        currency,
        minorDigits: ctx.currencies.digits(currency),
        date: ctx.at,
        items: [{ key: String(svc.id), planId: svc.planId, groupId: groupOf.get(svc.planId) ?? 0, description: svc.label, cycle: svc.cycle, amountMinor: planMinor, setupFeeMinor: 0, options, trialDays: 0 }],
        coupons: inputs,
        customer: pricingOf.get(customer.id)!,
        settings: ctx.pricing,
        tax: taxOf.get(customer.id)!,
      });
      inv.options.reverseCharge ||= priced.reverseCharge;
      for (const l of priced.lines) {
        inv.options.lines.push({ kind: l.kind, description: l.description, serviceId: svc.id, couponId: l.couponId, quantity: l.quantity, amountMinor: l.amountMinor, taxMinor: l.taxMinor, tax: l.tax, periodStart: dueOn, periodEnd: lastDay });
      }
      inv.periods.push({ serviceId: svc.id, periodStart: dueOn, periodEnd });
      // A coupon with cycles left uses one each time it discounts; lifetime ones and unapplied ones stay as they are.
      const applied = new Set(priced.appliedCoupons.map((a) => a.couponId));
      const next = svc.coupons.map((c) => (c.cyclesRemaining !== null && c.cyclesRemaining > 0 && applied.has(c.couponId) ? { ...c, cyclesRemaining: c.cyclesRemaining - 1 } : c));
      if (next.some((c, i) => c !== svc.coupons[i])) inv.couponSteps.push({ serviceId: svc.id, coupons: next });
    }
    prepared.push(inv);
  }
  return prepared;
}
