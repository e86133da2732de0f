import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { consumeOneTimeToken, issueOneTimeToken } from '@/lib/auth/one-time-tokens';
import { hashPassword } from '@/lib/auth/password';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { rateLimitedError, RATE_LIMITS, reserveAttempt } from '@/lib/security/rate-limit';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers } from '@/db/schema/storefront';
import { claimUnverifiedAccount } from './claim-unverified-account';
import type { resetPasswordSchema } from './schemas';

/**
 * Mails a reset link when an active customer has this address. The caller always shows the same message,
 * whether or not it matched, so the form reveals no accounts.
 */
export async function requestPasswordReset(db: StorefrontDb, opts: { storefrontId: number; email: string; ip: string | null }): Promise<void> {
  // Every request counts (no refund on success); one refused by either limit sends nothing and costs the other nothing.
  const reserved = await reserveAttempt([
    { rule: RATE_LIMITS.passwordResetPerIp, storefrontId: opts.storefrontId, subject: opts.ip ?? 'unknown' },
    { rule: RATE_LIMITS.passwordResetPerEmail, storefrontId: opts.storefrontId, subject: opts.email },
  ]);
  if (!reserved.allowed) throw rateLimitedError(reserved.refused);
  const outboxId = await db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(and(eq(customers.email, opts.email), eq(customers.status, 'active')))
      .limit(1);
    if (!c) return null;
    const token = await issueOneTimeToken(tx, { purpose: 'reset_password', principalType: 'customer', principalId: c.id });
    const mail = await queueEmail(tx, {
      to: opts.email,
      template: 'password-reset',
      props: { name: c.name, url: await areaUrl(opts.storefrontId, 'account', `/reset-password?token=${token}`) },
    });
    await recordAudit(tx, { actor: { type: 'customer', id: c.id, label: opts.email, ip: opts.ip }, action: 'customer.password_reset_requested', target: { type: 'customer', id: c.id } });
    return mail.id;
  });
  if (outboxId) await dispatchEmail(opts.storefrontId, outboxId);
}

/**
 * Sets the new password from a valid link, once, and signs the customer out everywhere. On an account whose
 * address was never verified, the link is the first proof of the mailbox: the account is taken over from whoever
 * started it (claim-unverified-account) and verified.
 */
export async function completePasswordReset(db: StorefrontDb, opts: { input: z.output<typeof resetPasswordSchema>; ip: string | null }): Promise<void> {
  const passwordHash = await hashPassword(opts.input.newPassword);
  await db.transaction(async (tx) => {
    const token = await consumeOneTimeToken(tx, 'reset_password', opts.input.token);
    if (!token || token.principalType !== 'customer') throw new AppError('bad_request', 'This reset link is invalid, expired or already used. Ask for a new one.');
    const [c] = await tx.select({ emailVerifiedAt: customers.emailVerifiedAt }).from(customers).where(eq(customers.id, token.principalId)).for('update');
    if (!c) throw new AppError('not_found', 'This account no longer exists.');
    await tx.update(customers).set({ passwordHash }).where(eq(customers.id, token.principalId));
    const actor = { type: 'customer' as const, id: token.principalId, ip: opts.ip };
    const target = { type: 'customer', id: token.principalId };
    if (!c.emailVerifiedAt) {
      const claimed = await claimUnverifiedAccount(tx, token.principalId);
      await recordAudit(tx, { actor, action: 'customer.unverified_account_claimed', target, after: { ...claimed } });
      return;
    }
    const revoked = await revokeSessionsOf(tx, 'customer', token.principalId);
    await recordAudit(tx, { actor, action: 'customer.password_reset', target, after: { sessionsRevoked: revoked } });
  });
}
