import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createPerson } from './factories/people';
import { signedInSession } from './factories/sessions';
import { findPendingMfaSession, findSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { consumeChallenge, storeChallenge } from '@/lib/passkeys/challenge-store';
import { hasPasskey, listPasskeys, removePasskey, renamePasskey, type PasskeyPrincipal } from '@/lib/passkeys/manage-passkeys';
import { finishPasskeyRegistration, startPasskeyRegistration } from '@/lib/passkeys/register-passkey';
import { relyingPartyFor, type RelyingParty } from '@/lib/passkeys/relying-party';
import { finishPasskeySignIn, startPasskeySignIn } from '@/lib/passkeys/sign-in-with-passkey';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog, passkeys } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { SoftAuthenticator } from './helpers/soft-authenticator';

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
let otherSfId: number;
let rp: RelyingParty;
let adminRp: RelyingParty;
const PASSWORD = 'passkey-test-password-1';
const actor = { type: 'system' as const, label: 'test' };

// Each person's signed-in session: adding a passkey wants one that proved a factor recently.
const sessionIds = new Map<string, number>();
const sidOf = async (p: PasskeyPrincipal) => {
  const key = `${p.type}:${p.id}`;
  if (!sessionIds.has(key)) sessionIds.set(key, (await signedInSession(db, p)).sessionId);
  return sessionIds.get(key)!;
};

/** Audit rows written since this test began. */
let auditedBefore = 0;
const auditRows = (action: string) => db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)));

/** A person of the test's own; customers get a verified address, as passkeys are for verified addresses. */
const person = (email: string, type: PasskeyPrincipal['type'] = 'customer') => createPerson(db, sfId, { type, email, password: PASSWORD, emailVerified: true });
const keysOf = (p: PasskeyPrincipal) => db.select().from(passkeys).where(and(eq(passkeys.principalType, p.type), eq(passkeys.principalId, p.id)));

async function register(p: PasskeyPrincipal, auth: SoftAuthenticator, opts: { rp?: RelyingParty; name?: string; tamper?: { rpId?: string; origin?: string } } = {}) {
  const r = opts.rp ?? (p.type === 'staff' ? adminRp : rp);
  const sessionId = await sidOf(p);
  const options = await startPasskeyRegistration(db, { principal: p, sessionId, storefrontId: sfId, rp: r, userName: `u${p.id}@example.com`, userDisplayName: 'U' });
  const response = auth.register({ challenge: options.challenge, rpId: opts.tamper?.rpId ?? r.id, origin: opts.tamper?.origin ?? r.origin });
  return { response, finish: () => finishPasskeyRegistration(db, { principal: p, sessionId, storefrontId: sfId, rp: r, name: opts.name ?? 'Laptop', response, actor }) };
}

async function assertion(auth: SoftAuthenticator, opts: { principalType?: 'customer' | 'staff'; rpId?: string; origin?: string; counter?: number } = {}) {
  const type = opts.principalType ?? 'customer';
  const r = type === 'staff' ? adminRp : rp;
  const options = await startPasskeySignIn({ principalType: type, storefrontId: sfId, rp: r });
  expect(options.allowCredentials ?? []).toHaveLength(0);
  expect(options.userVerification).toBe('required');
  return auth.assert({ challenge: options.challenge, rpId: opts.rpId ?? r.id, origin: opts.origin ?? r.origin, counter: opts.counter });
}

