import { eq } from 'drizzle-orm';
import { planPrices, plans, services, type BillingCycle, type UsageAggregationKey } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { setPlanMeter } from '@/lib/usage/set-plan-meter';
import { createTestCustomer } from './people';

const actor = { type: 'system' as const, label: 'test' };

/** A meter on a plan, priced the same (minor units per unit) in every currency the plan sells in. */
export async function meterPlan(db: StorefrontDb, opts: { planSlug: string; meter: string; aggregation?: UsageAggregationKey; step?: string; included?: string; price: string }) {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, opts.planSlug));
  const currencies = [...new Set((await db.select({ c: planPrices.currency }).from(planPrices).where(eq(planPrices.planId, plan!.id))).map((r) => r.c))];
  await setPlanMeter(db, {
    input: { planId: plan!.id, meter: opts.meter, aggregation: opts.aggregation, incrementStep: opts.step, includedQuantity: opts.included, prices: Object.fromEntries(currencies.map((c) => [c, opts.price])) },
    actor,
  });
}

/** A new customer (Germany, EUR) with an active service of the plan, ordered and paid on `start` (its anchor day). */
export async function meteredService(db: StorefrontDb, storefrontId: number, opts: { email: string; planSlug: string; cycle: BillingCycle; start: string }) {
  const customer = await createTestCustomer(db, opts.email, opts.email);
  const created = await createPaidService(db, { storefrontId, customerEmail: opts.email, planSlug: opts.planSlug, cycle: opts.cycle, start: new Date(`${opts.start}T00:00:00Z`), actor });
  const [service] = await db.select().from(services).where(eq(services.publicId, created.servicePublicId));
  return { customer, service: service! };
}
