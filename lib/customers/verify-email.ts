import { and, eq, isNull } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { consumeOneTimeToken } from '@/lib/auth/one-time-tokens';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { customers } from '@/db/schema/storefront';

/** Marks the customer's address verified; the link works once. */
export async function verifyCustomerEmail(db: StorefrontDb, opts: { token: string; ip: string | null }): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const token = await consumeOneTimeToken(tx, 'verify_email', opts.token);
    if (!token || token.principalType !== 'customer') throw new AppError('bad_request', 'This link is invalid, expired or already used.');
    await tx
      .update(customers)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(customers.id, token.principalId), isNull(customers.emailVerifiedAt)));
    const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, token.principalId));
    if (!c) throw new AppError('not_found', 'This account no longer exists.');
    await recordAudit(tx, { actor: { type: 'customer', id: token.principalId, label: c.email, ip: opts.ip }, action: 'customer.email_verified', target: { type: 'customer', id: token.principalId } });
    return { email: c.email };
  });
}
