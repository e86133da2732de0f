import { and, eq } from 'drizzle-orm';
import { currencies, invoices, paymentTransactions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { joinedDigits } from '@/lib/money/currency-book';

/**
 * A gateway transaction only if it belongs to the named invoice (the one whose page the refund form is on), with
 * its currency row's minor digits; null otherwise.
 */
export async function findInvoiceCharge(db: SfDb, opts: { invoicePublicId: string; paymentPublicId: string }): Promise<{ currency: string; minorDigits: number } | null> {
  const [charge] = await db
    .select({ currency: paymentTransactions.currency, minorDigits: currencies.minorDigits })
    .from(paymentTransactions)
    .innerJoin(invoices, eq(invoices.id, paymentTransactions.invoiceId))
    .leftJoin(currencies, eq(currencies.code, paymentTransactions.currency))
    .where(and(eq(paymentTransactions.publicId, opts.paymentPublicId), eq(invoices.publicId, opts.invoicePublicId)));
  return charge ? { currency: charge.currency, minorDigits: joinedDigits(charge.currency, charge.minorDigits) } : null;
}
