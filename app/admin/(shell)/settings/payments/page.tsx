import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, SelectField, TextArea, TextField } from '@/components/ui/form-fields';
import { webhookUrl } from '@/lib/payments/connect-gateway';
import { GATEWAY_FORM_FIELDS, RETRY_DAYS_MAX_COUNT, secretHint } from '@/lib/payments/admin/payment-settings-form';
import { gatewayDefinition, GATEWAY_IDS, gatewayNames, PAYMENT_GATEWAYS, type GatewayId } from '@/lib/payments/registry';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { connectGatewayAction, savePaymentSettingsAction } from './actions';
import { SecretInput } from './secret-input';

/** A write-only secret: the stored one is described, never shown; blank keeps it, the box removes it. */
function SecretField({ name, label, sealed }: { name: string; label: string; sealed: string }) {
  return (
    <div className="space-y-1">
      <SecretInput name={name} label={label} hint={`Currently ${secretHint(sealed)}. Leave blank to keep it.`} />
      {sealed ? <CheckboxField name={`${name}Clear`} label={`Clear the stored ${label.toLowerCase()}`} /> : null}
    </div>
  );
}

/** One gateway's settings card, its fields read from the registry. */
function GatewaySettingsCard({ id, stored }: { id: GatewayId; stored: Record<string, unknown> }) {
  const fields = GATEWAY_FORM_FIELDS.filter((f) => f.gateway === id);
  return (
    <Card title={gatewayNames(id).settingsTitle}>
      <div className="space-y-4">
        {fields.map(({ key, name, field }) => {
          const value = stored[key];
          if (field.kind === 'boolean') return <CheckboxField key={name} name={name} label={field.label} defaultChecked={value === true} />;
          if (field.kind === 'secret') return <SecretField key={name} name={name} label={field.label} sealed={String(value ?? '')} />;
          if (field.kind === 'select') return <SelectField key={name} name={name} label={field.label} defaultValue={String(value ?? '')} options={field.options} className="block w-72 text-sm" />;
          return <TextField key={name} name={name} label={field.label} defaultValue={String(value ?? '')} maxLength={field.maxLength} hint={field.hint} className="block w-96 text-sm" />;
        })}
      </div>
    </Card>
  );
}

export default async function PaymentSettingsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const sf = access.ctx.storefront;
  const webhookGateways = GATEWAY_IDS.filter((id) => PAYMENT_GATEWAYS[id].capabilities.webhooks);
  const [s, urls] = await Promise.all([getPaymentSettings(access.ctx.db), Promise.all(webhookGateways.map((id) => webhookUrl(sf, id)))]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payment settings</h1>
      <ActionForm actionRow className="space-y-6" action={savePaymentSettingsAction} submitLabel="Save payment settings">
        {GATEWAY_IDS.map((id) => (
          <GatewaySettingsCard key={id} id={id} stored={s[id]} />
        ))}
        <Card title="Bank transfer">
          <div className="space-y-4">
            <CheckboxField name="bankTransferEnabled" label="Offer payment by bank transfer" defaultChecked={s.bankTransfer.enabled} />
            <TextArea
              name="bankTransferInstructions"
              label="Instructions"
              defaultValue={s.bankTransfer.instructions}
              rows={5}
              maxLength={2000}
              hint="Shown on unpaid invoices: account holder, IBAN, BIC and what to put as the reference."
            />
          </div>
        </Card>
        <Card title="Failed automatic charges">
          <TextField
            name="retryDays"
            label="Retry on days after the due date"
            defaultValue={s.retryDays.join(', ')}
            maxLength={60}
            hint={`Days after the due date to try the saved method again once a charge failed, e.g. 1, 3, 5, 7 (1–60, at most ${RETRY_DAYS_MAX_COUNT}; blank: no retries).`}
            className="block w-72 text-sm"
          />
        </Card>
      </ActionForm>
      <Card title="Webhooks">
        <div className="space-y-4 text-sm">
          <p className="text-slate-600">Registers this storefront&apos;s endpoint with the gateway and stores what verifying its events needs. Save the keys first.</p>
          {webhookGateways.map((id, i) => {
            const def = gatewayDefinition(id);
            return (
              <div key={id} className="space-y-2">
                <p>
                  {def.names.staff}: <span className="font-mono text-xs">{urls[i]}</span> — {def.webhooks.status(s[id])}
                </p>
                <ActionForm action={connectGatewayAction} submitLabel={`Connect ${def.names.staff} webhooks`}>
                  <input type="hidden" name="gateway" value={id} />
                </ActionForm>
              </div>
            );
          })}
        </div>
      </Card>
    </div>
  );
}
