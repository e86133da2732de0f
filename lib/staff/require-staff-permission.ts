import { cache } from 'react';
import { requestMeta, requireStaff, type SignedInStaff } from '@/lib/auth/request-session';
import { getRolePermissions, PERMISSION_LABELS, permissionsOnStorefront, type Permission } from './permissions';
import type { StaffChangeActor } from './update-staff-member';

export interface StaffAccess extends SignedInStaff {
  permissions: Permission[];
}

export type StaffPermissionCheck = (StaffAccess & { allowed: true }) | (StaffAccess & { allowed: false; message: string });

/**
 * The signed-in staff member (sign-in and two-factor enforced) with their role's permissions, once per request.
 * Platform permissions count only on the retail storefront, so a reseller's owner never holds them.
 */
export const requireStaffAccess = cache(async (): Promise<StaffAccess> => {
  const s = await requireStaff();
  return { ...s, permissions: permissionsOnStorefront(s.ctx.storefront.kind, await getRolePermissions(s.ctx.db, s.staff.role)) };
});

/**
 * Checks one permission for the current request. The caller answers a refusal in its own way: a page renders
 * PermissionDenied, a server action returns { ok: false, message }, a route handler a 403 JSON body.
 */
export async function requireStaffPermission(permission: Permission): Promise<StaffPermissionCheck> {
  const access = await requireStaffAccess();
  if (access.permissions.includes(permission)) return { ...access, allowed: true };
  return { ...access, allowed: false, message: `You don't have permission to do this (${PERMISSION_LABELS[permission].toLowerCase()}).` };
}

/** The route-handler answer to a refused permission. */
export function forbiddenJson(message: string): Response {
  return Response.json({ error: message }, { status: 403 });
}

/** Who is acting, for the audit log and the owner-only rules of staff changes. */
export async function staffChangeActor(staff: SignedInStaff['staff']): Promise<StaffChangeActor> {
  return { type: 'staff', id: staff.id, label: staff.email, role: staff.role, ...(await requestMeta()) };
}
