import type { CurrencyBook } from '@/lib/money/currency-book';
import { and, asc, eq, lte } from 'drizzle-orm';
import { customers, services, usageCounters, type usagePeriodClosings, type Customer, type FrozenTax, type Service } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { idIn } from '@/lib/db/id-in';
import type { NewInvoiceLine } from '@/lib/invoices/issue-invoice';
import { pricingCustomersOf } from '@/lib/pricing/pricing-context';
import type { PricingSettings } from '@/lib/pricing/types';
import { decideTax } from '@/lib/tax/decide-tax';
import { aggregationFor } from './aggregation-registry';
import { counterKey, type CounterRef, type UsageAggregation } from './aggregation';
import { maxOf, parseQuantity, quantityText, unitPriceText } from './decimal';
import { chargeOf, planMetersOf } from './plan-meters';
import { usageLineDescription } from './usage-line-text';
import { lastDayOf } from './usage-period';
import { periodCharge, taxUsageLines } from './usage-rounding';

type ClosedService = Pick<Service, 'id' | 'publicId' | 'customerId' | 'planId' | 'currency' | 'cycle' | 'label'>;

/** What one closing of one service writes: its invoice lines (taxed), its closing rows and its counters' new state. */
export interface ServiceClosing {
  service: ClosedService;
  customer: Customer;
  tax: FrozenTax;
  /** The closing date: the period's end, or the next one for usage that arrived after its period was billed. */
  closedOn: string;
  lines: NewInvoiceLine[];
  closings: (typeof usagePeriodClosings.$inferInsert)[];
  counters: (typeof usageCounters.$inferInsert)[];
}

export interface PlannedClosing {
  closings: ServiceClosing[];
  /** Counters left unbilled because their plan no longer bills the meter or has no price in the service's currency. */
  unpriced: number;
}

/**
 * Locks these services' counters that are due (unbilled, billed on or before `today`) and works out each closing:
 * one per service and closing date, a line per meter with something chargeable. Locked, a counter cannot take
 * more events until the closing commits; what arrives after that reopens it for the next closing.
 */
export async function planUsageClosing(tx: SfDb, opts: { serviceIds: number[]; today: string; at: Date; pricing: PricingSettings; taxInclusive: boolean; currencies: CurrencyBook }): Promise<PlannedClosing> {
  // By primary key: through the due index the locking read would lock every due counter, not this chunk's.
  const due = await tx
    .select()
    .from(usageCounters, { forceIndex: 'PRIMARY' })
    .where(and(idIn(usageCounters.serviceId, opts.serviceIds), eq(usageCounters.unbilled, true), lte(usageCounters.billOn, opts.today)))
    .orderBy(asc(usageCounters.serviceId), asc(usageCounters.billOn), asc(usageCounters.meterCode), asc(usageCounters.periodStart))
    .for('update');
  if (!due.length) return { closings: [], unpriced: 0 };
  const svcs = new Map(
    (
      await tx
        .select({ id: services.id, publicId: services.publicId, customerId: services.customerId, planId: services.planId, currency: services.currency, cycle: services.cycle, label: services.label })
        .from(services)
        .where(idIn(services.id, [...new Set(due.map((c) => c.serviceId))]))
    ).map((s) => [s.id, s]),
  );
  const meters = await planMetersOf(tx, [...new Set([...svcs.values()].map((s) => s.planId))]);
  const people = await tx.select().from(customers).where(idIn(customers.id, [...new Set([...svcs.values()].map((s) => s.customerId))]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const pricingOf = await pricingCustomersOf(tx, people, opts.at);
  const taxOf = new Map(people.map((p) => [p.id, decideTax({ customer: pricingOf.get(p.id)!, settings: opts.pricing, date: opts.at })]));

  // Quantities as each counter was pre-aggregated: one read per aggregation for the whole chunk.
  const byAggregation = new Map<UsageAggregation, CounterRef[]>();
  for (const c of due) {
    const agg = aggregationFor(c.aggregation);
    const list = byAggregation.get(agg);
    if (list) list.push(c);
    else byAggregation.set(agg, [c]);
  }
  const aggregated = new Map<string, bigint>();
  for (const [agg, list] of byAggregation) for (const [k, v] of await agg.quantities(tx, list)) aggregated.set(k, v);

  const planned = new Map<string, ServiceClosing & { drafts: Omit<NewInvoiceLine, 'taxMinor' | 'tax'>[] }>();
  let unpriced = 0;
  for (const c of due) {
    const service = svcs.get(c.serviceId)!;
    const cfg = meters.get(service.planId)?.get(c.meterCode);
    const price = cfg?.prices.get(service.currency);
    if (!cfg || price === undefined) {
      unpriced += 1;
      continue;
    }
    const key = `${c.serviceId}|${c.billOn}`;
    let closing = planned.get(key);
    if (!closing) {
      const customer = personById.get(service.customerId)!;
      planned.set(key, (closing = { service, customer, tax: taxOf.get(customer.id)!, closedOn: c.billOn, lines: [], closings: [], counters: [], drafts: [] }));
    }
    const { quantity, charged } = chargeOf(cfg, aggregated.get(counterKey(c)) ?? 0n);
    const before = parseQuantity(c.billedChargedQuantity);
    const { chargedQuantity, amountMinor } = periodCharge({ chargedNow: charged, chargedBefore: before, unitPriceMinor: price });
    const period = { start: c.periodStart, end: c.periodEnd };
    const late = c.closed;
    closing.closings.push({ serviceId: c.serviceId, meterCode: c.meterCode, periodStart: c.periodStart, closedOn: c.billOn, periodEnd: c.periodEnd, late, invoiceId: null, quantity: quantityText(quantity), chargedQuantity: quantityText(chargedQuantity), unitPriceMinor: unitPriceText(price), amountMinor });
    closing.counters.push({ serviceId: c.serviceId, meterCode: c.meterCode, periodStart: c.periodStart, periodEnd: c.periodEnd, aggregation: c.aggregation, billOn: c.billOn, unbilled: false, closed: true, lastClosedOn: c.billOn, billedQuantity: quantityText(quantity), billedChargedQuantity: quantityText(maxOf(charged, before)) });
    if (chargedQuantity === 0n) continue;
    const description = usageLineDescription({ meter: cfg.meter, serviceLabel: service.label, charged: chargedQuantity, quantity, included: cfg.included, unitPriceMinor: price, currency: service.currency, minorDigits: opts.currencies.digits(service.currency), late: late ? { periodStart: c.periodStart, lastDay: lastDayOf(period) } : null });
    closing.drafts.push({ kind: 'usage', description, serviceId: c.serviceId, quantity: 1, amountMinor, periodStart: c.periodStart, periodEnd: lastDayOf(period), quantityPrecise: quantityText(chargedQuantity), unitPricePrecise: unitPriceText(price) });
  }

  const closings: ServiceClosing[] = [];
  for (const { drafts, ...closing } of planned.values()) {
    // The unit prices are gross when the storefront's prices include tax, as every catalog price is.
    closing.lines = taxUsageLines(drafts, closing.tax, opts.taxInclusive).lines;
    closings.push(closing);
  }
  return { closings, unpriced };
}
