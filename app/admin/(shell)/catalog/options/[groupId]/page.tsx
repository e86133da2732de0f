import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/area-shell';
import { getOptionGroupForEdit } from '@/lib/catalog/admin/get-option-group-for-edit';
import { listPlanChoices } from '@/lib/catalog/admin/list-catalog';
import { gridCurrencies } from '@/lib/catalog/admin/price-grid';
import { idSchema } from '@/lib/catalog/admin/schemas';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../../permission-denied';
import { createOptionAction, updateOptionGroupAction } from '../actions';
import { OptionGroupForm } from '../option-group-form';
import { OptionCard } from './option-card';
import { OptionForm } from './option-form';

export default async function OptionGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const id = idSchema.safeParse((await params).groupId);
  const found = id.success ? await getOptionGroupForEdit(access.ctx.db, id.data) : null;
  if (!found) notFound();
  const [plans, currencies] = await Promise.all([listPlanChoices(access.ctx.db), gridCurrencies(access.ctx.db)]);
  const { group } = found;
  return (
    <div className="space-y-6">
      <Link href="/catalog/options" className="text-sm text-[var(--brand)] underline">
        Option groups
      </Link>
      <h1 className="text-2xl font-semibold">{group.name}</h1>
      <Card title="Group">
        <OptionGroupForm action={updateOptionGroupAction} submitLabel="Save group" plans={plans} group={group} planIds={found.planIds} />
      </Card>
      {found.options.map((o) => (
        <OptionCard key={o.id} groupId={group.id} option={o} currencies={currencies} />
      ))}
      <Card title="Add an option">
        <p className="mb-3 text-sm text-slate-600">Quantity and yes/no options get their single priced value automatically; dropdown and radio options get values you add.</p>
        <OptionForm action={createOptionAction} submitLabel="Add option" groupId={group.id} />
      </Card>
    </div>
  );
}
