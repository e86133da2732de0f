import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { emailSchema, passwordSchema } from '@/lib/auth/schemas';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { DEMO_PASSWORD } from '@/lib/setup/demo-logins';
import { staffUsers } from '@/db/schema/storefront';

export const setStaffPasswordSchema = z.object({
  email: emailSchema,
  password: passwordSchema.refine((p) => p !== DEMO_PASSWORD, 'is the published demo password'),
});

/**
 * An operator sets a staff member's password (the way out when a production install still has the demo login);
 * every session they had ends. Audited without the password.
 */
export async function setStaffPassword(
  db: StorefrontDb,
  opts: { input: z.input<typeof setStaffPasswordSchema>; actor: AuditActor },
): Promise<{ id: number; email: string; sessionsRevoked: number }> {
  const input = setStaffPasswordSchema.parse(opts.input);
  const [member] = await db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.email, input.email));
  if (!member) throw new AppError('not_found', `No staff member ${input.email} on this storefront.`);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, member.id));
    const sessionsRevoked = await revokeSessionsOf(tx, 'staff', member.id);
    await recordAudit(tx, { actor: opts.actor, action: 'staff.password_set', target: { type: 'staff_user', id: member.id }, after: { sessionsRevoked } });
    return { ...member, sessionsRevoked };
  });
}
