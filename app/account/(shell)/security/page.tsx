import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { RegenerateCodesForm } from '@/components/mfa/regenerate-codes-form';
import { TotpEnrolment } from '@/components/mfa/totp-enrolment';
import { requireCustomerInPerson } from '@/lib/auth/request-session';
import { getMfaStatus } from '@/lib/mfa/get-mfa-status';
import { PasskeyManager } from '@/components/passkeys/passkey-manager';
import { listPasskeys, toPasskeyItems } from '@/lib/passkeys/manage-passkeys';
import { customerPasskeyRegistrationOptions, finishCustomerPasskeyRegistration, removeCustomerPasskey, renameCustomerPasskey } from '../../passkeys/actions';
import { confirmCustomerEnrolment, disableCustomerTotp, regenerateCustomerRecoveryCodes, startCustomerEnrolment } from './actions';

export default async function SecurityPage() {
  const { ctx, customer } = await requireCustomerInPerson();
  const status = await getMfaStatus(ctx.db, { type: 'customer', id: customer.id });
  const keys = await listPasskeys(ctx.db, { type: 'customer', id: customer.id });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Security</h1>
      <Card title="Two-factor authentication">
        {status.totpEnabled ? (
          <div className="space-y-2 text-sm">
            <p className="text-green-700">On since {status.enabledAt!.toISOString().slice(0, 10)}: signing in asks for a code from your authenticator app.</p>
            <p>
              {status.recoveryCodesLeft} of 10 recovery codes left{status.recoveryCodesLeft <= 3 ? ' — make new ones before you run out.' : '.'}
            </p>
          </div>
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">Protect your account with a code from an authenticator app each time you sign in.</p>
            <TotpEnrolment start={startCustomerEnrolment} confirm={confirmCustomerEnrolment} doneHref="/security" doneLabel="Done" />
          </div>
        )}
      </Card>
      <Card title="Passkeys">
        <p className="mb-3 text-sm text-slate-700">Sign in with your device&apos;s screen lock or a security key, without typing your email or password.</p>
        <PasskeyManager
          passkeys={toPasskeyItems(keys)}
          start={customerPasskeyRegistrationOptions}
          finish={finishCustomerPasskeyRegistration}
          rename={renameCustomerPasskey}
          remove={removeCustomerPasskey}
        />
      </Card>
      {status.totpEnabled ? (
        <>
          <Card title="Recovery codes">
            <p className="mb-3 text-sm text-slate-700">New codes replace all earlier ones, used or not.</p>
            <RegenerateCodesForm action={regenerateCustomerRecoveryCodes} />
          </Card>
          <Card title="Turn off two-factor authentication">
            <p className="mb-3 text-sm text-slate-700">Confirm with a code from your app, or with your password if you no longer have the app.</p>
            <ActionForm action={disableCustomerTotp} submitLabel="Turn off two-factor authentication" className="space-y-3">
              <Field name="code" label="Code from the app" autoComplete="one-time-code" maxLength={20} />
              <Field name="password" label="Or your password" type="password" autoComplete="current-password" />
            </ActionForm>
          </Card>
        </>
      ) : null}
    </div>
  );
}
