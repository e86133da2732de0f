import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextField } from '@/components/ui/form-fields';
import { listAwaitingHardware } from '@/lib/provisioning/list-awaiting-hardware';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { assignHardwareAction } from '../[id]/actions';
import { ServiceCells } from '../badges';

/** How long a service has waited, counted from its last change (when the panel reported no free hardware). */
function since(d: Date, now: Date): string {
  const hours = Math.floor((now.getTime() - d.getTime()) / 3_600_000);
  return hours < 24 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

export default async function AwaitingHardwarePage() {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return <PermissionDenied permission="services.view" />;
  const rows = await listAwaitingHardware(access.ctx.db);
  const mayManage = access.permissions.includes('services.manage');
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/services" className="text-sm text-slate-600 underline">
          ← Services
        </Link>
        <h1 className="text-2xl font-semibold">Awaiting hardware</h1>
      </div>
      <p className="text-sm text-slate-600">Dedicated orders the panel had no free server for, oldest first. Assign a server by its panel id and provisioning carries on by itself.</p>
      <Card title={rows.length ? `${rows.length} waiting` : 'Nothing waiting'}>
        {rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Service</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Plan</th>
                  <th className="py-2 pr-3 font-medium">Waiting since (UTC)</th>
                  <th className="py-2 font-medium">{mayManage ? 'Assign' : ''}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ service: s, customerEmail, planName }) => (
                  <tr key={s.publicId} className="border-b align-top last:border-0">
                    <ServiceCells publicId={s.publicId} label={s.label} customerId={s.customerId} customerEmail={customerEmail} />
                    <td className="py-2 pr-3">
                      {planName}
                      {s.provisioningError ? <span className="block text-xs text-slate-500">{s.provisioningError}</span> : null}
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {s.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} <span className="text-xs text-slate-500">({since(s.updatedAt, now)})</span>
                    </td>
                    <td className="py-2">
                      {mayManage ? (
                        <ActionForm action={assignHardwareAction} submitLabel="Assign" className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="service" value={s.publicId} />
                          <TextField name="serverId" label={`Server id for ${s.publicId}`} srOnlyLabel inputMode="numeric" maxLength={12} placeholder="Server id" className="block w-32 text-sm" />
                        </ActionForm>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">No service is waiting for hardware.</p>
        )}
      </Card>
    </div>
  );
}
