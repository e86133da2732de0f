import { ConfirmIdentityForm } from '@/components/auth/confirm-identity-form';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { hasRecentAuthentication } from '@/lib/auth/recent-authentication';
import { accountAllows, requireCustomer } from '@/lib/auth/request-session';
import { CLOSURE_GRACE_DAYS } from '@/lib/customers/account-closure';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { confirmCustomerIdentity } from '../security/actions';
import { cancelClosureAction, changeEmailAction, changePasswordAction, requestClosureAction, updateProfileAction } from './actions';

export default async function ProfilePage() {
  const signedIn = await requireCustomer();
  const { ctx, customer, account, membership, impersonation, sessionId } = signedIn;
  const me = { type: 'customer' as const, id: customer.id };
  // Changing the email wants a factor proven in the last 10 minutes; otherwise the card asks for one first.
  const recent = !impersonation && (await hasRecentAuthentication(ctx.db, { sessionId, principal: me }));
  const withCode = !recent && !impersonation && (await hasConfirmedTotp(ctx.db, me));
  // Billing details belong to the account being worked on; password, email and closure to the person.
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Profile</h1>
      <Card title={membership ? `Billing details of ${account.company ?? account.name}` : 'Contact and billing details'}>
        {accountAllows(signedIn, 'account.manage') ? (
          <>
            <p className="mb-4 text-sm text-slate-600">These appear on {membership ? 'this account’s' : 'your'} invoices.</p>
            <ActionForm action={updateProfileAction} submitLabel="Save profile" className="grid gap-4 md:grid-cols-2">
              <Field name="name" label="Full name" defaultValue={account.name} maxLength={120} autoComplete="name" />
              <Field name="company" label="Company" defaultValue={account.company} maxLength={160} autoComplete="organization" />
              <Field name="taxId" label="Tax ID" defaultValue={account.taxId} maxLength={40} />
              <Field name="phone" label="Phone" defaultValue={account.phone} maxLength={40} autoComplete="tel" />
              <Field name="addressLine1" label="Address" defaultValue={account.addressLine1} autoComplete="address-line1" />
              <Field name="addressLine2" label="Address line 2" defaultValue={account.addressLine2} autoComplete="address-line2" />
              <Field name="city" label="City" defaultValue={account.city} maxLength={100} autoComplete="address-level2" />
              <Field name="region" label="State or region" defaultValue={account.region} maxLength={100} autoComplete="address-level1" />
              <Field name="postalCode" label="Postal code" defaultValue={account.postalCode} maxLength={20} autoComplete="postal-code" />
              <Field name="country" label="Country (2-letter code)" defaultValue={account.country} maxLength={2} autoComplete="country" />
            </ActionForm>
          </>
        ) : (
          <p className="text-sm text-slate-600">Only the account owner or a member with full access can change these details.</p>
        )}
      </Card>
      {impersonation ? (
        <p className="text-sm text-slate-600">Password, email, data export and account closure are only available to the customer.</p>
      ) : (
        <>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Change password">
          <ActionForm action={changePasswordAction} submitLabel="Change password" className="space-y-4">
            <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
            <Field name="newPassword" label="New password" type="password" autoComplete="new-password" />
          </ActionForm>
          <p className="mt-3 text-xs text-slate-500">Changing your password signs out your other sessions.</p>
        </Card>
        <Card title="Change email">
          <p className="mb-3 text-sm text-slate-600">Current address: {customer.email}</p>
          {recent ? (
            <ActionForm action={changeEmailAction} submitLabel="Send confirmation link" className="space-y-4">
              <Field name="newEmail" label="New email" type="email" maxLength={254} autoComplete="email" />
            </ActionForm>
          ) : (
            <ConfirmIdentityForm action={confirmCustomerIdentity} withCode={withCode} purpose="change your email address" />
          )}
        </Card>
      </div>
      <Card title="Your data">
        <p className="text-sm text-slate-700">Download everything we hold about your account as a JSON file.</p>
        <a href="/data-export" className="mt-3 inline-block text-sm font-medium text-[var(--brand)] underline">
          Download my data
        </a>
      </Card>
      <Card title="Close account">
        {customer.closureRequestedAt ? (
          <>
            <p className="mb-3 text-sm text-slate-700">
              You asked to close your account on {customer.closureRequestedAt.toISOString().slice(0, 10)}. It closes when staff confirm it, or
              automatically {CLOSURE_GRACE_DAYS} days after your request.
            </p>
            <ActionForm action={cancelClosureAction} submitLabel="Keep my account" />
          </>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-700">
              Closing removes your personal details and signs you out everywhere. Invoices and payments we must keep by law remain, without
              your contact details.
            </p>
            <ActionForm action={requestClosureAction} submitLabel="Ask to close my account" className="space-y-3">
              <Field name="password" label="Password" type="password" autoComplete="current-password" />
            </ActionForm>
          </>
        )}
      </Card>
        </>
      )}
    </div>
  );
}
