import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { requireArea } from '@/lib/auth/request-session';
import { findStaffInvite, inviteRefusal } from '@/lib/staff/accept-staff-invite';
import { ROLE_LABELS } from '@/lib/staff/permissions';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { acceptInviteAction } from './actions';

// Opening the link changes nothing (mail scanners fetch links): the account is created on the form's POST.
export default async function AcceptInvitePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const ctx = await requireArea('admin');
  const brand = await getRequestBrand();
  const { token } = await searchParams;
  const state = typeof token === 'string' ? await findStaffInvite(ctx.db, token) : ({ status: 'invalid' } as const);
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <BrandLine brand={brand} area="Admin panel" className="mb-2" />
      <h1 className="mb-6 text-2xl font-semibold">Join the staff</h1>
      {state.status === 'valid' && typeof token === 'string' ? (
        <>
          <p className="mb-4 text-slate-700">
            You are invited as <strong>{ROLE_LABELS[state.invite.role]}</strong> with the email <strong>{state.invite.email}</strong>.
          </p>
          <ActionForm action={acceptInviteAction} submitLabel="Create my account" className="space-y-4">
            <input type="hidden" name="token" value={token} />
            <Field name="name" label="Name" defaultValue={state.invite.name} maxLength={120} autoComplete="name" required />
            <Field name="password" label="Password" type="password" autoComplete="new-password" required />
          </ActionForm>
        </>
      ) : (
        <p className="text-red-700">{inviteRefusal(state.status === 'valid' ? 'invalid' : state.status)}</p>
      )}
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="text-[var(--brand)] underline">
          Go to sign in
        </Link>
      </p>
    </main>
  );
}
