import { asc, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { configOptionGroupPlans, configOptionGroups, configOptionPrices, configOptions, configOptionValues } from '@/db/schema/storefront/catalog';

/** An option group with its attached plan ids and its options, each with values and their prices. */
export async function getOptionGroupForEdit(db: SfDb, groupId: number) {
  const [group] = await db.select().from(configOptionGroups).where(eq(configOptionGroups.id, groupId)).limit(1);
  if (!group) return null;
  const [links, options] = await Promise.all([
    db.select({ planId: configOptionGroupPlans.planId }).from(configOptionGroupPlans).where(eq(configOptionGroupPlans.groupId, groupId)),
    db.select().from(configOptions).where(eq(configOptions.groupId, groupId)).orderBy(asc(configOptions.sortOrder), asc(configOptions.id)),
  ]);
  const values = options.length
    ? await db
        .select()
        .from(configOptionValues)
        .where(
          inArray(
            configOptionValues.optionId,
            options.map((o) => o.id),
          ),
        )
        .orderBy(asc(configOptionValues.sortOrder), asc(configOptionValues.id))
    : [];
  const prices = values.length
    ? await db
        .select()
        .from(configOptionPrices)
        .where(
          inArray(
            configOptionPrices.valueId,
            values.map((v) => v.id),
          ),
        )
    : [];
  return {
    group,
    planIds: links.map((l) => l.planId),
    options: options.map((o) => ({
      ...o,
      values: values.filter((v) => v.optionId === o.id).map((v) => ({ ...v, prices: prices.filter((p) => p.valueId === v.id) })),
    })),
  };
}
