import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { describeDevice, listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { getStaffMember } from '@/lib/staff/list-staff';
import { ROLE_LABELS } from '@/lib/staff/permissions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { revokeStaffSessionAction } from '../actions';

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

const OUTCOME: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Wrong password',
  'auth.mfa_failed': 'Wrong two-factor code',
};

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('staff.manage');
  if (!access.allowed) return <PermissionDenied permission="staff.manage" />;
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  const member = id.success ? await getStaffMember(access.ctx.db, id.data) : null;
  if (!member) notFound();
  const [active, history] = await Promise.all([listActiveSessions(access.ctx.db, 'staff', member.id), listSignInHistory(access.ctx.db, 'staff', member.id)]);
  return (
    <div className="space-y-6">
      <Link href="/staff" className="text-sm text-[var(--brand)] underline">
        All staff
      </Link>
      <h1 className="text-2xl font-semibold">{member.name}</h1>
      <p className="text-slate-600">
        {member.email} · {ROLE_LABELS[member.role]} · {member.status}
      </p>
      <Card title="Active sessions">
        {active.length === 0 ? <p className="text-sm text-slate-600">Not signed in anywhere.</p> : null}
        <ul className="divide-y">
          {active.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <div className="font-medium">
                  {describeDevice(s.userAgent)} {s.id === access.sessionId ? <span className="text-green-700">(this session)</span> : null}
                </div>
                <div className="text-slate-500">
                  IP {s.ip ?? 'unknown'} · signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)}
                </div>
              </div>
              <ActionForm action={revokeStaffSessionAction} submitLabel="Sign out">
                <input type="hidden" name="staffId" value={member.id} />
                <input type="hidden" name="sessionId" value={s.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Sign-in history">
        {history.length === 0 ? <p className="text-sm text-slate-600">No sign-ins recorded yet.</p> : null}
        <table className="w-full text-sm">
          <tbody>
            {history.map((h) => (
              <tr key={h.id} className="border-t">
                <td className="py-2">{when(h.createdAt)}</td>
                <td className={h.action === 'auth.signed_in' ? 'text-green-700' : 'text-red-700'}>{OUTCOME[h.action] ?? h.action}</td>
                <td>{describeDevice(h.userAgent)}</td>
                <td className="text-slate-500">IP {h.ip ?? 'unknown'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
