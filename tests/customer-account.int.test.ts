import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { registerCustomer } from '@/lib/customers/register-customer';
import { verifyCustomerEmail } from '@/lib/customers/verify-email';
import { completePasswordReset, requestPasswordReset } from '@/lib/customers/password-reset';
import { changeCustomerPassword, confirmEmailChange, requestEmailChange } from '@/lib/customers/change-credentials';
import { updateCustomerProfile } from '@/lib/customers/update-profile';
import { exportCustomerData } from '@/lib/customers/export-customer-data';
import { approveAccountClosure, cancelAccountClosure, closeDueAccounts, listClosureRequests, requestAccountClosure } from '@/lib/customers/account-closure';
import { createCustomer } from '@/lib/customers/create-customer';
import { registerCustomerSchema, updateProfileSchema } from '@/lib/customers/schemas';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { findSession } from '@/lib/auth/sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { auditLog, customers, emailOutbox } from '@/db/schema/storefront';
import { signedInSession } from './factories/sessions';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let sf: Storefront;
let db: StorefrontDb;

beforeAll(async () => {
  t = await setupTestEnv();
  sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await t.cleanup();
});

const registration = registerCustomerSchema.parse({
  name: 'Rita Example',
  email: 'Rita@Example.com',
  password: 'violet-harbour-27-lanterns',
  country: 'nl',
  currency: 'eur',
  company: 'Rita BV',
  taxId: 'NL123456789B01',
});

const system = { type: 'system' as const };

/** A verified customer of the test's own, with Rita's profile and a password it knows. */
async function customerOf(email: string, password = 'amber-meadow-58-compasses') {
  const c = await createCustomer(db, {
    input: { name: 'Rita Example', email, password, country: 'NL', currency: 'EUR', company: 'Rita BV', taxId: 'NL123456789B01', emailVerified: true },
    actor: system,
  });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}

/** The token in the newest email of a template to an address (the link a person would click). */
async function tokenFromMail(to: string, template: string): Promise<string> {
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(desc(emailOutbox.id));
  expect(mail?.template).toBe(template);
  const url = (mail!.props as { url: string }).url;
  return new URL(url).searchParams.get('token')!;
}

describe('registration and email verification', () => {
  it('registers an unverified customer and mails a link that verifies once', async () => {
    await registerCustomer(db, { storefrontId: sf.id, input: registration, ip: '198.51.100.1', userAgent: 'test' });
    const [c] = await db.select().from(customers).where(eq(customers.email, 'rita@example.com'));
    expect(c).toMatchObject({ country: 'NL', currency: 'EUR', company: 'Rita BV', emailVerifiedAt: null });
    expect(c?.passwordHash).toMatch(/^scrypt\$/);

    const token = await tokenFromMail('rita@example.com', 'verify-email');
    await verifyCustomerEmail(db, { token, ip: null });
    const [after] = await db.select().from(customers).where(eq(customers.email, 'rita@example.com'));
    expect(after?.emailVerifiedAt).toBeInstanceOf(Date);
    await expect(verifyCustomerEmail(db, { token, ip: null })).rejects.toThrow(/invalid, expired or already used/);
  });

  it('does not reveal an existing account: same outcome, a notice to the owner, no second customer', async () => {
    await customerOf('ross@example.com');
    await expect(registerCustomer(db, { storefrontId: sf.id, input: { ...registration, email: 'ross@example.com' }, ip: '198.51.100.1', userAgent: 'test' })).resolves.toBeUndefined();
    expect(await db.select().from(customers).where(eq(customers.email, 'ross@example.com'))).toHaveLength(1);
    const [mail] = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(1);
    expect(mail).toMatchObject({ toAddress: 'ross@example.com', template: 'registration-exists' });
  });

  it('rejects common passwords and bad fields with messages', () => {
    const r = registerCustomerSchema.safeParse({ ...registration, password: 'password123', country: 'Netherlands', email: 'nope' });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['password', 'country', 'email']));
  });

  it('limits registrations per IP', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 5; i++) {
      await registerCustomer(db, { storefrontId: sf.id, input: { ...registration, email: `bulk${i}@example.com` }, ip, userAgent: null });
    }
    await expect(registerCustomer(db, { storefrontId: sf.id, input: { ...registration, email: 'bulk6@example.com' }, ip, userAgent: null })).rejects.toThrow(
      /Too many attempts/,
    );
    expect(await db.select().from(customers).where(eq(customers.email, 'bulk6@example.com'))).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('resets with a one-time link and signs out every session', async () => {
    await customerOf('forgot@example.com', 'violet-harbour-27-lanterns');
    const signIn = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'forgot@example.com', password: 'violet-harbour-27-lanterns' } });
    expect(signIn.ok).toBe(true);
    await requestPasswordReset(db, { storefrontId: sf.id, email: 'forgot@example.com', ip: '192.0.2.1' });
    const token = await tokenFromMail('forgot@example.com', 'password-reset');
    await completePasswordReset(db, { input: { token, newPassword: 'amber-meadow-58-compasses' }, ip: null });
    if (signIn.ok) expect(await findSession(db, signIn.token, 'customer')).toBeNull();
    const again = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'forgot@example.com', password: 'amber-meadow-58-compasses' } });
    expect(again.ok).toBe(true);
    await expect(completePasswordReset(db, { input: { token, newPassword: 'another-long-pass-99' }, ip: null })).rejects.toThrow(/already used/);
  });

  it('answers an unknown email the same way and mails nobody', async () => {
    const before = await db.select().from(emailOutbox);
    await expect(requestPasswordReset(db, { storefrontId: sf.id, email: 'ghost@example.com', ip: '192.0.2.2' })).resolves.toBeUndefined();
    expect(await db.select().from(emailOutbox)).toHaveLength(before.length);
  });
});

