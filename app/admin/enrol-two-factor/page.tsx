import { redirect } from 'next/navigation';
import { ConfirmIdentityForm } from '@/components/auth/confirm-identity-form';
import { TotpEnrolment } from '@/components/mfa/totp-enrolment';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { PasskeyManager } from '@/components/passkeys/passkey-manager';
import { hasRecentAuthentication } from '@/lib/auth/recent-authentication';
import { getSignedInStaff, requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { signOutStaff } from '../sign-in/actions';
import { confirmStaffEnrolment, confirmStaffIdentity, startStaffEnrolment } from './actions';
import { finishStaffPasskeyRegistration, staffPasskeyRegistrationOptions } from '../passkeys/actions';

// Outside the admin shell on purpose: the shell sends staff without a second factor here.
export default async function EnrolTwoFactorPage() {
  const ctx = await requireArea('admin');
  const brand = await getRequestBrand();
  const s = await getSignedInStaff();
  if (!s) redirect('/sign-in');
  if (s.twoFactorEnabled) redirect('/');
  // Setting up a factor wants the password proven in the last 10 minutes (a sign-in counts).
  const recent = await hasRecentAuthentication(ctx.db, { sessionId: s.sessionId, principal: { type: 'staff', id: s.staff.id } });
  return (
    <main className="mx-auto max-w-lg space-y-6 px-6 py-16">
      <div className="flex items-center justify-between">
        <BrandLine brand={brand} area="Admin panel" className="" />
        <SignOutButton action={signOutStaff} />
      </div>
      <h1 className="text-2xl font-semibold">Set up two-factor authentication</h1>
      <p className="text-sm text-slate-700">
        Staff accounts must use an authenticator app or a passkey. Set one up to continue to the admin panel as {s.staff.email}.
      </p>
      {recent ? (
        <>
          <TotpEnrolment start={startStaffEnrolment} confirm={confirmStaffEnrolment} doneHref="/" doneLabel="Continue to the dashboard" />
          <section className="space-y-3 border-t border-slate-200 pt-6">
            <h2 className="text-lg font-semibold">Or add a passkey</h2>
            <p className="text-sm text-slate-700">Once added, you sign in with the passkey alone; your password no longer opens the admin panel by itself.</p>
            <PasskeyManager passkeys={[]} start={staffPasskeyRegistrationOptions} finish={finishStaffPasskeyRegistration} afterAddHref="/" />
          </section>
        </>
      ) : (
        <ConfirmIdentityForm action={confirmStaffIdentity} withCode={false} purpose="set up an authenticator app or a passkey" />
      )}
    </main>
  );
}
