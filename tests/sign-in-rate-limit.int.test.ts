import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { signInWithPassword } from '@/lib/auth/sign-in';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const PASSWORD = 'rate-limit-password-1';
const REFUSED = { ok: false, code: 'rate_limited', message: 'Too many attempts. Try again in 15 minutes.' };

function attempt(email: string, password: string, ip: string | null = null, sf = storefrontId) {
  return signInWithPassword(db, { principalType: 'customer', input: { email, password }, storefrontId: sf, ip });
}

async function auditCount(action: string): Promise<number> {
  return (await db.select().from(auditLog).where(eq(auditLog.action, action))).length;
}

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  storefrontId = sf.id;
  db = openStorefrontDb(sf);
  const actor = { type: 'system' as const, label: 'test' };
  for (const email of ['ann@example.com', 'cat@example.com', 'dan@example.com']) {
    await createCustomer(db, { input: { email, name: email, password: PASSWORD, country: 'de' }, actor });
  }
});
afterAll(async () => {
  await t.cleanup();
});

describe('sign-in failure limits', () => {
  it('refuses the sixth attempt within the window without checking the password, even when it is right', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt('ann@example.com', 'wrong-password-x')).toEqual({ ok: false, message: 'Email or password is incorrect.' });
    const failedBefore = await auditCount('auth.sign_in_failed');
    const throttledBefore = await auditCount('auth.sign_in_throttled');
    expect(await attempt('ANN@example.com', PASSWORD)).toEqual(REFUSED);
    expect(await attempt('ann@example.com', 'wrong-password-x')).toEqual(REFUSED);
    // Refused before the password check: no failure recorded, a throttle recorded instead.
    expect(await auditCount('auth.sign_in_failed')).toBe(failedBefore);
    expect(await auditCount('auth.sign_in_throttled')).toBe(throttledBefore + 2);
  });

  it('treats an unknown email exactly like a known one', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt('nobody@example.com', 'wrong-password-x')).toEqual({ ok: false, message: 'Email or password is incorrect.' });
    expect(await attempt('nobody@example.com', PASSWORD)).toEqual(REFUSED);
  });

  it('a successful sign-in clears the account counter', async () => {
    for (let i = 0; i < 4; i++) await attempt('cat@example.com', 'wrong-password-x');
    expect(await attempt('cat@example.com', PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await attempt('cat@example.com', 'wrong-password-x');
    expect(await attempt('cat@example.com', PASSWORD)).toMatchObject({ ok: true });
  });

  it('counts per storefront: the same email elsewhere is a different account', async () => {
    expect(await attempt('ann@example.com', PASSWORD, null, storefrontId + 1)).toMatchObject({ ok: true });
  });

  it('refuses an IP after twenty failures, whichever accounts they were for', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 20; i++) await attempt(`guess${i % 10}@example.com`, `wrong-password-${i}`, ip);
    expect(await attempt('dan@example.com', PASSWORD, ip)).toEqual(REFUSED);
    expect(await attempt('dan@example.com', PASSWORD, '198.51.100.8')).toMatchObject({ ok: true });
  });
});
