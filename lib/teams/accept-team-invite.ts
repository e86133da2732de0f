import { and, eq, isNull } from 'drizzle-orm';
import { customers, teamInvites, teamMembers, type TeamInvite } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { hashToken } from '@/lib/auth/sessions';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

export type TeamInviteState = { status: 'valid'; invite: TeamInvite; ownerName: string } | { status: 'invalid' | 'expired' | 'revoked' | 'used' };

export const TEAM_INVITE_REFUSAL: Record<Exclude<TeamInviteState['status'], 'valid'>, string> = {
  invalid: 'This invitation link is not valid. Ask the account owner for a new one.',
  expired: 'This invitation has expired. Ask the account owner for a new one.',
  revoked: 'This invitation was withdrawn.',
  used: 'This invitation was already accepted.',
};

export async function findTeamInvite(db: SfDb, token: string, now = new Date()): Promise<TeamInviteState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { status: 'invalid' };
  const [row] = await db
    .select({ invite: teamInvites, ownerName: customers.name, ownerCompany: customers.company })
    .from(teamInvites)
    .innerJoin(customers, eq(customers.id, teamInvites.ownerId))
    .where(eq(teamInvites.tokenHash, hashToken(token)));
  if (!row) return { status: 'invalid' };
  if (row.invite.acceptedAt) return { status: 'used' };
  if (row.invite.revoked) return { status: 'revoked' };
  if (row.invite.expiresAt <= now) return { status: 'expired' };
  return { status: 'valid', invite: row.invite, ownerName: row.ownerCompany ?? row.ownerName };
}

/**
 * The invited person, signed in as themselves, joins the owner's team. The invitation is addressed to one email:
 * a forwarded link does not let someone else in. Marked accepted by a guarded update, so it works once.
 */
export async function acceptTeamInvite(db: StorefrontDb, opts: { token: string; personId: number; actor: AuditActor; now?: Date }): Promise<{ ownerId: number }> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const state = await findTeamInvite(tx, opts.token, now);
    if (state.status !== 'valid') throw new AppError('bad_request', TEAM_INVITE_REFUSAL[state.status]);
    const { invite } = state;
    const [person] = await tx.select({ id: customers.id, email: customers.email }).from(customers).where(eq(customers.id, opts.personId));
    if (!person || person.email !== invite.email) {
      throw new AppError('forbidden', `This invitation is for ${invite.email}. Sign in with that address to accept it.`);
    }
    if (person.id === invite.ownerId) throw new AppError('bad_request', 'You can’t join your own team.');
    const [res] = await tx
      .update(teamInvites)
      .set({ acceptedAt: now })
      .where(and(eq(teamInvites.id, invite.id), isNull(teamInvites.acceptedAt), eq(teamInvites.revoked, false)));
    if (res.affectedRows !== 1) throw new AppError('conflict', TEAM_INVITE_REFUSAL.used);
    await tx
      .insert(teamMembers)
      .values({ ownerId: invite.ownerId, memberId: person.id, permissions: invite.permissions })
      .onDuplicateKeyUpdate({ set: { permissions: invite.permissions } });
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'team.member_joined',
      target: { type: 'customer', id: invite.ownerId },
      after: { memberId: person.id, email: person.email, permissions: invite.permissions },
    });
    return { ownerId: invite.ownerId };
  });
}
