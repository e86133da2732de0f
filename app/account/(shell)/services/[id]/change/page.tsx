import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { requireAccountPermission } from '@/lib/auth/request-session';
import { previewPlanChange, type PlanChangePreview } from '@/lib/billing/change-service-plan';
import { getPlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from '@/lib/money/format';
import { changePlanAction } from './actions';

export default async function ChangePlanPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ plan?: string | string[] }> }) {
  const signedIn = await requireAccountPermission('services.manage');
  const { ctx, account } = signedIn;
  const { id } = await props.params;
  if (!/^svc_[a-z0-9]{1,40}$/.test(id)) notFound();
  const choices = await getPlanChangeChoices(ctx.db, { servicePublicId: id, customerId: account.id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const { service } = choices;
  const money = (m: number) => formatMoney(m, service.currency, service.locale, service.minorDigits);
  const plan = (await props.searchParams).plan;
  const chosen = typeof plan === 'string' ? choices.plans.find((p) => p.slug === plan) : undefined;

  let preview: PlanChangePreview | null = null;
  let problem: string | null = null;
  if (chosen && !choices.pendingInvoicePublicId) {
    try {
      preview = await previewPlanChange(ctx.db, { serviceId: service.id, customerId: account.id, planSlug: chosen.slug, options: choices.options, at: new Date(), storefrontId: ctx.storefront.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem = err.message;
    }
  }

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change plan – {service.label}</h1>
      <p className="text-sm text-slate-600">
        Now on {service.planName} at {money(service.recurringMinor)} per {service.cycle.replace('_', '-')} period
        {service.nextDueOn ? `, next due on ${service.nextDueOn}` : ''}. The due date stays where it is; your options carry over.
      </p>
      {choices.pendingInvoicePublicId ? (
        <Card title="A change is waiting for payment">
          <p className="text-sm">
            Pay <a className="font-medium text-[var(--brand)] underline" href={`/invoices/${choices.pendingInvoicePublicId}`}>the upgrade invoice</a> to apply it.
          </p>
        </Card>
      ) : (
        <Card title="New plan">
          {choices.plans.length ? (
            <form method="get" className="flex flex-wrap items-end gap-3">
              <label className="block text-sm">
                <span className="block font-medium">Plan</span>
                <select name="plan" defaultValue={chosen?.slug} className="mt-1 rounded border border-slate-300 px-3 py-2">
                  {choices.plans.map((p) => (
                    <option key={p.slug} value={p.slug}>
                      {p.name} – {money(p.amountMinor)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="rounded border border-slate-300 px-3 py-2 text-sm font-medium">
                Show price
              </button>
            </form>
          ) : (
            <p className="text-sm text-slate-600">No other plan of this product is offered for this billing period.</p>
          )}
        </Card>
      )}
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {preview && chosen ? (
        <Card title={preview.kind === 'upgrade' ? `Upgrade to ${preview.planName}` : `Downgrade to ${preview.planName}`}>
          <dl className="grid grid-cols-2 gap-1 text-sm" data-testid="plan-change-preview">
            <dt>Days left in this period</dt>
            <dd>
              {preview.remainingDays} of {preview.totalDays}
            </dd>
            <dt>{preview.kind === 'upgrade' ? 'Difference' : 'Unused difference'}</dt>
            <dd>{money(Math.abs(preview.amountMinor))}</dd>
            <dt>Tax</dt>
            <dd>{money(Math.abs(preview.taxMinor))}</dd>
            <dt className="font-medium">{preview.kind === 'upgrade' ? 'To pay now' : 'Given back'}</dt>
            <dd className="font-medium">{money(Math.abs(preview.totalMinor))}</dd>
            <dt>New price from {preview.periodEnd}</dt>
            <dd>
              {money(preview.toChargedMinor)}
              {preview.toChargedMinor !== preview.newRecurringMinor ? ` (${money(preview.newRecurringMinor)} before discounts)` : ''}
            </dd>
          </dl>
          <p className="mt-2 text-xs text-slate-600">
            {preview.kind === 'upgrade' ? 'The upgrade applies as soon as its invoice is paid.' : 'The downgrade applies at once; what is given back depends on the store’s refund policy.'}
          </p>
          <ActionForm action={changePlanAction} submitLabel={preview.kind === 'upgrade' ? 'Confirm and invoice' : 'Confirm downgrade'} className="mt-3 flex flex-wrap items-center gap-3">
            <input type="hidden" name="servicePublicId" value={service.publicId} />
            <input type="hidden" name="planSlug" value={chosen.slug} />
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
