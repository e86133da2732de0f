import { AreaShell } from '@/components/ui/area-shell';
import { adminNav } from '@/lib/admin/admin-nav';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { signOutStaff } from '../sign-in/actions';

export default async function AdminShellLayout({ children }: { children: React.ReactNode }) {
  const { ctx, staff, permissions } = await requireStaffAccess();
  return (
    <AreaShell
      storefrontName={ctx.storefront.name}
      brandColor={ctx.storefront.brandColor}
      areaLabel="Admin"
      nav={adminNav(ctx.storefront, permissions)}
      userLabel={`${staff.email} (${staff.role})`}
      signOut={signOutStaff}
    >
      {children}
    </AreaShell>
  );
}
