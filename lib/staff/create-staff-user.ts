import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { emailSchema, passwordSchema } from '@/lib/auth/schemas';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { areaUrl } from '@/lib/tenancy/area-url';
import { staffUsers } from '@/db/schema/storefront';

export const createStaffUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(120),
  role: z.enum(['owner', 'administrator', 'billing', 'support', 'read_only']),
});

/** Creates a staff user, audited, and mails them a welcome (without the password) pointing at the admin host. */
export async function createStaffUser(
  db: StorefrontDb,
  opts: { storefrontId: number; input: z.input<typeof createStaffUserSchema>; actor: AuditActor },
): Promise<{ id: number; email: string; role: string }> {
  const input = createStaffUserSchema.parse(opts.input);
  const passwordHash = await hashPassword(input.password);
  const adminUrl = await areaUrl(opts.storefrontId, 'admin', '/sign-in');
  let created: { id: number; email: string; role: string; outboxId: number };
  try {
    created = await db.transaction(async (tx) => {
      const [res] = await tx.insert(staffUsers).values({ email: input.email, name: input.name, role: input.role, passwordHash });
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'staff.created',
        target: { type: 'staff_user', id: res.insertId },
        after: { email: input.email, name: input.name, role: input.role },
      });
      const mail = await queueEmail(tx, {
        to: input.email,
        template: 'staff-welcome',
        props: { name: input.name, email: input.email, role: input.role, adminUrl },
        dedupeKey: `staff-welcome:${res.insertId}`,
      });
      return { id: res.insertId, email: input.email, role: input.role, outboxId: mail.id };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A staff user with email ${input.email} already exists.`);
    throw err;
  }
  // After commit; if Redis is unreachable the outbox sweep sends it later.
  await dispatchEmail(opts.storefrontId, created.outboxId).catch(() => undefined);
  return { id: created.id, email: created.email, role: created.role };
}
