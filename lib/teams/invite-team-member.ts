import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { customers, teamInvites, teamMembers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { hashToken } from '@/lib/auth/sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { assertVerifiedEmail } from '@/lib/customers/require-verified-email';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { consumeRateLimit, rateLimitedError, type RateLimitRule } from '@/lib/security/rate-limit';
import { areaUrl } from '@/lib/tenancy/area-url';
import { normaliseTeamPermissions, TEAM_PERMISSION_LABELS } from './permissions';
import { inviteTeamMemberSchema, type InviteTeamMemberInput } from './schemas';

export const TEAM_INVITE_TTL_MS = 7 * 24 * 3_600_000;
// Each invitation mails a stranger in our name: an account may send this many an hour.
const INVITES_PER_ACCOUNT: RateLimitRule = { name: 'team-invite:account', limit: 10, windowSeconds: 60 * 60 };

/**
 * An account owner invites someone by email to act on their account within a permission set. Only the newest
 * invitation to an address works; the member accepts while signed in as themselves. The owner's address must be
 * verified, and invitations are rate-limited per account.
 */
export async function inviteTeamMember(
  db: StorefrontDb,
  opts: { storefrontId: number; ownerId: number; input: InviteTeamMemberInput; actor: AuditActor; now?: Date },
): Promise<{ inviteId: number }> {
  const parsed = inviteTeamMemberSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { email } = parsed.data;
  const permissions = normaliseTeamPermissions(parsed.data.permissions);
  // An unverified account may be someone else's pre-registration: it must not mail strangers in the owner's name.
  const [requester] = await db.select({ emailVerifiedAt: customers.emailVerifiedAt }).from(customers).where(eq(customers.id, opts.ownerId));
  if (requester) assertVerifiedEmail(requester, 'inviting team members');
  const limit = await consumeRateLimit({ rule: INVITES_PER_ACCOUNT, storefrontId: opts.storefrontId, subject: String(opts.ownerId) });
  if (!limit.allowed) throw rateLimitedError(limit);
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TEAM_INVITE_TTL_MS);
  const acceptUrl = await areaUrl(opts.storefrontId, 'account', `/accept-team-invite?token=${token}`);
  const created = await db.transaction(async (tx) => {
    const [owner] = await tx.select().from(customers).where(eq(customers.id, opts.ownerId)).for('update');
    if (!owner || owner.status !== 'active') throw new AppError('forbidden', 'This account can’t invite anyone.');
    if (owner.email === email) throw new AppError('bad_request', 'You are already the owner of this account.', { email: ['is your own address'] });
    const [already] = await tx
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .innerJoin(customers, eq(customers.id, teamMembers.memberId))
      .where(and(eq(teamMembers.ownerId, owner.id), eq(customers.email, email)));
    if (already) throw new AppError('conflict', `${email} is already on your team; change their permissions instead.`, { email: ['is already on your team'] });
    await tx
      .update(teamInvites)
      .set({ revoked: true })
      .where(and(eq(teamInvites.ownerId, owner.id), eq(teamInvites.email, email), isNull(teamInvites.acceptedAt), eq(teamInvites.revoked, false)));
    const [res] = await tx.insert(teamInvites).values({ ownerId: owner.id, email, permissions, tokenHash: hashToken(token), expiresAt });
    await recordAudit(tx, { actor: opts.actor, action: 'team.invited', target: { type: 'team_invite', id: res.insertId }, after: { email, permissions, expiresAt: expiresAt.toISOString() } });
    const mail = await queueEmail(tx, {
      to: email,
      template: 'team-invite',
      props: {
        ownerName: owner.company ?? owner.name,
        permissions: permissions.map((p) => TEAM_PERMISSION_LABELS[p]),
        acceptUrl,
        expiresAt: `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
      dedupeKey: `team-invite:${res.insertId}`,
    });
    return { inviteId: res.insertId, outboxId: mail.id };
  });
  await dispatchEmail(opts.storefrontId, created.outboxId).catch(() => undefined);
  return { inviteId: created.inviteId };
}

/** The owner withdraws a pending invitation. */
export async function revokeTeamInvite(db: StorefrontDb, opts: { ownerId: number; inviteId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(teamInvites)
      .set({ revoked: true })
      .where(and(eq(teamInvites.id, opts.inviteId), eq(teamInvites.ownerId, opts.ownerId), isNull(teamInvites.acceptedAt), eq(teamInvites.revoked, false)));
    if (res.affectedRows !== 1) throw new AppError('not_found', 'No such pending invitation.');
    await recordAudit(tx, { actor: opts.actor, action: 'team.invite_revoked', target: { type: 'team_invite', id: opts.inviteId }, after: { revoked: true } });
  });
}
