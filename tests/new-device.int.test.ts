import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { createSession } from '@/lib/auth/sessions';
import { noticeNewDevice } from '@/lib/auth/new-device-notice';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { emailOutbox, sessions } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let sf: Storefront;
let db: StorefrontDb;
let customerId: number;
const LAPTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1';

beforeAll(async () => {
  t = await setupTestEnv();
  sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  customerId = (await createCustomer(db, { input: { email: 'max@example.com', name: 'Max', country: 'US' }, actor: { type: 'system' } })).id;
});
afterAll(async () => {
  await t.cleanup();
});

async function signInFrom(userAgent: string) {
  await createSession(db, { principalType: 'customer', principalId: customerId, userAgent, ip: '192.0.2.5' });
  const [s] = await db.select().from(sessions).orderBy(desc(sessions.id)).limit(1);
  return noticeNewDevice(db, { storefrontId: sf.id, principalType: 'customer', principalId: customerId, sessionId: s!.id, ip: '192.0.2.5', userAgent });
}

describe('new-device sign-in notice', () => {
  it('stays quiet on the first sign-in and on a known browser, and mails once for a new one', async () => {
    expect(await signInFrom(LAPTOP)).toBe(false);
    expect(await signInFrom(LAPTOP)).toBe(false);
    expect(await signInFrom(PHONE)).toBe(true);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'new-device-sign-in'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.props).toMatchObject({ device: 'Safari on iOS', ip: '192.0.2.5', sessionsUrl: 'http://account.shop.test:3000/sessions' });
  });
});
