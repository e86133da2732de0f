import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { listPendingInvites } from '@/lib/staff/invite-staff';
import { ROLE_LABELS, STAFF_ROLES } from '@/lib/staff/permissions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { inviteStaffAction, revokeInviteAction } from './actions';

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export default async function StaffInvitesPage() {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return <PermissionDenied permission="staff.manage" />;
  const pending = await listPendingInvites(access.ctx.db);
  const roles = STAFF_ROLES.filter((r) => r !== 'owner' || access.staff.role === 'owner');
  return (
    <div className="space-y-6">
      <Link href="/staff" className="text-sm text-[var(--brand)] underline">
        All staff
      </Link>
      <h1 className="text-2xl font-semibold">Invite staff</h1>
      <Card title="New invitation">
        <ActionForm action={inviteStaffAction} submitLabel="Send invitation" className="max-w-md space-y-4">
          <Field name="email" label="Email" type="email" autoComplete="off" maxLength={254} required />
          <Field name="name" label="Name" maxLength={120} required />
          <label className="block text-sm">
            <span className="block font-medium">Role</span>
            <select name="role" defaultValue="support" className="mt-1 w-full rounded border border-slate-300 px-3 py-2">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      </Card>
      <Card title={`Pending invitations (${pending.length})`}>
        {pending.length === 0 ? <p className="text-sm text-slate-600">No pending invitations.</p> : null}
        <ul className="divide-y">
          {pending.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <div className="font-medium">
                  {i.name} · {i.email}
                </div>
                <div className="text-slate-500">
                  {ROLE_LABELS[i.role]} · sent {when(i.createdAt)} · expires {when(i.expiresAt)}
                </div>
              </div>
              <ActionForm action={revokeInviteAction} submitLabel="Revoke">
                <input type="hidden" name="inviteId" value={i.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
