import { AreaShell } from '@/components/ui/area-shell';
import { FlashProvider } from '@/components/ui/flash';
import { adminNav } from '@/lib/admin/admin-nav';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { signOutStaff } from '../sign-in/actions';

export default async function AdminShellLayout({ children }: { children: React.ReactNode }) {
  const { ctx, staff, permissions } = await requireStaffAccess();
  const brand = await getRequestBrand();
  // The flash lives here, above the pages, so it outlasts a form that a revalidation removes.
  return (
    <FlashProvider>
      <AreaShell
        brand={brand}
        areaLabel="Admin"
        nav={adminNav(ctx.storefront, permissions)}
        userLabel={`${staff.email} (${staff.role})`}
        signOut={signOutStaff}
      >
        {children}
      </AreaShell>
    </FlashProvider>
  );
}
