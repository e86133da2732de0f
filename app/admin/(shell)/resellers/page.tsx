import Link from 'next/link';
import { SetupRefresher } from '@/components/account/setup-refresher';
import { ResellerProgress, ResellerStatusBadge } from '@/components/admin/reseller-progress';
import { Card } from '@/components/ui/area-shell';
import { listResellers } from '@/lib/resellers/list-resellers';
import { PIPELINE_STEP_LABELS } from '@/lib/resellers/pipeline-summary';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { PermissionDenied } from '../permission-denied';
import { ResellerNav } from './reseller-nav';
import { RetryControl } from './retry-control';

export default async function ResellersPage() {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const rows = await listResellers(platform.central);
  const building = rows.some((r) => r.reseller.status === 'provisioning' && !r.stalled);
  return (
    <div className="space-y-6">
      {building ? <SetupRefresher everyMs={2000} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Resellers</h1>
        <Link href="/resellers/new" className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white">
          New reseller
        </Link>
      </div>
      <ResellerNav current="/resellers" />
      <Card title={`${rows.length} reseller(s)`}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No resellers yet. Create one, or approve an application.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Reseller</th>
                  <th className="py-2 pr-4 font-medium">Owner</th>
                  <th className="py-2 pr-4 font-medium">Program</th>
                  <th className="py-2 pr-4 font-medium">Status</th>
                  <th className="py-2 pr-4 font-medium">Storefront creation</th>
                  <th className="py-2 pr-4 font-medium" />
                </tr>
              </thead>
              <tbody className="divide-y">
                {rows.map((r) => (
                  <tr key={r.reseller.id} className="align-top">
                    <td className="py-2 pr-4">
                      <Link href={`/resellers/${r.reseller.publicId}`} className="font-medium text-[var(--brand)] underline">
                        {r.storefront.name}
                      </Link>
                      <div className="font-mono text-xs text-slate-500">{r.storefront.slug}</div>
                    </td>
                    <td className="py-2 pr-4">{r.reseller.ownerEmail}</td>
                    <td className="py-2 pr-4">{r.program.name}</td>
                    <td className="py-2 pr-4">
                      <ResellerStatusBadge status={r.reseller.status} />
                      {r.reseller.suspensionReason ? <div className="text-xs text-slate-600">{r.reseller.suspensionReason}</div> : null}
                    </td>
                    <td className="py-2 pr-4">
                      <ResellerProgress status={r.reseller.status} pipeline={r.pipeline} />
                      {r.reseller.status === 'failed' && r.pipeline.failed ? (
                        <p role="alert" className="mt-1 max-w-md text-xs text-red-700">
                          {PIPELINE_STEP_LABELS[r.pipeline.failed.step]}: {r.pipeline.failed.error}
                        </p>
                      ) : null}
                      {r.stalled ? <p className="mt-1 text-xs text-amber-700">No progress for a while: its run stopped.</p> : null}
                    </td>
                    <td className="py-2 pr-4">
                      <RetryControl view={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
