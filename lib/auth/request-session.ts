import { cookies, headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { env } from '@/lib/config/env';
import { clientIpFrom, trustedProxyList } from '@/lib/security/client-ip';
import { getRequestContext, type RequestContext } from '@/lib/tenancy/request-context';
import { customers, staffUsers, type Customer, type Session, type StaffUser } from '@/db/schema/storefront';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { hasPasskey } from '@/lib/passkeys/manage-passkeys';
import { findMembership } from '@/lib/teams/list-team';
import { teamAllows, type AccountPermission, type TeamPermission } from '@/lib/teams/permissions';
import { findPendingMfaSession, findSession, revokeSession, type PrincipalType } from './sessions';

const COOKIE: Record<PrincipalType, string> = { customer: 'ezs_account_session', staff: 'ezs_admin_session' };
const AREA: Record<PrincipalType, 'account' | 'admin'> = { customer: 'account', staff: 'admin' };

/**
 * The client's IP for rate limits and the audit log: the first X-Forwarded-For hop from the right that is not
 * one of TRUSTED_PROXIES (the last hop is the TCP peer, see lib/security/peer-address-hook.ts).
 */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const ip = clientIpFrom(h.get('x-forwarded-for'), trustedProxyList(env().TRUSTED_PROXIES));
  return { ip: ip?.slice(0, 45) ?? null, userAgent: h.get('user-agent') };
}

export async function setSessionCookie(type: PrincipalType, token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(COOKIE[type], token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().APP_PROTOCOL === 'https',
    path: '/',
    expires: expiresAt,
  });
}

/** Re-sets the current session cookie with a new expiry (after the second factor turns a short pending session into a full one). */
export async function extendSessionCookie(type: PrincipalType, expiresAt: Date): Promise<void> {
  const token = (await cookies()).get(COOKIE[type])?.value;
  if (token) await setSessionCookie(type, token, expiresAt);
}

export async function endSession(type: PrincipalType): Promise<void> {
  const jar = await cookies();
  const token = jar.get(COOKIE[type])?.value;
  if (token) await revokeSession((await getRequestContext()).db, token);
  jar.delete(COOKIE[type]);
}

/** Ensures the request is on the area's own host; anything else is a 404, whatever the path. */
export async function requireArea(area: RequestContext['area']): Promise<RequestContext> {
  const ctx = await getRequestContext();
  if (ctx.area !== area) notFound();
  return ctx;
}

async function principalFor(
  type: PrincipalType,
): Promise<{ ctx: RequestContext; sessionId: number; sessionKey: string; principalId: number; session: Session } | null> {
  const ctx = await requireArea(AREA[type]);
  const token = (await cookies()).get(COOKIE[type])?.value;
  if (!token) return null;
  // A session still waiting for its second factor is not signed in: findSession leaves it out.
  const session = await findSession(ctx.db, token, type);
  return session ? { ctx, sessionId: session.id, sessionKey: session.tokenHash, principalId: session.principalId, session } : null;
}

export interface SignedInStaff {
  ctx: RequestContext;
  staff: StaffUser;
  sessionId: number;
  /** The session's token hash: unique across storefronts, keys per-session rate limits. */
  sessionKey: string;
  twoFactorEnabled: boolean;
}

export interface SignedInCustomer {
  ctx: RequestContext;
  /** The person signed in: their own security settings, sessions and team. */
  customer: Customer;
  /** The account pages work on: the person's own, or an owner's they switched to as a team member. */
  account: Customer;
  /** Set while working on someone else's account: what the membership allows there. */
  membership: { ownerId: number; permissions: TeamPermission[] } | null;
  sessionId: number;
  sessionKey: string;
  /** Set when a staff member is signed in as this customer. */
  impersonation: { staffId: number; reason: string } | null;
}

