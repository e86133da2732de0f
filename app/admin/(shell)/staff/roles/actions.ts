'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { ROLE_LABELS } from '@/lib/staff/permissions';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';
import { rolePermissionsSchema } from '@/lib/staff/schemas';
import { updateRolePermissions } from '@/lib/staff/update-role-permissions';

export async function saveRolePermissionsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = rolePermissionsSchema.safeParse({ role: data.get('role'), permissions: data.getAll('permissions') });
  if (!parsed.success) return { ok: false, message: 'Choose permissions from the list.' };
  try {
    const { changed } = await updateRolePermissions(access.ctx.db, { ...parsed.data, actor: await staffChangeActor(access.staff) });
    revalidatePath('/staff/roles');
    return { ok: true, message: changed ? `${ROLE_LABELS[parsed.data.role]} permissions saved.` : 'Nothing changed.' };
  } catch (err) {
    return failed(err, {});
  }
}
