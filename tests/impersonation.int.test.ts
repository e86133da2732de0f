import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { completeImpersonation, endImpersonation, startImpersonation } from '@/lib/impersonation/impersonation';
import { findSession } from '@/lib/auth/sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { auditLog } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let sf: Storefront;
let db: StorefrontDb;
let support: number;
let readOnly: number;
let customer: number;
const system = { type: 'system' as const };

beforeAll(async () => {
  t = await setupTestEnv();
  sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  support = (await createStaffUser(db, { storefrontId: sf.id, input: { email: 'sup@shop.test', name: 'Sup', password: 'support-password-1', role: 'support' }, actor: system })).id;
  readOnly = (await createStaffUser(db, { storefrontId: sf.id, input: { email: 'ro@shop.test', name: 'Ro', password: 'readonly-password-1', role: 'read_only' }, actor: system })).id;
  customer = (await createCustomer(db, { input: { email: 'cat@example.com', name: 'Cat', country: 'US' }, actor: system })).id;
});
afterAll(async () => {
  await t.cleanup();
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('sign in as customer', () => {
  it('needs the permission and a reason', async () => {
    await expect(startImpersonation(db, { storefrontId: sf.id, staffId: readOnly, customerId: customer, reason: 'checking an invoice issue' })).rejects.toThrow(/permission/);
    await expect(startImpersonation(db, { storefrontId: sf.id, staffId: support, customerId: customer, reason: 'x' })).rejects.toThrow(/at least 10 characters/);
  });

  it('hands off once to a marked, short session and audits start and end', async () => {
    const url = await startImpersonation(db, { storefrontId: sf.id, staffId: support, customerId: customer, reason: 'ticket #42: cannot see invoice' });
    expect(url).toMatch(/^http:\/\/account\.shop\.test:3000\/impersonate\?token=/);
    const s = await completeImpersonation(db, { token: tokenOf(url), ip: '192.0.2.1', userAgent: null });
    await expect(completeImpersonation(db, { token: tokenOf(url), ip: null, userAgent: null })).rejects.toThrow(/invalid or expired/);
    expect(s.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);

    const session = (await findSession(db, s.token, 'customer'))!;
    expect(session).toMatchObject({ principalId: customer, impersonatorStaffId: support, impersonationReason: 'ticket #42: cannot see invoice' });

    await endImpersonation(db, { sessionId: session.id, ip: null });
    expect(await findSession(db, s.token, 'customer')).toBeNull();
    const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, String(customer)));
    const imp = rows.filter((r) => r.action.startsWith('impersonation.'));
    expect(imp.map((r) => [r.action, r.actorType, r.actorId])).toEqual([
      ['impersonation.started', 'staff', support],
      ['impersonation.ended', 'staff', support],
    ]);
    expect(imp[0]?.after).toEqual({ reason: 'ticket #42: cannot see invoice' });
  });
});
