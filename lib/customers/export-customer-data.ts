import { and, desc, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { auditLog, customers, sessions } from '@/db/schema/storefront';

/**
 * Everything the storefront holds about a customer, for their own download (GDPR art. 15/20). Secrets are
 * left out: password hashes, session tokens and second-factor material are not "their data" to carry away.
 */
export async function exportCustomerData(db: SfDb, customerId: number) {
  const [c] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!c) throw new AppError('not_found', 'Account not found.');
  const { passwordHash: _secret, id: _internalId, ...profile } = c;
  const [sessionRows, activity] = await Promise.all([
    db
      .select({ ip: sessions.ip, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(and(eq(sessions.principalType, 'customer'), eq(sessions.principalId, customerId)))
      .orderBy(desc(sessions.id)),
    db
      .select({ action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, before: auditLog.before, after: auditLog.after, ip: auditLog.ip, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(and(eq(auditLog.actorType, 'customer'), eq(auditLog.actorId, customerId)))
      .orderBy(desc(auditLog.id)),
  ]);
  return { exportedAt: new Date().toISOString(), profile, sessions: sessionRows, activity };
}
