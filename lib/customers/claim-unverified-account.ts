import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { customers, mfaRecoveryCodes, mfaTotp, oneTimeTokens, passkeys, paymentMethods, services, teamInvites, teamMembers } from '@/db/schema/storefront';

export interface ClaimedAccount {
  sessionsRevoked: number;
  secondFactorRemoved: boolean;
  passkeysRemoved: number;
  teamLinksRemoved: number;
  paymentMethodsRemoved: number;
}

/**
 * Someone just proved they read this unverified account's mailbox (a reset link mailed to it). Until now the
 * account may have been anybody's who typed the address (a pre-account hijack), so everything that person could
 * have set up goes: every session, the authenticator and recovery codes, passkeys, team links both ways, pending
 * invitations and links (an email change would move the account away), and saved payment methods. The address
 * is then verified. Run inside the caller's transaction, after the new password is set; the caller audits.
 */
export async function claimUnverifiedAccount(tx: SfDb, customerId: number, now = new Date()): Promise<ClaimedAccount> {
  const sessionsRevoked = await revokeSessionsOf(tx, 'customer', customerId);
  const [totp] = await tx.delete(mfaTotp).where(and(eq(mfaTotp.principalType, 'customer'), eq(mfaTotp.principalId, customerId)));
  await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, 'customer'), eq(mfaRecoveryCodes.principalId, customerId)));
  const [keys] = await tx.delete(passkeys).where(and(eq(passkeys.principalType, 'customer'), eq(passkeys.principalId, customerId)));
  const [links] = await tx.delete(teamMembers).where(or(eq(teamMembers.ownerId, customerId), eq(teamMembers.memberId, customerId)));
  await tx
    .update(teamInvites)
    .set({ revoked: true })
    .where(and(eq(teamInvites.ownerId, customerId), isNull(teamInvites.acceptedAt), eq(teamInvites.revoked, false)));
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(eq(oneTimeTokens.principalType, 'customer'), eq(oneTimeTokens.principalId, customerId), isNull(oneTimeTokens.usedAt)));
  const methods = await tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.customerId, customerId), isNull(paymentMethods.removedAt)));
  if (methods.length) {
    const ids = methods.map((m) => m.id);
    // Only our record goes: a gateway detach would need the gateway here, and a removed method is never charged.
    await tx.update(paymentMethods).set({ removedAt: now, isDefault: false }).where(inArray(paymentMethods.id, ids));
    await tx.update(services).set({ paymentMethodId: null }).where(inArray(services.paymentMethodId, ids));
  }
  await tx.update(customers).set({ emailVerifiedAt: now }).where(and(eq(customers.id, customerId), isNull(customers.emailVerifiedAt)));
  return {
    sessionsRevoked,
    secondFactorRemoved: totp.affectedRows > 0,
    passkeysRemoved: keys.affectedRows,
    teamLinksRemoved: links.affectedRows,
    paymentMethodsRemoved: methods.length,
  };
}
