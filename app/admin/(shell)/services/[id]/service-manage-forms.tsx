import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { FormErrors, SelectField, TextField } from '@/components/ui/form-fields';
import type { Service } from '@/db/schema/storefront';
import type { PlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { CYCLE_SUFFIXES } from '@/lib/catalog/public/display';
import { formatMoney } from '@/lib/money/format';
import type { PowerAction } from '@/lib/provisioning/module';
import { POWER_LABELS } from '@/lib/provisioning/power-labels';
import { assignHardwareAction, changeDueDateAction, changePlanAction, completeByHandAction, editPanelRefAction, powerServiceAction, retryProvisioningAction } from './actions';

interface ManagedService {
  publicId: string;
  status: Service['status'];
  provisioningStatus: Service['provisioningStatus'];
  panelRef: string | null;
  nextDueOn: string | null;
  hasModule: boolean;
}

const row = 'flex flex-wrap items-end gap-3';

/** The provisioning, plan and date forms of the admin service page (services.manage). */
export function ServiceManageForms({ service, powerActions, planChange }: { service: ManagedService; powerActions: PowerAction[]; planChange: PlanChangeChoices | null }) {
  const hidden = <input type="hidden" name="service" value={service.publicId} />;
  const over = service.status === 'terminated' || service.status === 'cancelled';
  return (
    <div className="space-y-5">
      {powerActions.length ? (
        <section aria-label="Power" className="space-y-2">
          <h3 className="text-sm font-medium">Power</h3>
          <div className="flex flex-wrap gap-2">
            {powerActions.map((a) => (
              <ActionForm key={a} action={powerServiceAction} submitLabel={POWER_LABELS[a]} danger={a === 'poweroff'}>
                {hidden}
                <input type="hidden" name="power" value={a} />
              </ActionForm>
            ))}
          </div>
        </section>
      ) : null}
      {service.hasModule && !over && service.provisioningStatus !== 'active' ? (
        <section aria-label="Provision" className="space-y-2">
          <h3 className="text-sm font-medium">{service.provisioningStatus === 'failed' ? 'Retry provisioning' : 'Provision'}</h3>
          <p className="text-xs text-slate-500">Queues a new request: the failed action again, or a provision if there was none.</p>
          <ActionForm action={retryProvisioningAction} submitLabel={service.provisioningStatus === 'failed' ? 'Retry' : 'Provision now'}>
            {hidden}
          </ActionForm>
        </section>
      ) : null}
      {service.provisioningStatus === 'awaiting_hardware' ? (
        <section aria-label="Assign hardware" className="space-y-2">
          <h3 className="text-sm font-medium">Assign hardware</h3>
          <ActionForm action={assignHardwareAction} submitLabel="Assign server" className={row}>
            {hidden}
            <TextField name="serverId" label="Server id on the panel" inputMode="numeric" maxLength={12} className="block w-56 text-sm" />
          </ActionForm>
        </section>
      ) : null}
      {!over && service.provisioningStatus !== 'active' ? (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Complete by hand</summary>
          <p className="mt-1 text-xs text-slate-500">For a service set up on the panel outside the billing system: stores its details and closes the open provision requests.</p>
          <ActionForm actionRow action={completeByHandAction} submitLabel="Mark as provisioned" className="mt-2 flex flex-wrap items-start gap-3">
            {hidden}
            <TextField name="panelRef" label="Panel id" defaultValue={service.panelRef} maxLength={255} className="block w-56 text-sm" />
            <TextField name="ips" label="IP addresses" hint="Separated by commas or spaces." maxLength={500} className="block w-72 text-sm" />
            <TextField name="hostname" label="Hostname (optional)" maxLength={255} className="block w-56 text-sm" />
            <TextField name="username" label="Login user (optional)" maxLength={120} className="block w-48 text-sm" />
            <label className="block w-48 text-sm">
              <span className="block font-medium">Login password (optional)</span>
              <input name="password" type="password" autoComplete="new-password" maxLength={255} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
            </label>
          </ActionForm>
        </details>
      ) : null}
      <section aria-label="Panel id" className="space-y-2">
        <h3 className="text-sm font-medium">Panel id</h3>
        <ActionForm action={editPanelRefAction} submitLabel="Save panel id" className={row}>
          {hidden}
          <TextField name="panelRef" label="Panel id" defaultValue={service.panelRef} maxLength={255} hint="Blank clears it. Later panel calls act on this resource." className="block w-72 text-sm" />
        </ActionForm>
      </section>
      {planChange ? <ChangePlanForm choices={planChange} hidden={hidden} /> : null}
      {!over ? (
        <section aria-label="Next due date" className="space-y-2">
          <h3 className="text-sm font-medium">Next due date</h3>
          <ActionForm action={changeDueDateAction} submitLabel="Change due date" className={row}>
            {hidden}
            <TextField name="nextDueOn" label="Next due on" type="date" defaultValue={service.nextDueOn} className="block w-56 text-sm" />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}

const BILLING_CHOICES = [
  { value: 'prorate', label: 'Prorate: invoice the difference or credit it per billing settings' },
  { value: 'none', label: 'No charge: change the price from the next renewal' },
];

/** Another plan of the service's group, as the customer may choose; the options in force carry over. */
function ChangePlanForm({ choices, hidden }: { choices: PlanChangeChoices; hidden: React.ReactNode }) {
  const { service } = choices;
  const price = (amountMinor: number) => `${formatMoney(amountMinor, service.currency, service.locale, service.minorDigits)} ${CYCLE_SUFFIXES[service.cycle]}`;
  return (
    <section aria-label="Change plan" className="space-y-2">
      <h3 className="text-sm font-medium">Change plan</h3>
      <p className="text-xs text-slate-500">
        Now {service.planName} at {price(service.recurringMinor)}. Options carry over where the new plan offers them; the due date stays.
      </p>
      {choices.pendingInvoicePublicId ? (
        <p className="text-sm">
          A plan change is waiting for payment of{' '}
          <Link href={`/invoices/${choices.pendingInvoicePublicId}`} className="text-[var(--brand)] underline">
            {choices.pendingInvoicePublicId}
          </Link>
          ; void that invoice to cancel it.
        </p>
      ) : choices.plans.length ? (
        <ActionForm actionRow action={changePlanAction} submitLabel="Change plan" className="flex flex-wrap items-start gap-3">
          {hidden}
          <SelectField name="planSlug" label="New plan" options={choices.plans.map((p) => ({ value: p.slug, label: `${p.name} – ${price(p.amountMinor)}` }))} defaultValue={choices.plans[0]!.slug} className="block w-72 text-sm" />
          {/* No default: staff choose whether the customer is charged, again after a refused submit. */}
          <fieldset className="text-sm">
            <legend className="font-medium">Billing</legend>
            {BILLING_CHOICES.map((c) => (
              <label key={c.value} className="mt-1 flex items-center gap-2">
                <input type="radio" name="billing" value={c.value} />
                <span>{c.label}</span>
              </label>
            ))}
            <FormErrors names={[{ name: 'billing', label: 'Billing' }]} />
          </fieldset>
          <TextField name="note" label="Reason (kept in the audit log)" maxLength={500} className="block w-72 text-sm" />
        </ActionForm>
      ) : (
        <p className="text-sm text-slate-500">No other plan of this product is offered for this billing period.</p>
      )}
    </section>
  );
}
