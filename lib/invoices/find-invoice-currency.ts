import { eq } from 'drizzle-orm';
import { currencies, invoices } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { joinedDigits } from '@/lib/money/currency-book';

export interface InvoiceCurrency {
  code: string;
  /** The currency row's digits: how the invoice's amounts are typed and shown. */
  minorDigits: number;
  locale: string;
}

/** The currency an invoice is in, with how its amounts are typed and shown; null when there is no such invoice. */
export async function findInvoiceCurrency(db: SfDb, opts: { invoicePublicId: string }): Promise<InvoiceCurrency | null> {
  const [row] = await db
    .select({ code: invoices.currency, minorDigits: currencies.minorDigits, locale: currencies.locale })
    .from(invoices)
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(eq(invoices.publicId, opts.invoicePublicId));
  return row ? { code: row.code, minorDigits: joinedDigits(row.code, row.minorDigits), locale: row.locale ?? 'en-US' } : null;
}
