import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { sessions } from '@/db/schema/storefront';
import type { PrincipalType } from './sessions';

/** Ends every session of a principal (a password change keeps the one it was made from). */
export async function revokeSessionsOf(db: SfDb, principalType: PrincipalType, principalId: number, exceptSessionId?: number): Promise<number> {
  const [res] = await db
    .update(sessions)
    .set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(
      and(
        eq(sessions.principalType, principalType),
        eq(sessions.principalId, principalId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
  return res.affectedRows;
}
