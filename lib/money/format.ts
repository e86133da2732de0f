/** Minor units → display string for a currency, e.g. formatMoney(1999, 'EUR', 'de-DE') → "19,99 €". */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US', minorDigits = minorDigitsOf(currency)): string {
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minorDigits, maximumFractionDigits: minorDigits });
  // Integer arithmetic to a decimal string first, so no float ever holds the amount.
  const negative = amountMinor < 0;
  const abs = Math.abs(amountMinor);
  const scale = 10 ** minorDigits;
  const major = Math.trunc(abs / scale);
  const minor = abs % scale;
  const decimal = minorDigits > 0 ? `${major}.${String(minor).padStart(minorDigits, '0')}` : String(major);
  return formatter.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

/** ISO 4217 exponent, as Intl knows it (JPY 0, BHD 3, most 2). */
export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
