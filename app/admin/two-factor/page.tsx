import { redirect } from 'next/navigation';
import { TwoFactorForm } from '@/components/auth/two-factor-form';
import { BrandStyle } from '@/components/ui/brand-style';
import { getPendingSecondFactor, getSignedInStaff, requireArea } from '@/lib/auth/request-session';
import { verifyStaffSecondFactor } from './actions';

export default async function AdminTwoFactorPage() {
  const ctx = await requireArea('admin');
  if (!(await getPendingSecondFactor('staff'))) redirect((await getSignedInStaff()) ? '/' : '/sign-in');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandStyle color={ctx.storefront.brandColor} />
      <p className="mb-6 text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">{ctx.storefront.name} · Admin panel</p>
      <TwoFactorForm action={verifyStaffSecondFactor} />
    </main>
  );
}
