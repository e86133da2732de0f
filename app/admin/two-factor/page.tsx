import { redirect } from 'next/navigation';
import { TwoFactorForm } from '@/components/auth/two-factor-form';
import { getPendingSecondFactor, getSignedInStaff, requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { verifyStaffSecondFactor } from './actions';

export default async function AdminTwoFactorPage() {
  await requireArea('admin');
  const brand = await getRequestBrand();
  if (!(await getPendingSecondFactor('staff'))) redirect((await getSignedInStaff()) ? '/' : '/sign-in');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Admin panel" className="mb-6" />
      <TwoFactorForm action={verifyStaffSecondFactor} />
    </main>
  );
}
