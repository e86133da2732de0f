import { AppError } from '@/lib/errors/app-error';

// PayPal writes amounts as decimal strings with its own precision per currency, which is not always the exponent our
// minor units use (the currency row's minorDigits; PayPal takes HUF and TWD in whole units only). Conversions are
// string and integer arithmetic end to end: a float never holds money.

/** PayPal's REST currency table: code → decimals it accepts. Anything missing is a currency PayPal doesn't take. */
const PAYPAL_DECIMALS: Readonly<Record<string, number>> = {
  AUD: 2, BRL: 2, CAD: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, HKD: 2, HUF: 0, ILS: 2, JPY: 0, MYR: 2, MXN: 2,
  TWD: 0, NZD: 2, NOK: 2, PHP: 2, PLN: 2, GBP: 2, SGD: 2, SEK: 2, CHF: 2, THB: 2, USD: 2,
};

/** An amount PayPal can't carry exactly, or one that isn't a PayPal amount: refused, never rounded. */
export class PaypalAmountError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'PaypalAmountError';
  }
}

export function paypalDecimals(currency: string): number {
  const decimals = PAYPAL_DECIMALS[currency.toUpperCase()];
  if (decimals === undefined) throw new PaypalAmountError(`PayPal does not support currency ${currency}`);
  return decimals;
}

export function isPaypalCurrency(currency: string): boolean {
  return PAYPAL_DECIMALS[currency.toUpperCase()] !== undefined;
}

/**
 * Integer minor units with the currency row's `minorDigits` → PayPal's value string, e.g. (1234, 'USD', 2) → "12.34",
 * (150000, 'HUF', 2) → "1500", (1500, 'HUF', 0) → "1500".
 */
export function toPaypalValue(amountMinor: number, currency: string, minorDigits: number): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new PaypalAmountError(`amount must be a non-negative integer, got ${amountMinor}`);
  const ours = minorDigits;
  const pp = paypalDecimals(currency);
  let digits = String(amountMinor);
  if (ours > pp) {
    // Dropping precision PayPal can't carry would silently change the amount, so refuse instead of rounding.
    const factor = 10n ** BigInt(ours - pp);
    if (BigInt(amountMinor) % factor !== 0n) throw new PaypalAmountError(`${currency} amounts must be whole units at PayPal, got ${amountMinor} minor`);
    digits = String(BigInt(amountMinor) / factor);
  } else if (pp > ours) {
    digits += '0'.repeat(pp - ours);
  }
  if (pp === 0) return digits;
  const padded = digits.padStart(pp + 1, '0');
  return `${padded.slice(0, -pp)}.${padded.slice(-pp)}`;
}

/** PayPal's value string → integer minor units with `minorDigits`. Rejects anything that isn't a plain decimal. */
export function fromPaypalValue(value: string, currency: string, minorDigits: number): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new PaypalAmountError(`not a PayPal amount: ${JSON.stringify(value)}`);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const ours = minorDigits;
  paypalDecimals(currency);
  const extra = fraction.slice(ours);
  if (!/^0*$/.test(extra)) throw new PaypalAmountError(`${value} ${currency} has more decimals than the currency allows`);
  const minor = Number(`${whole}${fraction.slice(0, ours).padEnd(ours, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new PaypalAmountError(`${value} ${currency} is too large`);
  return minor;
}

/** Whether a value string has at most the decimals PayPal takes for the currency (the simulator's precision check). */
export function hasPaypalPrecision(value: string, currency: string): boolean {
  const match = /^\d+(?:\.(\d+))?$/.exec(value);
  if (!match) return false;
  return (match[1]?.length ?? 0) <= paypalDecimals(currency);
}
