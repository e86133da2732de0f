import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { SfDb, StorefrontTx } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { sessions, staffUsers, type StaffUser } from '@/db/schema/storefront';
import type { StaffRole } from './permissions';

export interface StaffChangeActor extends AuditActor {
  type: 'staff';
  id: number;
  /** Only an owner may hand out the owner role or change an owner. */
  role: StaffRole;
}

/**
 * Loads the member to change with every active owner locked, so two concurrent demotions cannot both pass
 * the "another active owner remains" check.
 */
async function lockForChange(tx: StorefrontTx, staffId: number, actor: StaffChangeActor): Promise<{ member: StaffUser; activeOwners: number }> {
  if (staffId === actor.id) throw new AppError('forbidden', 'You cannot change your own role or status; ask another staff manager.');
  const owners = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'owner'), eq(staffUsers.status, 'active')))
    .for('update');
  const [member] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId)).for('update');
  if (!member) throw new AppError('not_found', 'That staff member does not exist.');
  if (member.role === 'owner' && actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can change another owner.');
  return { member, activeOwners: owners.length };
}

function assertNotLastOwner(member: StaffUser, activeOwners: number): void {
  if (member.role === 'owner' && member.status === 'active' && activeOwners <= 1) {
    throw new AppError('conflict', 'This is the last active owner: make someone else an owner first.');
  }
}

/** Gives a staff member another role, audited with before and after. */
export async function changeStaffRole(db: SfDb, opts: { staffId: number; role: StaffRole; actor: StaffChangeActor }): Promise<void> {
  if (opts.role === 'owner' && opts.actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can make someone an owner.');
  await db.transaction(async (tx) => {
    const { member, activeOwners } = await lockForChange(tx, opts.staffId, opts.actor);
    if (member.role === opts.role) throw new AppError('conflict', `${member.email} already has that role.`);
    assertNotLastOwner(member, activeOwners);
    const [res] = await tx
      .update(staffUsers)
      .set({ role: opts.role })
      .where(and(eq(staffUsers.id, member.id), eq(staffUsers.role, member.role)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'Someone else changed this staff member; reload and try again.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'staff.role_changed',
      target: { type: 'staff_user', id: member.id },
      before: { role: member.role },
      after: { role: opts.role },
    });
  });
}

/**
 * Ends a staff member's admin sessions and the customer sessions they opened by signing in as a customer, each
 * impersonation audited on its customer. Runs under the lock on the staff row (lockForChange), which
 * completeImpersonation also takes, so an impersonation finishing meanwhile is either seen here or refused there.
 */
async function endSessionsOf(tx: StorefrontTx, staffId: number, actor: AuditActor): Promise<{ sessionsRevoked: number; impersonationsEnded: number }> {
  const [staffSessions] = await tx
    .update(sessions)
    .set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(eq(sessions.principalType, 'staff'), eq(sessions.principalId, staffId), isNull(sessions.revokedAt)));
  // Found by a plain read (impersonator_staff_id has no index, and a locking scan would lock every session), then
  // ended by primary key.
  const impersonations = await tx
    .select({ id: sessions.id, customerId: sessions.principalId })
    .from(sessions)
    .where(and(eq(sessions.impersonatorStaffId, staffId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`CURRENT_TIMESTAMP(3)`)));
  let impersonationsEnded = 0;
  for (const s of impersonations) {
    const [res] = await tx.update(sessions).set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` }).where(and(eq(sessions.id, s.id), isNull(sessions.revokedAt)));
    if (res.affectedRows === 0) continue;
    impersonationsEnded += 1;
    await recordAudit(tx, { actor, action: 'impersonation.ended', target: { type: 'customer', id: s.customerId }, after: { impersonatorStaffId: staffId, session: s.id, because: 'staff.disabled' } });
  }
  return { sessionsRevoked: staffSessions.affectedRows, impersonationsEnded };
}

/** Disables or re-enables a staff member; disabling also ends their sessions and impersonations at once. Audited with before and after. */
export async function setStaffStatus(db: SfDb, opts: { staffId: number; status: StaffUser['status']; actor: StaffChangeActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const { member, activeOwners } = await lockForChange(tx, opts.staffId, opts.actor);
    if (member.status === opts.status) throw new AppError('conflict', `${member.email} is already ${opts.status}.`);
    if (opts.status === 'disabled') assertNotLastOwner(member, activeOwners);
    const [res] = await tx
      .update(staffUsers)
      .set({ status: opts.status })
      .where(and(eq(staffUsers.id, member.id), eq(staffUsers.status, member.status)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'Someone else changed this staff member; reload and try again.');
    const ended = opts.status === 'disabled' ? await endSessionsOf(tx, member.id, opts.actor) : null;
    await recordAudit(tx, {
      actor: opts.actor,
      action: opts.status === 'disabled' ? 'staff.disabled' : 'staff.enabled',
      target: { type: 'staff_user', id: member.id },
      before: { status: member.status },
      after: { status: opts.status, ...(ended ?? {}) },
    });
  });
}

/** Ends one session of a staff member (any of them, not only the actor's own), audited with before and after. */
export async function revokeStaffSession(db: SfDb, opts: { staffId: number; sessionId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(sessions)
      .set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(sessions.id, opts.sessionId), eq(sessions.principalType, 'staff'), eq(sessions.principalId, opts.staffId), isNull(sessions.revokedAt)));
    if (res.affectedRows === 0) throw new AppError('not_found', 'That session is already signed out.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'staff.session_revoked',
      target: { type: 'session', id: opts.sessionId },
      before: { staffId: opts.staffId, active: true },
      after: { staffId: opts.staffId, active: false },
    });
  });
}
