import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { generate } from 'otplib';
import { customers, emailOutbox, passkeys, paymentMethods, teamInvites, teamMembers } from '@/db/schema/storefront';
import { findSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { confirmEmailChange, requestEmailChange } from '@/lib/customers/change-credentials';
import { createCustomer } from '@/lib/customers/create-customer';
import { completePasswordReset, requestPasswordReset } from '@/lib/customers/password-reset';
import { registerCustomer } from '@/lib/customers/register-customer';
import { registerCustomerSchema } from '@/lib/customers/schemas';
import { verifyCustomerEmail } from '@/lib/customers/verify-email';
import type { StorefrontDb } from '@/lib/db/connection';
import { confirmTotpEnrolment } from '@/lib/mfa/confirm-totp-enrolment';
import { startTotpEnrolment } from '@/lib/mfa/start-totp-enrolment';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { signedInSession } from './factories/sessions';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

// Pre-account hijack: someone registers an address that is not theirs, keeps a session and attaches things to the
// account, hoping the real owner will later adopt it. The owner proving the mailbox must end all of that.

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };
const ATTACKER_PASSWORD = 'mallory-owns-77-harbours';
const OWNER_PASSWORD = 'victoria-real-42-lanterns';

const registration = (email: string, password: string, name: string) => registerCustomerSchema.parse({ name, email, password, country: 'DE', currency: 'EUR' });

async function newestMail(to: string) {
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(desc(emailOutbox.id)).limit(1);
  return mail!;
}
const tokenOf = (mail: { props: unknown }) => new URL((mail.props as { url: string }).url).searchParams.get('token')!;

async function signIn(email: string, password: string) {
  return signInWithPassword(db, { principalType: 'customer', input: { email, password }, storefrontId });
}

/** The attacker registers the victim's address, signs in and attaches what they can to the account. */
async function attackerPreRegisters(email: string) {
  await registerCustomer(db, { storefrontId, input: registration(email, ATTACKER_PASSWORD, 'Mallory'), ip: '198.51.100.66', userAgent: 'evil' });
  const [account] = await db.select().from(customers).where(eq(customers.email, email));
  expect(account!.emailVerifiedAt).toBeNull();
  const signedIn = await signIn(email, ATTACKER_PASSWORD);
  if (!signedIn.ok) throw new Error(signedIn.message);
  const me = { type: 'customer' as const, id: account!.id };
  const { sessionId } = await signedInSession(db, me);
  // An authenticator only the attacker holds…
  const e = await startTotpEnrolment(db, { principal: me, sessionId, accountLabel: email, issuer: 'Shop' });
  await confirmTotpEnrolment(db, { principal: me, sessionId, code: await generate({ secret: e.manualKey.replace(/ /g, ''), epoch: Math.floor(Date.now() / 1000) }), actor: system });
  // …a pending move of the account to the attacker's own mailbox…
  await requestEmailChange(db, { storefrontId, customerId: account!.id, sessionId, input: { newEmail: `mallory+${account!.id}@evil.example` }, actor: system });
  const emailChangeToken = tokenOf(await newestMail(`mallory+${account!.id}@evil.example`));
  // …and, as if attached before the verified-email rules existed: a passkey, team links and a saved card.
  const helper = await createCustomer(db, { input: { email: `helper+${account!.id}@evil.example`, name: 'Helper', country: 'DE', emailVerified: true }, actor: system });
  await db.insert(passkeys).values({ principalType: 'customer', principalId: account!.id, credentialId: `evil-${account!.id}`, publicKey: 'pk', signCount: 0, name: 'Evil key' });
  await db.insert(teamMembers).values([
    { ownerId: account!.id, memberId: helper.id, permissions: ['account.manage'] },
    { ownerId: helper.id, memberId: account!.id, permissions: ['account.manage'] },
  ]);
  await db.insert(teamInvites).values({ ownerId: account!.id, email: 'another@evil.example', permissions: ['account.manage'], tokenHash: `${account!.id}`.padEnd(64, 'a'), expiresAt: new Date(Date.now() + 86_400_000) });
  await db.insert(paymentMethods).values({ publicId: `pm_evil${account!.id}`, customerId: account!.id, gateway: 'stripe', kind: 'card', gatewayMethodId: `pm_evil_${account!.id}`, last4: '6666', isDefault: true });
  return { accountId: account!.id, attackerToken: signedIn.token, emailChangeToken, helperId: helper.id };
}

