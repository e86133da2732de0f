import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { EDITABLE_ROLES, getRolePermissions, PERMISSION_LABELS, permissionCatalogue, ROLE_LABELS } from '@/lib/staff/permissions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { saveRolePermissionsAction } from './actions';

export default async function StaffRolesPage() {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return <PermissionDenied permission="staff.manage" />;
  const catalogue = permissionCatalogue(access.ctx.storefront.kind);
  const sets = await Promise.all(EDITABLE_ROLES.map(async (role) => ({ role, permissions: await getRolePermissions(access.ctx.db, role) })));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Roles and permissions</h1>
      <p className="text-sm text-slate-600">Owners always have every permission. Changes apply to everyone with the role on their next page load.</p>
      <div className="grid gap-6 md:grid-cols-2">
        {sets.map(({ role, permissions }) => (
          <Card key={role} title={ROLE_LABELS[role]}>
            <ActionForm action={saveRolePermissionsAction} submitLabel={`Save ${ROLE_LABELS[role]}`} className="space-y-2">
              <input type="hidden" name="role" value={role} />
              {/* Keyed by the saved set so the checkboxes show what was stored after a save. */}
              <fieldset key={permissions.join(',')} className="space-y-1 text-sm">
                <legend className="sr-only">{`${ROLE_LABELS[role]} permissions`}</legend>
                {catalogue.map((p) => (
                  <label key={p} className="flex items-center gap-2">
                    <input type="checkbox" name="permissions" value={p} defaultChecked={permissions.includes(p)} />
                    <span>{PERMISSION_LABELS[p]}</span>
                    <span className="font-mono text-xs text-slate-500">{p}</span>
                  </label>
                ))}
              </fieldset>
            </ActionForm>
          </Card>
        ))}
      </div>
    </div>
  );
}
