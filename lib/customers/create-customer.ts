import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { hashPassword } from '@/lib/auth/password';
import { emailSchema, passwordSchema } from '@/lib/auth/schemas';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import { customers } from '@/db/schema/storefront';
import { currencySchema, profileFields } from './schemas';

export const createCustomerSchema = z.object({
  ...profileFields,
  email: emailSchema,
  password: passwordSchema.optional(),
  currency: currencySchema.default('USD'),
  emailVerified: z.boolean().default(false),
});

/** Creates a customer, audited. Works inside a caller's transaction (it nests as a savepoint). */
export async function createCustomer(db: SfDb, opts: { input: z.input<typeof createCustomerSchema>; actor: AuditActor }) {
  const { password, emailVerified, ...input } = createCustomerSchema.parse(opts.input);
  const passwordHash = password ? await hashPassword(password) : null;
  try {
    return await db.transaction(async (tx) => {
      const row = { ...input, publicId: publicId('cus'), passwordHash, emailVerifiedAt: emailVerified ? new Date() : null };
      const [res] = await tx.insert(customers).values(row);
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'customer.created',
        target: { type: 'customer', id: row.publicId },
        after: { email: row.email, name: row.name, country: row.country, currency: row.currency },
      });
      return { id: res.insertId, publicId: row.publicId, email: row.email, name: row.name };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A customer with email ${input.email} already exists.`);
    throw err;
  }
}
