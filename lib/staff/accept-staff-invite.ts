import { and, eq, gt, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { staffInvites, staffUsers, type StaffInvite } from '@/db/schema/storefront';
import { acceptInviteSchema, type AcceptInviteInput } from './schemas';

export type InviteState = { status: 'valid'; invite: StaffInvite } | { status: 'invalid' | 'expired' | 'revoked' | 'used' };

const REFUSAL: Record<Exclude<InviteState['status'], 'valid'>, string> = {
  invalid: 'This invitation link is not valid. Ask for a new invitation.',
  expired: 'This invitation has expired. Ask for a new invitation.',
  revoked: 'This invitation was withdrawn. Ask for a new invitation.',
  used: 'This invitation was already used. Sign in instead.',
};

export function inviteRefusal(status: Exclude<InviteState['status'], 'valid'>): string {
  return REFUSAL[status];
}

/** Looks an invitation up by its token without using it, saying why it cannot be used if so. */
export async function findStaffInvite(db: SfDb, token: string, now = new Date()): Promise<InviteState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { status: 'invalid' };
  const [invite] = await db.select().from(staffInvites).where(eq(staffInvites.tokenHash, hashToken(token))).limit(1);
  if (!invite) return { status: 'invalid' };
  if (invite.acceptedAt) return { status: 'used' };
  if (invite.revoked) return { status: 'revoked' };
  if (invite.expiresAt <= now) return { status: 'expired' };
  return { status: 'valid', invite };
}

/**
 * Turns an invitation into a staff user with the invited role. The invitation is marked accepted by a guarded
 * update in the same transaction as the insert, so two submissions of one link cannot both create an account.
 */
export async function acceptStaffInvite(
  db: SfDb,
  opts: { input: AcceptInviteInput; ip?: string | null; userAgent?: string | null; now?: Date },
): Promise<{ staffId: number; email: string }> {
  const input = acceptInviteSchema.parse(opts.input);
  const now = opts.now ?? new Date();
  const state = await findStaffInvite(db, input.token, now);
  if (state.status !== 'valid') throw new AppError('bad_request', inviteRefusal(state.status));
  const { invite } = state;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(staffInvites)
        .set({ acceptedAt: now })
        .where(and(eq(staffInvites.id, invite.id), isNull(staffInvites.acceptedAt), eq(staffInvites.revoked, false), gt(staffInvites.expiresAt, now)));
      if (claimed.affectedRows !== 1) throw new AppError('conflict', REFUSAL.used);
      const [res] = await tx.insert(staffUsers).values({ email: invite.email, name: input.name, role: invite.role, passwordHash });
      const actor = { type: 'staff' as const, id: res.insertId, label: invite.email, ip: opts.ip ?? null, userAgent: opts.userAgent ?? null };
      await recordAudit(tx, {
        actor,
        action: 'staff.invite_accepted',
        target: { type: 'staff_invite', id: invite.id },
        before: { acceptedAt: null },
        after: { acceptedAt: now.toISOString(), staffId: res.insertId },
      });
      await recordAudit(tx, {
        actor,
        action: 'staff.created',
        target: { type: 'staff_user', id: res.insertId },
        after: { email: invite.email, name: input.name, role: invite.role, invitedBy: invite.invitedBy },
      });
      return { staffId: res.insertId, email: invite.email };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A staff user with email ${invite.email} already exists. Sign in instead.`);
    throw err;
  }
}
