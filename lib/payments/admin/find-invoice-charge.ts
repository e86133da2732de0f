import { and, eq } from 'drizzle-orm';
import { currencies, invoices, paymentTransactions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/**
 * A gateway transaction only if it belongs to the named invoice (the one whose page the refund form is on), with
 * its currency's minor digits (null when the currency row is gone); null otherwise.
 */
export async function findInvoiceCharge(db: SfDb, opts: { invoicePublicId: string; paymentPublicId: string }): Promise<{ currency: string; minorDigits: number | null } | null> {
  const [charge] = await db
    .select({ currency: paymentTransactions.currency, minorDigits: currencies.minorDigits })
    .from(paymentTransactions)
    .innerJoin(invoices, eq(invoices.id, paymentTransactions.invoiceId))
    .leftJoin(currencies, eq(currencies.code, paymentTransactions.currency))
    .where(and(eq(paymentTransactions.publicId, opts.paymentPublicId), eq(invoices.publicId, opts.invoicePublicId)));
  return charge ?? null;
}
