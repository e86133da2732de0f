import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { sessions } from '@/db/schema/storefront';
import { confirmIdentity } from '@/lib/auth/confirm-identity';
import { hasRecentAuthentication, REAUTHENTICATION_REQUIRED_MESSAGE } from '@/lib/auth/recent-authentication';
import { createSession, findPendingMfaSession, findSession, hashToken } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { requestEmailChange } from '@/lib/customers/change-credentials';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { confirmTotpEnrolment } from '@/lib/mfa/confirm-totp-enrolment';
import { disableTotp } from '@/lib/mfa/disable-totp';
import { startTotpEnrolment } from '@/lib/mfa/start-totp-enrolment';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { finishPasskeyRegistration, startPasskeyRegistration } from '@/lib/passkeys/register-passkey';
import { relyingPartyFor, type RelyingParty } from '@/lib/passkeys/relying-party';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { ageReauthentication } from './factories/sessions';
import { SoftAuthenticator } from './helpers/soft-authenticator';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// A session left open or stolen must not add a passkey, change or remove two-factor authentication, or move the
// account to another email address: those want a factor proven in the last 10 minutes.

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
let rp: RelyingParty;
let adminRp: RelyingParty;
const PASSWORD = 'reauth-test-password-1';
const system = { type: 'system' as const, label: 'test' };
const refused = { code: 'forbidden', message: REAUTHENTICATION_REQUIRED_MESSAGE };

let n = 0;
async function customer() {
  n += 1;
  const c = await createCustomer(db, { input: { email: `c${n}@example.com`, name: `C ${n}`, password: PASSWORD, country: 'DE', emailVerified: true }, actor: system });
  return { type: 'customer' as const, id: c.id, email: c.email };
}

/** Signs in with the password, as the sign-in form does, and returns the session. */
async function signIn(email: string, principalType: 'customer' | 'staff' = 'customer') {
  const r = await signInWithPassword(db, { principalType, input: { email, password: PASSWORD }, storefrontId: sfId });
  if (!r.ok || r.mfaRequired) throw new Error('sign-in did not finish');
  const s = (await findSession(db, r.token, principalType))!;
  return { sessionId: s.id, sessionKey: s.tokenHash };
}

const confirmWithPassword = (p: { type: 'customer' | 'staff'; id: number }, s: { sessionId: number; sessionKey: string }) =>
  confirmIdentity(db, { storefrontId: sfId, principal: p, ...s, input: { password: PASSWORD }, actor: system });

const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  sfId = sf.id;
  db = openStorefrontDb(sf);
  rp = await relyingPartyFor({ host: 'account.shop.test:3000', storefrontId: sf.id, storefrontName: sf.name, protocol: 'http' });
  adminRp = await relyingPartyFor({ host: 'admin.shop.test:3000', storefrontId: sf.id, storefrontName: sf.name, protocol: 'http' });
});
afterAll(async () => {
  await t.cleanup();
});

describe('when a session proved a factor', () => {
  it('a password sign-in counts; a sign-in still waiting for its second factor and an impersonation do not', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    expect(await hasRecentAuthentication(db, { sessionId: s.sessionId, principal: c })).toBe(true);
    const pending = await createSession(db, { principalType: 'customer', principalId: c.id, mfaPending: true });
    const pendingRow = (await findPendingMfaSession(db, pending.token, 'customer'))!;
    expect(pendingRow.reauthenticatedAt).toBeNull();
    const impersonated = await createSession(db, { principalType: 'customer', principalId: c.id, impersonation: { staffId: 1, reason: 'helping with a ticket' } });
    const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(impersonated.token)));
    expect(await hasRecentAuthentication(db, { sessionId: row!.id, principal: c })).toBe(false);
    // Staff signed in as the customer cannot "confirm it's you" on the customer's behalf either.
    await expect(confirmWithPassword(c, { sessionId: row!.id, sessionKey: row!.tokenHash })).rejects.toMatchObject({ code: 'unauthorized' });
    // Another principal's session is not this one's.
    const other = await customer();
    expect(await hasRecentAuthentication(db, { sessionId: s.sessionId, principal: other })).toBe(false);
  });

  it('"confirm it’s you" refuses a wrong password or code and stops after five tries in a session', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    await ageReauthentication(db, s.sessionId, 11);
    await expect(confirmIdentity(db, { storefrontId: sfId, principal: c, ...s, input: {}, actor: system })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(confirmIdentity(db, { storefrontId: sfId, principal: c, ...s, input: { code: '123456' }, actor: system })).rejects.toMatchObject({ code: 'unauthorized' });
    for (let i = 0; i < 4; i++) {
      await expect(confirmIdentity(db, { storefrontId: sfId, principal: c, ...s, input: { password: 'not-the-password' }, actor: system })).rejects.toMatchObject({ code: 'unauthorized' });
    }
    await expect(confirmWithPassword(c, s)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await hasRecentAuthentication(db, { sessionId: s.sessionId, principal: c })).toBe(false);
  });
});

