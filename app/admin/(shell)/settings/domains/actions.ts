'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { checkStorefrontDomainNow, addStorefrontDomain, removeStorefrontDomain } from '@/lib/domains/storefront-domains';
import { failed, formValues } from '@/lib/forms/action-result';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const domainIdOf = (data: FormData) => {
  const v = data.get('domain');
  return typeof v === 'string' ? v.slice(0, 40) : '';
};

export async function addDomainAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = formValues(data, ['domain']);
  try {
    const d = await addStorefrontDomain(access.ctx.storefront.id, values.domain ?? '', await staffChangeActor(access.staff));
    revalidatePath('/settings/domains');
    return { ok: true, message: `${d.domain} added: create its DNS records.`, redirectTo: `/settings/domains/${d.publicId}` };
  } catch (err) {
    return failed(err, values);
  }
}

export async function checkDomainAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const { outcome, domain } = await checkStorefrontDomainNow(access.ctx.storefront.id, domainIdOf(data));
    revalidatePath(`/settings/domains/${domain.publicId}`);
    revalidatePath('/settings/domains');
    if (domain.status === 'verified') return { ok: true, message: outcome === 'verified' ? `${domain.domain} is verified and now serves this storefront.` : `${domain.domain} is verified.` };
    if (outcome === 'raced') return { ok: true, message: 'Another check of this domain was running; its result is shown.' };
    return { ok: false, message: `${domain.domain} is not verified yet: ${domain.problems.join(' ')}` };
  } catch (err) {
    return failed(err, {});
  }
}

export async function removeDomainAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const res = await removeStorefrontDomain(access.ctx.storefront.id, domainIdOf(data), await staffChangeActor(access.staff));
    revalidatePath('/settings/domains');
    return { ok: true, message: res.wasVerified ? `${res.domain} removed: it no longer serves this storefront.` : `${res.domain} removed.`, redirectTo: '/settings/domains' };
  } catch (err) {
    return failed(err, {});
  }
}
