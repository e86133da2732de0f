import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { BrandStyle } from '@/components/ui/brand-style';
import { requireArea } from '@/lib/auth/request-session';
import { forgotPasswordAction } from './actions';

export default async function ForgotPasswordPage() {
  const ctx = await requireArea('account');
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandStyle color={ctx.storefront.brandColor} />
      <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">{ctx.storefront.name} · Customer area</p>
      <h1 className="mb-6 text-2xl font-semibold">Reset your password</h1>
      <ActionForm action={forgotPasswordAction} submitLabel="Email me a reset link" className="space-y-4">
        <Field name="email" label="Email" type="email" autoComplete="email" maxLength={254} required />
      </ActionForm>
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="text-[var(--brand)] underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}