describe('security changes from a session older than 10 minutes', () => {
  it('adding a passkey is refused, and accepted after confirming with the password', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    const start = () => startPasskeyRegistration(db, { principal: c, sessionId: s.sessionId, storefrontId: sfId, rp, userName: c.email, userDisplayName: 'C' });
    const options = await start();
    await ageReauthentication(db, s.sessionId, 11);
    const key = new SoftAuthenticator();
    const response = key.register({ challenge: options.challenge, rpId: rp.id, origin: rp.origin });
    const finish = () => finishPasskeyRegistration(db, { principal: c, sessionId: s.sessionId, storefrontId: sfId, rp, name: 'Laptop', response, actor: system });
    // Even with a challenge issued while the session was fresh, finishing is refused once it is stale.
    await expect(finish()).rejects.toMatchObject(refused);
    await expect(start()).rejects.toMatchObject(refused);
    await confirmWithPassword(c, s);
    await expect(finish()).resolves.toMatchObject({ name: 'Laptop' });
  });

  it('staff adding a passkey are held to the same rule', async () => {
    const staff = await createStaffUser(db, { storefrontId: sfId, input: { email: 'boss@example.com', name: 'Boss', password: PASSWORD, role: 'owner' }, actor: system });
    const p = { type: 'staff' as const, id: staff.id };
    const s = await signIn('boss@example.com', 'staff');
    await ageReauthentication(db, s.sessionId, 11);
    const start = () => startPasskeyRegistration(db, { principal: p, sessionId: s.sessionId, storefrontId: sfId, rp: adminRp, userName: 'boss@example.com', userDisplayName: 'Boss' });
    await expect(start()).rejects.toMatchObject(refused);
    await confirmWithPassword(p, s);
    await expect(start()).resolves.toMatchObject({ rp: { id: 'admin.shop.test' } });
  });

  it('setting up two-factor authentication is refused at both steps, and accepted after confirming', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    await ageReauthentication(db, s.sessionId, 11);
    const start = () => startTotpEnrolment(db, { principal: c, sessionId: s.sessionId, accountLabel: c.email, issuer: 'Shop' });
    await expect(start()).rejects.toMatchObject(refused);
    await confirmWithPassword(c, s);
    const secret = (await start()).manualKey.replace(/ /g, '');
    await ageReauthentication(db, s.sessionId, 11);
    const confirm = async () => confirmTotpEnrolment(db, { principal: c, sessionId: s.sessionId, code: await codeNow(secret), actor: system });
    await expect(confirm()).rejects.toMatchObject(refused);
    expect(await hasConfirmedTotp(db, c)).toBe(false);
    await confirmWithPassword(c, s);
    await expect(confirm()).resolves.toMatchObject({ recoveryCodes: expect.any(Array) });
    expect(await hasConfirmedTotp(db, c)).toBe(true);
  });

  it('turning two-factor authentication off is refused, and accepted after confirming with a code', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    const secret = (await startTotpEnrolment(db, { principal: c, sessionId: s.sessionId, accountLabel: c.email, issuer: 'Shop' })).manualKey.replace(/ /g, '');
    await confirmTotpEnrolment(db, { principal: c, sessionId: s.sessionId, code: await codeNow(secret), actor: system });
    await ageReauthentication(db, s.sessionId, 11);
    await expect(disableTotp(db, { principal: c, sessionId: s.sessionId, actor: system })).rejects.toMatchObject(refused);
    expect(await hasConfirmedTotp(db, c)).toBe(true);
    // The code from enrolment was used up; the next time step gives a fresh one.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await confirmIdentity(db, { storefrontId: sfId, principal: c, ...s, input: { code: next }, actor: system });
    await disableTotp(db, { principal: c, sessionId: s.sessionId, actor: system });
    expect(await hasConfirmedTotp(db, c)).toBe(false);
  });

  it('changing the email is refused, and accepted after confirming', async () => {
    const c = await customer();
    const s = await signIn(c.email);
    await ageReauthentication(db, s.sessionId, 11);
    const change = () => requestEmailChange(db, { storefrontId: sfId, customerId: c.id, sessionId: s.sessionId, input: { newEmail: `moved${c.id}@example.com` }, actor: system });
    await expect(change()).rejects.toMatchObject(refused);
    // Nine minutes is still within the window.
    await ageReauthentication(db, s.sessionId, 9);
    await expect(change()).resolves.toBeUndefined();
    await ageReauthentication(db, s.sessionId, 11);
    await confirmWithPassword(c, s);
    await expect(change()).resolves.toBeUndefined();
  });
});