async function expectAttackerLockedOut(email: string, a: Awaited<ReturnType<typeof attackerPreRegisters>>) {
  // The session they kept and the password they chose no longer open anything.
  expect(await findSession(db, a.attackerToken, 'customer')).toBeNull();
  expect(await signIn(email, ATTACKER_PASSWORD)).toMatchObject({ ok: false });
  // What they attached is gone.
  const principal = { type: 'customer' as const, id: a.accountId };
  expect(await hasConfirmedTotp(db, principal)).toBe(false);
  expect(await db.select().from(passkeys).where(and(eq(passkeys.principalType, 'customer'), eq(passkeys.principalId, a.accountId)))).toHaveLength(0);
  expect(await db.select().from(teamMembers).where(eq(teamMembers.ownerId, a.accountId))).toHaveLength(0);
  expect(await db.select().from(teamMembers).where(eq(teamMembers.memberId, a.accountId))).toHaveLength(0);
  expect(await db.select().from(teamInvites).where(and(eq(teamInvites.ownerId, a.accountId), eq(teamInvites.revoked, false)))).toHaveLength(0);
  expect(await db.select().from(paymentMethods).where(and(eq(paymentMethods.customerId, a.accountId), isNull(paymentMethods.removedAt)))).toHaveLength(0);
  // The pending email change they started cannot move the account any more.
  await expect(confirmEmailChange(db, { token: a.emailChangeToken, ip: null })).rejects.toThrow(/invalid, expired or already used/);
  const [account] = await db.select().from(customers).where(eq(customers.id, a.accountId));
  expect(account!.email).toBe(email);
  expect(account!.emailVerifiedAt).toBeInstanceOf(Date);
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
});
afterAll(async () => {
  await t.cleanup();
});

describe('pre-account hijack', () => {
  it('the owner registering over an unverified account gets a link that takes it over; the attacker loses everything', async () => {
    const email = 'victim@example.com';
    const attack = await attackerPreRegisters(email);

    // The owner registers as anyone would. The account is not changed by that alone (anyone could type the
    // address); the owner gets a link at the address to choose their password and take the account.
    await registerCustomer(db, { storefrontId, input: registration(email, OWNER_PASSWORD, 'Victoria'), ip: '203.0.113.5', userAgent: 'owner' });
    expect(await signIn(email, OWNER_PASSWORD)).toMatchObject({ ok: false });
    const mail = await newestMail(email);
    expect(mail.template).toBe('registration-unconfirmed');
    await completePasswordReset(db, { input: { token: tokenOf(mail), newPassword: OWNER_PASSWORD }, ip: '203.0.113.5' });

    await expectAttackerLockedOut(email, attack);
    // The owner signs in with their password alone: no second factor left behind by the attacker.
    expect(await signIn(email, OWNER_PASSWORD)).toMatchObject({ ok: true, mfaRequired: false });
  });

  it('a password reset by the owner takes over an unverified account the same way', async () => {
    const email = 'victim2@example.com';
    const attack = await attackerPreRegisters(email);
    await requestPasswordReset(db, { storefrontId, email, ip: '203.0.113.6' });
    await completePasswordReset(db, { input: { token: tokenOf(await newestMail(email)), newPassword: OWNER_PASSWORD }, ip: '203.0.113.6' });
    await expectAttackerLockedOut(email, attack);
  });

  it('confirming the address ends every session that existed before', async () => {
    const email = 'victim3@example.com';
    await registerCustomer(db, { storefrontId, input: registration(email, ATTACKER_PASSWORD, 'Mallory'), ip: '198.51.100.67', userAgent: 'evil' });
    const verifyToken = tokenOf(await newestMail(email));
    const early = await signIn(email, ATTACKER_PASSWORD);
    if (!early.ok) throw new Error(early.message);
    await verifyCustomerEmail(db, { token: verifyToken, ip: null });
    expect(await findSession(db, early.token, 'customer')).toBeNull();
  });

  it('a reset on a verified account keeps its second factor (only an unverified one is taken over)', async () => {
    const c = await createCustomer(db, { input: { email: 'verified@example.com', name: 'Vera', password: OWNER_PASSWORD, country: 'DE', emailVerified: true }, actor: system });
    const me = { type: 'customer' as const, id: c.id };
    const { sessionId } = await signedInSession(db, me);
    const e = await startTotpEnrolment(db, { principal: me, sessionId, accountLabel: c.email, issuer: 'Shop' });
    await confirmTotpEnrolment(db, { principal: me, sessionId, code: await generate({ secret: e.manualKey.replace(/ /g, ''), epoch: Math.floor(Date.now() / 1000) }), actor: system });
    await requestPasswordReset(db, { storefrontId, email: c.email, ip: '203.0.113.7' });
    await completePasswordReset(db, { input: { token: tokenOf(await newestMail(c.email)), newPassword: 'brand-new-pass-55-rivers' }, ip: null });
    expect(await hasConfirmedTotp(db, me)).toBe(true);
  });
});
