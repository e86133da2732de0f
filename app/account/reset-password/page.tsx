import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { peekOneTimeToken } from '@/lib/auth/one-time-tokens';
import { requireArea } from '@/lib/auth/request-session';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { resetPasswordAction } from './actions';

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const ctx = await requireArea('account');
  const brand = await getRequestBrand();
  const { token } = await searchParams;
  const live = typeof token === 'string' ? await peekOneTimeToken(ctx.db, 'reset_password', token) : null;
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Customer area" className="mb-2" />
      <h1 className="mb-6 text-2xl font-semibold">Choose a new password</h1>
      {live && typeof token === 'string' ? (
        <ActionForm action={resetPasswordAction} submitLabel="Set new password" className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required />
        </ActionForm>
      ) : (
        <p className="text-red-700">
          This reset link is invalid, expired or already used.{' '}
          <Link href="/forgot-password" className="underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="text-[var(--brand)] underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}
