import { AreaShell } from '@/components/ui/area-shell';
import { requireCustomer } from '@/lib/auth/request-session';
import { signOutCustomer } from '../sign-in/actions';

export default async function AccountShellLayout({ children }: { children: React.ReactNode }) {
  const { ctx, customer } = await requireCustomer();
  return (
    <AreaShell
      storefrontName={ctx.storefront.name}
      brandColor={ctx.storefront.brandColor}
      areaLabel="Customer area"
      nav={[
        { href: '/', label: 'Overview' },
        { href: '/profile', label: 'Profile' },
        { href: '/security', label: 'Security' },
        { href: '/sessions', label: 'Sessions' },
      ]}
      userLabel={customer.email}
      signOut={signOutCustomer}
    >
      {children}
    </AreaShell>
  );
}
