import { and, eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/**
 * Staff mark a customer tax exempt (no tax on new invoices) or undo it, audited as customer.tax_exempt.changed.
 * Setting the value it already has changes nothing and writes no audit row.
 */
export async function setTaxExempt(db: SfDb, opts: { customerId: number; taxExempt: boolean; actor: AuditActor }): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id, publicId: customers.publicId, taxExempt: customers.taxExempt })
      .from(customers)
      .where(eq(customers.id, opts.customerId))
      .for('update');
    if (!customer) throw new AppError('not_found', 'That customer does not exist.');
    if (customer.taxExempt === opts.taxExempt) return { changed: false };
    await tx
      .update(customers)
      .set({ taxExempt: opts.taxExempt })
      .where(and(eq(customers.id, customer.id), eq(customers.taxExempt, customer.taxExempt)));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'customer.tax_exempt.changed',
      target: { type: 'customer', id: customer.publicId },
      before: { taxExempt: customer.taxExempt },
      after: { taxExempt: opts.taxExempt },
    });
    return { changed: true };
  });
}
