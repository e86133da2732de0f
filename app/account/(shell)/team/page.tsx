import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { CheckboxList } from '@/components/ui/form-fields';
import { UnverifiedEmailNotice } from '@/components/account/unverified-email-notice';
import { requireCustomerInPerson } from '@/lib/auth/request-session';
import { listAccountsOfMember, listPendingTeamInvites, listTeamMembers } from '@/lib/teams/list-team';
import { TEAM_PERMISSION_LABELS, TEAM_PERMISSIONS, normaliseTeamPermissions } from '@/lib/teams/permissions';
import { resendVerificationEmailAction } from '../../verify-email/actions';
import { changeTeamMemberAction, inviteTeamMemberAction, leaveTeamAction, removeTeamMemberAction, revokeTeamInviteAction, switchAccountAction } from './actions';

const PERMISSION_ITEMS = TEAM_PERMISSIONS.map((p) => ({ value: p, label: TEAM_PERMISSION_LABELS[p] }));
const describe = (perms: string[]) => normaliseTeamPermissions(perms).map((p) => TEAM_PERMISSION_LABELS[p]).join(', ');

export default async function TeamPage() {
  const { ctx, customer, membership } = await requireCustomerInPerson();
  const [members, invites, accounts] = await Promise.all([listTeamMembers(ctx.db, customer.id), listPendingTeamInvites(ctx.db, customer.id), listAccountsOfMember(ctx.db, customer.id)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Team</h1>
      {accounts.length ? (
        <Card title="Accounts you can work on">
          <ul className="divide-y text-sm">
            {accounts.map((a) => (
              <li key={a.ownerId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <div className="font-medium">{a.label}</div>
                  <div className="text-slate-500">{describe(a.permissions)}</div>
                </div>
                <div className="flex gap-2">
                  {membership?.ownerId === a.ownerId ? (
                    <span className="text-green-700">Working on it now</span>
                  ) : (
                    <ActionForm action={switchAccountAction} submitLabel={`Work on ${a.label}`} className="flex">
                      <input type="hidden" name="ownerId" value={a.ownerId} />
                    </ActionForm>
                  )}
                  <ActionForm action={leaveTeamAction} submitLabel="Leave" className="flex">
                    <input type="hidden" name="ownerId" value={a.ownerId} />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
          {membership ? (
            <ActionForm action={switchAccountAction} submitLabel="Back to my own account" className="mt-3 flex">
              <input type="hidden" name="ownerId" value="self" />
            </ActionForm>
          ) : null}
        </Card>
      ) : null}
      {membership ? (
        <p className="text-sm text-slate-600">Switch back to your own account to manage who can access it.</p>
      ) : (
        <>
          <Card title="People with access to your account">
            {members.length ? (
              <ul className="divide-y">
                {members.map((m) => (
                  <li key={m.memberId} className="space-y-2 py-3 text-sm" data-testid={`team-member-${m.email}`}>
                    <div className="font-medium">
                      {m.name} <span className="text-slate-500">{m.email}</span>
                    </div>
                    <ActionForm action={changeTeamMemberAction} submitLabel="Save permissions" className="space-y-2">
                      <input type="hidden" name="memberId" value={m.memberId} />
                      <CheckboxList name="permissions" legend={`Permissions of ${m.email}`} items={PERMISSION_ITEMS} checked={m.permissions} />
                    </ActionForm>
                    <ActionForm action={removeTeamMemberAction} submitLabel={`Remove ${m.email}`} className="flex">
                      <input type="hidden" name="memberId" value={m.memberId} />
                    </ActionForm>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">Nobody else can access your account. Invite colleagues below; each signs in as themselves.</p>
            )}
          </Card>
          <Card title="Invite someone">
            {customer.emailVerifiedAt ? (
              <ActionForm action={inviteTeamMemberAction} submitLabel="Send invitation" className="space-y-3">
                <Field name="email" label="Their email" type="email" maxLength={254} />
                <CheckboxList name="permissions" legend="What they may do" items={PERMISSION_ITEMS} checked={['services.view']} />
              </ActionForm>
            ) : (
              <UnverifiedEmailNotice email={customer.email} doing="inviting team members" resend={resendVerificationEmailAction} />
            )}
          </Card>
          {invites.length ? (
            <Card title="Pending invitations">
              <ul className="divide-y text-sm">
                {invites.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <span>
                      {i.email} · {describe(i.permissions)} · expires {i.expiresAt.toISOString().slice(0, 10)}
                    </span>
                    <ActionForm action={revokeTeamInviteAction} submitLabel="Withdraw" className="flex">
                      <input type="hidden" name="inviteId" value={i.id} />
                    </ActionForm>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </>
      )}
    </div>
  );
}