const signIn = (response: unknown, principalType: 'customer' | 'staff' = 'customer') =>
  finishPasskeySignIn(db, { principalType, storefrontId: sfId, rp: principalType === 'staff' ? adminRp : rp, response, ip: '203.0.113.9' });

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  otherSfId = (await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' })).id;
  sfId = sf.id;
  db = openStorefrontDb(sf);
  rp = await relyingPartyFor({ host: 'account.shop.test:3000', storefrontId: sf.id, storefrontName: sf.name, protocol: 'http' });
  adminRp = await relyingPartyFor({ host: 'admin.shop.test:3000', storefrontId: sf.id, storefrontName: sf.name, protocol: 'http' });
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('relying party', () => {
  it('takes the RP ID from the Host without its port and the origin with it', () => {
    expect(rp).toEqual({ id: 'account.shop.test', origin: 'http://account.shop.test:3000', name: 'Shop' });
  });

  it('refuses hosts that are malformed or belong to no storefront or another one', async () => {
    for (const host of ['account.shop.test:3000/x', 'evil.test', 'account.other.test', '', 'account.shop.test:99999999']) {
      await expect(relyingPartyFor({ host, storefrontId: sfId, storefrontName: 'Shop', protocol: 'http' }), host).rejects.toMatchObject({ code: 'bad_request' });
    }
  });
});

describe('challenge store', () => {
  const challenge = 'c'.repeat(43);
  it('gives a challenge back once, and only for its purpose, storefront and binding', async () => {
    await storeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:1' });
    expect(await consumeChallenge({ purpose: 'sign-in', storefrontId: sfId, challenge, binding: 'customer:1' })).toBe(false);
    expect(await consumeChallenge({ purpose: 'register', storefrontId: otherSfId, challenge, binding: 'customer:1' })).toBe(false);
    expect(await consumeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:1' })).toBe(true);
    expect(await consumeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:1' })).toBe(false);
  });

  it('spends a challenge presented with the wrong binding', async () => {
    await storeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:1' });
    expect(await consumeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:2' })).toBe(false);
    expect(await consumeChallenge({ purpose: 'register', storefrontId: sfId, challenge, binding: 'customer:1' })).toBe(false);
  });
});

describe('registration', () => {
  it('asks for a discoverable credential with user verification', async () => {
    const ann = await person('ann@example.com');
    const o = await startPasskeyRegistration(db, { principal: ann, sessionId: await sidOf(ann), storefrontId: sfId, rp, userName: 'ann@example.com', userDisplayName: 'Ann' });
    expect(o.rp).toEqual({ id: 'account.shop.test', name: 'Shop' });
    expect(o.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
  });

  it('stores a verified credential and audits it; a replay of the same response is refused and changes nothing', async () => {
    const ann = await person('laptop@example.com');
    const annKey = new SoftAuthenticator();
    const r = await register(ann, annKey, { name: '  Ann laptop ' });
    await expect(r.finish()).resolves.toMatchObject({ name: 'Ann laptop' });
    const [row] = await keysOf(ann);
    expect(row).toMatchObject({ credentialId: annKey.id, name: 'Ann laptop', signCount: 0, transports: 'internal' });
    expect(await auditRows('passkey.added')).toHaveLength(1);
    await expect(r.finish()).rejects.toMatchObject({ code: 'bad_request', message: 'This passkey request has expired or was already used. Try again.' });
    expect(await keysOf(ann)).toHaveLength(1);
    expect(await auditRows('passkey.added')).toHaveLength(1);
  });

  it('refuses a response for another RP ID or origin, or to a challenge issued to someone else', async () => {
    const ann = await person('victim@example.com');
    const bob = await person('thief@example.com');
    for (const tamper of [{ rpId: 'account.other.test' }, { origin: 'http://account.other.test:3000' }, { origin: 'https://account.shop.test:3000' }]) {
      const r = await register(bob, new SoftAuthenticator(), { tamper });
      await expect(r.finish()).rejects.toMatchObject({ code: 'bad_request', message: 'The passkey could not be verified for this site. Try again.' });
    }
    const r = await register(ann, new SoftAuthenticator());
    await expect(finishPasskeyRegistration(db, { principal: bob, sessionId: await sidOf(bob), storefrontId: sfId, rp, name: 'Stolen', response: r.response, actor })).rejects.toMatchObject({
      message: 'This passkey request has expired or was already used. Try again.',
    });
    expect(await keysOf(bob)).toHaveLength(0);
  });

  it('refuses malformed input and a bad name before spending anything', async () => {
    const bob = await person('malformed@example.com');
    await expect(finishPasskeyRegistration(db, { principal: bob, sessionId: await sidOf(bob), storefrontId: sfId, rp, name: 'x', response: { id: 'not base64!' }, actor })).rejects.toMatchObject({ code: 'bad_request' });
    const r = await register(bob, new SoftAuthenticator(), { name: ' ' });
    await expect(r.finish()).rejects.toMatchObject({ code: 'bad_request', message: 'Give the passkey a name.' });
  });
});

describe('sign-in with a passkey alone', () => {
  /** A customer of the test's own with a passkey never used to sign in. */
  async function withPhoneKey(email: string) {
    const bob = await person(email);
    const key = new SoftAuthenticator();
    await (await register(bob, key, { name: 'Bob phone' })).finish();
    return { bob, key };
  }

  it('creates a full session, moves the sign count and audits the method', async () => {
    const { bob, key } = await withPhoneKey('phone@example.com');
    const result = await signIn(await assertion(key));
    expect(result).toMatchObject({ ok: true, principalId: bob.id });
    if (!result.ok) return;
    expect(await findSession(db, result.token, 'customer')).toMatchObject({ principalId: bob.id, mfaPending: false });
    const [row] = await keysOf(bob);
    expect(row?.signCount).toBe(1);
    expect(row?.lastUsedAt).not.toBeNull();
    const audits = await auditRows('auth.signed_in');
    expect(audits).toHaveLength(1);
    const [audit] = audits;
    expect(audit).toMatchObject({ actorId: bob.id, after: { method: 'passkey', passkeyId: row!.id } });
  });

  it('refuses a replayed assertion, a stale counter and a wrong RP ID or origin, changing nothing', async () => {
    const { bob, key } = await withPhoneKey('replayed@example.com');
    const before = (await keysOf(bob))[0]!;
    const fresh = await assertion(key);
    expect((await signIn(fresh)).ok).toBe(true);
    const replay = await signIn(fresh);
    expect(replay).toMatchObject({ ok: false, message: 'This passkey request has expired or was already used. Try again.' });
    const stale = await signIn(await assertion(key, { counter: 1 }));
    expect(stale).toMatchObject({ ok: false, code: 'unauthorized', message: 'The passkey could not be verified for this site. Try again.' });
    for (const wrong of [{ rpId: 'account.other.test' }, { origin: 'http://evil.test' }]) {
      expect(await signIn(await assertion(key, wrong))).toMatchObject({ ok: false, code: 'unauthorized' });
    }
    const after = (await keysOf(bob))[0]!;
    expect(after.signCount).toBe(before.signCount + 1);
    const failures = await auditRows('auth.sign_in_failed');
    expect(failures.map((f) => (f.after as { reason: string }).reason)).toEqual(['challenge', 'verification', 'verification', 'verification']);
    expect(failures.every((f) => (f.after as { method: string }).method === 'passkey')).toBe(true);
  });

  it('does not let a customer passkey sign in on the admin host, nor an unknown one anywhere', async () => {
    const { key } = await withPhoneKey('wrong-host@example.com');
    expect(await signIn(await assertion(key, { principalType: 'staff' }), 'staff')).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await signIn(await assertion(new SoftAuthenticator()))).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});

describe('staff', () => {
  it('a passkey counts as the second factor; the password alone is then refused', async () => {
    const boss = await person('boss@example.com', 'staff');
    expect(await hasPasskey(db, boss)).toBe(false);
    const first = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'boss@example.com', password: PASSWORD } });
    expect(first).toMatchObject({ ok: true, mfaRequired: false });
    const key = new SoftAuthenticator();
    await (await register(boss, key, { name: 'Boss key' })).finish();
    expect(await hasPasskey(db, boss)).toBe(true);
    const again = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'boss@example.com', password: PASSWORD } });
    expect(again).toMatchObject({ ok: false, code: 'forbidden' });
    const result = await signIn(await assertion(key, { principalType: 'staff' }), 'staff');
    expect(result).toMatchObject({ ok: true, principalId: boss.id });
    if (result.ok) expect(await findPendingMfaSession(db, result.token, 'staff')).toBeNull();
  });
});

