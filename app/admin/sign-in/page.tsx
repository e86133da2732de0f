import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { BrandStyle } from '@/components/ui/brand-style';
import { PasskeySignInButton } from '@/components/passkeys/passkey-sign-in-button';
import { getSignedInStaff, requireArea } from '@/lib/auth/request-session';
import { signInStaff } from './actions';
import { finishStaffPasskeySignIn, staffPasskeySignInOptions } from '../passkeys/actions';

export default async function AdminSignInPage() {
  const ctx = await requireArea('admin');
  if (await getSignedInStaff()) redirect('/');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandStyle color={ctx.storefront.brandColor} />
      <p className="mb-6 text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">{ctx.storefront.name} · Admin panel</p>
      <SignInForm action={signInStaff} title="Staff sign in" />
      <PasskeySignInButton start={staffPasskeySignInOptions} finish={finishStaffPasskeySignIn} />
    </main>
  );
}
