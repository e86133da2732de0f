import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/area-shell';
import { getPlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { getAdminService } from '@/lib/provisioning/admin/get-admin-service';
import { listProvisioningLog } from '@/lib/provisioning/list-provisioning-log';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { StaffServiceActions } from '../../customers/[id]/service-actions';
import { PermissionDenied } from '../../permission-denied';
import { ProvisioningBadge, StatusBadge } from '../badges';
import { staffServiceMoveAction } from './actions';
import { ProvisioningLogTable } from './provisioning-log-table';
import { ServiceManageForms } from './service-manage-forms';

const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '–');

/** details is what the module stored; anything that is not text is shown as JSON. */
function detailText(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export default async function AdminServicePage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return <PermissionDenied permission="services.view" />;
  const { id } = await params;
  const found = /^svc_[a-z0-9]{1,40}$/.test(id) ? await getAdminService(access.ctx.db, id) : null;
  if (!found) notFound();
  const { service: svc, customer, plan, panel } = found;
  const log = await listProvisioningLog(access.ctx.db, svc.id);
  const mayManage = access.permissions.includes('services.manage');
  // Customers change plan only on an active service; staff follow the same rules.
  const planChange = mayManage && svc.status === 'active' ? await getPlanChangeChoices(access.ctx.db, { servicePublicId: svc.publicId, customerId: customer.id }) : null;
  const facts: [string, React.ReactNode][] = [
    ['Service id', <span key="id" className="font-mono">{svc.publicId}</span>],
    [
      'Customer',
      <Link key="c" href={`/customers/${customer.id}`} className="text-[var(--brand)] underline">
        {customer.name} ({customer.email})
      </Link>,
    ],
    ['Plan', `${plan.name} (${plan.serviceType.replaceAll('_', ' ')})`],
    ['Module', found.moduleLabel ?? 'none'],
    ['Status', <StatusBadge key="s" status={svc.status} />],
    ['Suspension reason', svc.suspensionReason ?? '–'],
    ['Next due', svc.nextDueOn ?? '–'],
    ['Panel', panel?.publicId ? `${panel.name} (${panel.publicId})` : '–'],
    ['Panel id', svc.panelRef ?? '–'],
    ['Provisioned', utc(svc.provisionedAt)],
    ['Created', utc(svc.createdAt)],
  ];
  const details = Object.entries(svc.details ?? {});
  return (
    <div className="space-y-6">
      <div>
        <Link href="/services" className="text-sm text-slate-600 underline">
          ← Services
        </Link>
        <h1 className="text-2xl font-semibold">{svc.label}</h1>
      </div>
      <Card title="Service">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Provisioning">
        <div className="space-y-3 text-sm">
          <p>
            <ProvisioningBadge status={svc.provisioningStatus} />
          </p>
          {svc.provisioningError ? (
            <p role="status" className="rounded border border-red-200 bg-red-50 p-2 text-red-800">
              {svc.provisioningError}
            </p>
          ) : null}
          {details.length ? (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
              {details.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-medium text-slate-600">{k}</dt>
                  <dd className="font-mono text-xs break-all">{detailText(v)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-slate-500">No details stored yet.</p>
          )}
        </div>
      </Card>
      {mayManage ? (
        <Card title="Staff actions">
          <div className="space-y-6">
            <ServiceManageForms
              service={{ publicId: svc.publicId, status: svc.status, provisioningStatus: svc.provisioningStatus, panelRef: svc.panelRef, nextDueOn: svc.nextDueOn, hasModule: found.moduleLabel !== null }}
              powerActions={svc.status === 'active' && svc.panelRef ? found.powerActions : []}
              planChange={planChange}
            />
            <StaffServiceActions row={{ id: svc.id, status: svc.status }} action={staffServiceMoveAction} hidden={{ name: 'service', value: svc.publicId }} />
          </div>
        </Card>
      ) : null}
      <Card title={log.length ? `Provisioning log (newest ${log.length})` : 'Provisioning log'}>{log.length ? <ProvisioningLogTable rows={log} /> : <p className="text-sm text-slate-500">No panel calls yet.</p>}</Card>
    </div>
  );
}
