import { notFound } from 'next/navigation';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { listStorefronts } from '@/lib/tenancy/list-storefronts';
import { PermissionDenied } from '../permission-denied';

// Platform data from the central database; only the operator's retail storefront shows it.
export default async function StorefrontsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (access.ctx.storefront.kind !== 'retail') notFound();
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const { storefronts: rows, hostnames: hosts } = await listStorefronts();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Storefronts</h1>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="p-2">Slug</th>
            <th className="p-2">Name</th>
            <th className="p-2">Kind</th>
            <th className="p-2">Status</th>
            <th className="p-2">Database</th>
            <th className="p-2">Hostnames</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((sf) => (
            <tr key={sf.id} className="border-b align-top">
              <td className="p-2 font-mono">{sf.slug}</td>
              <td className="p-2">{sf.name}</td>
              <td className="p-2">{sf.kind}</td>
              <td className="p-2">{sf.status}</td>
              <td className="p-2 font-mono">{sf.dbName}</td>
              <td className="p-2">
                {hosts
                  .filter((h) => h.storefrontId === sf.id)
                  .map((h) => (
                    <div key={h.id}>
                      {h.area}: <span className="font-mono">{h.hostname}</span>
                    </div>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-slate-500">A reseller’s storefront is made by creating the reseller (Resellers → New reseller, or bin/ezscale reseller:create); others with bin/ezscale storefront:create.</p>
    </div>
  );
}