const hostingProfile = updateProfileSchema.parse({ name: 'Rita Example', country: 'NL', company: 'Rita Hosting BV', city: 'Utrecht', taxId: 'NL123456789B01' });

describe('profile, password and email changes', () => {
  it('updates the profile and audits only what changed', async () => {
    const c = await customerOf('profile@example.com');
    await updateCustomerProfile(db, { customerId: c.id, input: hostingProfile, actor: { type: 'customer', id: c.id } });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, 'customer.profile_updated'), eq(auditLog.targetId, String(c.id))));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.after).toEqual({ company: 'Rita Hosting BV', city: 'Utrecht' });
    expect(entry?.before).toEqual({ company: 'Rita BV', city: null });
  });

  it('changes the password only with the current one, keeping this session and ending the others', async () => {
    const c = await customerOf('rekey@example.com');
    const a = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'rekey@example.com', password: 'amber-meadow-58-compasses' } });
    const b = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'rekey@example.com', password: 'amber-meadow-58-compasses' } });
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    const keep = (await findSession(db, a.token, 'customer'))!;
    await expect(
      changeCustomerPassword(db, { customerId: c.id, input: { currentPassword: 'wrong', newPassword: 'copper-lantern-41-rivers' }, keepSessionId: keep.id, actor: { type: 'customer', id: c.id } }),
    ).rejects.toThrow(/current password is not correct/);
    await changeCustomerPassword(db, {
      customerId: c.id,
      input: { currentPassword: 'amber-meadow-58-compasses', newPassword: 'copper-lantern-41-rivers' },
      keepSessionId: keep.id,
      actor: { type: 'customer', id: c.id },
    });
    expect(await findSession(db, a.token, 'customer')).not.toBeNull();
    expect(await findSession(db, b.token, 'customer')).toBeNull();
  });

  it('changes the email only when the new address confirms, once', async () => {
    const c = await customerOf('moving@example.com');
    const { sessionId } = await signedInSession(db, { type: 'customer', id: c.id });
    await requestEmailChange(db, { storefrontId: sf.id, customerId: c.id, sessionId, input: { newEmail: 'moving@new.example' }, actor: { type: 'customer', id: c.id } });
    const [unchanged] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(unchanged?.email).toBe('moving@example.com');
    const token = await tokenFromMail('moving@new.example', 'email-change');
    await confirmEmailChange(db, { token, ip: null });
    const [changed] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(changed?.email).toBe('moving@new.example');
    await expect(confirmEmailChange(db, { token, ip: null })).rejects.toThrow(/already used/);
  });
});

