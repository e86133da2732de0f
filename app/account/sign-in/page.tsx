import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { BrandStyle } from '@/components/ui/brand-style';
import { PasskeySignInButton } from '@/components/passkeys/passkey-sign-in-button';
import { getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { signInCustomer } from './actions';
import { customerPasskeySignInOptions, finishCustomerPasskeySignIn } from '../passkeys/actions';

export default async function AccountSignInPage() {
  const ctx = await requireArea('account');
  if (await getSignedInCustomer()) redirect('/');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandStyle color={ctx.storefront.brandColor} />
      <p className="mb-6 text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">{ctx.storefront.name} · Customer area</p>
      <SignInForm action={signInCustomer} title="Sign in to your account" />
      <PasskeySignInButton start={customerPasskeySignInOptions} finish={finishCustomerPasskeySignIn} />
      <div className="mt-6 flex justify-between text-sm">
        <Link href="/forgot-password" className="text-[var(--brand)] underline">
          Forgot your password?
        </Link>
        <Link href="/register" className="text-[var(--brand)] underline">
          Create an account
        </Link>
      </div>
    </main>
  );
}
