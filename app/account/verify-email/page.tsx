import { TokenConfirmPage } from '@/components/ui/token-page';
import { requireArea } from '@/lib/auth/request-session';
import { verifyEmailAction } from './actions';

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const ctx = await requireArea('account');
  const { token } = await searchParams;
  return (
    <TokenConfirmPage
      storefrontName={ctx.storefront.name}
      brandColor={ctx.storefront.brandColor}
      title="Confirm your email address"
      text="Confirm that this email address belongs to you."
      token={typeof token === 'string' ? token : undefined}
      action={verifyEmailAction}
      submitLabel="Confirm email address"
    />
  );
}
