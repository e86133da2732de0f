'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';
import { inviteStaff, revokeStaffInvite } from '@/lib/staff/invite-staff';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';
import { inviteStaffSchema, revokeInviteSchema } from '@/lib/staff/schemas';

const FIELDS = ['email', 'name', 'role'] as const;

export async function inviteStaffAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = formValues(data, FIELDS);
  const parsed = inviteStaffSchema.safeParse(formInput(data, FIELDS));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await inviteStaff(access.ctx.db, { storefrontId: access.ctx.storefront.id, input: parsed.data, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, values);
  }
  revalidatePath('/staff/invites');
  return { ok: true, message: `Invitation sent to ${parsed.data.email}.` };
}

export async function revokeInviteAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = revokeInviteSchema.safeParse({ inviteId: data.get('inviteId') });
  if (!parsed.success) return { ok: false, message: 'Unknown invitation.' };
  try {
    await revokeStaffInvite(access.ctx.db, { ...parsed.data, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/staff/invites');
  return { ok: true, message: 'Invitation revoked.' };
}
