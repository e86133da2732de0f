import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { listStaff, type StaffListEntry } from '@/lib/staff/list-staff';
import { ROLE_LABELS, STAFF_ROLES } from '@/lib/staff/permissions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { changeStaffRoleAction, setStaffStatusAction } from './actions';

const when = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : 'never');

function MemberControls({ member, actorIsOwner }: { member: StaffListEntry; actorIsOwner: boolean }) {
  // Only owners touch owners; the lib enforces it too, this just avoids offering buttons that would be refused.
  if (member.role === 'owner' && !actorIsOwner) return <span className="text-slate-500">owner</span>;
  const roles = STAFF_ROLES.filter((r) => r !== 'owner' || actorIsOwner);
  return (
    <div className="flex flex-wrap gap-2">
      <ActionForm action={changeStaffRoleAction} submitLabel="Change role" className="flex items-end gap-2">
        <input type="hidden" name="staffId" value={member.id} />
        <select name="role" defaultValue={member.role} aria-label={`Role of ${member.email}`} className="rounded border border-slate-300 px-2 py-1.5">
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </ActionForm>
      <ActionForm action={setStaffStatusAction} submitLabel={member.status === 'active' ? 'Disable' : 'Enable'}>
        <input type="hidden" name="staffId" value={member.id} />
        <input type="hidden" name="status" value={member.status === 'active' ? 'disabled' : 'active'} />
      </ActionForm>
    </div>
  );
}

export default async function StaffPage() {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return <PermissionDenied permission="staff.manage" />;
  const members = await listStaff(access.ctx.db);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Staff</h1>
        <div className="flex gap-4 text-sm">
          <Link href="/staff/invites" className="text-[var(--brand)] underline">
            Invite staff
          </Link>
          <Link href="/staff/roles" className="text-[var(--brand)] underline">
            Roles and permissions
          </Link>
        </div>
      </div>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="p-2">Name</th>
            <th className="p-2">Email</th>
            <th className="p-2">Role</th>
            <th className="p-2">Status</th>
            <th className="p-2">2FA</th>
            <th className="p-2">Last sign-in</th>
            <th className="p-2">Change</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-b align-top">
              <td className="p-2">
                <Link href={`/staff/${m.id}`} className="text-[var(--brand)] underline">
                  {m.name}
                </Link>
              </td>
              <td className="p-2">{m.email}</td>
              <td className="p-2">{ROLE_LABELS[m.role]}</td>
              <td className={`p-2 ${m.status === 'active' ? 'text-green-700' : 'text-red-700'}`}>{m.status}</td>
              <td className="p-2">{m.twoFactorEnrolled ? 'enrolled' : 'not enrolled'}</td>
              <td className="whitespace-nowrap p-2">{when(m.lastSignInAt)}</td>
              <td className="p-2">
                {m.id === access.staff.id ? <span className="text-slate-500">(you)</span> : <MemberControls member={m} actorIsOwner={access.staff.role === 'owner'} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
