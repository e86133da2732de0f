import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { generate } from 'otplib';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createPerson } from './factories/people';
import { ageReauthentication, signedInSession } from './factories/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { findPendingMfaSession, findSession } from '@/lib/auth/sessions';
import { confirmIdentity } from '@/lib/auth/confirm-identity';
import { completeSecondFactor } from '@/lib/mfa/complete-second-factor';
import { confirmTotpEnrolment } from '@/lib/mfa/confirm-totp-enrolment';
import { disableTotp } from '@/lib/mfa/disable-totp';
import { getMfaStatus } from '@/lib/mfa/get-mfa-status';
import { regenerateRecoveryCodes } from '@/lib/mfa/regenerate-recovery-codes';
import { startTotpEnrolment } from '@/lib/mfa/start-totp-enrolment';
import { hasConfirmedTotp, type MfaPrincipal } from '@/lib/mfa/totp';
import { useRecoveryCode as redeemRecoveryCode } from '@/lib/mfa/use-recovery-code';
import { verifyTotpCode } from '@/lib/mfa/verify-totp-code';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog, mfaRecoveryCodes, mfaTotp } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
const PASSWORD = 'mfa-test-password-1';
const selfActor = (p: MfaPrincipal) => ({ type: p.type, id: p.id, label: 'test' });

// Fixed clock for the step arithmetic: 2030-01-01T00:00:00Z is the start of a 30 s step.
const T0 = Date.UTC(2030, 0, 1) / 1000;
const at = (seconds: number) => new Date((T0 + seconds) * 1000);
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: T0 + seconds });
const codeNow = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

const codesOf = (p: MfaPrincipal) =>
  db.select().from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id)));

/** Audit rows written since this test began. */
let auditedBefore = 0;
async function auditCount(action: string): Promise<number> {
  return (await db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)))).length;
}

/** A customer (or staff owner) of the test's own, signing in with PASSWORD. */
const person = (email: string, type: MfaPrincipal['type'] = 'customer') => createPerson(db, sfId, { type, email, password: PASSWORD });

/** Turns TOTP on for p with a code of the step `now` falls in (the real clock if left out). */
async function enrol(p: MfaPrincipal, email: string, now?: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { sessionId } = await signedInSession(db, p);
  const e = await startTotpEnrolment(db, { principal: p, sessionId, accountLabel: email, issuer: 'Shop' });
  const secret = e.manualKey.replace(/ /g, '');
  const epoch = Math.floor((now ?? new Date()).getTime() / 1000);
  const { recoveryCodes } = await confirmTotpEnrolment(db, { principal: p, sessionId, code: await generate({ secret, epoch }), actor: selfActor(p), now });
  return { secret, recoveryCodes };
}

/** A customer of the test's own with TOTP on, enrolled at step 0 of the fixed clock: that step's code is used up. */
async function enrolledAtT0(email: string) {
  const p = await person(email);
  return { p, ...(await enrol(p, email, at(0))) };
}

/** A customer of the test's own with TOTP on by the real clock, so a password sign-in stops at the second factor. */
async function enrolledNow(email: string) {
  const p = await person(email);
  return { p, email, ...(await enrol(p, email)) };
}

