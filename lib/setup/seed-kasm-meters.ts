import { and, eq, inArray, isNull } from 'drizzle-orm';
import { planMeters, planPrices, plans } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { KASM_METER } from '@/lib/kasm/session-billing';
import { setPlanMeter } from '@/lib/usage/set-plan-meter';

/** The demo's cloud desktop plans, by slug; their hourly price in each currency is the meter's price per hour. */
const KASM_PLAN_SLUGS = ['kasm-developer-basic', 'kasm-developer-pro', 'kasm-developer-enterprise', 'kasm-business-basic', 'kasm-business-pro', 'kasm-business-enterprise'];

/**
 * Gives each demo desktop plan that has none a `kasm_hours` meter: summed per event, 0.25 h (15-minute) steps, priced
 * at the plan's hourly rate in every currency it sells in. A plan that already has the meter is left as staff set it.
 */
export async function seedKasmMeters(db: StorefrontDb): Promise<number> {
  const missing = await db
    .select({ id: plans.id })
    .from(plans)
    .leftJoin(planMeters, and(eq(planMeters.planId, plans.id), eq(planMeters.meterCode, KASM_METER)))
    .where(and(inArray(plans.slug, KASM_PLAN_SLUGS), isNull(planMeters.id)));
  let added = 0;
  for (const plan of missing) {
    const hourly = await db.select({ currency: planPrices.currency, rate: planPrices.ratePrecise, amountMinor: planPrices.amountMinor }).from(planPrices).where(and(eq(planPrices.planId, plan.id), eq(planPrices.cycle, 'hourly')));
    if (hourly.length === 0) continue;
    const prices = Object.fromEntries(hourly.map((p) => [p.currency, p.rate ?? String(p.amountMinor)]));
    await setPlanMeter(db, { input: { planId: plan.id, meter: KASM_METER, aggregation: 'sum', incrementStep: '0.25', prices }, actor: { type: 'system', label: 'seed:demo' } });
    added += 1;
  }
  return added;
}
