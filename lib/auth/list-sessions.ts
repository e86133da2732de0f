import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { auditLog, sessions } from '@/db/schema/storefront';
import type { PrincipalType } from './sessions';

/** A person-readable device from a user agent: browser and platform, nothing more. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /curl\//.test(userAgent)
            ? 'curl'
            : 'Browser';
  const platform = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'unknown system';
  return `${browser} on ${platform}`;
}

/** Live sessions of a principal (signed in, not expired, not revoked), most recently used first. */
export async function listActiveSessions(db: SfDb, principalType: PrincipalType, principalId: number) {
  return db
    .select({ id: sessions.id, ip: sessions.ip, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.principalType, principalType),
        eq(sessions.principalId, principalId),
        isNull(sessions.revokedAt),
        eq(sessions.mfaPending, false),
        gt(sessions.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one of the principal's own sessions; another principal's session id is refused as not found. */
export async function revokeOwnSession(db: SfDb, opts: { principalType: PrincipalType; principalId: number; sessionId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(sessions)
      .set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(sessions.id, opts.sessionId), eq(sessions.principalType, opts.principalType), eq(sessions.principalId, opts.principalId), isNull(sessions.revokedAt)));
    if (res.affectedRows === 0) throw new AppError('not_found', 'That session is already signed out.');
    await recordAudit(tx, { actor: opts.actor, action: 'auth.session_revoked', target: { type: 'session', id: opts.sessionId } });
  });
}

const SIGN_IN_ACTIONS = ['auth.signed_in', 'auth.sign_in_failed', 'auth.mfa_failed'];

/** Sign-in successes and failures for a principal, from the audit log. */
export async function listSignInHistory(db: SfDb, principalType: PrincipalType, principalId: number, limit = 30) {
  return db
    .select({ id: auditLog.id, action: auditLog.action, ip: auditLog.ip, userAgent: auditLog.userAgent, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, principalType), eq(auditLog.targetId, String(principalId)), inArray(auditLog.action, SIGN_IN_ACTIONS)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
