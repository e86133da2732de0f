import { and, desc, eq } from 'drizzle-orm';
import { paymentMethods, paymentTransactions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { ofInvoice } from './allocations';
import { describeMethod } from './payment-methods';
import type { PaymentTransaction } from './transactions';

/**
 * The invoice's latest gateway charges (a mass payment's too), newest first, with the saved method an automatic charge used: a decline
 * stays visible next to the pay buttons.
 */
export async function listInvoiceAttempts(db: SfDb, opts: { invoiceId: number; limit?: number }): Promise<(PaymentTransaction & { method: string | null })[]> {
  const rows = await db
    .select({ attempt: paymentTransactions, method: paymentMethods })
    .from(paymentTransactions)
    .leftJoin(paymentMethods, eq(paymentMethods.id, paymentTransactions.paymentMethodId))
    .where(and(ofInvoice(db, opts.invoiceId), eq(paymentTransactions.kind, 'charge')))
    .orderBy(desc(paymentTransactions.id))
    .limit(opts.limit ?? 10);
  return rows.map((r) => ({ ...r.attempt, method: r.method ? describeMethod(r.method) : null }));
}
