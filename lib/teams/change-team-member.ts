import { and, eq } from 'drizzle-orm';
import { sessions, teamMembers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { normaliseTeamPermissions } from './permissions';
import { teamPermissionsSchema } from './schemas';

async function lockMembership(tx: Parameters<Parameters<StorefrontDb['transaction']>[0]>[0], ownerId: number, memberId: number) {
  const [row] = await tx.select().from(teamMembers).where(and(eq(teamMembers.ownerId, ownerId), eq(teamMembers.memberId, memberId))).for('update');
  if (!row) throw new AppError('not_found', 'That person is not on your team.');
  return row;
}

/** The owner changes what a member may do; it applies from the member's next request. */
export async function changeTeamMemberPermissions(db: StorefrontDb, opts: { ownerId: number; memberId: number; permissions: unknown; actor: AuditActor }): Promise<void> {
  const parsed = teamPermissionsSchema.safeParse(opts.permissions);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const permissions = normaliseTeamPermissions(parsed.data);
  await db.transaction(async (tx) => {
    const row = await lockMembership(tx, opts.ownerId, opts.memberId);
    await tx.update(teamMembers).set({ permissions }).where(eq(teamMembers.id, row.id));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'team.permissions_changed',
      target: { type: 'customer', id: opts.ownerId },
      before: { memberId: opts.memberId, permissions: row.permissions },
      after: { memberId: opts.memberId, permissions },
    });
  });
}

/**
 * The owner removes a member. Any session the member has open on this account falls back to their own account
 * at once (the request guard checks the membership on every request; clearing the column makes it explicit).
 */
export async function removeTeamMember(db: StorefrontDb, opts: { ownerId: number; memberId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockMembership(tx, opts.ownerId, opts.memberId);
    await tx.delete(teamMembers).where(eq(teamMembers.id, row.id));
    await tx
      .update(sessions)
      .set({ actingForCustomerId: null })
      .where(and(eq(sessions.principalType, 'customer'), eq(sessions.principalId, opts.memberId), eq(sessions.actingForCustomerId, opts.ownerId)));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'team.member_removed',
      target: { type: 'customer', id: opts.ownerId },
      before: { memberId: opts.memberId, permissions: row.permissions },
    });
  });
}

