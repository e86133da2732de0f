import { asc, eq, inArray, or } from 'drizzle-orm';
import { currencies } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/**
 * Currencies for a customer's credit on the admin page: the enabled ones plus those named in `held` (their
 * balances and ledger), so an amount in a since-disabled currency is still formatted and can be corrected.
 */
export async function listCreditCurrencies(db: SfDb, opts: { held: readonly string[] }) {
  const { held } = opts;
  return db
    .select({ code: currencies.code, name: currencies.name, minorDigits: currencies.minorDigits, locale: currencies.locale, isDefault: currencies.isDefault })
    .from(currencies)
    .where(held.length ? or(eq(currencies.enabled, true), inArray(currencies.code, [...held])) : eq(currencies.enabled, true))
    .orderBy(asc(currencies.sortOrder), asc(currencies.code));
}
