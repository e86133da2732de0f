import { TokenConfirmPage } from '@/components/ui/token-page';
import { requireArea } from '@/lib/auth/request-session';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { continueImpersonationAction } from './actions';

// The admin panel's hand-off lands here. Opening the link only shows the button: the one-time token turns into a
// customer session on a deliberate POST, never on a GET a prefetch or another site could send.
export default async function ImpersonatePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await requireArea('account');
  const brand = await getRequestBrand();
  const { token } = await searchParams;
  return (
    <TokenConfirmPage
      brand={brand}
      title="Sign in as the customer"
      text="You are about to open this customer's account as staff. The session is marked as yours, audited, and ends within the hour."
      token={typeof token === 'string' ? token : undefined}
      action={continueImpersonationAction}
      submitLabel="Continue as the customer"
    />
  );
}
