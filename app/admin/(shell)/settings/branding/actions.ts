'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { BRAND_IMAGE_MAX_BYTES, type BrandImageKind } from '@/lib/branding/brand-image';
import { failed, formInput, formValues } from '@/lib/forms/action-result';
import { BRANDING_DETAIL_FIELDS, type BrandingDetailsFormInput } from '@/lib/settings/admin/branding-form';
import { updateBrandDetails } from '@/lib/settings/admin/update-brand-details';
import { updateBrandImage } from '@/lib/settings/admin/update-brand-image';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const LABEL: Record<BrandImageKind, string> = { logo: 'Logo', favicon: 'Favicon' };

// Every page of every area shows the brand: the root layout re-renders them all.
const revalidateAll = () => revalidatePath('/', 'layout');

export async function saveBrandingAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = formValues(data, BRANDING_DETAIL_FIELDS);
  try {
    const res = await updateBrandDetails(access.ctx.db, {
      storefront: access.ctx.storefront,
      input: formInput(data, BRANDING_DETAIL_FIELDS) as BrandingDetailsFormInput,
      actor: await staffChangeActor(access.staff),
    });
    revalidateAll();
    const saved = res.changed.length ? `Saved (${res.changed.length} setting${res.changed.length === 1 ? '' : 's'} changed).` : 'Nothing changed.';
    return { ok: true, message: res.warnings.length ? `${saved} Warning: ${res.warnings.map((w) => w.message).join(' ')}` : saved };
  } catch (err) {
    return failed(err, values);
  }
}

async function upload(kind: BrandImageKind, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const file = data.get(kind);
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: 'Choose a PNG, JPEG or SVG file.', fieldErrors: { [kind]: ['is required'] } };
  // Refused before reading it; the content itself is checked by its bytes in updateBrandImage.
  const max = BRAND_IMAGE_MAX_BYTES[kind];
  if (file.size > max) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { [kind]: [`must be at most ${max / 1024} KB`] } };
  try {
    const res = await updateBrandImage(access.ctx.db, { storefront: access.ctx.storefront, kind, bytes: new Uint8Array(await file.arrayBuffer()), actor: await staffChangeActor(access.staff) });
    revalidateAll();
    const cleaned = res.removed.length ? ` Removed from the SVG: ${res.removed.join(', ')}.` : '';
    return { ok: true, message: `${res.changed ? `${LABEL[kind]} saved.` : `This ${kind} is already in use.`}${cleaned}` };
  } catch (err) {
    return failed(err, {});
  }
}

async function remove(kind: BrandImageKind): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const res = await updateBrandImage(access.ctx.db, { storefront: access.ctx.storefront, kind, bytes: null, actor: await staffChangeActor(access.staff) });
    revalidateAll();
    return { ok: true, message: res.changed ? `${LABEL[kind]} removed.` : `There is no ${kind} to remove.` };
  } catch (err) {
    return failed(err, {});
  }
}

export async function uploadLogoAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return upload('logo', data);
}

export async function removeLogoAction(_prev: ActionResult | null, _data: FormData): Promise<ActionResult> {
  return remove('logo');
}

export async function uploadFaviconAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  return upload('favicon', data);
}

export async function removeFaviconAction(_prev: ActionResult | null, _data: FormData): Promise<ActionResult> {
  return remove('favicon');
}
