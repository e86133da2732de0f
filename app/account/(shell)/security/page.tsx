import { UnverifiedEmailNotice } from '@/components/account/unverified-email-notice';
import { ConfirmIdentityForm } from '@/components/auth/confirm-identity-form';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { RegenerateCodesForm } from '@/components/mfa/regenerate-codes-form';
import { TotpEnrolment } from '@/components/mfa/totp-enrolment';
import { hasRecentAuthentication } from '@/lib/auth/recent-authentication';
import { requireCustomerInPerson } from '@/lib/auth/request-session';
import { getMfaStatus } from '@/lib/mfa/get-mfa-status';
import { PasskeyManager } from '@/components/passkeys/passkey-manager';
import { listPasskeys, toPasskeyItems } from '@/lib/passkeys/manage-passkeys';
import { resendVerificationEmailAction } from '../../verify-email/actions';
import { customerPasskeyRegistrationOptions, finishCustomerPasskeyRegistration, removeCustomerPasskey, renameCustomerPasskey } from '../../passkeys/actions';
import { confirmCustomerEnrolment, confirmCustomerIdentity, disableCustomerTotp, regenerateCustomerRecoveryCodes, startCustomerEnrolment } from './actions';

export default async function SecurityPage() {
  const { ctx, customer, sessionId } = await requireCustomerInPerson();
  const me = { type: 'customer' as const, id: customer.id };
  const status = await getMfaStatus(ctx.db, me);
  const keys = await listPasskeys(ctx.db, me);
  // Setting up or turning off 2FA and adding a passkey want a factor proven in the last 10 minutes.
  const recent = await hasRecentAuthentication(ctx.db, { sessionId, principal: me });
  const confirmStep = (purpose: string) => <p className="text-sm text-slate-700">Confirm it’s you (above) to {purpose}.</p>;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Security</h1>
      {recent ? null : (
        <Card title="Confirm it’s you">
          <ConfirmIdentityForm action={confirmCustomerIdentity} withCode={status.totpEnabled} purpose="change your two-factor authentication or add a passkey" />
        </Card>
      )}
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
            {recent ? (
              <TotpEnrolment start={startCustomerEnrolment} confirm={confirmCustomerEnrolment} doneHref="/security" doneLabel="Done" />
            ) : (
              confirmStep('set up two-factor authentication')
            )}
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
          addGate={!customer.emailVerifiedAt ? <UnverifiedEmailNotice email={customer.email} doing="adding a passkey" resend={resendVerificationEmailAction} /> : recent ? undefined : confirmStep('add a passkey')}
        />
      </Card>
      {status.totpEnabled ? (
        <>
          <Card title="Recovery codes">
            <p className="mb-3 text-sm text-slate-700">New codes replace all earlier ones, used or not.</p>
            <RegenerateCodesForm action={regenerateCustomerRecoveryCodes} />
          </Card>
          <Card title="Turn off two-factor authentication">
            {recent ? (
              <>
                <p className="mb-3 text-sm text-slate-700">Signing in will ask for your password only. Your recovery codes are deleted.</p>
                <ActionForm action={disableCustomerTotp} submitLabel="Turn off two-factor authentication" danger />
              </>
            ) : (
              confirmStep('turn off two-factor authentication: your password works if you no longer have the app')
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
