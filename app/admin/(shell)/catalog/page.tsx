import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { listCatalogOverview } from '@/lib/catalog/admin/list-catalog';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { createProductGroupAction, updateProductGroupAction } from './actions';
import { GroupForm } from './group-form';

const STATUS_STYLE = { active: 'text-green-700', hidden: 'text-amber-700', archived: 'text-slate-500' } as const;

export default async function CatalogPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const groups = await listCatalogOverview(access.ctx.db);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Catalog</h1>
        <nav aria-label="Catalog" className="flex flex-wrap gap-4 text-sm">
          <Link href="/catalog/plans/new" className="text-[var(--brand)] underline">
            New plan
          </Link>
          <Link href="/catalog/locations" className="text-[var(--brand)] underline">
            Locations
          </Link>
          <Link href="/catalog/currencies" className="text-[var(--brand)] underline">
            Currencies
          </Link>
          <Link href="/catalog/options" className="text-[var(--brand)] underline">
            Option groups
          </Link>
        </nav>
      </div>
      {groups.length === 0 ? <p className="text-slate-600">No product groups yet: add one below, then add plans to it.</p> : null}
      {groups.map((g) => (
        <Card key={g.id} title={`${g.name}${g.hidden ? ' (hidden)' : ''}`}>
          <p className="mb-3 text-sm text-slate-500">
            <span className="font-mono">{g.slug}</span> · sort {g.sortOrder}
            {g.description ? ` · ${g.description}` : ''}
          </p>
          {g.plans.length === 0 ? (
            <p className="text-sm text-slate-600">No plans in this group.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-1 font-medium">Plan</th>
                  <th className="py-1 font-medium">Type</th>
                  <th className="py-1 font-medium">Status</th>
                  <th className="py-1 font-medium">Stock</th>
                  <th className="py-1 font-medium">Prices</th>
                </tr>
              </thead>
              <tbody>
                {g.plans.map((p) => (
                  <tr key={p.id} className="border-t">
                    <td className="py-2">
                      <Link href={`/catalog/plans/${p.id}`} className="text-[var(--brand)] underline">
                        {p.name}
                      </Link>{' '}
                      <span className="font-mono text-slate-500">{p.slug}</span>
                    </td>
                    <td className="py-2">{p.serviceType.replace('_', ' ')}</td>
                    <td className={`py-2 ${STATUS_STYLE[p.status]}`}>{p.status}</td>
                    <td className="py-2">{p.stockQuantity === null ? 'unlimited' : p.stockQuantity}</td>
                    <td className={`py-2 ${p.priceCount === 0 ? 'text-red-700' : ''}`}>{p.priceCount === 0 ? 'none — not sellable' : p.priceCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="mt-3 flex flex-wrap gap-4 text-sm">
            <Link href={`/catalog/plans/new?groupId=${g.id}`} className="text-[var(--brand)] underline">
              Add a plan to {g.name}
            </Link>
          </div>
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-[var(--brand)]">Edit group</summary>
            <div className="mt-3">
              <GroupForm action={updateProductGroupAction} group={g} submitLabel="Save group" />
            </div>
          </details>
        </Card>
      ))}
      <Card title="Add a product group">
        <GroupForm action={createProductGroupAction} submitLabel="Add group" />
      </Card>
    </div>
  );
}
