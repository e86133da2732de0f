import { and, asc, count, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { plans, productGroups } from '@/db/schema/storefront';

export interface VisibleGroup {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  sortOrder: number;
  /** Plans with status 'active' (hidden and archived plans are not listed publicly). */
  activePlanCount: number;
}

/** Product groups shown in the storefront's navigation, in their sort order. */
export async function listVisibleGroups(db: SfDb): Promise<VisibleGroup[]> {
  return db
    .select({
      id: productGroups.id,
      slug: productGroups.slug,
      name: productGroups.name,
      description: productGroups.description,
      sortOrder: productGroups.sortOrder,
      activePlanCount: count(plans.id),
    })
    .from(productGroups)
    .leftJoin(plans, and(eq(plans.groupId, productGroups.id), eq(plans.status, 'active')))
    .where(eq(productGroups.hidden, false))
    .groupBy(productGroups.id, productGroups.slug, productGroups.name, productGroups.description, productGroups.sortOrder)
    .orderBy(asc(productGroups.sortOrder), asc(productGroups.id));
}