/** The signed-in staff user, whether or not they have set up two-factor authentication yet. */
export const getSignedInStaff = cache(async (): Promise<SignedInStaff | null> => {
  const p = await principalFor('staff');
  if (!p) return null;
  const [staff] = await p.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, p.principalId)).limit(1);
  if (!staff || staff.status !== 'active') return null;
  // A passkey is a second factor in itself (possession plus user verification), so it satisfies the requirement too.
  const twoFactorEnabled = (await hasConfirmedTotp(p.ctx.db, { type: 'staff', id: staff.id })) || (await hasPasskey(p.ctx.db, { type: 'staff', id: staff.id }));
  return { ctx: p.ctx, staff, sessionId: p.sessionId, sessionKey: p.sessionKey, twoFactorEnabled };
});

export const getSignedInCustomer = cache(async (): Promise<SignedInCustomer | null> => {
  const p = await principalFor('customer');
  if (!p) return null;
  const [customer] = await p.ctx.db.select().from(customers).where(eq(customers.id, p.principalId)).limit(1);
  if (!customer || customer.status !== 'active') return null;
  const { impersonatorStaffId, impersonationReason } = p.session;
  const impersonation = impersonatorStaffId ? { staffId: impersonatorStaffId, reason: impersonationReason ?? '' } : null;
  // The membership is checked on every request, so a removed member is back on their own account at once.
  const ownerId = p.session.actingForCustomerId;
  const permissions = ownerId ? await findMembership(p.ctx.db, ownerId, customer.id) : null;
  const [owner] = ownerId && permissions ? await p.ctx.db.select().from(customers).where(eq(customers.id, ownerId)).limit(1) : [];
  const membership = owner && permissions ? { ownerId: owner.id, permissions } : null;
  return { ctx: p.ctx, customer, account: owner && membership ? owner : customer, membership, sessionId: p.sessionId, sessionKey: p.sessionKey, impersonation };
});

/** Whether the signed-in person may do this on the account they are working on (always, on their own). */
export function accountAllows(signedIn: Pick<SignedInCustomer, 'membership'>, permission: AccountPermission): boolean {
  return signedIn.membership === null || teamAllows(signedIn.membership.permissions, permission);
}

/** For pages: the signed-in customer, or a 403 page when their team membership does not allow this. */
export async function requireAccountPermission(permission: AccountPermission): Promise<SignedInCustomer> {
  const c = await requireCustomer();
  if (!accountAllows(c, permission)) forbidden();
  return c;
}

/**
 * Staff who may use the admin panel: signed in and with two-factor authentication set up. Pages, layouts and
 * server actions all call this, so a staff user without it reaches nothing but the enrolment page.
 */
export async function requireStaff(): Promise<SignedInStaff> {
  const s = await getSignedInStaff();
  if (!s) redirect('/sign-in');
  if (!s.twoFactorEnabled) redirect('/enrol-two-factor');
  return s;
}

export async function requireCustomer(): Promise<SignedInCustomer> {
  const c = await getSignedInCustomer();
  if (!c) redirect('/sign-in');
  return c;
}

/**
 * The customer themselves, not staff signed in as them: security settings (password, email, second factors,
 * sessions, closure) are out of an impersonator's reach.
 */
export async function requireCustomerInPerson(): Promise<SignedInCustomer> {
  const c = await requireCustomer();
  if (c.impersonation) notFound();
  return c;
}

/** The session waiting for its second factor on this area's host, with the email it signed in as. */
export const getPendingSecondFactor = cache(async (type: PrincipalType): Promise<{ ctx: RequestContext; session: Session; email: string } | null> => {
  const ctx = await requireArea(AREA[type]);
  const token = (await cookies()).get(COOKIE[type])?.value;
  if (!token) return null;
  const session = await findPendingMfaSession(ctx.db, token, type);
  if (!session) return null;
  const table = type === 'staff' ? staffUsers : customers;
  const [row] = await ctx.db.select({ email: table.email }).from(table).where(eq(table.id, session.principalId)).limit(1);
  return row ? { ctx, session, email: row.email } : null;
});
