import { asc, eq, or, inArray } from 'drizzle-orm';
import { currencies, customers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export async function getCustomerSummary(db: SfDb, customerId: number) {
  const [row] = await db
    .select({
      id: customers.id,
      publicId: customers.publicId,
      name: customers.name,
      email: customers.email,
      country: customers.country,
      region: customers.region,
      currency: customers.currency,
      company: customers.company,
      taxId: customers.taxId,
      taxExempt: customers.taxExempt,
      status: customers.status,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  return row ?? null;
}

/** The newest ledger entries, with the staff member who made each adjustment. */
export async function creditCurrencies(db: SfDb, held: readonly string[]) {
  return db
    .select({ code: currencies.code, name: currencies.name, minorDigits: currencies.minorDigits, locale: currencies.locale, isDefault: currencies.isDefault })
    .from(currencies)
    .where(held.length ? or(eq(currencies.enabled, true), inArray(currencies.code, [...held])) : eq(currencies.enabled, true))
    .orderBy(asc(currencies.sortOrder), asc(currencies.code));
}
