import { AreaShell } from '@/components/ui/area-shell';
import { adminNav } from '@/lib/admin/admin-nav';
import { requireStaff } from '@/lib/auth/request-session';
import { signOutStaff } from '../sign-in/actions';

export default async function AdminShellLayout({ children }: { children: React.ReactNode }) {
  const { ctx, staff } = await requireStaff();
  return (
    <AreaShell
      storefrontName={ctx.storefront.name}
      brandColor={ctx.storefront.brandColor}
      areaLabel="Admin"
      nav={adminNav(ctx.storefront)}
      userLabel={`${staff.email} (${staff.role})`}
      signOut={signOutStaff}
    >
      {children}
    </AreaShell>
  );
}
