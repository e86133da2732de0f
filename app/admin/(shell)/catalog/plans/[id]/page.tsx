import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/area-shell';
import { getPlanForEdit } from '@/lib/catalog/admin/get-plan-for-edit';
import { gridCurrencies } from '@/lib/catalog/admin/price-grid';
import { idSchema } from '@/lib/catalog/admin/schemas';
import { loadPlanSettingChoices } from '@/lib/provisioning/admin/plan-setting-choices';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { ActionForm } from '@/components/ui/action-form';
import { PermissionDenied } from '../../../permission-denied';
import { PriceGrid } from '../../_components/price-grid';
import { savePlanPricesAction, updatePlanAction } from '../actions';
import { loadPlanFormChoices } from '../load-choices';
import { PlanForm } from '../plan-form';

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const id = idSchema.safeParse((await params).id);
  const found = id.success ? await getPlanForEdit(access.ctx.db, id.data) : null;
  if (!found) notFound();
  const { plan } = found;
  const [choices, currencies, settingChoices] = await Promise.all([loadPlanFormChoices(access.ctx.db), gridCurrencies(access.ctx.db), loadPlanSettingChoices(access.ctx.db, plan)]);
  return (
    <div className="space-y-6">
      <Link href="/catalog" className="text-sm text-[var(--brand)] underline">
        Catalog
      </Link>
      <h1 className="text-2xl font-semibold">
        {plan.name} <span className="text-base font-normal text-slate-500">· {plan.status}</span>
      </h1>
      <Card title="Prices">
        <ActionForm actionRow action={savePlanPricesAction} submitLabel="Save prices" className="space-y-3">
          <input type="hidden" name="planId" value={plan.id} />
          <PriceGrid currencies={currencies} prices={found.prices} allowRate />
          <p className="text-xs text-slate-500">
            Hourly: the amount is one hour’s price in the currency’s minor units; the optional precise rate (minor units with up to six decimals,
            e.g. 0.523456 cents) keeps sub-cent precision for metered billing.
          </p>
        </ActionForm>
      </Card>
      <Card title="Plan">
        <PlanForm
          action={updatePlanAction}
          submitLabel="Save plan"
          choices={choices}
          plan={plan}
          locationIds={found.locationIds}
          optionGroupIds={found.optionGroupIds}
          settingChoices={settingChoices}
        />
      </Card>
      <p className="text-sm text-slate-600">
        Plans cannot be deleted: orders and services keep referring to them. To stop selling this plan, set its status to Archived.
      </p>
    </div>
  );
}