describe('managing passkeys', () => {
  it('renames and removes only the owner’s passkeys, with audit rows', async () => {
    const ann = await person('owner@example.com');
    const bob = await person('other@example.com');
    await (await register(ann, new SoftAuthenticator(), { name: 'Ann laptop' })).finish();
    const [annKey] = await listPasskeys(db, ann);
    await expect(renamePasskey(db, { principal: bob, passkeyId: annKey!.id, name: 'Mine now', actor })).rejects.toMatchObject({ code: 'not_found' });
    await expect(renamePasskey(db, { principal: ann, passkeyId: annKey!.id, name: '', actor })).rejects.toMatchObject({ code: 'bad_request' });
    await renamePasskey(db, { principal: ann, passkeyId: annKey!.id, name: 'Old laptop', actor });
    expect((await listPasskeys(db, ann))[0]?.name).toBe('Old laptop');
    expect(await auditRows('passkey.renamed')).toHaveLength(1);
    await expect(removePasskey(db, { principal: bob, passkeyId: annKey!.id, actor })).rejects.toMatchObject({ code: 'not_found' });
    await removePasskey(db, { principal: ann, passkeyId: annKey!.id, actor });
    expect(await listPasskeys(db, ann)).toHaveLength(0);
    expect(await auditRows('passkey.removed')).toHaveLength(1);
  });
});
