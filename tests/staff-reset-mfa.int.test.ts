import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createAnnBobAndBoss, type Principal } from './factories/people';
import { createSession, findSession, revokeSessionById } from '@/lib/auth/sessions';
import { signedInSession } from './factories/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { confirmTotpEnrolment } from '@/lib/mfa/confirm-totp-enrolment';
import { startTotpEnrolment } from '@/lib/mfa/start-totp-enrolment';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { hasPasskey } from '@/lib/passkeys/manage-passkeys';
import { resetStaffMfa } from '@/lib/staff/reset-staff-mfa';
import type { StorefrontDb } from '@/lib/db/connection';
import { adminAlerts, auditLog, mfaRecoveryCodes, mfaTotp, passkeys, sessions } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
let ann: Principal;
let boss: Principal;
const PASSWORD = 'reset-mfa-test-password-1';
const actor = { type: 'system' as const, label: 'cli:staff:reset-2fa' };
const REASON = 'Lost phone, identity checked on a video call';

async function enrolTotp(p: Principal, email: string): Promise<void> {
  // Enrolment wants a freshly signed-in session; it is ended afterwards so the session counts below stay exact.
  const { sessionId } = await signedInSession(db, p);
  const e = await startTotpEnrolment(db, { principal: p, sessionId, accountLabel: email, issuer: 'Shop' });
  const code = await generate({ secret: e.manualKey.replace(/ /g, ''), epoch: Math.floor(Date.now() / 1000) });
  await confirmTotpEnrolment(db, { principal: p, sessionId, code, actor: { ...actor, label: 'test' } });
  await revokeSessionById(db, sessionId);
}

async function addPasskey(p: Principal, credentialId: string): Promise<void> {
  await db.insert(passkeys).values({ principalType: p.type, principalId: p.id, credentialId, publicKey: 'pk', name: 'Laptop' });
}

const rowsOf = async (p: Principal) => ({
  totp: (await db.select().from(mfaTotp).where(and(eq(mfaTotp.principalType, p.type), eq(mfaTotp.principalId, p.id)))).length,
  codes: (await db.select().from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id)))).length,
  passkeys: (await db.select().from(passkeys).where(and(eq(passkeys.principalType, p.type), eq(passkeys.principalId, p.id)))).length,
});

/** Everything a reset could touch, to prove a refused one touched nothing. */
const snapshot = async () => ({
  boss: await rowsOf(boss),
  ann: await rowsOf(ann),
  sessions: await db.select({ id: sessions.id, revokedAt: sessions.revokedAt }).from(sessions),
  audit: (await db.select().from(auditLog).where(eq(auditLog.action, 'staff.mfa_reset'))).length,
  alerts: (await db.select().from(adminAlerts)).length,
});

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  sfId = sf.id;
  db = openStorefrontDb(sf);
  ({ ann, boss } = await createAnnBobAndBoss(db, sf.id, PASSWORD));
  await enrolTotp(boss, 'boss@example.com');
  await addPasskey(boss, 'boss-credential-1');
  await enrolTotp(ann, 'ann@example.com');
  await addPasskey(ann, 'ann-credential-1');
});
afterAll(async () => {
  await t.cleanup();
});

describe('resetStaffMfa', () => {
  it('refuses an email that is no staff member (a customer’s included) and changes nothing', async () => {
    await createSession(db, { principalType: 'staff', principalId: boss.id });
    const before = await snapshot();
    for (const email of ['nobody@example.com', 'ann@example.com']) {
      await expect(resetStaffMfa(db, { storefrontId: sfId, input: { email, reason: REASON }, actor }), email).rejects.toMatchObject({
        name: 'AppError',
        code: 'not_found',
      });
    }
    await expect(resetStaffMfa(db, { storefrontId: sfId, input: { email: 'boss@example.com', reason: 'no' }, actor })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it('removes the staff member’s factors, ends their sessions, audits and alerts in one go', async () => {
    const a = await createSession(db, { principalType: 'staff', principalId: boss.id });
    await createSession(db, { principalType: 'staff', principalId: boss.id, mfaPending: true });
    const customer = await createSession(db, { principalType: 'customer', principalId: ann.id });
    expect(await findSession(db, a.token, 'staff')).not.toBeNull();
    const annBefore = await rowsOf(ann);

    const r = await resetStaffMfa(db, { storefrontId: sfId, input: { email: ' Boss@Example.com ', reason: REASON }, actor });

    expect(r).toMatchObject({ staffId: boss.id, email: 'boss@example.com', before: { totp: true, passkeys: 1, recoveryCodes: 10 } });
    // The one from the refused attempts above, a full one and one still waiting for its second factor.
    expect(r.sessionsRevoked).toBe(3);
    expect(await rowsOf(boss)).toEqual({ totp: 0, codes: 0, passkeys: 0 });
    expect(await hasConfirmedTotp(db, boss)).toBe(false);
    expect(await hasPasskey(db, boss)).toBe(false);
    const bossSessions = await db.select().from(sessions).where(and(eq(sessions.principalType, 'staff'), eq(sessions.principalId, boss.id)));
    expect(bossSessions.length).toBeGreaterThan(0);
    expect(bossSessions.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await findSession(db, a.token, 'staff')).toBeNull();

    // The customer is untouched.
    expect(await rowsOf(ann)).toEqual(annBefore);
    expect(await findSession(db, customer.token, 'customer')).not.toBeNull();

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'staff.mfa_reset'));
    expect(audit).toMatchObject({
      actorType: 'system',
      actorLabel: 'cli:staff:reset-2fa',
      targetType: 'staff',
      targetId: String(boss.id),
      before: { totp: true, passkeys: 1, recoveryCodes: 10 },
      after: { totp: false, passkeys: 0, recoveryCodes: 0, reason: REASON },
    });
    const [alert] = await db.select().from(adminAlerts).where(eq(adminAlerts.id, r.alertId));
    expect(alert).toMatchObject({ severity: 'warning', category: 'security', title: '2FA reset for boss@example.com from the command line' });
    expect(alert!.body).toContain(REASON);

    // The next password sign-in asks for no second factor: it opens a session that requireStaff sends to enrolment.
    const signIn = await signInWithPassword(db, { storefrontId: sfId, principalType: 'staff', input: { email: 'boss@example.com', password: PASSWORD } });
    expect(signIn).toMatchObject({ ok: true, mfaRequired: false });
  });
});
