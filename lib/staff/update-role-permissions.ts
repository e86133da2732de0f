import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { staffRoles } from '@/db/schema/storefront';
import { getRolePermissions, normalisePermissions, type EditableRole, type Permission } from './permissions';

/** Saves a non-owner role's permission set (takes effect on the next request of everyone with that role), audited. */
export async function updateRolePermissions(
  db: SfDb,
  opts: { role: EditableRole; permissions: readonly Permission[]; actor: AuditActor },
): Promise<{ changed: boolean }> {
  const after = normalisePermissions(opts.permissions);
  return db.transaction(async (tx) => {
    // Lock the row (if saved before) so two editors cannot record the same "before".
    await tx.select({ id: staffRoles.id }).from(staffRoles).where(eq(staffRoles.role, opts.role)).for('update');
    const before = await getRolePermissions(tx, opts.role);
    if (before.length === after.length && before.every((p) => after.includes(p))) return { changed: false };
    await tx
      .insert(staffRoles)
      .values({ role: opts.role, permissions: after, updatedBy: opts.actor.id ?? null })
      .onDuplicateKeyUpdate({ set: { permissions: after, updatedBy: opts.actor.id ?? null } });
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'staff.role_permissions_changed',
      target: { type: 'staff_role', id: opts.role },
      before: { permissions: before },
      after: { permissions: after },
    });
    return { changed: true };
  });
}
