import { eq } from 'drizzle-orm';
import { currencies, invoices } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export interface InvoiceCurrency {
  code: string;
  /** Null when the invoice's currency is no longer a row of the currencies table. */
  minorDigits: number | null;
  locale: string | null;
}

/** The currency an invoice is in, with how its amounts are typed and shown; null when there is no such invoice. */
export async function findInvoiceCurrency(db: SfDb, opts: { invoicePublicId: string }): Promise<InvoiceCurrency | null> {
  const [row] = await db
    .select({ code: invoices.currency, minorDigits: currencies.minorDigits, locale: currencies.locale })
    .from(invoices)
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(eq(invoices.publicId, opts.invoicePublicId));
  return row ?? null;
}
