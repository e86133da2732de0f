import { TokenConfirmPage } from '@/components/ui/token-page';
import { requireArea } from '@/lib/auth/request-session';
import { confirmEmailChangeAction } from './actions';

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const ctx = await requireArea('account');
  const { token } = await searchParams;
  return (
    <TokenConfirmPage
      storefrontName={ctx.storefront.name}
      brandColor={ctx.storefront.brandColor}
      title="Confirm your new email address"
      text="Confirm that this is the new email address of your account."
      token={typeof token === 'string' ? token : undefined}
      action={confirmEmailChangeAction}
      submitLabel="Use this address"
    />
  );
}
