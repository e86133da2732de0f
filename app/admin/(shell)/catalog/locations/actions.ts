'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { parseInput } from '@/lib/catalog/admin/parse-input';
import { createLocation, updateLocation } from '@/lib/catalog/admin/save-location';
import { idSchema, locationSchema } from '@/lib/catalog/admin/schemas';
import { formInput } from '@/lib/forms/action-result';
import { catalogAction } from '../catalog-action';

const FIELDS = ['code', 'name', 'country', 'city', 'active', 'sortOrder'] as const;

export async function createLocationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    await createLocation(db, { input: parseInput(locationSchema, formInput(data, FIELDS)), actor });
    revalidatePath('/catalog/locations');
    return { ok: true, message: 'Location added.', redirectTo: '/catalog/locations' };
  });
}

export async function updateLocationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return catalogAction(data, async ({ db, actor }) => {
    const locationId = parseInput(idSchema, data.get('locationId'));
    const { changed } = await updateLocation(db, { locationId, input: parseInput(locationSchema, formInput(data, FIELDS)), actor });
    revalidatePath('/catalog/locations');
    return { ok: true, message: changed ? 'Location saved.' : 'Nothing changed.' };
  });
}
