import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { revokeSessionsOf } from './revoke-sessions';

/** "Sign out everywhere else": ends every session of the customer but the one asking, audited in the same transaction. */
export async function revokeOtherSessions(db: SfDb, opts: { customerId: number; keepSessionId: number; actor: AuditActor }): Promise<number> {
  return db.transaction(async (tx) => {
    const n = await revokeSessionsOf(tx, 'customer', opts.customerId, opts.keepSessionId);
    await recordAudit(tx, { actor: opts.actor, action: 'auth.other_sessions_revoked', target: { type: 'customer', id: opts.customerId }, after: { sessionsRevoked: n } });
    return n;
  });
}
