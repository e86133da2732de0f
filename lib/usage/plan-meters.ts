import { asc, eq } from 'drizzle-orm';
import { planMeterPrices, planMeters } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { idIn } from '@/lib/db/id-in';
import { aggregationFor } from './aggregation-registry';
import type { UsageAggregation } from './aggregation';
import { parseQuantity, parseUnitPrice } from './decimal';
import type { UsageMeter } from './meter';
import { meterFor } from './registry';
import { chargeableQuantity, roundUpToIncrement } from './usage-rounding';

/** A plan's meter as ingest, live totals and closing use it: amounts parsed, meter and aggregation resolved. */
export interface PlanMeterConfig {
  id: number;
  planId: number;
  meter: UsageMeter;
  aggregation: UsageAggregation;
  incrementStep: bigint | null;
  included: bigint;
  /** Unit price in minor units (PRICE_SCALE) by currency. */
  prices: Map<string, bigint>;
}

/** Each plan's meters by code, in one query; a stored code no longer in the registry is left out (unknown). */
export async function planMetersOf(db: SfDb, planIds: readonly number[]): Promise<Map<number, Map<string, PlanMeterConfig>>> {
  const out = new Map<number, Map<string, PlanMeterConfig>>();
  if (!planIds.length) return out;
  const rows = await db
    .select({ m: planMeters, currency: planMeterPrices.currency, unitPriceMinor: planMeterPrices.unitPriceMinor })
    .from(planMeters)
    .leftJoin(planMeterPrices, eq(planMeterPrices.planMeterId, planMeters.id))
    .where(idIn(planMeters.planId, [...new Set(planIds)]))
    .orderBy(asc(planMeters.id));
  for (const { m, currency, unitPriceMinor } of rows) {
    const meter = meterFor(m.meterCode);
    if (!meter) continue;
    let byCode = out.get(m.planId);
    if (!byCode) out.set(m.planId, (byCode = new Map()));
    let cfg = byCode.get(m.meterCode);
    if (!cfg) {
      cfg = { id: m.id, planId: m.planId, meter, aggregation: aggregationFor(m.aggregation), incrementStep: m.incrementStep === null ? null : parseQuantity(m.incrementStep), included: parseQuantity(m.includedQuantity), prices: new Map() };
      byCode.set(m.meterCode, cfg);
    }
    if (currency && unitPriceMinor !== null) cfg.prices.set(currency, parseUnitPrice(unitPriceMinor));
  }
  return out;
}

/**
 * A period's aggregated quantity as billed: the increment on the result where the aggregation rounds the result
 * (each event was rounded at ingest otherwise), then the included quantity off.
 */
export function chargeOf(cfg: PlanMeterConfig, aggregated: bigint): { quantity: bigint; charged: bigint } {
  const quantity = cfg.aggregation.incrementOn === 'total' ? roundUpToIncrement(aggregated, cfg.incrementStep) : aggregated;
  return { quantity, charged: chargeableQuantity(quantity, cfg.included) };
}
