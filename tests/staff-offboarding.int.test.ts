import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '@/db/schema/storefront';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { createSession, findSession } from '@/lib/auth/sessions';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { completeImpersonation, startImpersonation } from '@/lib/impersonation/impersonation';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { setStaffStatus, type StaffChangeActor } from '@/lib/staff/update-staff-member';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// Offboarding: the moment staff are disabled, nothing they were signed in to keeps working, including the
// customer sessions they opened by signing in as a customer.

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
let owner: StaffChangeActor;
let customerId: number;
const PASSWORD = 'Correct-Horse-Battery-9';
const system = { type: 'system' as const };
let n = 0;

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  storefrontId = sf.id;
  db = openStorefrontDb(sf);
  const o = await createStaffUser(db, { storefrontId, input: { email: 'owner@shop.test', name: 'Owner', password: PASSWORD, role: 'owner' }, actor: system });
  owner = { type: 'staff', id: o.id, label: o.email, role: 'owner' };
  customerId = (await createCustomer(db, { input: { email: 'cat@example.com', name: 'Cat', password: 'cat-password-12', country: 'US' }, actor: system })).id;
});
afterAll(async () => {
  await t.cleanup();
});

async function supportStaff() {
  n += 1;
  const email = `support${n}@shop.test`;
  const s = await createStaffUser(db, { storefrontId, input: { email, name: `Support ${n}`, password: PASSWORD, role: 'support' }, actor: system });
  return { id: s.id, email };
}

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

async function impersonate(staffId: number) {
  const url = await startImpersonation(db, { storefrontId, staffId, customerId, reason: 'ticket #7: checking the invoice' });
  return completeImpersonation(db, { token: tokenOf(url), ip: '192.0.2.7', userAgent: null });
}

describe('disabling a staff member', () => {
  it('ends their admin session and their impersonation at once, audited; the customer stays signed in', async () => {
    const a = await supportStaff();
    const admin = await signInWithPassword(db, { principalType: 'staff', input: { email: a.email, password: PASSWORD }, storefrontId });
    expect(admin.ok).toBe(true);
    if (!admin.ok) return;
    const imp = await impersonate(a.id);
    const impSession = (await findSession(db, imp.token, 'customer'))!;
    expect(impSession).toMatchObject({ principalId: customerId, impersonatorStaffId: a.id });
    const unused = await startImpersonation(db, { storefrontId, staffId: a.id, customerId, reason: 'a second tab, never opened' });
    const own = await createSession(db, { principalType: 'customer', principalId: customerId });

    await setStaffStatus(db, { staffId: a.id, status: 'disabled', actor: owner });

    expect(await findSession(db, admin.token, 'staff')).toBeNull();
    expect(await findSession(db, imp.token, 'customer')).toBeNull();
    // The customer's own session is theirs, not the staff member's.
    expect(await findSession(db, own.token, 'customer')).not.toBeNull();
    await expect(completeImpersonation(db, { token: tokenOf(unused), ip: null, userAgent: null })).rejects.toThrow(/not active/);

    const [disabled] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.disabled'), eq(auditLog.targetId, String(a.id))));
    expect(disabled).toMatchObject({ actorId: owner.id, before: { status: 'active' }, after: { status: 'disabled', sessionsRevoked: 1, impersonationsEnded: 1 } });
    const ended = await db.select().from(auditLog).where(and(eq(auditLog.action, 'impersonation.ended'), eq(auditLog.targetId, String(customerId))));
    expect(ended).toMatchObject([{ actorType: 'staff', actorId: owner.id, after: { impersonatorStaffId: a.id, session: impSession.id, because: 'staff.disabled' } }]);
  });

  it('a disabled staff member cannot sign in again', async () => {
    const a = await supportStaff();
    await setStaffStatus(db, { staffId: a.id, status: 'disabled', actor: owner });
    const r = await signInWithPassword(db, { principalType: 'staff', input: { email: a.email, password: PASSWORD }, storefrontId });
    expect(r).toMatchObject({ ok: false, message: 'Email or password is incorrect.' });
    await expect(impersonate(a.id)).rejects.toThrow(/not active/);
  });

  it('an impersonation completing while its staff member is disabled never outlives the disable', async () => {
    for (let i = 0; i < 8; i++) {
      const a = await supportStaff();
      const url = await startImpersonation(db, { storefrontId, staffId: a.id, customerId, reason: 'racing the offboarding' });
      await Promise.allSettled([completeImpersonation(db, { token: tokenOf(url), ip: null, userAgent: null }), setStaffStatus(db, { staffId: a.id, status: 'disabled', actor: owner })]);
      const live = (await db.select().from(sessions).where(eq(sessions.impersonatorStaffId, a.id))).filter((s) => s.revokedAt === null);
      expect(live).toEqual([]);
    }
  });
});
