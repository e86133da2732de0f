import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { configOptionGroupPlans, planLocations, planPrices, plans } from '@/db/schema/storefront/catalog';

/** A plan with its location ids, option group ids and every price row; null when it does not exist. */
export async function getPlanForEdit(db: SfDb, planId: number) {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId)).limit(1);
  if (!plan) return null;
  const [locs, groups, prices] = await Promise.all([
    db.select({ id: planLocations.locationId }).from(planLocations).where(eq(planLocations.planId, planId)),
    db.select({ id: configOptionGroupPlans.groupId }).from(configOptionGroupPlans).where(eq(configOptionGroupPlans.planId, planId)),
    db.select().from(planPrices).where(eq(planPrices.planId, planId)),
  ]);
  return { plan, locationIds: locs.map((l) => l.id), optionGroupIds: groups.map((g) => g.id), prices };
}
