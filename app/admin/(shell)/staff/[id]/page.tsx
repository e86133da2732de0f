import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ActiveSessionsList } from '@/components/auth/active-sessions';
import { SignInHistoryCard } from '@/components/auth/sign-in-history';
import { Card } from '@/components/ui/area-shell';
import { listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { getStaffMember } from '@/lib/staff/list-staff';
import { ROLE_LABELS } from '@/lib/staff/permissions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { revokeStaffSessionAction } from '../actions';

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
        <ActiveSessionsList sessions={active} currentSessionId={access.sessionId} revoke={revokeStaffSessionAction} hidden={{ staffId: member.id }} />
      </Card>
      <SignInHistoryCard history={history} />
    </div>
  );
}
