import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { requestPasswordReset } from '@/lib/customers/password-reset';
import { signInAccountSubject, signInWithPassword } from '@/lib/auth/sign-in';
import { findPendingMfaSession } from '@/lib/auth/sessions';
import { completeSecondFactor } from '@/lib/mfa/complete-second-factor';
import { confirmTotpEnrolment } from '@/lib/mfa/confirm-totp-enrolment';
import { startTotpEnrolment } from '@/lib/mfa/start-totp-enrolment';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog, emailOutbox } from '@/db/schema/storefront';
import { signedInSession } from './factories/sessions';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// Each attack fires its requests at once: a limit that reads the counter before counting lets them all through.
// What "reached the evaluation" is counted by is real: the audit row each evaluated attempt writes (a failed
// password or code), or the reset mail in the outbox.

let t: TestEnv;
const PASSWORD = 'parallel-attack-password-1';
const actor = { type: 'system' as const, label: 'test' };
const shops: { id: number; db: StorefrontDb }[] = [];
const secrets = new Map<string, string>();

async function audits(db: StorefrontDb, action: string): Promise<number> {
  return (await db.select().from(auditLog).where(eq(auditLog.action, action))).length;
}

function signIn(shop: { id: number; db: StorefrontDb }, email: string, password: string, ip: string | null = null) {
  return signInWithPassword(shop.db, { principalType: 'customer', input: { email, password }, storefrontId: shop.id, ip });
}

/** A six-digit code that is not valid for this account in the current step or either neighbour. */
async function wrongCode(email: string): Promise<string> {
  const secret = secrets.get(email)!;
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set(await Promise.all([-30, 0, 30].map((d) => generate({ secret, epoch: now + d }))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

beforeAll(async () => {
  t = await setupTestEnv();
  for (const slug of ['alpha', 'beta']) {
    const sf = await createStorefront({ slug, name: slug, domain: `${slug}.test` });
    shops.push({ id: sf.id, db: openStorefrontDb(sf) });
  }
  for (const shop of shops) {
    for (const email of ['ann@example.com', 'rita@example.com', 'sam@example.com']) {
      await createCustomer(shop.db, { input: { email, name: email, password: PASSWORD, country: 'de' }, actor });
    }
  }
  const alpha = shops[0]!;
  for (const email of ['mallory@example.com', 'oscar@example.com']) {
    const principal = { type: 'customer' as const, id: (await createCustomer(alpha.db, { input: { email, name: email, password: PASSWORD, country: 'de' }, actor })).id };
    const { sessionId } = await signedInSession(alpha.db, principal);
    const e = await startTotpEnrolment(alpha.db, { principal, sessionId, accountLabel: email, issuer: 'alpha' });
    const secret = e.manualKey.replace(/ /g, '');
    secrets.set(email, secret);
    await confirmTotpEnrolment(alpha.db, { principal, sessionId, code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }), actor });
  }
});

async function pendingSession(shop: { id: number; db: StorefrontDb }, email: string) {
  const r = await signIn(shop, email, PASSWORD);
  if (!r.ok) throw new Error(r.message);
  return { token: r.token, session: (await findPendingMfaSession(shop.db, r.token, 'customer'))! };
}
afterAll(async () => {
  await t.cleanup();
});

describe('parallel attempts never get past a limit', () => {
  it('50 wrong TOTP codes at once on one pending session: at most 5 are checked', async () => {
    const shop = shops[0]!;
    const { token, session } = await pendingSession(shop, 'mallory@example.com');
    const code = await wrongCode('mallory@example.com');
    const before = await audits(shop.db, 'auth.mfa_failed');
    const accountSubject = signInAccountSubject('customer', 'mallory@example.com');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => completeSecondFactor(shop.db, { storefrontId: shop.id, session, input: code, accountSubject, actor })),
    );
    expect(await audits(shop.db, 'auth.mfa_failed')).toBeLessThanOrEqual(before + 5);
    expect(results.some((x) => !x.ok && x.code === 'rate_limited')).toBe(true);
    expect(await findPendingMfaSession(shop.db, token, 'customer')).toBeNull();
  });

  it('50 wrong TOTP codes at once over five pending sessions of one account: at most 5 are checked', async () => {
    const shop = shops[0]!;
    const pending: Awaited<ReturnType<typeof pendingSession>>[] = [];
    for (let i = 0; i < 5; i++) pending.push(await pendingSession(shop, 'oscar@example.com'));
    const code = await wrongCode('oscar@example.com');
    const before = await audits(shop.db, 'auth.mfa_failed');
    const accountSubject = signInAccountSubject('customer', 'oscar@example.com');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        completeSecondFactor(shop.db, { storefrontId: shop.id, session: pending[i % 5]!.session, input: code, accountSubject, actor }),
      ),
    );
    expect(await audits(shop.db, 'auth.mfa_failed')).toBeLessThanOrEqual(before + 5);
    // The account's failures are used up: the password alone no longer even starts a sign-in.
    expect(await signIn(shop, 'oscar@example.com', PASSWORD)).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('50 wrong passwords at once for one account: at most 5 are compared', async () => {
    const shop = shops[0]!;
    const before = await audits(shop.db, 'auth.sign_in_failed');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(shop, 'ann@example.com', `wrong-password-${i}`)));
    expect(await audits(shop.db, 'auth.sign_in_failed')).toBeLessThanOrEqual(before + 5);
    expect(results.filter((x) => !x.ok && x.code === 'rate_limited').length).toBeGreaterThanOrEqual(45);
  });

  it('50 wrong passwords at once from one IP over many accounts: at most 20 are compared', async () => {
    const shop = shops[0]!;
    const before = await audits(shop.db, 'auth.sign_in_failed');
    await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(shop, `guess${i}@example.com`, 'wrong-password-x', '198.51.100.20')));
    expect(await audits(shop.db, 'auth.sign_in_failed')).toBeLessThanOrEqual(before + 20);
  });

  it('50 reset requests at once for one address: at most 3 mails', async () => {
    const shop = shops[0]!;
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => requestPasswordReset(shop.db, { storefrontId: shop.id, email: 'rita@example.com', ip: `192.0.2.${i + 1}` })),
    );
    const mails = await shop.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, 'rita@example.com'), eq(emailOutbox.template, 'password-reset')));
    expect(mails.length).toBeLessThanOrEqual(3);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(50 - mails.length);
  });
});

describe('limits are per storefront', () => {
  it('the same account on another storefront keeps its own sign-in and reset limits', async () => {
    const [alpha, beta] = [shops[0]!, shops[1]!];
    // ann and rita are over their limits on alpha (previous tests); on beta they are untouched.
    expect(await signIn(alpha, 'ann@example.com', PASSWORD)).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await signIn(beta, 'ann@example.com', PASSWORD)).toMatchObject({ ok: true });
    await expect(requestPasswordReset(alpha.db, { storefrontId: alpha.id, email: 'rita@example.com', ip: '192.0.2.200' })).rejects.toThrow(/Too many attempts/);
    await requestPasswordReset(beta.db, { storefrontId: beta.id, email: 'rita@example.com', ip: '192.0.2.200' });
    expect(await beta.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'rita@example.com'))).toHaveLength(1);
  });

  it('an IP over its limit on one storefront may still sign in on another', async () => {
    const [alpha, beta] = [shops[0]!, shops[1]!];
    expect(await signIn(alpha, 'sam@example.com', PASSWORD, '198.51.100.20')).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await signIn(beta, 'sam@example.com', PASSWORD, '198.51.100.20')).toMatchObject({ ok: true });
  });
});
