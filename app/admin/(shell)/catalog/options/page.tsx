import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { listOptionGroups, listPlanChoices } from '@/lib/catalog/admin/list-catalog';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { createOptionGroupAction } from './actions';
import { OptionGroupForm } from './option-group-form';

export default async function OptionGroupsPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const [groups, plans] = await Promise.all([listOptionGroups(access.ctx.db), listPlanChoices(access.ctx.db)]);
  return (
    <div className="space-y-6">
      <Link href="/catalog" className="text-sm text-[var(--brand)] underline">
        Catalog
      </Link>
      <h1 className="text-2xl font-semibold">Option groups</h1>
      <p className="text-sm text-slate-600">Configurable options (operating system, extra IPv4, backups) live in groups that can be shared by many plans.</p>
      <Card title={`${groups.length} option group(s)`}>
        {groups.length === 0 ? <p className="text-sm text-slate-600">No option groups yet.</p> : null}
        <ul className="divide-y">
          {groups.map((g) => (
            <li key={g.id} className="py-3 text-sm">
              <Link href={`/catalog/options/${g.id}`} className="font-medium text-[var(--brand)] underline">
                {g.name}
              </Link>
              <div className="text-slate-500">
                {g.optionCount} option(s) · attached to {g.planCount} plan(s)
                {g.description ? ` · ${g.description}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add an option group">
        <OptionGroupForm action={createOptionGroupAction} submitLabel="Add option group" plans={plans} />
      </Card>
    </div>
  );
}
