import { SettingUpBadge } from '@/components/account/service-status-badge';
import { ServiceTable } from '@/components/billing/service-table';
import { RenewalMethodForm } from '@/components/billing/renewal-method-form';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { SelectField, TextArea } from '@/components/ui/form-fields';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { CANCELLATION_REASONS } from '@/lib/billing/cancel-service';
import { listServices, type ServiceListRow } from '@/lib/billing/list-services';
import { describeMethod, listPaymentMethods } from '@/lib/payments/payment-methods';
import { cancelServiceAction, setServiceMethodAction, withdrawCancellationAction } from './actions';
import { listServiceRenewalMethods } from '@/lib/payments/list-service-renewal-methods';
import { listSettingUpServiceIds } from '@/lib/provisioning/list-setting-up-service-ids';

const REASON_OPTIONS = Object.entries(CANCELLATION_REASONS).map(([value, label]) => ({ value, label }));

/** Null when the service can't be cancelled, so the table adds no empty row. */
function cancellationControls(row: ServiceListRow): React.ReactNode {
  if (row.status !== 'active' && row.status !== 'suspended') return null;
  if (row.cancellationRequestedAt) {
    return (
      <ActionForm action={withdrawCancellationAction} submitLabel="Withdraw cancellation">
        <input type="hidden" name="serviceId" value={row.id} />
      </ActionForm>
    );
  }
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600">Cancel this service</summary>
      <ActionForm actionRow danger action={cancelServiceAction} submitLabel={`Cancel ${row.label}`} className="mt-2 flex flex-wrap items-start gap-3">
        <input type="hidden" name="serviceId" value={row.id} />
        <SelectField
          name="type"
          label="When"
          defaultValue="end_of_period"
          options={[
            { value: 'end_of_period', label: row.nextDueOn ? `At the end of the period (${row.nextDueOn})` : 'At the end of the period' },
            { value: 'immediate', label: 'Immediately' },
          ]}
          className="block w-72 text-sm"
        />
        <SelectField name="reasonCode" label="Main reason" defaultValue="not_needed" options={REASON_OPTIONS} className="block w-72 text-sm" />
        <TextArea name="reason" label="Tell us why" rows={3} maxLength={500} hint="Required, at most 500 characters." />
      </ActionForm>
    </details>
  );
}

/** Changing plan (active services only) and cancelling; null when neither applies. */
function serviceControls(row: ServiceListRow): React.ReactNode {
  const cancel = cancellationControls(row);
  if (row.status !== 'active' || row.cancellationRequestedAt) return cancel;
  return (
    <div className="space-y-2">
      <a href={`/services/${row.publicId}/change`} className="text-sm font-medium text-[var(--brand)] underline">
        Change plan
      </a>
      {cancel}
    </div>
  );
}

export default async function AccountServicesPage() {
  const signedIn = await requireAccountPermission('services.view');
  const { ctx, account } = signedIn;
  const mayManage = accountAllows(signedIn, 'services.manage');
  const mayPickMethod = mayManage || accountAllows(signedIn, 'payment_methods.manage');
  const [rows, settingUp, methods, chosen] = await Promise.all([
    listServices(ctx.db, { customerId: account.id }),
    listSettingUpServiceIds(ctx.db, { customerId: account.id }),
    mayPickMethod ? listPaymentMethods(ctx.db, account.id) : [],
    mayPickMethod ? listServiceRenewalMethods(ctx.db, { customerId: account.id }) : new Map<number, string>(),
  ]);
  const options = methods.map((m) => ({ publicId: m.publicId, label: describeMethod(m) }));
  const defaultMethod = methods.find((m) => m.isDefault);
  // Only services that still renew get a choice, and only once there is something to choose between.
  const renewal = (row: ServiceListRow): React.ReactNode =>
    options.length && (row.status === 'active' || row.status === 'suspended') ? (
      <RenewalMethodForm action={setServiceMethodAction} servicePublicId={row.publicId} methods={options} current={chosen.get(row.id) ?? null} defaultLabel={defaultMethod ? describeMethod(defaultMethod) : null} />
    ) : null;
  const controls = (row: ServiceListRow): React.ReactNode => {
    const pick = renewal(row);
    const manage = mayManage ? serviceControls(row) : null;
    if (!pick && !manage) return null;
    return (
      <div className="space-y-3">
        {pick}
        {manage}
      </div>
    );
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Services</h1>
      <Card title={rows.length ? `${rows.length} service(s)` : 'No services yet'}>
        {rows.length ? (
          <ServiceTable
            rows={rows}
            actions={mayPickMethod ? controls : undefined}
            label={(r) => (
              <>
                <a href={`/services/${r.publicId}`} className="font-medium text-[var(--brand)] underline">
                  {r.label}
                </a>
                {settingUp.has(r.id) ? (
                  <span className="ml-2">
                    <SettingUpBadge />
                  </span>
                ) : null}
              </>
            )}
          />
        ) : (
          <p className="text-sm text-slate-600">Services appear here when you place an order.</p>
        )}
      </Card>
    </div>
  );
}
