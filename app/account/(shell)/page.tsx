import { UnverifiedEmailNotice } from '@/components/account/unverified-email-notice';
import { Card } from '@/components/ui/area-shell';
import { requireCustomer } from '@/lib/auth/request-session';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { resendVerificationEmailAction } from '../verify-email/actions';

export default async function AccountOverviewPage() {
  const { ctx, account: customer, customer: person, membership, impersonation } = await requireCustomer();
  const marketingHost = ctx.host.replace(/^account\./, '');
  const brand = await getRequestBrand();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{membership ? `Working on ${customer.company ?? customer.name}’s account` : `Welcome, ${customer.name}`}</h1>
      {person.emailVerifiedAt || impersonation ? null : (
        <UnverifiedEmailNotice email={person.email} doing="ordering, adding a passkey or inviting team members" resend={resendVerificationEmailAction} />
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Your profile">
          <dl className="grid grid-cols-3 gap-y-2 text-sm">
            <dt className="text-slate-500">Customer ID</dt>
            <dd className="col-span-2 font-mono">{customer.publicId}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd className="col-span-2">
              {customer.email} {customer.emailVerifiedAt ? <span className="text-green-700">(verified)</span> : <span className="text-amber-700">(not verified)</span>}
            </dd>
            <dt className="text-slate-500">Country</dt>
            <dd className="col-span-2">{customer.country}</dd>
            <dt className="text-slate-500">Currency</dt>
            <dd className="col-span-2">{customer.currency}</dd>
            <dt className="text-slate-500">Member since</dt>
            <dd className="col-span-2">{customer.createdAt.toISOString().slice(0, 10)}</dd>
          </dl>
        </Card>
        <Card title="Products">
          <p className="text-sm text-slate-700">See everything {brand.name} offers on the storefront.</p>
          <a href={`//${marketingHost}/`} className="mt-3 inline-block text-sm font-medium text-[var(--brand)] underline">
            Browse products
          </a>
        </Card>
      </div>
    </div>
  );
}
