import { isEuCountry, normaliseCountryCode, vatPrefixOf } from './eu';

// The structure of each member state's VAT identification number, after its prefix, as published in the
// Commission's VIES FAQ ("What is the structure of a VAT number?"). Format only: a number that matches may still
// not be registered; VIES (lib/integrations/vies) answers that.
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^(?:[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(?:\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^[1-9]\d{7}$/,
  SK: /^[1-9]\d{9}$/,
};

/** "de 123.456-789" → "DE123456789": drops spaces, dots and dashes and upper-cases. */
export function normaliseVatNumber(raw: string): string {
  return raw.replace(/[\s.\-]/g, '').toUpperCase();
}

/**
 * Whether `vatNumber` (normalised, with its prefix) has the shape of a VAT number of `countryCode` (ISO code;
 * GR and EL both mean Greece). The prefix must be that country's: a German number is not valid for an Austrian.
 */
export function isValidVatNumberFormat(countryCode: string, vatNumber: string): boolean {
  if (!isEuCountry(countryCode)) return false;
  const prefix = vatPrefixOf(countryCode);
  const vat = normaliseVatNumber(vatNumber);
  if (!vat.startsWith(prefix)) return false;
  return FORMATS[prefix]?.test(vat.slice(prefix.length)) ?? false;
}

/** Whether `vat` is, prefix included, a well-formed number of some member state other than `prefix`'s. */
function isOtherStatesNumber(prefix: string, vat: string): boolean {
  const other = vat.slice(0, 2);
  return other !== prefix && (FORMATS[other]?.test(vat.slice(2)) ?? false);
}

/**
 * The customer's tax id as a prefixed VAT number for their country: customers often leave the prefix off
 * ("123456789" for a German number), so it is added when missing — unless the id already is another member
 * state's number (a French customer giving "DE123456789" must not become the well-formed "FRDE123456789").
 * Null for countries outside the EU.
 */
export function toPrefixedVatNumber(countryCode: string, raw: string): string | null {
  if (!isEuCountry(countryCode)) return null;
  const prefix = vatPrefixOf(normaliseCountryCode(countryCode));
  const vat = normaliseVatNumber(raw);
  return vat.startsWith(prefix) || isOtherStatesNumber(prefix, vat) ? vat : `${prefix}${vat}`;
}
