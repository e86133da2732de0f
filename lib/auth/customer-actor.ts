import type { AuditActor } from '@/lib/audit/record-audit';
import type { AccountPermission } from '@/lib/teams/permissions';
import { AppError } from '@/lib/errors/app-error';
import { assertTeamAllows } from '@/lib/teams/permissions';
import { requestMeta, requireCustomer, requireCustomerInPerson } from './request-session';

/**
 * Who acts in the customer area: the customer, a team member working on the owner's account (recorded as
 * themselves), or the staff member signed in as the customer. Security changes need the customer in person.
 */
export async function customerActor(opts: { inPerson: boolean } = { inPerson: false }) {
  const signedIn = opts.inPerson ? await requireCustomerInPerson() : await requireCustomer();
  const { ctx, customer, account, membership, sessionId, impersonation } = signedIn;
  const meta = await requestMeta();
  const actor: AuditActor = impersonation
    ? { type: 'staff', id: impersonation.staffId, label: `signed in as ${customer.email}`, ...meta }
    : membership
      ? { type: 'team_member', id: customer.id, label: `${customer.email} for ${account.email}`, ...meta }
      : { type: 'customer', id: customer.id, label: customer.email, ...meta };
  return { ctx, customer, account, membership, sessionId, actor, signedIn };
}

export type AccountActionAccess = ({ allowed: true } & Awaited<ReturnType<typeof customerActor>>) | { allowed: false; message: string };

/** For server actions on the account being worked on: refuses (403-style message) what the membership does not allow. */
export async function accountActionAccess(permission: AccountPermission): Promise<AccountActionAccess> {
  const who = await customerActor();
  try {
    assertTeamAllows(who.membership, permission);
  } catch (err) {
    if (err instanceof AppError) return { allowed: false, message: err.message };
    throw err;
  }
  return { allowed: true, ...who };
}
