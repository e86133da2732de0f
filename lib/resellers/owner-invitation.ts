import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { createStaffInvite } from '@/lib/staff/create-staff-invite';
import { revokePendingInvites } from '@/lib/staff/invite-staff';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts, type Reseller } from '@/db/schema/central';
import { staffInvites, staffUsers } from '@/db/schema/storefront';
import { getResellerOrThrow } from './get-reseller-or-throw';
import { getPlatformStorefrontOrThrow } from './platform-storefront';
import { recordPlatformAudit } from './record-platform-audit';

export type OwnerInvitation = { state: 'joined' } | { state: 'invited'; expiresAt: Date } | { state: 'expired'; expiresAt: Date } | { state: 'none' };

async function liveStorefront(central: CentralDb, reseller: Reseller) {
  const [sf] = await central.select().from(storefronts).where(eq(storefronts.id, reseller.storefrontId));
  return sf && sf.status !== 'provisioning' ? sf : null;
}

/** Whether the owner has joined their storefront's staff, or where their invitation stands (nothing before it is live). */
export async function getOwnerInvitation(central: CentralDb, reseller: Reseller, now = new Date()): Promise<OwnerInvitation> {
  const sf = await liveStorefront(central, reseller);
  if (!sf) return { state: 'none' };
  const db = openStorefrontDb(sf);
  const [member] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, reseller.ownerEmail)).limit(1);
  if (member) return { state: 'joined' };
  const [invite] = await db
    .select({ expiresAt: staffInvites.expiresAt })
    .from(staffInvites)
    .where(and(eq(staffInvites.email, reseller.ownerEmail), eq(staffInvites.revoked, false), isNull(staffInvites.acceptedAt)))
    .orderBy(desc(staffInvites.id))
    .limit(1);
  if (!invite) return { state: 'none' };
  return invite.expiresAt > now ? { state: 'invited', expiresAt: invite.expiresAt } : { state: 'expired', expiresAt: invite.expiresAt };
}

/**
 * Sends the owner a new invitation (the earlier one stops working), for an owner who let theirs expire or lost it.
 * Only for a live storefront whose owner has not joined yet; audited in the platform's log.
 */
export async function resendOwnerInvitation(central: CentralDb, opts: { publicId: string; actor: AuditActor }): Promise<void> {
  const reseller = await getResellerOrThrow(central, opts.publicId);
  const sf = await liveStorefront(central, reseller);
  if (!sf) throw new AppError('conflict', 'The storefront is not live yet: its pipeline sends the first invitation.');
  const platform = await getPlatformStorefrontOrThrow(central);
  const db = openStorefrontDb(sf);
  const created = await db.transaction(async (tx) => {
    const [member] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, reseller.ownerEmail)).limit(1);
    if (member) throw new AppError('conflict', `${reseller.ownerEmail} has already joined; they sign in (or reset their password) on their admin host.`);
    await revokePendingInvites(tx, reseller.ownerEmail);
    const invite = await createStaffInvite(tx, {
      storefrontId: sf.id,
      email: reseller.ownerEmail,
      name: reseller.ownerName ?? sf.name,
      role: 'owner',
      invitedBy: null,
      invitedByLabel: platform.name,
      actor: { type: 'system', label: `platform: ${opts.actor.label ?? 'staff'}`.slice(0, 254) },
    });
    // Last in the invitation's transaction: an invitation whose platform audit row cannot be written is not made.
    await recordPlatformAudit(central, { actor: opts.actor, action: 'reseller.owner_reinvited', target: { type: 'reseller', id: reseller.id }, after: { inviteId: invite.inviteId, email: reseller.ownerEmail } });
    return invite;
  });
  await dispatchEmail(sf.id, created.outboxId).catch(() => undefined);
}
