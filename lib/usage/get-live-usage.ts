import { and, eq } from 'drizzle-orm';
import { services, usageCounters } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { counterKey } from './aggregation';
import { showQuantity, showUnitPrice } from './decimal';
import { chargeOf, planMetersOf } from './plan-meters';
import { lastDayOf, usagePeriodOf } from './usage-period';
import { exactAmountText, usageAmountMinor } from './usage-rounding';

/** One meter's current period, with stable field names (the CLI's --json prints these). */
export interface LiveMeterUsage {
  meter: string;
  label: string;
  unit: string;
  aggregation: string;
  /** Aggregated, after an increment on the result (p95, max); decimal text. */
  quantity: string;
  includedQuantity: string;
  chargedQuantity: string;
  /** Per unit, in minor units, decimal text. */
  unitPriceMinor: string;
  /** charged × unit price, exact, in minor units. */
  exactAmountMinor: string;
  /** The same rounded as the invoice line will be (half up, once). */
  amountMinor: number;
  events: number;
}

export interface LiveUsage {
  service: string;
  status: string;
  currency: string;
  periodStart: string;
  /** The period's last day. */
  periodEnd: string;
  meters: LiveMeterUsage[];
  totalMinor: number;
}

/**
 * A service's usage so far in the period containing `at`, per meter of its plan: a lookup of its counters by primary
 * key (and for a 95th-percentile meter one indexed read of the top 5 % of its samples), never a scan of events, so
 * a page may poll it every few seconds. Amounts are before tax, as the invoice lines will be.
 */
export async function getLiveUsage(db: SfDb, opts: { servicePublicId: string; at?: Date }): Promise<LiveUsage> {
  const [svc] = await db
    .select({ id: services.id, publicId: services.publicId, status: services.status, planId: services.planId, currency: services.currency, anchorDay: services.anchorDay, createdAt: services.createdAt })
    .from(services)
    .where(eq(services.publicId, opts.servicePublicId));
  if (!svc) throw new AppError('not_found', `No service ${opts.servicePublicId} on this storefront.`);
  const period = usagePeriodOf(opts.at ?? new Date(), svc.anchorDay ?? svc.createdAt.getUTCDate());
  const meters = (await planMetersOf(db, [svc.planId])).get(svc.planId) ?? new Map();
  const counters = await db
    .select({ serviceId: usageCounters.serviceId, meterCode: usageCounters.meterCode, periodStart: usageCounters.periodStart, periodEnd: usageCounters.periodEnd, value: usageCounters.value, events: usageCounters.events })
    .from(usageCounters)
    .where(and(eq(usageCounters.serviceId, svc.id), eq(usageCounters.periodStart, period.start)));
  const byMeter = new Map(counters.map((c) => [c.meterCode, c]));
  const out: LiveMeterUsage[] = [];
  for (const cfg of meters.values()) {
    const counter = byMeter.get(cfg.meter.code);
    const aggregated = counter ? ((await cfg.aggregation.quantities(db, [counter])).get(counterKey(counter)) ?? 0n) : 0n;
    const { quantity, charged } = chargeOf(cfg, aggregated);
    const price = cfg.prices.get(svc.currency) ?? 0n;
    out.push({
      meter: cfg.meter.code,
      label: cfg.meter.label,
      unit: cfg.meter.unit.many,
      aggregation: cfg.aggregation.key,
      quantity: showQuantity(quantity),
      includedQuantity: showQuantity(cfg.included),
      chargedQuantity: showQuantity(charged),
      unitPriceMinor: showUnitPrice(price),
      exactAmountMinor: exactAmountText(charged, price),
      amountMinor: usageAmountMinor(charged, price),
      events: counter?.events ?? 0,
    });
  }
  return {
    service: svc.publicId,
    status: svc.status,
    currency: svc.currency,
    periodStart: period.start,
    periodEnd: lastDayOf(period),
    meters: out,
    totalMinor: out.reduce((sum, m) => sum + m.amountMinor, 0),
  };
}
