import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { PasskeySignInButton } from '@/components/passkeys/passkey-sign-in-button';
import { getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { signInCustomer } from './actions';
import { customerPasskeySignInOptions, finishCustomerPasskeySignIn } from '../passkeys/actions';

export default async function AccountSignInPage() {
  await requireArea('account');
  const brand = await getRequestBrand();
  if (await getSignedInCustomer()) redirect('/');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Customer area" className="mb-6" />
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
