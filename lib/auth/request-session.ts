import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { env } from '@/lib/config/env';
import { getRequestContext, type RequestContext } from '@/lib/tenancy/request-context';
import { customers, staffUsers, type Customer, type StaffUser } from '@/db/schema/storefront';
import { findSession, revokeSession, type PrincipalType } from './sessions';

const COOKIE: Record<PrincipalType, string> = { customer: 'ezs_account_session', staff: 'ezs_admin_session' };
const AREA: Record<PrincipalType, 'account' | 'admin'> = { customer: 'account', staff: 'admin' };

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  return { ip: forwarded || h.get('x-real-ip'), userAgent: h.get('user-agent') };
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

async function principalFor(type: PrincipalType): Promise<{ ctx: RequestContext; sessionId: number; principalId: number } | null> {
  const ctx = await requireArea(AREA[type]);
  const token = (await cookies()).get(COOKIE[type])?.value;
  if (!token) return null;
  const session = await findSession(ctx.db, token, type);
  return session ? { ctx, sessionId: session.id, principalId: session.principalId } : null;
}

export const getSignedInStaff = cache(async (): Promise<{ ctx: RequestContext; staff: StaffUser } | null> => {
  const p = await principalFor('staff');
  if (!p) return null;
  const [staff] = await p.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, p.principalId)).limit(1);
  return staff && staff.status === 'active' ? { ctx: p.ctx, staff } : null;
});

export const getSignedInCustomer = cache(async (): Promise<{ ctx: RequestContext; customer: Customer } | null> => {
  const p = await principalFor('customer');
  if (!p) return null;
  const [customer] = await p.ctx.db.select().from(customers).where(eq(customers.id, p.principalId)).limit(1);
  return customer && customer.status === 'active' ? { ctx: p.ctx, customer } : null;
});

export async function requireStaff() {
  const s = await getSignedInStaff();
  if (!s) redirect('/sign-in');
  return s;
}

export async function requireCustomer() {
  const c = await getSignedInCustomer();
  if (!c) redirect('/sign-in');
  return c;
}
