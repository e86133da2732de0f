import type { StaffUser } from '@/db/schema/storefront';

// Until editable roles arrive, read-only staff may look but not act.
export function staffCanAct(staff: Pick<StaffUser, 'role'>): boolean {
  return staff.role !== 'read_only';
}
