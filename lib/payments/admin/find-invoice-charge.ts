import { and, eq } from 'drizzle-orm';
import { currencies, invoices, paymentTransactions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { joinedDigits } from '@/lib/money/currency-book';
import { ofInvoice } from '../allocations';

/**
 * A gateway transaction only if it belongs to the named invoice (the one whose page the refund form is on; a mass
 * payment belongs to each invoice it paid), with its currency row's minor digits; null otherwise.
 */
export async function findInvoiceCharge(db: SfDb, opts: { invoicePublicId: string; paymentPublicId: string }): Promise<{ currency: string; minorDigits: number } | null> {
  const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.publicId, opts.invoicePublicId));
  if (!invoice) return null;
  const [charge] = await db
    .select({ currency: paymentTransactions.currency, minorDigits: currencies.minorDigits })
    .from(paymentTransactions)
    .leftJoin(currencies, eq(currencies.code, paymentTransactions.currency))
    .where(and(eq(paymentTransactions.publicId, opts.paymentPublicId), ofInvoice(db, invoice.id)));
  return charge ? { currency: charge.currency, minorDigits: joinedDigits(charge.currency, charge.minorDigits) } : null;
}
