import { redirect } from 'next/navigation';
import { TwoFactorForm } from '@/components/auth/two-factor-form';
import { getPendingSecondFactor, getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { verifyCustomerSecondFactor } from './actions';

export default async function AccountTwoFactorPage() {
  await requireArea('account');
  const brand = await getRequestBrand();
  if (!(await getPendingSecondFactor('customer'))) redirect((await getSignedInCustomer()) ? '/' : '/sign-in');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Customer area" className="mb-6" />
      <TwoFactorForm action={verifyCustomerSecondFactor} />
    </main>
  );
}
