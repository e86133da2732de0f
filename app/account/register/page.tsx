import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { registerAction } from './actions';

export default async function RegisterPage() {
  await requireArea('account');
  const brand = await getRequestBrand();
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <BrandLine brand={brand} area="Customer area" className="mb-2" />
      <h1 className="mb-6 text-2xl font-semibold">Create your account</h1>
      <ActionForm action={registerAction} submitLabel="Create account" className="space-y-4">
        <Field name="name" label="Full name" autoComplete="name" maxLength={120} required />
        <Field name="email" label="Email" type="email" autoComplete="email" maxLength={254} required />
        <Field name="password" label="Password" type="password" autoComplete="new-password" required />
        <p className="-mt-2 text-xs text-slate-500">At least 10 characters, and not a commonly used password.</p>
        <div className="grid grid-cols-2 gap-3">
          <Field name="country" label="Country (2-letter code)" autoComplete="country" maxLength={2} required defaultValue="US" />
          <Field name="currency" label="Currency" maxLength={3} required defaultValue="USD" />
        </div>
        <Field name="company" label="Company (optional)" autoComplete="organization" maxLength={160} />
        <Field name="taxId" label="Tax ID (optional)" maxLength={40} />
      </ActionForm>
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/sign-in" className="text-[var(--brand)] underline">
          Sign in
        </Link>
      </p>
    </main>
  );
}
