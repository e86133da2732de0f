import { ImpersonationBanner } from '@/components/auth/impersonation-banner';
import { AreaShell, type NavItem } from '@/components/ui/area-shell';
import { FlashProvider } from '@/components/ui/flash';
import { AccountSwitcher } from '@/components/account/account-switcher';
import { accountAllows, requireCustomer } from '@/lib/auth/request-session';
import { getStaffMember } from '@/lib/staff/list-staff';
import { listAccountsOfMember } from '@/lib/teams/list-team';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { switchAccountAction } from './team/actions';
import { endImpersonationAction } from '../impersonation/actions';
import { signOutCustomer } from '../sign-in/actions';

export default async function AccountShellLayout({ children }: { children: React.ReactNode }) {
  const signedIn = await requireCustomer();
  const { ctx, customer, membership, impersonation } = signedIn;
  const brand = await getRequestBrand();
  const nav: NavItem[] = [{ href: '/', label: 'Overview' }];
  // A team member sees only what their permissions on the account allow.
  if (accountAllows(signedIn, 'services.view')) nav.push({ href: '/services', label: 'Services' });
  if (accountAllows(signedIn, 'billing.view')) nav.push({ href: '/invoices', label: 'Invoices' }, { href: '/credit', label: 'Credit' }, { href: '/payment-methods', label: 'Payment methods' });
  nav.push({ href: '/profile', label: 'Profile' });
  // Security settings and the team stay out of a staff member's reach while they are signed in as the customer.
  if (!impersonation) nav.push({ href: '/team', label: 'Team' }, { href: '/security', label: 'Security' }, { href: '/sessions', label: 'Sessions' });
  const accounts = impersonation ? [] : await listAccountsOfMember(ctx.db, customer.id);
  const staff = impersonation ? await getStaffMember(ctx.db, impersonation.staffId) : null;
  // The flash lives here, above the pages, so it outlasts a form that a revalidation removes.
  return (
    <FlashProvider>
      {impersonation ? (
        <ImpersonationBanner customerEmail={customer.email} staffEmail={staff?.email ?? 'Staff'} reason={impersonation.reason} end={endImpersonationAction} />
      ) : null}
      {accounts.length ? <AccountSwitcher personLabel={customer.name} current={membership?.ownerId ?? null} accounts={accounts} action={switchAccountAction} /> : null}
      <AreaShell
        brand={brand}
        areaLabel="Customer area"
        nav={nav}
        userLabel={customer.email}
        signOut={signOutCustomer}
      >
        {children}
      </AreaShell>
    </FlashProvider>
  );
}
