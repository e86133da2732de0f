import { eq } from 'drizzle-orm';
import { ImpersonationBanner } from '@/components/auth/impersonation-banner';
import { AreaShell, type NavItem } from '@/components/ui/area-shell';
import { requireCustomer } from '@/lib/auth/request-session';
import { staffUsers } from '@/db/schema/storefront';
import { endImpersonationAction } from '../impersonation/actions';
import { signOutCustomer } from '../sign-in/actions';

export default async function AccountShellLayout({ children }: { children: React.ReactNode }) {
  const { ctx, customer, impersonation } = await requireCustomer();
  const nav: NavItem[] = [
    { href: '/', label: 'Overview' },
    { href: '/invoices', label: 'Invoices' },
    { href: '/profile', label: 'Profile' },
  ];
  // Security settings stay out of a staff member's reach while they are signed in as the customer.
  if (!impersonation) nav.push({ href: '/security', label: 'Security' }, { href: '/sessions', label: 'Sessions' });
  const [staff] = impersonation
    ? await ctx.db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, impersonation.staffId)).limit(1)
    : [];
  return (
    <>
      {impersonation ? (
        <ImpersonationBanner customerEmail={customer.email} staffEmail={staff?.email ?? 'Staff'} reason={impersonation.reason} end={endImpersonationAction} />
      ) : null}
      <AreaShell
        storefrontName={ctx.storefront.name}
        brandColor={ctx.storefront.brandColor}
        areaLabel="Customer area"
        nav={nav}
        userLabel={customer.email}
        signOut={signOutCustomer}
      >
        {children}
      </AreaShell>
    </>
  );
}
