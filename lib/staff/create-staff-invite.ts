import { randomBytes } from 'node:crypto';
import type { SfDb } from '@/lib/db/connection';
import { hashToken } from '@/lib/auth/sessions';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { queueEmail } from '@/lib/email/enqueue-email';
import { areaUrl } from '@/lib/tenancy/area-url';
import { staffInvites } from '@/db/schema/storefront';
import { ROLE_LABELS, type StaffRole } from './permissions';

export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export interface NewStaffInvite {
  storefrontId: number;
  email: string;
  name: string;
  role: StaffRole;
  /** The inviting staff member of this storefront; null when the platform invites (a new storefront's owner). */
  invitedBy: number | null;
  /** Who the email says invited them. */
  invitedByLabel: string;
  actor: AuditActor;
  /** Set for invitations that must exist once (see staff_invites.dedupe_key). */
  dedupeKey?: string;
  now?: Date;
}

/**
 * Inside the caller's transaction: the invitation row (only a hash of its token), its audit row and its email in
 * the outbox (link to admin.<domain>/accept-invite). The caller dispatches the email after commit.
 */
export async function createStaffInvite(tx: SfDb, opts: NewStaffInvite): Promise<{ inviteId: number; outboxId: number }> {
  const token = randomBytes(32).toString('base64url');
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const acceptUrl = await areaUrl(opts.storefrontId, 'admin', `/accept-invite?token=${token}`);
  const [res] = await tx.insert(staffInvites).values({
    email: opts.email,
    name: opts.name,
    role: opts.role,
    tokenHash: hashToken(token),
    invitedBy: opts.invitedBy,
    expiresAt,
    dedupeKey: opts.dedupeKey ?? null,
  });
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'staff.invited',
    target: { type: 'staff_invite', id: res.insertId },
    after: { email: opts.email, name: opts.name, role: opts.role, expiresAt: expiresAt.toISOString() },
  });
  const mail = await queueEmail(tx, {
    to: opts.email,
    template: 'staff-invite',
    props: {
      name: opts.name,
      role: ROLE_LABELS[opts.role],
      invitedBy: opts.invitedByLabel,
      acceptUrl,
      expiresAt: `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    },
    dedupeKey: `staff-invite:${res.insertId}`,
  });
  return { inviteId: res.insertId, outboxId: mail.id };
}
