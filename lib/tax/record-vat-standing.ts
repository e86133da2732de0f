import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { standingOf, viesNumberOf, type VatStandingColumns } from './vat-standing';

/** The VIES columns of a customer row, as refresh-vat-standings hands them back. */
export type VatColumns = VatStandingColumns & { vatConsultationNumber: string | null; vatCheckFailedAt: Date | null };

export interface VatAnswer {
  /** The prefixed number VIES was asked about. */
  number: string;
  standing: 'confirmed' | 'rejected';
  consultationNumber: string | null;
  at: Date;
}

/**
 * Stores VIES's definite answer on the customer, under the row lock, and audits a change of standing
 * (customer.vat_standing.changed: confirmed → rejected takes reverse charge away, so it changes money) in the same
 * transaction. An answer for a number the customer no longer gives is dropped: the new number gets its own check.
 * Returns the columns as stored afterwards, or null when the customer is gone.
 */
export async function recordVatAnswer(db: SfDb, opts: { customerId: number; answer: VatAnswer; actor: AuditActor }): Promise<{ columns: VatColumns; changed: boolean } | null> {
  const { answer } = opts;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(customers).where(eq(customers.id, opts.customerId)).for('update');
    if (!row) return null;
    const current: VatColumns = pick(row);
    if (viesNumberOf(row) !== answer.number) return { columns: current, changed: false };
    const before = standingOf(row);
    const next: VatColumns = {
      vatStanding: answer.standing,
      vatCheckedNumber: answer.number,
      vatCheckedAt: answer.at,
      vatConsultationNumber: answer.consultationNumber,
      vatCheckFailedAt: row.vatCheckFailedAt,
    };
    await tx.update(customers).set(next).where(eq(customers.id, row.id));
    const changed = before !== answer.standing;
    if (changed) {
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'customer.vat_standing.changed',
        target: { type: 'customer', id: row.publicId },
        before: { standing: before, number: row.vatCheckedNumber, checkedAt: row.vatCheckedAt?.toISOString() ?? null },
        after: { standing: answer.standing, number: answer.number, checkedAt: answer.at.toISOString(), consultationNumber: answer.consultationNumber },
      });
    }
    return { columns: next, changed };
  });
}

/** Notes that VIES could not answer for this customer; the standing itself stays as it was. */
export async function recordVatCheckFailure(db: SfDb, opts: { customerId: number; at: Date }): Promise<void> {
  await db.update(customers).set({ vatCheckFailedAt: opts.at }).where(eq(customers.id, opts.customerId));
}

function pick(row: VatColumns): VatColumns {
  return {
    vatStanding: row.vatStanding,
    vatCheckedNumber: row.vatCheckedNumber,
    vatCheckedAt: row.vatCheckedAt,
    vatConsultationNumber: row.vatConsultationNumber,
    vatCheckFailedAt: row.vatCheckFailedAt,
  };
}
