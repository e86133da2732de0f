'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { LOGO_MAX_BYTES } from '@/lib/settings/branding-settings';
import { updateStorefrontLogo } from '@/lib/settings/admin/update-storefront-logo';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

export async function uploadLogoAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const file = data.get('logo');
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: 'Choose a PNG or JPEG file.', fieldErrors: { logo: ['is required'] } };
  // Refused before reading it; the content itself is checked by its first bytes in updateStorefrontLogo.
  if (file.size > LOGO_MAX_BYTES) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { logo: [`must be at most ${LOGO_MAX_BYTES / 1024} KB`] } };
  try {
    const res = await updateStorefrontLogo(access.ctx.db, { bytes: new Uint8Array(await file.arrayBuffer()), actor: await staffChangeActor(access.staff) });
    revalidatePath('/settings/branding');
    return { ok: true, message: res.changed ? 'Logo saved.' : 'This logo is already in use.' };
  } catch (err) {
    return failed(err, {});
  }
}

export async function removeLogoAction(_prev: ActionResult | null, _data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const res = await updateStorefrontLogo(access.ctx.db, { bytes: null, actor: await staffChangeActor(access.staff) });
    revalidatePath('/settings/branding');
    return { ok: true, message: res.changed ? 'Logo removed.' : 'There is no logo to remove.' };
  } catch (err) {
    return failed(err, {});
  }
}
