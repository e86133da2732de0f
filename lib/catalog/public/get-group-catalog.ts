import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { planPrices, plans, productGroups, type BillingCycle, type ServiceType } from '@/db/schema/storefront';
import { byCycle } from './cycle-order';
import { loadPlanLocations, type CatalogLocation } from './plan-locations';

export interface CatalogCyclePrice {
  cycle: BillingCycle;
  /** Minor units of the catalog's currency; for hourly plans the rate per hour. */
  amountMinor: number;
  setupFeeMinor: number;
  /** Sub-minor hourly rate in minor units, as a decimal string, when the plan has one. */
  ratePrecise: string | null;
}

export interface CatalogPlan {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  features: string[];
  serviceType: ServiceType;
  trialDays: number;
  /** Null = unlimited; 0 = out of stock. */
  stock: number | null;
  locations: CatalogLocation[];
  /** Only the cycles priced in the catalog's currency, shortest first; never empty. */
  prices: CatalogCyclePrice[];
}

export interface GroupCatalog {
  group: { id: number; slug: string; name: string; description: string | null };
  currency: string;
  plans: CatalogPlan[];
}

/**
 * A visible group's active plans priced in one currency. Hidden plans (orderable by direct link only) and archived
 * plans are left out, and so is any plan without a price in the currency: nothing is converted. Null when the group
 * does not exist or is hidden.
 */
export async function getGroupCatalog(db: SfDb, opts: { groupSlug: string; currency: string }): Promise<GroupCatalog | null> {
  const currency = opts.currency.toUpperCase();
  const [group] = await db
    .select({ id: productGroups.id, slug: productGroups.slug, name: productGroups.name, description: productGroups.description })
    .from(productGroups)
    .where(and(eq(productGroups.slug, opts.groupSlug), eq(productGroups.hidden, false)))
    .limit(1);
  if (!group) return null;

  const planRows = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      name: plans.name,
      description: plans.description,
      features: plans.features,
      serviceType: plans.serviceType,
      trialDays: plans.trialDays,
      stockQuantity: plans.stockQuantity,
    })
    .from(plans)
    .where(and(eq(plans.groupId, group.id), eq(plans.status, 'active')))
    .orderBy(asc(plans.sortOrder), asc(plans.id));
  const planIds = planRows.map((p) => p.id);
  if (planIds.length === 0) return { group, currency, plans: [] };

  const priceRows = await db
    .select({ planId: planPrices.planId, cycle: planPrices.cycle, amountMinor: planPrices.amountMinor, setupFeeMinor: planPrices.setupFeeMinor, ratePrecise: planPrices.ratePrecise })
    .from(planPrices)
    .where(and(inArray(planPrices.planId, planIds), eq(planPrices.currency, currency)));
  const pricesByPlan = new Map<number, CatalogCyclePrice[]>();
  for (const { planId, ...price } of priceRows) pricesByPlan.set(planId, [...(pricesByPlan.get(planId) ?? []), price]);
  const locationsByPlan = await loadPlanLocations(db, planIds);

  const result: CatalogPlan[] = [];
  for (const { stockQuantity, ...p } of planRows) {
    const prices = pricesByPlan.get(p.id);
    if (!prices?.length) continue;
    result.push({ ...p, stock: stockQuantity === null ? null : Math.max(0, stockQuantity), locations: locationsByPlan.get(p.id) ?? [], prices: prices.sort(byCycle) });
  }
  return { group, currency, plans: result };
}
