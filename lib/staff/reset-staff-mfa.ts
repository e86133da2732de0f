import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchAlert, raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { emailSchema } from '@/lib/auth/schemas';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { AppError } from '@/lib/errors/app-error';
import { countUnusedRecoveryCodes } from '@/lib/mfa/recovery-codes';
import { findTotp } from '@/lib/mfa/totp';
import { countPasskeys } from '@/lib/passkeys/manage-passkeys';
import { mfaRecoveryCodes, mfaTotp, passkeys, staffUsers } from '@/db/schema/storefront';

export const resetStaffMfaSchema = z.object({
  email: emailSchema,
  reason: z.string().trim().min(5, 'must be at least 5 characters').max(500, 'must be at most 500 characters'),
});

export interface StaffMfaFactors {
  totp: boolean;
  passkeys: number;
  recoveryCodes: number;
}

export interface ResetStaffMfaResult {
  staffId: number;
  email: string;
  before: StaffMfaFactors;
  sessionsRevoked: number;
  alertId: number;
}

/**
 * Recovers a staff member who lost their second factor: removes their TOTP secret, recovery codes and passkeys
 * and ends their sessions, so the next sign-in lands on the enrolment page (requireStaff sends staff without a
 * factor there). Staff only: customers are never looked up here.
 */
export async function resetStaffMfa(
  db: StorefrontDb,
  opts: { storefrontId: number; input: z.input<typeof resetStaffMfaSchema>; actor: AuditActor },
): Promise<ResetStaffMfaResult> {
  const input = resetStaffMfaSchema.parse(opts.input);
  const result = await db.transaction(async (tx) => {
    // The row lock queues this behind (and ahead of) any concurrent reset of the same person.
    const [staff] = await tx.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.email, input.email)).limit(1).for('update');
    if (!staff) throw new AppError('not_found', `No staff member with email ${input.email} on this storefront.`);
    const principal = { type: 'staff' as const, id: staff.id };
    // An unconfirmed enrolment is not a factor, and used recovery codes open nothing: neither is counted.
    const before: StaffMfaFactors = {
      totp: Boolean((await findTotp(tx, principal, { forUpdate: true }))?.confirmedAt),
      passkeys: await countPasskeys(tx, principal),
      recoveryCodes: await countUnusedRecoveryCodes(tx, principal),
    };

    await tx.delete(mfaTotp).where(and(eq(mfaTotp.principalType, 'staff'), eq(mfaTotp.principalId, staff.id)));
    await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, 'staff'), eq(mfaRecoveryCodes.principalId, staff.id)));
    await tx.delete(passkeys).where(and(eq(passkeys.principalType, 'staff'), eq(passkeys.principalId, staff.id)));
    const sessionsRevoked = await revokeSessionsOf(tx, 'staff', staff.id);

    await recordAudit(tx, {
      actor: opts.actor,
      action: 'staff.mfa_reset',
      target: { type: 'staff', id: staff.id },
      before: { ...before },
      after: { totp: false, passkeys: 0, recoveryCodes: 0, sessionsRevoked, reason: input.reason },
    });
    // Raised with the change so it cannot be lost; Discord delivery is queued after the commit.
    const alert = await raiseAlert(tx, {
      severity: 'warning',
      category: 'security',
      title: `2FA reset for ${staff.email} from the command line`,
      body: [
        `Two-factor authentication was reset for staff member ${staff.email} by ${opts.actor.label ?? opts.actor.type}.`,
        `Removed: ${before.totp ? 'authenticator app' : 'no authenticator app'}, ${before.passkeys} passkey(s), ${before.recoveryCodes} unused recovery code(s); ${sessionsRevoked} session(s) ended.`,
        `Reason: ${input.reason}`,
        'They must set up a second factor again at their next sign-in. If you did not expect this, check the audit log.',
      ].join('\n'),
    });
    return { staffId: staff.id, email: staff.email, before, sessionsRevoked, alert };
  });

  // If Redis is unreachable the outbox sweep dispatches the alert later.
  if (result.alert.created && result.alert.discordStatus === 'pending') await dispatchAlert(opts.storefrontId, result.alert.id).catch(() => undefined);
  const { alert, ...rest } = result;
  return { ...rest, alertId: alert.id };
}
