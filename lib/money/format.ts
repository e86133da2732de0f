// Building an Intl.NumberFormat costs far more than using one (a billing pass formats thousands of amounts), so
// each locale, currency and digit count gets one, kept for the life of the process: there are only a few.
const formatters = new Map<string, Intl.NumberFormat>();
const exponents = new Map<string, number>();

function formatterFor(locale: string, currency: string, minorDigits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${minorDigits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minorDigits, maximumFractionDigits: minorDigits })));
  return f;
}

/** Minor units → display string for a currency, e.g. formatMoney(1999, 'EUR', 'de-DE') → "19,99 €". */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US', minorDigits = minorDigitsOf(currency)): string {
  const formatter = formatterFor(locale, currency, minorDigits);
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
  let digits = exponents.get(currency);
  if (digits === undefined) exponents.set(currency, (digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2));
  return digits;
}
