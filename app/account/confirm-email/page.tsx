import { TokenConfirmPage } from '@/components/ui/token-page';
import { requireArea } from '@/lib/auth/request-session';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { confirmEmailChangeAction } from './actions';

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await requireArea('account');
  const brand = await getRequestBrand();
  const { token } = await searchParams;
  return (
    <TokenConfirmPage
      brand={brand}
      title="Confirm your new email address"
      text="Confirm that this is the new email address of your account."
      token={typeof token === 'string' ? token : undefined}
      action={confirmEmailChangeAction}
      submitLabel="Use this address"
    />
  );
}