async function pendingSignIn(email: string) {
  const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email, password: PASSWORD } });
  if (!r.ok) throw new Error(r.message);
  expect(r.mfaRequired).toBe(true);
  const session = await findPendingMfaSession(db, r.token, 'customer');
  return { token: r.token, session: session! };
}

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  sfId = sf.id;
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('TOTP enrolment', () => {
  it('starts with an encrypted, unconfirmed secret, a QR code and a manual key', async () => {
    const ann = await person('ann@example.com');
    const annSid = (await signedInSession(db, ann)).sessionId;
    const e = await startTotpEnrolment(db, { principal: ann, sessionId: annSid, accountLabel: 'ann@example.com', issuer: 'Shop' });
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\/Shop:ann%40example\.com\?.*secret=/);
    expect(e.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = e.manualKey.replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const [row] = await db.select().from(mfaTotp).where(and(eq(mfaTotp.principalType, 'customer'), eq(mfaTotp.principalId, ann.id)));
    expect(row?.confirmedAt).toBeNull();
    expect(row?.secretEncrypted).not.toContain(secret);
    expect(await hasConfirmedTotp(db, ann)).toBe(false);
  });

  it('refuses wrong formats and wrong codes, and changes nothing for a wrong format', async () => {
    const ann = await person('wrong-code@example.com');
    const annSid = (await signedInSession(db, ann)).sessionId;
    await startTotpEnrolment(db, { principal: ann, sessionId: annSid, accountLabel: 'wrong-code@example.com', issuer: 'Shop' });
    const auditsBefore = (await db.select().from(auditLog)).length;
    for (const code of ['12345', 'abcdef', '1234567', '', null]) {
      await expect(confirmTotpEnrolment(db, { principal: ann, sessionId: annSid, code, actor: selfActor(ann) })).rejects.toMatchObject({
        code: 'bad_request',
        message: 'Enter the 6-digit code from your authenticator app.',
      });
    }
    expect((await db.select().from(auditLog)).length).toBe(auditsBefore);
    await expect(confirmTotpEnrolment(db, { principal: ann, sessionId: annSid, code: '000000', actor: selfActor(ann), now: at(0) })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await hasConfirmedTotp(db, ann)).toBe(false);
    expect(await codesOf(ann)).toHaveLength(0);
  });

  it('confirms with a valid code and issues ten recovery codes, stored only as hashes', async () => {
    const { p: ann, recoveryCodes: codes } = await enrolledAtT0('confirm@example.com');
    const annSid = (await signedInSession(db, ann)).sessionId;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await codesOf(ann);
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    expect(await getMfaStatus(db, ann)).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    expect(await auditCount('mfa.enrolled')).toBe(1);
    // Once confirmed, a new enrolment cannot silently replace the secret.
    await expect(startTotpEnrolment(db, { principal: ann, sessionId: annSid, accountLabel: 'confirm@example.com', issuer: 'Shop' })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('TOTP codes', () => {
  it('accepts a code once per time step and refuses its replay', async () => {
    const { p: ann, secret } = await enrolledAtT0('replay@example.com');
    // The enrolment code (step 0) was used up by confirming.
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 0), now: at(10) })).toBe(false);
    const code = await codeAt(secret, 60);
    expect(await verifyTotpCode(db, { principal: ann, code, now: at(65) })).toBe(true);
    expect(await verifyTotpCode(db, { principal: ann, code, now: at(66) })).toBe(false);
  });

  it('allows one step of clock drift either way, not two', async () => {
    const { p: ann, secret } = await enrolledAtT0('drift@example.com');
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 150 - 30), now: at(155) })).toBe(true);
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 150 + 30), now: at(155) })).toBe(true);
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 300 + 60), now: at(305) })).toBe(false);
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 300 - 60), now: at(305) })).toBe(false);
    // Steps only move forward: an older step's code is refused after a newer one was used.
    expect(await verifyTotpCode(db, { principal: ann, code: await codeAt(secret, 150), now: at(155) })).toBe(false);
  });

  it('lets only one of two concurrent uses of the same code through', async () => {
    const { p: ann, secret } = await enrolledAtT0('race@example.com');
    const code = await codeAt(secret, 600);
    const results = await Promise.all([0, 1, 2].map(() => verifyTotpCode(db, { principal: ann, code, now: at(601) })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('signing in with a second factor', () => {
  it('a password sign-in of a principal with TOTP is pending, and a pending session is not signed in', async () => {
    const bob = await person('pending@example.com');
    expect((await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'pending@example.com', password: PASSWORD } })).ok).toBe(true);
    await enrol(bob, 'pending@example.com');
    const { token, session } = await pendingSignIn('pending@example.com');
    expect(session.mfaPending).toBe(true);
    expect(await findSession(db, token, 'customer')).toBeNull();
    expect(session.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('a TOTP code completes the sign-in once', async () => {
    const { p: bob, email, secret } = await enrolledNow('totp-sign-in@example.com');
    const { token, session } = await pendingSignIn(email);
    // The enrolment used the current step; the next one is within the allowed drift.
    const code = await codeNow(secret, 30);
    const r = await completeSecondFactor(db, { storefrontId: sfId, session, input: code, actor: selfActor(bob) });
    expect(r).toMatchObject({ ok: true, method: 'totp' });
    const signedIn = await findSession(db, token, 'customer');
    expect(signedIn?.mfaPending).toBe(false);
    expect(signedIn!.expiresAt.getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
    // The same session cannot be completed twice, and the code cannot be replayed on another one.
    expect(await completeSecondFactor(db, { storefrontId: sfId, session, input: code, actor: selfActor(bob) })).toMatchObject({ ok: false });
    const other = await pendingSignIn(email);
    expect(await completeSecondFactor(db, { storefrontId: sfId, session: other.session, input: code, actor: selfActor(bob) })).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('a recovery code works once and only once', async () => {
    const { p: bob, email, recoveryCodes: bobCodes } = await enrolledNow('recovery@example.com');
    const first = await pendingSignIn(email);
    const r = await completeSecondFactor(db, { storefrontId: sfId, session: first.session, input: bobCodes[0]!.toUpperCase(), actor: selfActor(bob) });
    expect(r).toMatchObject({ ok: true, method: 'recovery_code' });
    expect(await findSession(db, first.token, 'customer')).not.toBeNull();
    const second = await pendingSignIn(email);
    expect(await completeSecondFactor(db, { storefrontId: sfId, session: second.session, input: bobCodes[0], actor: selfActor(bob) })).toMatchObject({
      ok: false,
      message: 'That code is not valid.',
    });
    expect(await findSession(db, second.token, 'customer')).toBeNull();
    expect(await auditCount('mfa.recovery_code_used')).toBe(1);
    expect((await getMfaStatus(db, bob)).recoveryCodesLeft).toBe(9);
  });

  it('two concurrent uses of one recovery code: exactly one succeeds', async () => {
    const { p: bob, recoveryCodes } = await enrolledNow('recovery-race@example.com');
    const code = recoveryCodes[1]!;
    const results = await Promise.all([0, 1, 2, 3].map(() => redeemRecoveryCode(db, { principal: bob, code, actor: selfActor(bob) })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await getMfaStatus(db, bob)).recoveryCodesLeft).toBe(9);
  });

  it('wrong formats get a clear message and change nothing', async () => {
    const { p: bob, email, recoveryCodes: bobCodes } = await enrolledNow('format@example.com');
    const { session } = await pendingSignIn(email);
    const auditsBefore = (await db.select().from(auditLog)).length;
    for (const input of ['12345', 'abcde-1234', 'hello', '', 42]) {
      const r = await completeSecondFactor(db, { storefrontId: sfId, session, input, actor: selfActor(bob) });
      expect(r).toMatchObject({ ok: false, code: 'bad_request', signInAgain: false });
      if (!r.ok) expect(r.message).toBe('Enter the 6-digit code from your authenticator app or a recovery code like abcde-23456.');
    }
    expect((await db.select().from(auditLog)).length).toBe(auditsBefore);
    expect((await findPendingMfaSession(db, (await pendingSignIn(email)).token, 'customer'))?.mfaPending).toBe(true);
    // Five format errors did not use up the session's attempts: a right code still works.
    expect(await completeSecondFactor(db, { storefrontId: sfId, session, input: bobCodes[2], actor: selfActor(bob) })).toMatchObject({ ok: true });
  });

  it('revokes the pending session after five wrong codes', async () => {
    const { p: bob, email, recoveryCodes: bobCodes } = await enrolledNow('five-wrong@example.com');
    const { token, session } = await pendingSignIn(email);
    for (let i = 1; i <= 4; i++) {
      expect(await completeSecondFactor(db, { storefrontId: sfId, session, input: '000000', actor: selfActor(bob) })).toMatchObject({ ok: false, signInAgain: false });
    }
    expect(await completeSecondFactor(db, { storefrontId: sfId, session, input: '000000', actor: selfActor(bob) })).toMatchObject({ ok: false, code: 'rate_limited', signInAgain: true });
    expect(await findPendingMfaSession(db, token, 'customer')).toBeNull();
    // Even a right code is refused on the revoked session.
    expect(await completeSecondFactor(db, { storefrontId: sfId, session, input: bobCodes[3], actor: selfActor(bob) })).toMatchObject({ ok: false, signInAgain: true });
    expect(await auditCount('auth.mfa_failed')).toBeGreaterThanOrEqual(5);
  });
});

describe('managing the second factor', () => {
  it('regenerates recovery codes with a current code; the old ones stop working', async () => {
    const { p: ann, secret } = await enrolledAtT0('regenerate@example.com');
    const old = await codesOf(ann);
    await expect(regenerateRecoveryCodes(db, { storefrontId: sfId, principal: ann, code: 'nope', sessionKey: 'k1', actor: selfActor(ann), now: at(900) })).rejects.toMatchObject({
      code: 'bad_request',
    });
    const { recoveryCodes } = await regenerateRecoveryCodes(db, { storefrontId: sfId, principal: ann, code: await codeAt(secret, 900), sessionKey: 'k1', actor: selfActor(ann), now: at(900) });
    expect(recoveryCodes).toHaveLength(10);
    const now = await codesOf(ann);
    expect(now.map((r) => r.codeHash)).not.toContain(old[0]!.codeHash);
    expect(await auditCount('mfa.recovery_codes_regenerated')).toBe(1);
  });

  it('staff cannot turn TOTP off; customers can, from a session that proved a factor in the last 10 minutes', async () => {
    const boss = await person('boss@example.com', 'staff');
    await enrol(boss, 'boss@example.com');
    const bossSession = await signedInSession(db, boss);
    await expect(disableTotp(db, { principal: boss, sessionId: bossSession.sessionId, actor: selfActor(boss) })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await hasConfirmedTotp(db, boss)).toBe(true);

    const { p: ann } = await enrolledAtT0('turn-off@example.com');
    const annSession = await signedInSession(db, ann);
    await ageReauthentication(db, annSession.sessionId, 11);
    await expect(disableTotp(db, { principal: ann, sessionId: annSession.sessionId, actor: selfActor(ann) })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/confirm it’s you/),
    });
    expect(await hasConfirmedTotp(db, ann)).toBe(true);
    await confirmIdentity(db, { storefrontId: sfId, principal: ann, ...annSession, input: { code: '', password: PASSWORD }, actor: selfActor(ann) });
    await disableTotp(db, { principal: ann, sessionId: annSession.sessionId, actor: selfActor(ann) });
    expect(await hasConfirmedTotp(db, ann)).toBe(false);
    expect(await codesOf(ann)).toHaveLength(0);
    expect(await auditCount('mfa.disabled')).toBe(1);
    const r = await signInWithPassword(db, { storefrontId: sfId, principalType: 'customer', input: { email: 'turn-off@example.com', password: PASSWORD } });
    expect(r).toMatchObject({ ok: true, mfaRequired: false });
  });
});
