import type { NavItem } from '@/components/ui/area-shell';
import type { Storefront } from '@/db/schema/central';
import type { Permission } from '@/lib/staff/permissions';

// Each page and the permission it needs to open (null: every staff member).
const PAGES: { href: string; label: string; needs: Permission | null; retailOnly?: boolean }[] = [
  { href: '/', label: 'Dashboard', needs: null },
  { href: '/customers', label: 'Customers', needs: 'customers.view' },
  { href: '/orders', label: 'Orders', needs: 'billing.view' },
  { href: '/invoices', label: 'Invoices', needs: 'billing.view' },
  { href: '/payments', label: 'Payments', needs: 'billing.view' },
  { href: '/payments/disputes', label: 'Disputes', needs: 'billing.view' },
  { href: '/services', label: 'Services', needs: 'services.view' },
  { href: '/services/cancellations', label: 'Cancellations', needs: 'services.view' },
  { href: '/catalog', label: 'Catalog', needs: 'catalog.manage' },
  { href: '/coupons', label: 'Coupons', needs: 'catalog.manage' },
  { href: '/tax', label: 'Tax', needs: 'settings.manage' },
  { href: '/settings/billing', label: 'Billing settings', needs: 'settings.manage' },
  { href: '/settings/payments', label: 'Payment settings', needs: 'settings.manage' },
  { href: '/settings/branding', label: 'Branding', needs: 'settings.manage' },
  { href: '/settings/panels', label: 'Panels', needs: 'settings.manage' },
  { href: '/settings/domains', label: 'Domains', needs: 'settings.manage' },
  { href: '/alerts', label: 'Alerts', needs: 'alerts.manage' },
  { href: '/emails', label: 'Emails', needs: 'emails.send' },
  { href: '/audit', label: 'Audit log', needs: 'audit.view' },
  { href: '/system', label: 'System', needs: 'system.view' },
  { href: '/closures', label: 'Closures', needs: 'customers.manage' },
  { href: '/staff', label: 'Staff', needs: 'staff.manage' },
  { href: '/security', label: 'Security', needs: null },
  // The operator's own storefront also manages the platform's storefronts.
  { href: '/storefronts', label: 'Storefronts', needs: 'settings.manage', retailOnly: true },
  { href: '/resellers', label: 'Resellers', needs: 'resellers.manage', retailOnly: true },
];

/** Only pages that exist and that this staff member may open. */
export function adminNav(storefront: Pick<Storefront, 'kind'>, permissions: readonly Permission[]): NavItem[] {
  return PAGES.filter((p) => (p.needs === null || permissions.includes(p.needs)) && (!p.retailOnly || storefront.kind === 'retail')).map(({ href, label }) => ({ href, label }));
}
