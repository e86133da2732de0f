'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { addCurrency, setDefaultCurrency, updateCurrency } from '@/lib/catalog/admin/manage-currencies';
import { parseInput } from '@/lib/catalog/admin/parse-input';
import { addCurrencySchema, updateCurrencySchema } from '@/lib/catalog/admin/schemas';
import { formInput } from '@/lib/forms/action-result';
import { catalogAction } from '../catalog-action';

const FIELDS = ['code', 'name', 'locale', 'minorDigits', 'enabled', 'sortOrder'] as const;

export async function addCurrencyAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { code } = await addCurrency(db, { input: parseInput(addCurrencySchema, formInput(data, FIELDS)), actor });
    revalidatePath('/catalog/currencies');
    return { ok: true, message: `${code} added.`, redirectTo: '/catalog/currencies' };
  });
}

export async function updateCurrencyAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const { changed } = await updateCurrency(db, { input: parseInput(updateCurrencySchema, formInput(data, FIELDS)), actor });
    revalidatePath('/catalog/currencies');
    return { ok: true, message: changed ? 'Currency saved.' : 'Nothing changed.' };
  });
}

export async function setDefaultCurrencyAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const code = String(data.get('code') ?? '');
    await setDefaultCurrency(db, { code, actor });
    revalidatePath('/catalog/currencies');
    return { ok: true, message: `${code} is now the default currency.`, redirectTo: '/catalog/currencies' };
  });
}
