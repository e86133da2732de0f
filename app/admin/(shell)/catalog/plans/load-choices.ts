import type { SfDb } from '@/lib/db/connection';
import { listLocations, listOptionGroups, listProductGroupChoices } from '@/lib/catalog/admin/list-catalog';
import type { PlanFormChoices } from './plan-form';

export async function loadPlanFormChoices(db: SfDb): Promise<PlanFormChoices> {
  const [groups, locations, optionGroups] = await Promise.all([listProductGroupChoices(db), listLocations(db), listOptionGroups(db)]);
  return { groups, locations, optionGroups };
}
