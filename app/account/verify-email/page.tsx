import { TokenConfirmPage } from '@/components/ui/token-page';
import { requireArea } from '@/lib/auth/request-session';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { verifyEmailAction } from './actions';

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await requireArea('account');
  const brand = await getRequestBrand();
  const { token } = await searchParams;
  return (
    <TokenConfirmPage
      brand={brand}
      title="Confirm your email address"
      text="Confirm that this email address belongs to you."
      token={typeof token === 'string' ? token : undefined}
      action={verifyEmailAction}
      submitLabel="Confirm email address"
    />
  );
}
