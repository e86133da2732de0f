import { listLocations, listOptionGroups, listProductGroupChoices } from '@/lib/catalog/admin/list-catalog';
import type { RequestContext } from '@/lib/tenancy/request-context';
import type { PlanFormChoices } from './plan-form';

export async function loadPlanFormChoices(db: RequestContext['db']): Promise<PlanFormChoices> {
  const [groups, locations, optionGroups] = await Promise.all([listProductGroupChoices(db), listLocations(db), listOptionGroups(db)]);
  return { groups, locations, optionGroups };
}
