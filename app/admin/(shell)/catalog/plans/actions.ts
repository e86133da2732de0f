'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { applyModuleChoices } from '@/lib/catalog/admin/module-setting-choices';
import { parseInput } from '@/lib/catalog/admin/parse-input';
import { priceCellsFromForm } from '@/lib/catalog/admin/price-grid';
import { replacePlanPrices } from '@/lib/catalog/admin/replace-plan-prices';
import { createPlan, updatePlan } from '@/lib/catalog/admin/save-plan';
import { idSchema, planSchema } from '@/lib/catalog/admin/schemas';
import { formInput } from '@/lib/forms/action-result';
import { catalogAction } from '../catalog-action';

const PLAN_FIELDS = [
  'groupId',
  'name',
  'slug',
  'description',
  'features',
  'serviceType',
  'provisioningModule',
  'moduleSettings',
  'status',
  'sortOrder',
  'trialDays',
  'stockQuantity',
] as const;

function planInput(data: FormData) {
  const fields = formInput(data, PLAN_FIELDS);
  const get = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const moduleSettings = applyModuleChoices(fields.moduleSettings, fields.provisioningModule, get);
  return parseInput(planSchema, { ...fields, moduleSettings, locationIds: data.getAll('locationIds'), optionGroupIds: data.getAll('optionGroupIds') });
}

export async function createPlanAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { id } = await createPlan(db, { input: planInput(data), actor });
    revalidatePath('/catalog');
    return { ok: true, message: 'Plan created; now set its prices.', redirectTo: `/catalog/plans/${id}` };
  });
}

export async function updatePlanAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const planId = parseInput(idSchema, data.get('planId'));
    const { changed } = await updatePlan(db, { planId, input: planInput(data), actor });
    revalidatePath('/catalog');
    revalidatePath(`/catalog/plans/${planId}`);
    return { ok: true, message: changed ? 'Plan saved.' : 'Nothing changed.' };
  });
}

export async function savePlanPricesAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const planId = parseInput(idSchema, data.get('planId'));
    const { changed } = await replacePlanPrices(db, { planId, prices: priceCellsFromForm(data), actor });
    revalidatePath('/catalog');
    revalidatePath(`/catalog/plans/${planId}`);
    return { ok: true, message: changed ? 'Prices saved.' : 'Nothing changed.' };
  });
}
