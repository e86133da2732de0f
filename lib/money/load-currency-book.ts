import { currencies } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { currencyBook, type CurrencyBook } from './currency-book';

/** Every currency row of the storefront, disabled ones included: old invoices in them must still format. */
export async function loadCurrencyBook(db: SfDb): Promise<CurrencyBook> {
  return currencyBook(await db.select({ code: currencies.code, minorDigits: currencies.minorDigits, locale: currencies.locale }).from(currencies));
}
