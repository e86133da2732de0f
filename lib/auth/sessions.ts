import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { sessions, type Session } from '@/db/schema/storefront';

export type PrincipalType = Session['principalType'];

const SESSION_TTL_MS = 14 * 86_400_000;
// A session waiting for its second factor is only good for the next few minutes.
const MFA_PENDING_TTL_MS = 15 * 60_000;
// Staff signed in as a customer get an hour; they can start again if they need more.
const IMPERSONATION_TTL_MS = 60 * 60_000;
// Touching last_seen on every request would turn reads into writes; once a minute is enough for the session list.
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: SfDb,
  opts: {
    principalType: PrincipalType;
    principalId: number;
    mfaPending?: boolean;
    impersonation?: { staffId: number; reason: string };
    ip?: string | null;
    userAgent?: string | null;
    now?: Date;
  },
): Promise<{ token: string; expiresAt: Date }> {
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const ttl = opts.mfaPending ? MFA_PENDING_TTL_MS : opts.impersonation ? IMPERSONATION_TTL_MS : SESSION_TTL_MS;
  const expiresAt = new Date(now.getTime() + ttl);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    principalType: opts.principalType,
    principalId: opts.principalId,
    mfaPending: opts.mfaPending ?? false,
    impersonatorStaffId: opts.impersonation?.staffId ?? null,
    impersonationReason: opts.impersonation?.reason.slice(0, 500) ?? null,
    ip: opts.ip?.slice(0, 45) ?? null,
    userAgent: opts.userAgent?.slice(0, 500) ?? null,
    lastSeenAt: now,
    expiresAt,
    // A full sign-in proved a factor just now; a pending one has not finished, and staff impersonating proved nothing of the customer's.
    reauthenticatedAt: opts.mfaPending || opts.impersonation ? null : now,
  });
  return { token, expiresAt };
}

async function findLiveSession(db: SfDb, token: string, principalType: PrincipalType, mfaPending: boolean, now: Date): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        eq(sessions.principalType, principalType),
        eq(sessions.mfaPending, mfaPending),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return row;
}

/**
 * The signed-in session for a cookie token and principal type, or null if unknown, expired, revoked or still
 * waiting for its second factor.
 */
export async function findSession(db: SfDb, token: string, principalType: PrincipalType, now = new Date()): Promise<Session | null> {
  return findLiveSession(db, token, principalType, false, now);
}

/** A live session whose password was accepted but whose second factor is still due; it opens only /two-factor. */
export async function findPendingMfaSession(db: SfDb, token: string, principalType: PrincipalType, now = new Date()): Promise<Session | null> {
  return findLiveSession(db, token, principalType, true, now);
}

/**
 * Turns a pending session into a signed-in one with the full lifetime, once. Null if it was revoked, expired or
 * already passed.
 */
export async function markSecondFactorPassed(db: SfDb, sessionId: number, now = new Date()): Promise<{ expiresAt: Date } | null> {
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const [res] = await db
    .update(sessions)
    .set({ mfaPending: false, lastSeenAt: now, expiresAt, reauthenticatedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.mfaPending, true), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return res.affectedRows === 1 ? { expiresAt } : null;
}

export async function revokeSessionById(db: SfDb, sessionId: number, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeSession(db: SfDb, token: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
}
