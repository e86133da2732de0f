import type { Customer } from '@/db/schema/storefront';
import { isEuCountry, normaliseCountryCode } from './eu';
import { isValidVatNumberFormat, toPrefixedVatNumber } from './vat-number';

// A customer's VAT number standing: what VIES last said about the number the customer gives now.
//
// The rule (README, "EU VAT and VIES"): with VIES checks on, reverse charge needs the standing to be `confirmed`.
// A standing is kept per customer with the number it was for; a different number (or country) reads as
// `unchecked` until VIES answers for it. It is re-checked when older than the storefront's max age (commerce
// setting viesMaxAgeDays), before each tax decision and hourly by the revalidation job. When VIES can't answer,
// the last known standing stands — a number confirmed before keeps reverse charge, a rejected one keeps VAT — and
// a customer VIES never confirmed is charged VAT: reverse charge is never granted on the number's format alone.
// With VIES checks off, the format check alone decides (lib/tax/decide-tax.ts).

export type VatNumberStanding = 'confirmed' | 'rejected' | 'unchecked';

export type VatStandingColumns = Pick<Customer, 'vatStanding' | 'vatCheckedNumber' | 'vatCheckedAt'>;
type Identity = Pick<Customer, 'country' | 'company' | 'taxId'>;

/** The number VIES would be asked about: an EU business's well-formed, prefixed VAT number, else null. */
export function viesNumberOf(customer: Identity): string | null {
  if (!customer.company?.trim() || !customer.taxId?.trim() || !isEuCountry(customer.country)) return null;
  const number = toPrefixedVatNumber(customer.country, customer.taxId);
  return number && isValidVatNumberFormat(customer.country, number) ? number : null;
}

/**
 * The number whose standing can change this customer's tax: one that could be reverse charged (a business in
 * another member state than an EU seller). Domestic and non-EU customers are never sent to VIES automatically.
 */
export function taxRelevantVatNumber(customer: Identity, sellerCountry: string): string | null {
  const seller = normaliseCountryCode(sellerCountry);
  if (!isEuCountry(seller) || normaliseCountryCode(customer.country) === seller) return null;
  return viesNumberOf(customer);
}

/** The standing for the number the customer gives now: the stored one if it was for this number, else unchecked. */
export function standingOf(customer: Identity & VatStandingColumns): VatNumberStanding {
  const number = viesNumberOf(customer);
  return number !== null && customer.vatCheckedNumber === number ? customer.vatStanding : 'unchecked';
}

/** Due a VIES check: never answered for this number, or answered longer ago than `maxAgeDays`. */
export function isStandingStale(customer: Identity & VatStandingColumns, now: Date, maxAgeDays: number): boolean {
  if (standingOf(customer) === 'unchecked' || !customer.vatCheckedAt) return true;
  return now.getTime() - customer.vatCheckedAt.getTime() >= maxAgeDays * 86_400_000;
}
