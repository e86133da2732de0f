import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, SelectField, TextArea, TextField } from '@/components/ui/form-fields';
import { webhookUrl } from '@/lib/payments/connect-gateway';
import { RETRY_DAYS_MAX_COUNT, secretHint } from '@/lib/payments/admin/payment-settings-form';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { connectPaypalAction, connectStripeAction, savePaymentSettingsAction } from './actions';
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

export default async function PaymentSettingsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const sf = access.ctx.storefront;
  const [s, stripeUrl, paypalUrl] = await Promise.all([getPaymentSettings(access.ctx.db), webhookUrl(sf, 'stripe'), webhookUrl(sf, 'paypal')]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payment settings</h1>
      <ActionForm actionRow className="space-y-6" action={savePaymentSettingsAction} submitLabel="Save payment settings">
        <Card title="Stripe (cards)">
          <div className="space-y-4">
            <CheckboxField name="stripeEnabled" label="Offer card payments through Stripe" defaultChecked={s.stripe.enabled} />
            <TextField name="stripePublishableKey" label="Publishable key" defaultValue={s.stripe.publishableKey} maxLength={255} hint="pk_live_… or pk_test_…" className="block w-96 text-sm" />
            <SecretField name="stripeSecretKey" label="Secret key" sealed={s.stripe.secretKey} />
            <SecretField name="stripeWebhookSecret" label="Webhook signing secret" sealed={s.stripe.webhookSecret} />
          </div>
        </Card>
        <Card title="PayPal">
          <div className="space-y-4">
            <CheckboxField name="paypalEnabled" label="Offer PayPal" defaultChecked={s.paypal.enabled} />
            <SelectField
              name="paypalEnvironment"
              label="Environment"
              defaultValue={s.paypal.environment}
              options={[
                { value: 'sandbox', label: 'Sandbox (test accounts)' },
                { value: 'production', label: 'Production (live payments)' },
              ]}
              className="block w-72 text-sm"
            />
            <TextField name="paypalClientId" label="Client id" defaultValue={s.paypal.clientId} maxLength={255} className="block w-96 text-sm" />
            <SecretField name="paypalClientSecret" label="Client secret" sealed={s.paypal.clientSecret} />
            <TextField name="paypalWebhookId" label="Webhook id" defaultValue={s.paypal.webhookId} maxLength={255} hint="Filled in by “Connect PayPal webhooks” below." className="block w-96 text-sm" />
          </div>
        </Card>
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
            label="Retry after (days)"
            defaultValue={s.retryDays.join(', ')}
            maxLength={60}
            hint={`Days after a failed charge to try the saved method again, e.g. 1, 3, 5, 7 (1–60, at most ${RETRY_DAYS_MAX_COUNT}; blank: no retries).`}
            className="block w-72 text-sm"
          />
        </Card>
      </ActionForm>
      <Card title="Webhooks">
        <div className="space-y-4 text-sm">
          <p className="text-slate-600">Registers this storefront&apos;s endpoint with the gateway and stores what verifying its events needs. Save the keys first.</p>
          <div className="space-y-2">
            <p>
              Stripe: <span className="font-mono text-xs">{stripeUrl}</span> — {s.stripe.webhookSecret ? 'signing secret stored' : 'not connected'}
            </p>
            <ActionForm action={connectStripeAction} submitLabel="Connect Stripe webhooks" />
          </div>
          <div className="space-y-2">
            <p>
              PayPal: <span className="font-mono text-xs">{paypalUrl}</span> — {s.paypal.webhookId ? `webhook ${s.paypal.webhookId}` : 'not connected'}
            </p>
            <ActionForm action={connectPaypalAction} submitLabel="Connect PayPal webhooks" />
          </div>
        </div>
      </Card>
    </div>
  );
}
