import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { findTeamInvite, TEAM_INVITE_REFUSAL } from '@/lib/teams/accept-team-invite';
import { normaliseTeamPermissions, TEAM_PERMISSION_LABELS } from '@/lib/teams/permissions';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { acceptTeamInviteAction } from './actions';

export default async function AcceptTeamInvitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireArea('account');
  const brand = await getRequestBrand();
  const token = (await searchParams).token;
  const state = await findTeamInvite(ctx.db, typeof token === 'string' ? token : '');
  const signedIn = await getSignedInCustomer();
  return (
    <main className="mx-auto max-w-md space-y-4 px-6 py-16">
      <BrandLine brand={brand} area="Customer area" className="" />
      <h1 className="text-2xl font-semibold">Team invitation</h1>
      {state.status !== 'valid' ? (
        <p role="alert">{TEAM_INVITE_REFUSAL[state.status]}</p>
      ) : (
        <>
          <p>
            {state.ownerName} invited <strong>{state.invite.email}</strong> to work on their account with these permissions:
          </p>
          <ul className="list-disc pl-6 text-sm">
            {normaliseTeamPermissions(state.invite.permissions).map((p) => (
              <li key={p}>{TEAM_PERMISSION_LABELS[p]}</li>
            ))}
          </ul>
          {signedIn && !signedIn.impersonation && signedIn.customer.email === state.invite.email ? (
            <ActionForm action={acceptTeamInviteAction} submitLabel="Accept the invitation">
              <input type="hidden" name="token" value={String(token)} />
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-700">
              {signedIn ? `You are signed in as ${signedIn.customer.email}. ` : ''}Sign in as {state.invite.email} (or{' '}
              <Link href="/register" className="text-[var(--brand)] underline">
                create an account
              </Link>{' '}
              with that address), then open the link in the email again.{' '}
              {signedIn ? null : (
                <Link href="/sign-in" className="text-[var(--brand)] underline">
                  Sign in
                </Link>
              )}
            </p>
          )}
        </>
      )}
    </main>
  );
}
