import { redirect } from 'next/navigation';
import { TwoFactorForm } from '@/components/auth/two-factor-form';
import { BrandStyle } from '@/components/ui/brand-style';
import { getPendingSecondFactor, getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { verifyCustomerSecondFactor } from './actions';

export default async function AccountTwoFactorPage() {
  const ctx = await requireArea('account');
  if (!(await getPendingSecondFactor('customer'))) redirect((await getSignedInCustomer()) ? '/' : '/sign-in');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandStyle color={ctx.storefront.brandColor} />
      <p className="mb-6 text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">{ctx.storefront.name} · Customer area</p>
      <TwoFactorForm action={verifyCustomerSecondFactor} />
    </main>
  );
}
