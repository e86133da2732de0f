import { AppError } from '@/lib/errors/app-error';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';

// Stripe takes an amount as an integer in its own minor unit per currency (docs.stripe.com/currencies), which is not
// always the exponent of our currencies row: UGX is written with two decimals at Stripe, a store may keep HUF in
// whole forints. Conversions are integer arithmetic both ways, and an amount Stripe can't carry exactly is refused,
// never rounded: rounding would charge or refund something other than the invoice says.

export interface StripeCurrencyRule {
  /** The decimals of Stripe's amount for the currency: 100 means 1.00 at 2. */
  decimals: number;
  /** Stripe's amount must be a multiple of this (in its own units). */
  step: number;
}

const TWO_DECIMAL: StripeCurrencyRule = { decimals: 2, step: 1 };
const ZERO_DECIMAL: StripeCurrencyRule = { decimals: 0, step: 1 };
/** "The API supports three-decimal currencies… these API calls require the least-significant (last) digit to be 0." */
const THREE_DECIMAL: StripeCurrencyRule = { decimals: 3, step: 10 };
/** Whole units written with two decimals "to maintain backwards compatibility": 5 ISK is 500, 550 is refused. */
const WHOLE_UNITS_AS_CENTS: StripeCurrencyRule = { decimals: 2, step: 100 };

/**
 * Stripe's currencies that are not plain two-decimal ones, from docs.stripe.com/currencies: the zero-decimal list,
 * the three-decimal list and the special cases. Every other currency is two-decimal with any amount.
 */
const STRIPE_CURRENCY_RULES: Readonly<Record<string, StripeCurrencyRule>> = {
  BIF: ZERO_DECIMAL, CLP: ZERO_DECIMAL, DJF: ZERO_DECIMAL, GNF: ZERO_DECIMAL, JPY: ZERO_DECIMAL, KMF: ZERO_DECIMAL,
  KRW: ZERO_DECIMAL, MGA: ZERO_DECIMAL, PYG: ZERO_DECIMAL, RWF: ZERO_DECIMAL, VND: ZERO_DECIMAL, VUV: ZERO_DECIMAL,
  XAF: ZERO_DECIMAL, XOF: ZERO_DECIMAL, XPF: ZERO_DECIMAL,
  BHD: THREE_DECIMAL, JOD: THREE_DECIMAL, KWD: THREE_DECIMAL, OMR: THREE_DECIMAL, TND: THREE_DECIMAL,
  // Special cases. ISK became zero-decimal at the card networks (April 2023) but stays two-decimal in the API.
  ISK: WHOLE_UNITS_AS_CENTS,
  // UGX is in Stripe's zero-decimal list, yet its special case says to pass it with two decimals, always .00.
  UGX: WHOLE_UNITS_AS_CENTS,
  // HUF and TWD are zero-decimal for payouts only; charges and refunds take two-decimal amounts. We make no payouts.
  HUF: TWO_DECIMAL,
  TWD: TWO_DECIMAL,
};

export function stripeCurrencyRule(currency: string): StripeCurrencyRule {
  return STRIPE_CURRENCY_RULES[currency.toUpperCase()] ?? TWO_DECIMAL;
}

/** An amount Stripe can't represent: a 400 with a message saying why, as Stripe itself would refuse it. */
export class StripeAmountError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'StripeAmountError';
  }
}

const pow10 = (n: number) => 10n ** BigInt(n);

function toSafe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new StripeAmountError(`${what} is too large.`);
  return Number(value);
}

/**
 * Our minor units (with the currency row's `minorDigits`) → Stripe's `amount`: JPY 1500 at 0 digits → 1500; EUR 1999
 * → 1999; ISK 500 at 0 digits → 50000; KWD 12340 at 3 → 12340, but KWD 12345 is refused (Stripe needs a final 0).
 */
export function toStripeAmount(amountMinor: number, currency: string, minorDigits: number): number {
  const code = currency.toUpperCase();
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new StripeAmountError(`The amount must be a whole number of minor units, not ${amountMinor}.`);
  const rule = stripeCurrencyRule(code);
  const shown = `${formatScaledDecimal(amountMinor, minorDigits, { keepZeros: true })} ${code}`;
  let amount = BigInt(amountMinor);
  if (minorDigits > rule.decimals) {
    const factor = pow10(minorDigits - rule.decimals);
    if (amount % factor !== 0n) throw new StripeAmountError(`Stripe can't charge ${shown}: it takes ${code} with at most ${rule.decimals} decimals.`);
    amount /= factor;
  } else {
    amount *= pow10(rule.decimals - minorDigits);
  }
  if (amount % BigInt(rule.step) !== 0n) {
    const unit = formatScaledDecimal(rule.step, rule.decimals, { keepZeros: true });
    throw new StripeAmountError(`Stripe can't charge ${shown}: ${code} amounts must be multiples of ${unit} ${code}.`);
  }
  return toSafe(amount, shown);
}

/** Stripe's `amount` → our minor units; one our currency row can't hold exactly (a fraction we don't keep) is refused. */
export function fromStripeAmount(amount: number, currency: string, minorDigits: number): number {
  const code = currency.toUpperCase();
  if (!Number.isSafeInteger(amount)) throw new StripeAmountError(`Stripe reported a non-integer amount ${amount} ${code}.`);
  const rule = stripeCurrencyRule(code);
  let value = BigInt(amount);
  if (rule.decimals > minorDigits) {
    const factor = pow10(rule.decimals - minorDigits);
    if (value % factor !== 0n) {
      throw new StripeAmountError(`Stripe reported ${formatScaledDecimal(amount, rule.decimals)} ${code}, finer than the ${minorDigits} decimals this store keeps for ${code}.`);
    }
    value /= factor;
  } else {
    value *= pow10(minorDigits - rule.decimals);
  }
  return toSafe(value, `${amount} ${code}`);
}
