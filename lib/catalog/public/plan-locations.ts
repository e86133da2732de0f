import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { locations, planLocations } from '@/db/schema/storefront';

export interface CatalogLocation {
  id: number;
  code: string;
  name: string;
  country: string;
  city: string;
}

/** Active locations of each plan, in the locations' sort order. */
export async function loadPlanLocations(db: SfDb, planIds: number[]): Promise<Map<number, CatalogLocation[]>> {
  const byPlan = new Map<number, CatalogLocation[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const rows = await db
    .select({ planId: planLocations.planId, id: locations.id, code: locations.code, name: locations.name, country: locations.country, city: locations.city })
    .from(planLocations)
    .innerJoin(locations, eq(locations.id, planLocations.locationId))
    .where(and(inArray(planLocations.planId, planIds), eq(locations.active, true)))
    .orderBy(asc(locations.sortOrder), asc(locations.id));
  for (const { planId, ...loc } of rows) byPlan.get(planId)?.push(loc);
  return byPlan;
}
