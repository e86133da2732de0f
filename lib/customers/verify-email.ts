import { and, eq, isNull } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { consumeOneTimeToken } from '@/lib/auth/one-time-tokens';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { customers } from '@/db/schema/storefront';

/**
 * Marks the customer's address verified; the link works once. Every session from before ends: until now the
 * account may have been used by someone who only typed the address.
 */
export async function verifyCustomerEmail(db: StorefrontDb, opts: { token: string; ip: string | null }): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const token = await consumeOneTimeToken(tx, 'verify_email', opts.token);
    if (!token || token.principalType !== 'customer') throw new AppError('bad_request', 'This link is invalid, expired or already used.');
    const [res] = await tx
      .update(customers)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(customers.id, token.principalId), isNull(customers.emailVerifiedAt)));
    const sessionsRevoked = res.affectedRows === 1 ? await revokeSessionsOf(tx, 'customer', token.principalId) : 0;
    const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, token.principalId));
    if (!c) throw new AppError('not_found', 'This account no longer exists.');
    await recordAudit(tx, { actor: { type: 'customer', id: token.principalId, label: c.email, ip: opts.ip }, action: 'customer.email_verified', target: { type: 'customer', id: token.principalId }, after: { sessionsRevoked } });
    return { email: c.email };
  });
}
