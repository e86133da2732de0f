import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextField } from '@/components/ui/form-fields';
import { KASM_BILLING_RULE } from '@/lib/kasm/session-billing';
import { listRunningKasmSessions } from '@/lib/kasm/list-running-kasm-sessions';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { forceStopDesktopAction, recordDesktopSessionAction } from './actions';

export default async function AdminDesktopSessionsPage() {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return <PermissionDenied permission="services.view" />;
  const rows = await listRunningKasmSessions(access.ctx.db);
  const mayManage = access.permissions.includes('services.manage');
  return (
    <div className="space-y-6">
      <div>
        <Link href="/services" className="text-sm text-slate-600 underline">
          ← Services
        </Link>
        <h1 className="text-2xl font-semibold">Desktop sessions</h1>
      </div>
      <p className="text-sm text-slate-600">Cloud desktop sessions running now, across customers. {KASM_BILLING_RULE}</p>
      <Card title={rows.length ? `${rows.length} running` : 'Nothing running'}>
        {rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Service</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Plan</th>
                  <th className="py-2 pr-3 font-medium">Started (UTC)</th>
                  <th className="py-2 pr-3 font-medium">Running for</th>
                  <th className="py-2 pr-3 font-medium">Recorded by</th>
                  {mayManage ? <th className="py-2 font-medium" /> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.sessionId} className="border-b last:border-0">
                    <td className="py-2 pr-3">
                      <Link href={`/services/${r.service}`} className="underline">
                        {r.serviceLabel}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{r.customerEmail}</td>
                    <td className="py-2 pr-3">{r.plan}</td>
                    <td className="py-2 pr-3">{r.startedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                    <td className="py-2 pr-3">{r.status === 'starting' ? `${r.runningFor} (starting)` : r.runningFor}</td>
                    <td className="py-2 pr-3">{r.source}</td>
                    {mayManage ? (
                      <td className="py-2">
                        <ActionForm action={forceStopDesktopAction} submitLabel="Force stop" danger>
                          <input type="hidden" name="service" value={r.service} />
                          <input type="hidden" name="session" value={r.sessionId} />
                        </ActionForm>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-600">No desktop session is running.</p>
        )}
      </Card>
      {mayManage ? (
        <Card title="Add a missed session">
          <p className="mb-3 text-sm text-slate-600">For a session the panel did not report. It is audited with its reason and billed like any other, in the period of its stop.</p>
          <ActionForm action={recordDesktopSessionAction} submitLabel="Record session" className="grid gap-3 md:grid-cols-2">
            <TextField name="service" label="Service id (svc_…)" maxLength={40} />
            <TextField name="reason" label="Reason" maxLength={500} />
            <TextField name="start" label="Start (UTC, e.g. 2026-12-03T09:00)" type="datetime-local" />
            <TextField name="stop" label="Stop (UTC)" type="datetime-local" />
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
