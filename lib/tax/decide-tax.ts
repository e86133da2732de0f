import type { FrozenTax } from '@/db/schema/storefront/billing';
import { isEuCountry, normaliseCountryCode } from './eu';
import { isValidVatNumberFormat, toPrefixedVatNumber } from './vat-number';
import type { VatNumberStanding } from './vat-standing';

// What the tax decision reads. The pricing engine's customer and settings carry these fields and more; declaring
// them here keeps lib/tax free of lib/pricing, which calls decideTax.

export interface TaxRuleInput {
  id: number;
  country: string;
  region: string;
  name: string;
  rateMilliPercent: number;
}

export interface TaxCustomer {
  country: string;
  region: string | null;
  /** A VAT/tax number; with a company name it makes the customer a business. */
  taxId: string | null;
  company: string | null;
  taxExempt: boolean;
  /** What VIES last said about taxId (lib/tax/vat-standing.ts standingOf); read only when settings.viesEnabled. */
  vatStanding?: VatNumberStanding;
}

export interface TaxSettings {
  sellerCountry: string;
  sellerRegion: string | null;
  taxRules: readonly TaxRuleInput[];
  /** The storefront checks VAT numbers with VIES: reverse charge then needs a confirmed standing. */
  viesEnabled?: boolean;
}

export interface DecideTaxOptions {
  customer: TaxCustomer;
  settings: TaxSettings;
  /** The invoice date. Rules arrive already resolved for it; kept so callers state which day they priced. */
  date?: Date;
}

/** A customer is a business when it gives both a company name and a tax number. */
export function isBusinessCustomer(customer: TaxCustomer): boolean {
  return Boolean(customer.company?.trim()) && Boolean(customer.taxId?.trim());
}

/**
 * Intra-EU B2B supply: seller and customer in different member states and the customer's VAT number is
 * well-formed — and, when the storefront checks numbers with VIES, confirmed by VIES. An unchecked number (VIES
 * never answered for it) gets no reverse charge: the format alone never earns it while checks are on.
 */
function qualifiesForReverseCharge(customer: TaxCustomer, settings: TaxSettings): boolean {
  const seller = normaliseCountryCode(settings.sellerCountry);
  const country = normaliseCountryCode(customer.country);
  if (!isEuCountry(seller) || !isEuCountry(country) || seller === country) return false;
  if (!isBusinessCustomer(customer)) return false;
  const vat = toPrefixedVatNumber(country, customer.taxId ?? '');
  if (vat === null || !isValidVatNumberFormat(country, vat)) return false;
  return !settings.viesEnabled || customer.vatStanding === 'confirmed';
}

/** The most specific rule for the place: country + region first, then the country-wide rule (region ''). */
export function findTaxRule(rules: readonly TaxRuleInput[], country: string, region: string | null): TaxRuleInput | null {
  const c = normaliseCountryCode(country);
  const r = (region ?? '').trim().toLowerCase();
  const inCountry = rules.filter((rule) => normaliseCountryCode(rule.country) === c);
  const regional = r ? inCountry.find((rule) => rule.region.trim().toLowerCase() === r) : undefined;
  return regional ?? inCountry.find((rule) => rule.region.trim() === '') ?? null;
}

/**
 * The one tax decision for an order, frozen onto each of its lines:
 * 1. a tax-exempt customer pays none ('exempt');
 * 2. an EU seller supplying a business in another member state with a well-formed VAT number (VIES-confirmed when
 *    the storefront checks with VIES) charges none and the customer self-accounts ('reverse_charge', Article 196
 *    of the VAT Directive);
 * 3. everyone else pays the rule for where they are — for EU consumers abroad that is their own country's rate
 *    (OSS), which the storefront configures as a rule for that country; a business in the seller's own country
 *    pays the domestic rate;
 * 4. no rule for the place: no tax ('none').
 */
export function decideTax({ customer, settings }: DecideTaxOptions): FrozenTax {
  const country = normaliseCountryCode(customer.country);
  const region = customer.region?.trim() ?? '';
  if (customer.taxExempt) {
    return { ruleId: null, name: 'Tax exempt', country, region, rateMilliPercent: 0, basis: 'exempt' };
  }
  if (qualifiesForReverseCharge(customer, settings)) {
    return { ruleId: null, name: 'VAT reverse charge', country, region: '', rateMilliPercent: 0, basis: 'reverse_charge' };
  }
  const rule = findTaxRule(settings.taxRules, country, region);
  if (!rule) return { ruleId: null, name: 'No tax', country, region, rateMilliPercent: 0, basis: 'none' };
  return {
    ruleId: rule.id,
    name: rule.name,
    country: normaliseCountryCode(rule.country),
    region: rule.region,
    rateMilliPercent: rule.rateMilliPercent,
    basis: 'standard',
  };
}
