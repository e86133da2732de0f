import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { emailSchema, passwordSchema } from '@/lib/auth/schemas';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import { customers } from '@/db/schema/storefront';

export const createCustomerSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema.optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code')
    .default('USD'),
  emailVerified: z.boolean().default(false),
});

export async function createCustomer(db: StorefrontDb, opts: { input: z.input<typeof createCustomerSchema>; actor: AuditActor }) {
  const input = createCustomerSchema.parse(opts.input);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db.transaction(async (tx) => {
      const row = {
        publicId: publicId('cus'),
        email: input.email,
        name: input.name,
        passwordHash,
        country: input.country,
        currency: input.currency,
        emailVerifiedAt: input.emailVerified ? new Date() : null,
      };
      const [res] = await tx.insert(customers).values(row);
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'customer.created',
        target: { type: 'customer', id: row.publicId },
        after: { email: row.email, name: row.name, country: row.country, currency: row.currency },
      });
      return { id: res.insertId, publicId: row.publicId, email: row.email };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A customer with email ${input.email} already exists.`);
    throw err;
  }
}
