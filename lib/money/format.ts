// Building an Intl.NumberFormat costs far more than using one (a billing pass formats thousands of amounts), so
// each locale, currency and digit count gets one, kept for the life of the process: there are only a few.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string, minorDigits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${minorDigits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minorDigits, maximumFractionDigits: minorDigits })));
  return f;
}

/**
 * Minor units → display string, e.g. formatMoney(1999, 'EUR', 'de-DE', 2) → "19,99 €". `minorDigits` is the
 * storefront's currencies.minorDigits, the one source of a currency's exponent (see currency-book.ts): Intl's own
 * idea of the currency's digits is never consulted, so what is shown always matches what is stored and charged.
 */
export function formatMoney(amountMinor: number, currency: string, locale: string, minorDigits: number): string {
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
