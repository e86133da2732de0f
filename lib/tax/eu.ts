/** The 27 EU member states by ISO 3166 country code (Greece is GR here; its VAT numbers use the prefix EL). */
export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
export type EuCountry = (typeof EU_COUNTRIES)[number];

const EU_SET: ReadonlySet<string> = new Set(EU_COUNTRIES);

/** ISO code, upper-cased, with the EL alias folded into GR (customers sometimes type the VAT prefix as the country). */
export function normaliseCountryCode(country: string): string {
  const c = country.trim().toUpperCase();
  return c === 'EL' ? 'GR' : c;
}

export function isEuCountry(country: string): country is EuCountry {
  return EU_SET.has(normaliseCountryCode(country));
}

/** The prefix a member state's VAT numbers carry: the country code, except EL for Greece. */
export function vatPrefixOf(country: string): string {
  const c = normaliseCountryCode(country);
  return c === 'GR' ? 'EL' : c;
}
