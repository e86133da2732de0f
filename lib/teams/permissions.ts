import { AppError } from '@/lib/errors/app-error';

/** What an owner can grant a team member. */
export const TEAM_PERMISSIONS = ['services.view', 'services.manage', 'billing.view', 'billing.pay', 'payment_methods.manage', 'tickets.open', 'full_access'] as const;
export type TeamPermission = (typeof TEAM_PERMISSIONS)[number];

export const TEAM_PERMISSION_LABELS: Record<TeamPermission, string> = {
  'services.view': 'View services',
  'services.manage': 'Manage services',
  'billing.view': 'View invoices and billing',
  'billing.pay': 'Pay invoices',
  'payment_methods.manage': 'Manage payment methods',
  'tickets.open': 'Open support tickets',
  'full_access': 'Full access (orders, profile and everything above)',
};

/**
 * What a page or action of the customer area needs on the account it works on. `account.manage` (profile,
 * ordering) is the owner's or a full-access member's; the team itself is only ever managed by its owner.
 */
export type AccountPermission = Exclude<TeamPermission, 'full_access'> | 'account.manage';

// Acting on something implies seeing it: paying an invoice needs to see it, managing services to list them.
const IMPLIED_BY: Partial<Record<AccountPermission, TeamPermission[]>> = {
  'services.view': ['services.manage'],
  'billing.view': ['billing.pay', 'payment_methods.manage'],
};

export function teamAllows(granted: readonly string[], needed: AccountPermission): boolean {
  if (granted.includes('full_access')) return true;
  if (needed === 'account.manage') return false;
  return granted.includes(needed) || (IMPLIED_BY[needed] ?? []).some((p) => granted.includes(p));
}

/** Known names only, in catalogue order; full access stands alone. */
export function normaliseTeamPermissions(names: readonly string[]): TeamPermission[] {
  if (names.includes('full_access')) return ['full_access'];
  return TEAM_PERMISSIONS.filter((p) => names.includes(p));
}

export const TEAM_REFUSAL = 'Your access to this account does not allow that. Ask the account owner.';

/** The one check behind team pages (403 page) and actions (403 AppError): the owner (no membership) may do anything. */
export function assertTeamAllows(membership: { permissions: readonly string[] } | null, needed: AccountPermission): void {
  if (membership && !teamAllows(membership.permissions, needed)) throw new AppError('forbidden', TEAM_REFUSAL);
}
