import type { NavItem } from '@/components/ui/area-shell';
import type { Storefront } from '@/db/schema/central';

/** Only pages that exist; the operator's own storefront also manages the platform's storefronts. */
export function adminNav(storefront: Pick<Storefront, 'kind'>): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: 'Dashboard' },
    { href: '/alerts', label: 'Alerts' },
    { href: '/emails', label: 'Emails' },
    { href: '/audit', label: 'Audit log' },
    { href: '/system', label: 'System' },
  ];
  if (storefront.kind === 'retail') items.push({ href: '/storefronts', label: 'Storefronts' });
  return items;
}
