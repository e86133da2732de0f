import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { issueOneTimeToken } from '@/lib/auth/one-time-tokens';
import { hashPassword } from '@/lib/auth/password';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { consumeRateLimit, rateLimitedError, RATE_LIMITS } from '@/lib/security/rate-limit';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers } from '@/db/schema/storefront';
import { createCustomer } from './create-customer';
import type { registerCustomerSchema } from './schemas';

export interface RegisterCustomerOptions {
  storefrontId: number;
  input: z.output<typeof registerCustomerSchema>;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Registers a customer and mails a verification link. When the address already has an account, that account's
 * owner is mailed instead and the caller sees the same outcome, so registration reveals no accounts. An account
 * whose address was never verified is not changed (anyone can type an address): the mailbox gets a link to choose
 * a password, which takes the account over from whoever started it (claim-unverified-account).
 */
export async function registerCustomer(db: StorefrontDb, opts: RegisterCustomerOptions): Promise<void> {
  const limit = await consumeRateLimit({ rule: RATE_LIMITS.registrationPerIp, storefrontId: opts.storefrontId, subject: opts.ip ?? 'unknown' });
  if (!limit.allowed) throw rateLimitedError(limit);
  const { input } = opts;
  const outboxId = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: customers.id, name: customers.name, status: customers.status, emailVerifiedAt: customers.emailVerifiedAt })
      .from(customers)
      .where(eq(customers.email, input.email))
      .limit(1);
    if (existing) {
      // Costs the same hash a new account would, so timing does not tell the two apart either.
      await hashPassword(input.password);
      if (!existing.emailVerifiedAt && existing.status === 'active') {
        const token = await issueOneTimeToken(tx, { purpose: 'reset_password', principalType: 'customer', principalId: existing.id });
        const mail = await queueEmail(tx, {
          to: input.email,
          template: 'registration-unconfirmed',
          props: { url: await areaUrl(opts.storefrontId, 'account', `/reset-password?token=${token}`) },
        });
        return mail.id;
      }
      const mail = await queueEmail(tx, {
        to: input.email,
        template: 'registration-exists',
        props: { name: existing.name, url: await areaUrl(opts.storefrontId, 'account', '/sign-in') },
      });
      return mail.id;
    }
    const customer = await createCustomer(tx, {
      input: { ...input, emailVerified: false },
      actor: { type: 'customer', label: input.email, ip: opts.ip, userAgent: opts.userAgent },
    });
    const token = await issueOneTimeToken(tx, { purpose: 'verify_email', principalType: 'customer', principalId: customer.id });
    const mail = await queueEmail(tx, {
      to: input.email,
      template: 'verify-email',
      props: { name: customer.name, url: await areaUrl(opts.storefrontId, 'account', `/verify-email?token=${token}`) },
    });
    return mail.id;
  });
  await dispatchEmail(opts.storefrontId, outboxId);
}
