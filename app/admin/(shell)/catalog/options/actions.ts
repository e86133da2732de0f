'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { parseInput } from '@/lib/catalog/admin/parse-input';
import { priceCellsFromForm } from '@/lib/catalog/admin/price-grid';
import { replaceOptionValuePrices } from '@/lib/catalog/admin/replace-option-prices';
import { createConfigOption, updateConfigOption } from '@/lib/catalog/admin/save-config-option';
import { createOptionGroup, updateOptionGroup } from '@/lib/catalog/admin/save-option-group';
import { createOptionValue, updateOptionValue } from '@/lib/catalog/admin/save-option-value';
import { configOptionSchema, idSchema, optionGroupSchema, optionValueSchema } from '@/lib/catalog/admin/schemas';
import { formInput } from '@/lib/forms/action-result';
import { catalogAction } from '../catalog-action';

const OPTION_FIELDS = ['code', 'name', 'type', 'minQuantity', 'maxQuantity', 'stepQuantity', 'required', 'upgradable', 'hidden', 'sortOrder'] as const;
const VALUE_FIELDS = ['code', 'label', 'hidden', 'sortOrder'] as const;

const groupInput = (data: FormData) => parseInput(optionGroupSchema, { ...formInput(data, ['name', 'description']), planIds: data.getAll('planIds') });
const id = (data: FormData, name: string) => parseInput(idSchema, data.get(name));

function refresh(groupId?: number): void {
  revalidatePath('/catalog/options');
  if (groupId) revalidatePath(`/catalog/options/${groupId}`);
}

export async function createOptionGroupAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const created = await createOptionGroup(db, { input: groupInput(data), actor });
    refresh();
    return { ok: true, message: 'Option group added.', redirectTo: `/catalog/options/${created.id}` };
  });
}

export async function updateOptionGroupAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const groupId = id(data, 'groupId');
    const { changed } = await updateOptionGroup(db, { groupId, input: groupInput(data), actor });
    refresh(groupId);
    return { ok: true, message: changed ? 'Option group saved.' : 'Nothing changed.' };
  });
}

export async function createOptionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const groupId = id(data, 'groupId');
    await createConfigOption(db, { groupId, input: parseInput(configOptionSchema, formInput(data, OPTION_FIELDS)), actor });
    refresh(groupId);
    return { ok: true, message: 'Option added.', redirectTo: `/catalog/options/${groupId}` };
  });
}

export async function updateOptionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { changed } = await updateConfigOption(db, { optionId: id(data, 'optionId'), input: parseInput(configOptionSchema, formInput(data, OPTION_FIELDS)), actor });
    refresh(id(data, 'groupId'));
    return { ok: true, message: changed ? 'Option saved.' : 'Nothing changed.' };
  });
}

export async function createValueAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const groupId = id(data, 'groupId');
    await createOptionValue(db, { optionId: id(data, 'optionId'), input: parseInput(optionValueSchema, formInput(data, VALUE_FIELDS)), actor });
    refresh(groupId);
    return { ok: true, message: 'Value added.', redirectTo: `/catalog/options/${groupId}` };
  });
}

export async function updateValueAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { changed } = await updateOptionValue(db, { valueId: id(data, 'valueId'), input: parseInput(optionValueSchema, formInput(data, VALUE_FIELDS)), actor });
    refresh(id(data, 'groupId'));
    return { ok: true, message: changed ? 'Value saved.' : 'Nothing changed.' };
  });
}

export async function saveValuePricesAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { changed } = await replaceOptionValuePrices(db, { valueId: id(data, 'valueId'), prices: priceCellsFromForm(data), actor });
    refresh(id(data, 'groupId'));
    return { ok: true, message: changed ? 'Prices saved.' : 'Nothing changed.' };
  });
}
