import type { AuditActor } from '@/lib/audit/record-audit';
import { getCentralDb } from '@/lib/db/central';
import type { CentralDb } from '@/lib/db/connection';
import { requireStaffPermission, staffChangeActor, type StaffAccess } from '@/lib/staff/require-staff-permission';

export type PlatformStaffCheck =
  | { allowed: true; access: StaffAccess; central: CentralDb; actor: AuditActor }
  | { allowed: false; access: StaffAccess; message: string };

/**
 * For the platform's pages and actions (resellers, programs, applications): staff of the operator's retail
 * storefront whose role has resellers.manage. A reseller storefront's staff never hold that permission (it is
 * dropped from every role there), so they are refused like platform staff without it. Only an allowed check hands
 * out the central database, as getRequestContext hands out the storefront's.
 */
export async function requirePlatformStaff(): Promise<PlatformStaffCheck> {
  const check = await requireStaffPermission('resellers.manage');
  if (!check.allowed || check.ctx.storefront.kind !== 'retail') {
    return { allowed: false, access: check, message: check.allowed ? 'Only the platform’s own staff manage resellers.' : check.message };
  }
  return { allowed: true, access: check, central: getCentralDb(), actor: await staffChangeActor(check.staff) };
}
