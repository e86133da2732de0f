import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { PasskeySignInButton } from '@/components/passkeys/passkey-sign-in-button';
import { getSignedInStaff, requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { signInStaff } from './actions';
import { finishStaffPasskeySignIn, staffPasskeySignInOptions } from '../passkeys/actions';

export default async function AdminSignInPage() {
  await requireArea('admin');
  const brand = await getRequestBrand();
  if (await getSignedInStaff()) redirect('/');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Admin panel" className="mb-6" />
      <SignInForm action={signInStaff} title="Staff sign in" />
      <PasskeySignInButton start={staffPasskeySignInOptions} finish={finishStaffPasskeySignIn} />
    </main>
  );
}
