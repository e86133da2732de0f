import { desc, eq } from 'drizzle-orm';
import { creditLedger, staffUsers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export const CREDIT_KIND_LABELS = { staff_adjustment: 'Staff adjustment', invoice_payment: 'Invoice payment', refund: 'Refund', overpayment: 'Overpayment', top_up: 'Added funds' } as const;

/** A customer's credit movements, newest first. */
export async function listCreditLedger(db: SfDb, customerId: number, limit = 50) {
  return db
    .select({
      id: creditLedger.id,
      currency: creditLedger.currency,
      amountMinor: creditLedger.amountMinor,
      kind: creditLedger.kind,
      note: creditLedger.note,
      invoiceId: creditLedger.invoiceId,
      staffEmail: staffUsers.email,
      createdAt: creditLedger.createdAt,
    })
    .from(creditLedger)
    .leftJoin(staffUsers, eq(staffUsers.id, creditLedger.staffId))
    .where(eq(creditLedger.customerId, customerId))
    .orderBy(desc(creditLedger.id))
    .limit(limit);
}

/** Enabled currencies (and any the customer already holds credit in), for the adjustment form and formatting. */
