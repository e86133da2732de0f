'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { parseInput } from '@/lib/catalog/admin/parse-input';
import { createProductGroup, updateProductGroup } from '@/lib/catalog/admin/save-product-group';
import { idSchema, productGroupSchema } from '@/lib/catalog/admin/schemas';
import { formInput } from '@/lib/forms/action-result';
import { catalogAction } from './catalog-action';

const GROUP_FIELDS = ['name', 'slug', 'description', 'sortOrder', 'hidden'] as const;

export async function createProductGroupAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    await createProductGroup(db, { input: parseInput(productGroupSchema, formInput(data, GROUP_FIELDS)), actor });
    revalidatePath('/catalog');
    return { ok: true, message: 'Product group added.', redirectTo: '/catalog' };
  });
}

export async function updateProductGroupAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { changed } = await updateProductGroup(db, { groupId: parseInput(idSchema, data.get('groupId')), input: parseInput(productGroupSchema, formInput(data, GROUP_FIELDS)), actor });
    revalidatePath('/catalog');
    return { ok: true, message: changed ? 'Product group saved.' : 'Nothing changed.' };
  });
}
