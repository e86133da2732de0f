import { and, eq, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { sessions, type Session } from '@/db/schema/storefront';

/**
 * Security changes (adding a passkey, setting up or turning off two-factor authentication, changing the email)
 * want a factor proven in this session within this window, so a session left open or stolen cannot make them.
 */
export const REAUTHENTICATION_WINDOW_MS = 10 * 60_000;

export const REAUTHENTICATION_REQUIRED_MESSAGE = 'For your security, confirm it’s you first: enter your password or a code from your authenticator app.';

/** Whether the session proved a factor within the window (sign-in, second factor or "confirm it's you"). */
export function isRecentlyAuthenticated(session: Pick<Session, 'reauthenticatedAt'>, now = new Date()): boolean {
  const at = session.reauthenticatedAt;
  return at !== null && now.getTime() - at.getTime() <= REAUTHENTICATION_WINDOW_MS;
}

type SessionPrincipal = { type: Session['principalType']; id: number };

/**
 * Whether this live session, of this principal and not an impersonation, proved a factor within the window. Read
 * from the database, not from what the request loaded, so a second tab's "confirm it's you" counts at once.
 */
export async function hasRecentAuthentication(db: SfDb, opts: { sessionId: number; principal: SessionPrincipal; now?: Date }): Promise<boolean> {
  const [row] = await db
    .select({ reauthenticatedAt: sessions.reauthenticatedAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, opts.sessionId),
        eq(sessions.principalType, opts.principal.type),
        eq(sessions.principalId, opts.principal.id),
        eq(sessions.mfaPending, false),
        isNull(sessions.impersonatorStaffId),
        isNull(sessions.revokedAt),
      ),
    )
    .limit(1);
  return row !== undefined && isRecentlyAuthenticated(row, opts.now);
}

/** Throws a refusal that says what to do unless the session proved a factor within the window. */
export async function requireRecentAuthentication(db: SfDb, opts: { sessionId: number; principal: SessionPrincipal; now?: Date }): Promise<void> {
  if (!(await hasRecentAuthentication(db, opts))) throw new AppError('forbidden', REAUTHENTICATION_REQUIRED_MESSAGE);
}

/** Marks the session as having just proved a factor; false for a session that cannot (ended, pending, impersonating). */
export async function markReauthenticated(db: SfDb, sessionId: number, now = new Date()): Promise<boolean> {
  const [res] = await db
    .update(sessions)
    .set({ reauthenticatedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.mfaPending, false), isNull(sessions.impersonatorStaffId), isNull(sessions.revokedAt)));
  return res.affectedRows === 1;
}
