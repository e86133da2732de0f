import { eq } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { issueOneTimeToken } from '@/lib/auth/one-time-tokens';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { consumeRateLimit, rateLimitedError, type RateLimitRule } from '@/lib/security/rate-limit';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers } from '@/db/schema/storefront';

const RESENDS_PER_ACCOUNT: RateLimitRule = { name: 'verify-resend:account', limit: 3, windowSeconds: 60 * 60 };

/** Mails a new verification link to the signed-in customer's own address; earlier links stop working. */
export async function resendVerificationEmail(db: StorefrontDb, opts: { storefrontId: number; customerId: number; actor: AuditActor }): Promise<{ email: string }> {
  const [c] = await db.select().from(customers).where(eq(customers.id, opts.customerId)).limit(1);
  if (!c || c.status !== 'active') throw new AppError('not_found', 'Account not found.');
  if (c.emailVerifiedAt) throw new AppError('conflict', 'Your email address is already confirmed.');
  const limit = await consumeRateLimit({ rule: RESENDS_PER_ACCOUNT, storefrontId: opts.storefrontId, subject: String(c.id) });
  if (!limit.allowed) throw rateLimitedError(limit);
  const outboxId = await db.transaction(async (tx) => {
    const token = await issueOneTimeToken(tx, { purpose: 'verify_email', principalType: 'customer', principalId: c.id });
    const mail = await queueEmail(tx, {
      to: c.email,
      template: 'verify-email',
      props: { name: c.name, url: await areaUrl(opts.storefrontId, 'account', `/verify-email?token=${token}`) },
    });
    await recordAudit(tx, { actor: opts.actor, action: 'customer.verification_resent', target: { type: 'customer', id: c.id } });
    return mail.id;
  });
  await dispatchEmail(opts.storefrontId, outboxId);
  return { email: c.email };
}
