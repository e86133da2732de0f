import { eq } from 'drizzle-orm';
import { sessions } from '@/db/schema/storefront';
import { createSession, hashToken } from '@/lib/auth/sessions';
import type { SfDb } from '@/lib/db/connection';
import type { Principal } from './people';

/** A fully signed-in session, as a password or passkey sign-in leaves it (its factor proven just now). */
export async function signedInSession(db: SfDb, p: Principal): Promise<{ token: string; sessionId: number; sessionKey: string }> {
  const { token } = await createSession(db, { principalType: p.type, principalId: p.id });
  const [row] = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return { token, sessionId: row!.id, sessionKey: hashToken(token) };
}

/** Moves the session's last proven factor back in time, as if the person had been away. */
export async function ageReauthentication(db: SfDb, sessionId: number, minutesAgo: number): Promise<void> {
  await db
    .update(sessions)
    .set({ reauthenticatedAt: new Date(Date.now() - minutesAgo * 60_000) })
    .where(eq(sessions.id, sessionId));
}
