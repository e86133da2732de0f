import { and, desc, eq } from 'drizzle-orm';
import { orderItems, plans, serviceBillingPeriods, serviceChanges, services, type Customer, type OrderItemSelection, type Service } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import { getPlanForOrder, type OrderPlan } from '@/lib/catalog/public/get-plan-for-order';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getCustomerForPricing, loadPricingSettings, pricingCustomerOf } from '@/lib/pricing/pricing-context';
import { resolveCartItem } from '@/lib/cart/resolve-cart-item';
import { multiplyMinor, taxInGross, taxOnNet } from '@/lib/pricing/rounding';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { decideTax } from '@/lib/tax/decide-tax';
import type { FrozenTax } from '@/db/schema/storefront/billing';
import { addCycles, isRecurringCycle } from '@/lib/dates/billing-cycles';
import { toDateString } from '@/lib/dates/calendar-days';
import { periodChargeMinor, stillCarriedCoupons } from './period-charge';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { prorate } from './proration';
import { carriedCoupons } from './run/renewal-prices';

export interface PlanChangeInput {
  serviceId: number;
  customerId: number;
  planSlug: string;
  /** The options of the new configuration, as the order form sends them. */
  options: CartItem['options'];
  at: Date;
}

export interface PlanChangePreview {
  kind: 'upgrade' | 'downgrade';
  /** Net of tax; negative for a downgrade (the unused value given back). */
  amountMinor: number;
  taxMinor: number;
  totalMinor: number;
  currency: string;
  remainingDays: number;
  totalDays: number;
  newRecurringMinor: number;
  /** One period before and after the change after carried coupons and loyalty (catalog terms): what is prorated. */
  fromChargedMinor: number;
  toChargedMinor: number;
  periodStart: string;
  /** Exclusive: the next due date, which the change leaves where it is. */
  periodEnd: string;
  planName: string;
}

/** Everything a request needs besides the preview, computed once. */
export interface PlanChangeQuote {
  preview: PlanChangePreview;
  service: Service;
  customer: Customer;
  plan: OrderPlan;
  selection: OrderItemSelection;
  label: string;
  tax: FrozenTax;
  commerce: CommerceSettings;
  today: string;
}

const EMPTY_SELECTION: OrderItemSelection = { options: [], locationId: null, fields: {} };

/** The configuration in force: the last applied change's, else what was ordered. */
export async function currentSelection(db: SfDb, svc: Service): Promise<OrderItemSelection> {
  const [change] = await db
    .select({ selection: serviceChanges.newSelection })
    .from(serviceChanges)
    .where(and(eq(serviceChanges.serviceId, svc.id), eq(serviceChanges.status, 'applied')))
    .orderBy(desc(serviceChanges.appliedAt), desc(serviceChanges.id))
    .limit(1);
  if (change) return change.selection;
  if (svc.orderItemId === null) return EMPTY_SELECTION;
  const [item] = await db.select({ selection: orderItems.selection }).from(orderItems).where(eq(orderItems.id, svc.orderItemId));
  return item?.selection ?? EMPTY_SELECTION;
}

/** Options the catalog marks as not upgradable keep the value they have on the same plan. */
function checkUpgradable(plan: OrderPlan, before: OrderItemSelection, after: OrderItemSelection): void {
  for (const option of plan.optionGroups.flatMap((g) => g.options)) {
    if (option.upgradable) continue;
    const was = before.options.find((o) => o.optionId === option.id);
    const now = after.options.find((o) => o.optionId === option.id);
    if ((was?.valueId ?? null) !== (now?.valueId ?? null) || (was?.quantity ?? 0) !== (now?.quantity ?? 0)) {
      throw new AppError('bad_request', `${option.name} can’t be changed on an existing service.`, { [`option_${option.id}`]: [`${option.name} can’t be changed.`] });
    }
  }
}

/**
 * Splits a catalog amount (gross when prices include tax, net otherwise) into net and tax with the customer's tax
 * decision, rounding once as the pricing engine does for a line; a negative amount gets the negated split.
 */
function splitTax(catalogMinor: number, tax: FrozenTax, inclusive: boolean): { net: number; tax: number } {
  const abs = Math.abs(catalogMinor);
  const t = inclusive ? taxInGross(abs, tax.rateMilliPercent) : taxOnNet(abs, tax.rateMilliPercent);
  const net = inclusive ? abs - t : abs;
  return catalogMinor < 0 ? { net: 0 - net, tax: 0 - t } : { net, tax: t };
}

/**
 * Prices a plan or options change of a paid-up active service for what is left of its current period
 * [nextDueOn − one cycle, nextDueOn). Reads `db` as given: inside a transaction, lock the service first.
 */
