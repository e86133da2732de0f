import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { listAlerts } from '@/lib/admin/list-alerts';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import type { AdminAlert } from '@/db/schema/storefront';
import { PermissionDenied } from '../permission-denied';
import { acknowledgeAlertAction } from './actions';

const SEVERITY_STYLE: Record<AdminAlert['severity'], string> = {
  info: 'bg-slate-100 text-slate-700',
  warning: 'bg-amber-100 text-amber-800',
  critical: 'bg-red-100 text-red-800',
};

const DISCORD_LABEL: Record<AdminAlert['discordStatus'], string> = {
  not_configured: 'Discord not configured',
  pending: 'Discord: sending',
  sent: 'Discord: sent',
  failed: 'Discord: failed',
};

function AlertItem({ alert, canAck }: { alert: AdminAlert; canAck: boolean }) {
  return (
    <li className="rounded border border-slate-200 bg-white p-4">
      <div className="flex items-center gap-2 text-sm">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${SEVERITY_STYLE[alert.severity]}`}>{alert.severity}</span>
        <span className="font-mono text-slate-500">{alert.category}</span>
        <span className="text-slate-500">{alert.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</span>
        <span className="text-slate-500">· {DISCORD_LABEL[alert.discordStatus]}</span>
      </div>
      <h3 className="mt-2 font-semibold">{alert.title}</h3>
      <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{alert.body}</p>
      {alert.acknowledgedAt ? (
        <p className="mt-2 text-xs text-slate-500">Acknowledged {alert.acknowledgedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</p>
      ) : canAck ? (
        <div className="mt-3">
          <ActionForm action={acknowledgeAlertAction} submitLabel="Acknowledge">
            <input type="hidden" name="alertId" value={alert.id} />
          </ActionForm>
        </div>
      ) : null}
    </li>
  );
}

export default async function AlertsPage() {
  const access = await requireStaffPermission('alerts.manage');
  if (!access.allowed) return <PermissionDenied permission="alerts.manage" />;
  const { open, acknowledged } = await listAlerts(access.ctx.db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <Card title={`Open (${open.length})`}>
        {open.length === 0 ? <p className="text-sm text-slate-600">No open alerts.</p> : null}
        <ul className="space-y-3">
          {open.map((a) => (
            <AlertItem key={a.id} alert={a} canAck />
          ))}
        </ul>
      </Card>
      <Card title="Recently acknowledged">
        {acknowledged.length === 0 ? <p className="text-sm text-slate-600">None yet.</p> : null}
        <ul className="space-y-3">
          {acknowledged.map((a) => (
            <AlertItem key={a.id} alert={a} canAck={false} />
          ))}
        </ul>
      </Card>
    </div>
  );
}
