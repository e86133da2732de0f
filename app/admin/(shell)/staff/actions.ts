'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { staffChangeActor, requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { changeStaffRoleSchema, revokeStaffSessionSchema, setStaffStatusSchema } from '@/lib/staff/schemas';
import { changeStaffRole, revokeStaffSession, setStaffStatus } from '@/lib/staff/update-staff-member';
import { ROLE_LABELS } from '@/lib/staff/permissions';

export async function changeStaffRoleAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = changeStaffRoleSchema.safeParse({ staffId: data.get('staffId'), role: data.get('role') });
  if (!parsed.success) return { ok: false, message: 'Choose a valid role.' };
  try {
    await changeStaffRole(access.ctx.db, { ...parsed.data, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/staff');
  return { ok: true, message: `Role changed to ${ROLE_LABELS[parsed.data.role]}.` };
}

export async function setStaffStatusAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = setStaffStatusSchema.safeParse({ staffId: data.get('staffId'), status: data.get('status') });
  if (!parsed.success) return { ok: false, message: 'Unknown staff member.' };
  try {
    await setStaffStatus(access.ctx.db, { ...parsed.data, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/staff');
  return { ok: true, message: parsed.data.status === 'disabled' ? 'Disabled and signed out everywhere.' : 'Enabled.' };
}

export async function revokeStaffSessionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = revokeStaffSessionSchema.safeParse({ staffId: data.get('staffId'), sessionId: data.get('sessionId') });
  if (!parsed.success) return { ok: false, message: 'Unknown session.' };
  try {
    await revokeStaffSession(access.ctx.db, { ...parsed.data, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath(`/staff/${parsed.data.staffId}`);
  return { ok: true, message: 'Session signed out.' };
}
