import { asc, count, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { configOptionGroupPlans, configOptionGroups, configOptions, currencies, locations, planPrices, plans, productGroups } from '@/db/schema/storefront/catalog';

/** Product groups by sort order, each with its plans (status, stock, number of prices). */
export async function listCatalogOverview(db: SfDb) {
  const [groups, planRows] = await Promise.all([
    db.select().from(productGroups).orderBy(asc(productGroups.sortOrder), asc(productGroups.id)),
    db
      .select({
        id: plans.id,
        groupId: plans.groupId,
        name: plans.name,
        slug: plans.slug,
        status: plans.status,
        stockQuantity: plans.stockQuantity,
        serviceType: plans.serviceType,
        priceCount: count(planPrices.id),
      })
      .from(plans)
      .leftJoin(planPrices, eq(planPrices.planId, plans.id))
      .groupBy(plans.id)
      .orderBy(asc(plans.sortOrder), asc(plans.id)),
  ]);
  return groups.map((g) => ({ ...g, plans: planRows.filter((p) => p.groupId === g.id) }));
}

export async function listProductGroupChoices(db: SfDb) {
  return db.select({ id: productGroups.id, name: productGroups.name }).from(productGroups).orderBy(asc(productGroups.sortOrder), asc(productGroups.id));
}

export async function listLocations(db: SfDb) {
  return db.select().from(locations).orderBy(asc(locations.sortOrder), asc(locations.code));
}

export async function listCurrencies(db: SfDb) {
  return db.select().from(currencies).orderBy(asc(currencies.sortOrder), asc(currencies.code));
}

/** Option groups with how many options they hold and how many plans they are attached to. */
export async function listOptionGroups(db: SfDb) {
  const [groups, optionCounts, planCounts] = await Promise.all([
    db.select().from(configOptionGroups).orderBy(asc(configOptionGroups.name), asc(configOptionGroups.id)),
    db.select({ groupId: configOptions.groupId, n: count() }).from(configOptions).groupBy(configOptions.groupId),
    db.select({ groupId: configOptionGroupPlans.groupId, n: count() }).from(configOptionGroupPlans).groupBy(configOptionGroupPlans.groupId),
  ]);
  const nOf = (rows: { groupId: number; n: number }[], id: number) => rows.find((r) => r.groupId === id)?.n ?? 0;
  return groups.map((g) => ({ ...g, optionCount: nOf(optionCounts, g.id), planCount: nOf(planCounts, g.id) }));
}

/** Every plan, for attach-to-plans checkboxes. */
export async function listPlanChoices(db: SfDb) {
  return db
    .select({ id: plans.id, name: plans.name, status: plans.status, groupName: productGroups.name })
    .from(plans)
    .innerJoin(productGroups, eq(productGroups.id, plans.groupId))
    .orderBy(asc(productGroups.sortOrder), asc(plans.sortOrder), asc(plans.id));
}
