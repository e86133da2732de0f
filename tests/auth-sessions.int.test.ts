import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { findSession, revokeSession } from '@/lib/auth/sessions';
import { describeDevice, listActiveSessions, listSignInHistory, revokeOwnSession } from '@/lib/auth/list-sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog, customers, emailOutbox, sessions } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
const actor = { type: 'system' as const, label: 'test' };

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  sfId = sf.id;
  await createCustomer(db, { input: { email: 'Ann@Example.com', name: 'Ann', password: 'ann-password-1', country: 'de' }, actor });
  await createStaffUser(db, { storefrontId: sf.id, input: { email: 'boss@example.com', name: 'Boss', password: 'boss-password-1', role: 'owner' }, actor });
});
afterAll(async () => {
  await t.cleanup();
});

describe('password sign-in and sessions', () => {
  it('signs a customer in, records it, and the session can be revoked', async () => {
    const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'ann@example.com', password: 'ann-password-1' }, ip: '203.0.113.9' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const session = await findSession(db, r.token, 'customer');
    expect(session?.ip).toBe('203.0.113.9');
    // The cookie token itself is never stored.
    const stored = await db.select().from(sessions);
    expect(JSON.stringify(stored)).not.toContain(r.token);

    await revokeSession(db, r.token);
    expect(await findSession(db, r.token, 'customer')).toBeNull();
    const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toContain('auth.signed_in');
  });

  it('mails new staff a welcome that links to the admin host and never carries the password', async () => {
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'boss@example.com'));
    expect(mail?.template).toBe('staff-welcome');
    expect(mail?.props).toMatchObject({ adminUrl: 'http://admin.shop.test:3000/sign-in' });
    expect(JSON.stringify(mail)).not.toContain('boss-password-1');
  });

  it('gives one message for a wrong password and an unknown email', async () => {
    const wrong = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'ann@example.com', password: 'nope-nope-nope' } });
    const unknown = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'who@example.com', password: 'nope-nope-nope' } });
    expect(wrong).toEqual({ ok: false, message: 'Email or password is incorrect.' });
    expect(unknown).toEqual(wrong);
  });

  it('keeps customers and staff apart', async () => {
    const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'ann@example.com', password: 'ann-password-1' } });
    expect(r.ok).toBe(false);
    const s = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'boss@example.com', password: 'boss-password-1' } });
    expect(s.ok).toBe(true);
    if (s.ok) expect(await findSession(db, s.token, 'customer')).toBeNull();
  });

  it('rejects malformed input with field errors and writes nothing', async () => {
    const before = await db.select().from(sessions);
    const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'not-an-email', password: 'x'.repeat(500) } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {})).toEqual(['email', 'password']);
    expect(await db.select().from(sessions)).toHaveLength(before.length);
  });

  it('refuses a closed account', async () => {
    // Its own customer, so closing it leaves Ann to the other tests.
    await createCustomer(db, { input: { email: 'closed@example.com', name: 'Closed', password: 'closed-password-1', country: 'de' }, actor });
    await db.update(customers).set({ status: 'closed' }).where(eq(customers.email, 'closed@example.com'));
    const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'closed@example.com', password: 'closed-password-1' } });
    expect(r.ok).toBe(false);
  });

  it('never finds a session for a garbage token', async () => {
    expect(await findSession(db, "' OR 1=1 --", 'customer')).toBeNull();
  });
});

describe('session list and sign-in history', () => {
  it('lists live sessions, revokes only your own, and shows sign-in history', async () => {
    await createCustomer(db, { input: { email: 'lee@example.com', name: 'Lee', password: 'lee-password-12', country: 'US' }, actor });
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
    const a = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'lee@example.com', password: 'lee-password-12' }, ip: '192.0.2.10', userAgent: ua });
    const b = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'lee@example.com', password: 'lee-password-12' }, ip: '192.0.2.11' });
    await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'lee@example.com', password: 'wrong-password' }, ip: '192.0.2.12' });
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    const sa = (await findSession(db, a.token, 'customer'))!;
    const sb = (await findSession(db, b.token, 'customer'))!;
    const lee = sa.principalId;

    const live = await listActiveSessions(db, 'customer', lee);
    expect(live.map((s) => s.id).sort()).toEqual([sa.id, sb.id].sort());
    expect(describeDevice(ua)).toBe('Chrome on Linux');

    // Someone else's session (staff Boss signs in here) is not Lee's to end.
    const bossSignIn = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'boss@example.com', password: 'boss-password-1' } });
    if (!bossSignIn.ok) throw new Error('staff sign-in failed');
    const boss = (await findSession(db, bossSignIn.token, 'staff'))!;
    await expect(revokeOwnSession(db, { principalType: 'customer', principalId: lee, sessionId: boss.id, actor })).rejects.toThrow(/already signed out/);
    await revokeOwnSession(db, { principalType: 'customer', principalId: lee, sessionId: sb.id, actor });
    expect(await findSession(db, b.token, 'customer')).toBeNull();
    expect((await listActiveSessions(db, 'customer', lee)).map((s) => s.id)).toEqual([sa.id]);

    const history = await listSignInHistory(db, 'customer', lee);
    expect(history.map((h) => h.action)).toEqual(['auth.sign_in_failed', 'auth.signed_in', 'auth.signed_in']);
    expect(history[0]?.ip).toBe('192.0.2.12');
  });
});
