import { and, eq } from 'drizzle-orm';
import { sessions } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { findMembership } from './list-team';

/** Points one session at an account the person is a member of, or back at their own (ownerId null). */
export async function switchAccount(db: StorefrontDb, opts: { sessionId: number; personId: number; ownerId: number | null; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    if (opts.ownerId !== null && opts.ownerId !== opts.personId && !(await findMembership(tx, opts.ownerId, opts.personId))) {
      throw new AppError('forbidden', 'You are not a member of that account.');
    }
    const target = opts.ownerId === opts.personId ? null : opts.ownerId;
    await tx
      .update(sessions)
      .set({ actingForCustomerId: target })
      .where(and(eq(sessions.id, opts.sessionId), eq(sessions.principalType, 'customer'), eq(sessions.principalId, opts.personId)));
    await recordAudit(tx, { actor: opts.actor, action: 'team.switched_account', target: { type: 'customer', id: target ?? opts.personId }, after: { actingFor: target } });
  });
}
