import type { SfDb } from '@/lib/db/connection';
import { isEuCountry } from '@/lib/tax/eu';
import { getCommerceSettings, storedCommerceKeys, type CommerceSettings } from './commerce-settings';

/**
 * Seller settings that have a default but mean nothing until staff confirm them: the default name is the product's,
 * not the seller's legal name, and the default country decides tax. Saving the commerce form stores them.
 */
export const CONFIRMED_SELLER_KEYS = ['sellerName', 'sellerCountry'] as const satisfies readonly (keyof CommerceSettings)[];

/**
 * What an invoice must say about its seller (EU VAT Directive Art. 226: full name and address, and the VAT number in
 * the EU) and the settings still lack it, by name; empty when invoices are complete.
 */
export function missingSellerDetails(settings: CommerceSettings, stored: ReadonlySet<keyof CommerceSettings>): string[] {
  const missing: string[] = [];
  if (!stored.has('sellerName') || !settings.sellerName.trim()) missing.push('legal name');
  if (!settings.sellerAddressLines.some((l) => l.trim())) missing.push('address');
  if (!stored.has('sellerCountry')) missing.push('country');
  if (isEuCountry(settings.sellerCountry) && !settings.sellerTaxId?.trim()) missing.push('VAT number');
  return missing;
}

export async function getMissingSellerDetails(db: SfDb): Promise<string[]> {
  const [settings, stored] = await Promise.all([getCommerceSettings(db), storedCommerceKeys(db)]);
  return missingSellerDetails(settings, stored);
}
