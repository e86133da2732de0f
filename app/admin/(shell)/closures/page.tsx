import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { CLOSURE_GRACE_DAYS, listClosureRequests } from '@/lib/customers/account-closure';
import { approveClosureAction } from './actions';

export default async function ClosureRequestsPage() {
  const access = await requireStaffPermission('customers.manage');
  if (!access.allowed) return <PermissionDenied permission="customers.manage" />;
  const { ctx } = access;
  const requests = await listClosureRequests(ctx.db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account closure requests</h1>
      <Card title={`Pending (${requests.length})`}>
        <p className="mb-4 text-sm text-slate-600">
          Approving closes the account now and anonymises its personal data. Requests not approved close automatically after{' '}
          {CLOSURE_GRACE_DAYS} days.
        </p>
        {requests.length === 0 ? <p className="text-sm text-slate-600">No pending requests.</p> : null}
        <ul className="divide-y">
          {requests.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <div className="font-medium">
                  {r.name} <span className="font-mono text-slate-500">{r.publicId}</span>
                </div>
                <div className="text-slate-500">
                  {r.email} · requested {r.requestedAt?.toISOString().slice(0, 10)}
                </div>
              </div>
              <ActionForm action={approveClosureAction} submitLabel="Approve closure">
                <input type="hidden" name="customerId" value={r.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
