import { asc, desc, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { currencies } from '@/db/schema/storefront';

export interface PublicCurrency {
  code: string;
  name: string;
  minorDigits: number;
  locale: string;
  isDefault: boolean;
}

/** Currencies a visitor may pick, the storefront's default first. */
export async function listEnabledCurrencies(db: SfDb): Promise<PublicCurrency[]> {
  return db
    .select({ code: currencies.code, name: currencies.name, minorDigits: currencies.minorDigits, locale: currencies.locale, isDefault: currencies.isDefault })
    .from(currencies)
    .where(eq(currencies.enabled, true))
    .orderBy(desc(currencies.isDefault), asc(currencies.sortOrder), asc(currencies.code));
}