describe('data export', () => {
  it('includes the profile, sessions and activity but no secrets', async () => {
    // A customer with some history: a profile edit, a sign-in, a password change and a confirmed new email.
    const c = await customerOf('export@example.com');
    const self = { type: 'customer' as const, id: c.id };
    await updateCustomerProfile(db, { customerId: c.id, input: hostingProfile, actor: self });
    const signIn = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'export@example.com', password: 'amber-meadow-58-compasses' } });
    if (!signIn.ok) throw new Error('sign-in failed');
    const session = (await findSession(db, signIn.token, 'customer'))!;
    await changeCustomerPassword(db, { customerId: c.id, input: { currentPassword: 'amber-meadow-58-compasses', newPassword: 'copper-lantern-41-rivers' }, keepSessionId: session.id, actor: self });
    await requestEmailChange(db, { storefrontId: sf.id, customerId: c.id, sessionId: session.id, input: { newEmail: 'export@new.example' }, actor: self });
    await confirmEmailChange(db, { token: await tokenFromMail('export@new.example', 'email-change'), ip: null });

    const data = await exportCustomerData(db, c.id);
    expect(data.profile).toMatchObject({ email: 'export@new.example', company: 'Rita Hosting BV', publicId: c.publicId });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.activity.map((a) => a.action)).toContain('customer.password_changed');
    const text = JSON.stringify(data);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain('tokenHash');
  });
});

describe('account closure', () => {
  it('closes on staff approval, anonymising personal data but keeping the customer row', async () => {
    const c = await createCustomer(db, { input: { email: 'leaving@example.com', name: 'Lea Ving', password: 'lea-ving-password-1', country: 'FR', company: 'Lea SARL' }, actor: system });
    await expect(requestAccountClosure(db, { customerId: c.id, password: 'wrong', actor: system })).rejects.toThrow(/not correct/);
    await requestAccountClosure(db, { customerId: c.id, password: 'lea-ving-password-1', actor: system });
    await expect(requestAccountClosure(db, { customerId: c.id, password: 'lea-ving-password-1', actor: system })).rejects.toThrow(/already requested/);
    expect((await listClosureRequests(db)).map((r) => r.email)).toContain('leaving@example.com');

    await approveAccountClosure(db, { customerId: c.id, actor: { type: 'staff', id: 1 } });
    const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(row).toMatchObject({ status: 'closed', name: 'Closed account', email: `closed-${c.publicId}@invalid`, company: null, passwordHash: null });
    expect(row?.closedAt).toBeInstanceOf(Date);
    const signIn = await signInWithPassword(db, { storefrontId: sf.id, principalType: 'customer', input: { email: 'leaving@example.com', password: 'lea-ving-password-1' } });
    expect(signIn.ok).toBe(false);
    await expect(approveAccountClosure(db, { customerId: c.id, actor: system })).rejects.toThrow(/no pending closure/);
  });

  it('closes automatically after the grace period, and a cancelled request never closes', async () => {
    const due = await createCustomer(db, { input: { email: 'due@example.com', name: 'Due', password: 'due-password-123', country: 'US' }, actor: system });
    const kept = await createCustomer(db, { input: { email: 'kept@example.com', name: 'Kept', password: 'kept-password-12', country: 'US' }, actor: system });
    await requestAccountClosure(db, { customerId: due.id, password: 'due-password-123', actor: system });
    await requestAccountClosure(db, { customerId: kept.id, password: 'kept-password-12', actor: system });
    await cancelAccountClosure(db, { customerId: kept.id, actor: system });

    expect(await closeDueAccounts(db, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await closeDueAccounts(db, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    expect(await closeDueAccounts(db, new Date(Date.now() + 31 * 86_400_000))).toBe(0);
    const [a] = await db.select().from(customers).where(eq(customers.id, due.id));
    const [b] = await db.select().from(customers).where(eq(customers.id, kept.id));
    expect(a?.status).toBe('closed');
    expect(b?.status).toBe('active');
  });
});
