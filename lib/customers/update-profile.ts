import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { customers } from '@/db/schema/storefront';
import type { updateProfileSchema } from './schemas';

/** Updates contact and billing details; the audit row keeps only the fields that changed. */
export async function updateCustomerProfile(
  db: StorefrontDb,
  opts: { customerId: number; input: z.output<typeof updateProfileSchema>; actor: AuditActor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(customers).where(eq(customers.id, opts.customerId)).for('update');
    if (!current) throw new AppError('not_found', 'Account not found.');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(opts.input) as [keyof typeof opts.input, unknown][]) {
      const normalized = value ?? null;
      if (current[key] !== normalized) {
        before[key] = current[key];
        after[key] = normalized;
      }
    }
    if (Object.keys(after).length === 0) return;
    await tx.update(customers).set(after).where(eq(customers.id, opts.customerId));
    await recordAudit(tx, { actor: opts.actor, action: 'customer.profile_updated', target: { type: 'customer', id: opts.customerId }, before, after });
  });
}