export async function quotePlanChange(db: SfDb, svc: Service, input: PlanChangeInput): Promise<PlanChangeQuote> {
  if (svc.status !== 'active') throw new AppError('conflict', `This service is ${svc.status}; only an active service can change plan.`);
  if (!isRecurringCycle(svc.cycle)) throw new AppError('bad_request', 'Services billed hourly or once can’t change plan mid-cycle.');
  if (!svc.nextDueOn) throw new AppError('conflict', 'This service has no due date to prorate against.');
  if (svc.cancellationRequestedAt) throw new AppError('conflict', 'This service has a pending cancellation.');
  const today = toDateString(input.at);
  if (svc.trialEndsOn && svc.trialEndsOn > today) throw new AppError('conflict', 'The plan can be changed once the free trial has ended.');
  const periodEnd = svc.nextDueOn;
  const periodStart = addCycles(periodEnd, svc.cycle, svc.anchorDay ?? Number(periodEnd.slice(8, 10)), -1);
  if (today >= periodEnd) throw new AppError('conflict', 'Pay the open renewal invoice before changing the plan.');
  // Paid ahead into the next period, or a renewal already invoiced at the old price: the change would straddle two
  // periods, which this day-based rule does not price.
  if (today < periodStart) throw new AppError('conflict', `The service is renewed ahead; change the plan from ${periodStart}.`);
  const [renewal] = await db
    .select({ invoiceId: serviceBillingPeriods.invoiceId })
    .from(serviceBillingPeriods)
    .where(and(eq(serviceBillingPeriods.serviceId, svc.id), eq(serviceBillingPeriods.periodStart, periodEnd)));
  if (renewal) throw new AppError('conflict', 'The next renewal is already invoiced; change the plan after paying it.');

  const [current] = await db.select({ groupId: plans.groupId }).from(plans).where(eq(plans.id, svc.planId));
  const target = await getPlanForOrder(db, { slug: input.planSlug });
  if (!target) throw new AppError('bad_request', `The plan "${input.planSlug}" is not available.`, { planSlug: ['is not available'] });
  if (!current || target.group.id !== current.groupId) throw new AppError('bad_request', `${target.name} is not in this service’s product group.`, { planSlug: ['is not in this product group'] });

  const before = await currentSelection(db, svc);
  // Stock limits new servers; changing options of the plan the service already runs takes none.
  const plan = target.id === svc.planId ? { ...target, stock: null } : target;
  const item: CartItem = { planSlug: target.slug, cycle: svc.cycle, locationId: target.locations.length ? before.locationId : null, options: input.options, fields: before.fields };
  const resolved = resolveCartItem(plan, item, svc.currency, 'change');
  if (target.id === svc.planId) checkUpgradable(target, before, resolved.selection);
  const newRecurringMinor = resolved.priced.options.reduce((sum, o) => sum + multiplyMinor(o.amountMinor, o.quantity), resolved.priced.amountMinor);
  // Compared by choice only: selections frozen before options carried their price and wording lack those fields.
  const choices = (s: OrderItemSelection) => JSON.stringify(s.options.map((o) => [o.optionId, o.valueId, o.quantity]));
  if (target.id === svc.planId && newRecurringMinor === svc.recurringMinor && choices(before) === choices(resolved.selection)) {
    throw new AppError('bad_request', 'That is the configuration the service already has.');
  }

  const customer = await getCustomerForPricing(db, input.customerId);
  if (!customer || customer.id !== svc.customerId) throw new AppError('not_found', 'No such service.');
  const { pricing, commerce } = await loadPricingSettings(db);
  const pricingCustomer = await pricingCustomerOf(db, customer, input.at);
  const tax = decideTax({ customer: pricingCustomer, settings: pricing, date: input.at });
  // Prorated on what each configuration costs per period after the coupons the service carries and loyalty, as
  // the next renewal would charge it: recurringMinor is the catalog price before them.
  const couponOf = await carriedCoupons(db, [...new Set(svc.coupons.map((c) => c.couponId))]);
  const minorDigits = (await loadCurrencyBook(db)).digits(svc.currency);
  const charge = { cycle: svc.cycle, currency: svc.currency, minorDigits, coupons: stillCarriedCoupons(svc.coupons, couponOf, svc.currency), customer: pricingCustomer, settings: pricing, tax, at: input.at };
  const fromChargedMinor = periodChargeMinor({ ...charge, planId: svc.planId, groupId: current.groupId, recurringMinor: svc.recurringMinor });
  const toChargedMinor = periodChargeMinor({ ...charge, planId: target.id, groupId: target.group.id, recurringMinor: newRecurringMinor });
  const { remainingDays, totalDays, differenceMinor } = prorate({ fromMinor: fromChargedMinor, toMinor: toChargedMinor, periodStart, periodEnd, today });
  const split = splitTax(differenceMinor, tax, pricing.taxInclusive);
  return {
    preview: {
      kind: differenceMinor > 0 ? 'upgrade' : 'downgrade',
      amountMinor: split.net,
      taxMinor: split.tax,
      totalMinor: split.net + split.tax,
      currency: svc.currency,
      remainingDays,
      totalDays,
      newRecurringMinor,
      fromChargedMinor,
      toChargedMinor,
      periodStart,
      periodEnd,
      planName: target.name,
    },
    service: svc,
    customer,
    plan: target,
    selection: resolved.selection,
    label: resolved.priced.description.slice(0, 160),
    tax,
    commerce,
    today,
  };
}

/** The customer's own service; another customer's is "not found", never "forbidden". */
export async function getOwnServiceOrThrow(db: SfDb, serviceId: number, customerId: number, lock = false): Promise<Service> {
  const q = db
    .select()
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.customerId, customerId)));
  const [svc] = lock ? await q.for('update') : await q;
  if (!svc) throw new AppError('not_found', 'No such service.');
  return svc;
}
