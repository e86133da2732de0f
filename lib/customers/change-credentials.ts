import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { consumeOneTimeToken, issueOneTimeToken } from '@/lib/auth/one-time-tokens';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { requireRecentAuthentication } from '@/lib/auth/recent-authentication';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { consumeRateLimit, rateLimitedError, RATE_LIMITS } from '@/lib/security/rate-limit';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers } from '@/db/schema/storefront';
import type { changeEmailSchema, changePasswordSchema } from './schemas';

async function customerWithPasswordOrThrow(db: StorefrontDb, customerId: number, password: string) {
  const [c] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!c) throw new AppError('not_found', 'Account not found.');
  if (!c.passwordHash || !(await verifyPassword(password, c.passwordHash))) {
    throw new AppError('bad_request', 'Your current password is not correct.', { currentPassword: ['is not correct'], password: ['is not correct'] });
  }
  return c;
}

/** Changes the password after checking the current one; every other session of the customer ends. */
export async function changeCustomerPassword(
  db: StorefrontDb,
  opts: { customerId: number; input: z.output<typeof changePasswordSchema>; keepSessionId: number; actor: AuditActor },
): Promise<{ sessionsRevoked: number }> {
  await customerWithPasswordOrThrow(db, opts.customerId, opts.input.currentPassword);
  const passwordHash = await hashPassword(opts.input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(customers).set({ passwordHash }).where(eq(customers.id, opts.customerId));
    const sessionsRevoked = await revokeSessionsOf(tx, 'customer', opts.customerId, opts.keepSessionId);
    await recordAudit(tx, { actor: opts.actor, action: 'customer.password_changed', target: { type: 'customer', id: opts.customerId }, after: { sessionsRevoked } });
    return { sessionsRevoked };
  });
}

/**
 * Mails a confirmation link to the new address; the email changes only when that link is opened. The session
 * must have proved a factor within the last few minutes, so an unattended or stolen session cannot move the account.
 */
export async function requestEmailChange(
  db: StorefrontDb,
  opts: { storefrontId: number; customerId: number; sessionId: number; input: z.output<typeof changeEmailSchema>; actor: AuditActor },
): Promise<void> {
  await requireRecentAuthentication(db, { sessionId: opts.sessionId, principal: { type: 'customer', id: opts.customerId } });
  const limit = await consumeRateLimit({ rule: RATE_LIMITS.emailChangePerAccount, storefrontId: opts.storefrontId, subject: String(opts.customerId) });
  if (!limit.allowed) throw rateLimitedError(limit);
  const [c] = await db.select().from(customers).where(eq(customers.id, opts.customerId)).limit(1);
  if (!c) throw new AppError('not_found', 'Account not found.');
  if (c.email === opts.input.newEmail) throw new AppError('bad_request', 'That is already your email address.', { newEmail: ['is your current address'] });
  const outboxId = await db.transaction(async (tx) => {
    const token = await issueOneTimeToken(tx, { purpose: 'change_email', principalType: 'customer', principalId: c.id, newEmail: opts.input.newEmail });
    const mail = await queueEmail(tx, {
      to: opts.input.newEmail,
      template: 'email-change',
      props: { name: c.name, url: await areaUrl(opts.storefrontId, 'account', `/confirm-email?token=${token}`) },
    });
    await recordAudit(tx, { actor: opts.actor, action: 'customer.email_change_requested', target: { type: 'customer', id: c.id }, after: { newEmail: opts.input.newEmail } });
    return mail.id;
  });
  await dispatchEmail(opts.storefrontId, outboxId);
}

/** Applies an email change from its link, once. */
export async function confirmEmailChange(db: StorefrontDb, opts: { token: string; ip: string | null }): Promise<{ email: string }> {
  try {
    return await db.transaction(async (tx) => {
      const token = await consumeOneTimeToken(tx, 'change_email', opts.token);
      if (!token || token.principalType !== 'customer' || !token.newEmail) throw new AppError('bad_request', 'This link is invalid, expired or already used.');
      const [before] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, token.principalId));
      if (!before) throw new AppError('not_found', 'This account no longer exists.');
      await tx.update(customers).set({ email: token.newEmail, emailVerifiedAt: new Date() }).where(eq(customers.id, token.principalId));
      await recordAudit(tx, {
        actor: { type: 'customer', id: token.principalId, label: token.newEmail, ip: opts.ip },
        action: 'customer.email_changed',
        target: { type: 'customer', id: token.principalId },
        before: { email: before.email },
        after: { email: token.newEmail },
      });
      return { email: token.newEmail };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', 'Another account already uses that email address.');
    throw err;
  }
}
