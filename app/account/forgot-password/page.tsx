import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { forgotPasswordAction } from './actions';

export default async function ForgotPasswordPage() {
  await requireArea('account');
  const brand = await getRequestBrand();
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Customer area" className="mb-2" />
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
