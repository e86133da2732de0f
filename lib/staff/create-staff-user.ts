import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { emailSchema, passwordSchema } from '@/lib/auth/schemas';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { staffUsers } from '@/db/schema/storefront';

export const createStaffUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(120),
  role: z.enum(['owner', 'administrator', 'billing', 'support', 'read_only']),
});

export async function createStaffUser(
  db: StorefrontDb,
  opts: { input: z.input<typeof createStaffUserSchema>; actor: AuditActor },
): Promise<{ id: number; email: string; role: string }> {
  const input = createStaffUserSchema.parse(opts.input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx.insert(staffUsers).values({ email: input.email, name: input.name, role: input.role, passwordHash });
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'staff.created',
        target: { type: 'staff_user', id: res.insertId },
        after: { email: input.email, name: input.name, role: input.role },
      });
      return { id: res.insertId, email: input.email, role: input.role };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A staff user with email ${input.email} already exists.`);
    throw err;
  }
}
