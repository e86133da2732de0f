import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { recordAudit } from '@/lib/audit/record-audit';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { staffInvites, staffUsers } from '@/db/schema/storefront';
import { createStaffInvite } from './create-staff-invite';
import { inviteStaffSchema, type InviteStaffInput } from './schemas';
import type { StaffChangeActor } from './update-staff-member';

/**
 * Invites someone to the staff: stores only a hash of the token, mails the link to admin.<domain>/accept-invite.
 * A newer invitation to the same address replaces any pending one, so only the latest link works.
 */
export async function inviteStaff(
  db: StorefrontDb,
  opts: { storefrontId: number; input: InviteStaffInput; actor: StaffChangeActor; now?: Date },
): Promise<{ inviteId: number }> {
  const input = inviteStaffSchema.parse(opts.input);
  if (input.role === 'owner' && opts.actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can invite another owner.');
  const created = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, input.email)).limit(1);
    if (existing) throw new AppError('conflict', `${input.email} is already a staff member.`, { email: ['is already a staff member'] });
    await revokePendingInvites(tx, input.email);
    return createStaffInvite(tx, {
      storefrontId: opts.storefrontId,
      ...input,
      invitedBy: opts.actor.id,
      invitedByLabel: opts.actor.label ?? 'A staff manager',
      actor: opts.actor,
      ...(opts.now ? { now: opts.now } : {}),
    });
  });
  // After commit; if Redis is unreachable the outbox sweep sends it later.
  await dispatchEmail(opts.storefrontId, created.outboxId).catch(() => undefined);
  return { inviteId: created.inviteId };
}

/** Revokes every pending invitation to this address, so only the one about to be made works. */
export async function revokePendingInvites(tx: SfDb, email: string): Promise<void> {
  await tx
    .update(staffInvites)
    .set({ revoked: true })
    .where(and(eq(staffInvites.email, email), isNull(staffInvites.acceptedAt), eq(staffInvites.revoked, false)));
}

/** Withdraws a pending invitation (guarded: an accepted or already revoked one stays as it is), audited. */
export async function revokeStaffInvite(db: SfDb, opts: { inviteId: number; actor: StaffChangeActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [invite] = await tx.select().from(staffInvites).where(eq(staffInvites.id, opts.inviteId)).limit(1);
    if (!invite) throw new AppError('not_found', 'That invitation does not exist.');
    const [res] = await tx
      .update(staffInvites)
      .set({ revoked: true })
      .where(and(eq(staffInvites.id, invite.id), isNull(staffInvites.acceptedAt), eq(staffInvites.revoked, false)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'That invitation was already accepted or revoked.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'staff.invite_revoked',
      target: { type: 'staff_invite', id: invite.id },
      before: { email: invite.email, role: invite.role, revoked: false },
      after: { revoked: true },
    });
  });
}

/** Invitations that can still be accepted, newest first. */
export async function listPendingInvites(db: SfDb, now = new Date()) {
  return db
    .select({ id: staffInvites.id, email: staffInvites.email, name: staffInvites.name, role: staffInvites.role, expiresAt: staffInvites.expiresAt, createdAt: staffInvites.createdAt })
    .from(staffInvites)
    .where(and(isNull(staffInvites.acceptedAt), eq(staffInvites.revoked, false), gt(staffInvites.expiresAt, now)))
    .orderBy(desc(staffInvites.id));
}
