import { describe, expect, it } from 'vitest';
import { fromStripeAmount, StripeAmountError, stripeCurrencyRule, toStripeAmount } from './money';

describe('toStripeAmount', () => {
  it('passes two-decimal currencies through: EUR 1999 → 1999', () => {
    expect(toStripeAmount(1999, 'EUR', 2)).toBe(1999);
    expect(toStripeAmount(1999, 'eur', 2)).toBe(1999);
  });

  it('sends zero-decimal currencies in whole units: JPY 1500 → 1500, also when a store keeps yen with 2 digits', () => {
    expect(toStripeAmount(1500, 'JPY', 0)).toBe(1500);
    expect(toStripeAmount(150000, 'JPY', 2)).toBe(1500);
    expect(() => toStripeAmount(150050, 'JPY', 2)).toThrow(StripeAmountError);
  });

  it('refuses a three-decimal amount whose last digit is not 0: KWD 12345 refused, 12340 → 12340', () => {
    expect(toStripeAmount(12340, 'KWD', 3)).toBe(12340);
    expect(() => toStripeAmount(12345, 'KWD', 3)).toThrow("Stripe can't charge 12.345 KWD: KWD amounts must be multiples of 0.010 KWD.");
    // A store keeping dinars with two digits: 12.34 → 12340.
    expect(toStripeAmount(1234, 'BHD', 2)).toBe(12340);
  });

  it('writes ISK and UGX with two decimals, whole units only: ISK 500 (0 digits) → 50000; ISK 12.34 refused', () => {
    expect(toStripeAmount(500, 'ISK', 0)).toBe(50000);
    expect(toStripeAmount(500, 'UGX', 0)).toBe(50000);
    expect(toStripeAmount(50000, 'ISK', 2)).toBe(50000);
    expect(() => toStripeAmount(1234, 'ISK', 2)).toThrow("Stripe can't charge 12.34 ISK: ISK amounts must be multiples of 1.00 ISK.");
  });

  it('takes HUF and TWD charges with two decimals (only payouts are whole units): HUF 150050 → 150050', () => {
    expect(toStripeAmount(150050, 'HUF', 2)).toBe(150050);
    expect(toStripeAmount(1500, 'HUF', 0)).toBe(150000);
    expect(toStripeAmount(9999, 'TWD', 2)).toBe(9999);
  });

  it('refuses more decimals than Stripe keeps instead of rounding them away', () => {
    expect(() => toStripeAmount(12345, 'EUR', 3)).toThrow("Stripe can't charge 12.345 EUR: it takes EUR with at most 2 decimals.");
    expect(toStripeAmount(12340, 'EUR', 3)).toBe(1234);
  });

  it('refuses negative and fractional minor units', () => {
    expect(() => toStripeAmount(-1, 'EUR', 2)).toThrow(StripeAmountError);
    expect(() => toStripeAmount(1.5, 'EUR', 2)).toThrow(StripeAmountError);
  });
});

describe('fromStripeAmount', () => {
  it('inverts toStripeAmount', () => {
    for (const [minor, code, digits] of [[1999, 'EUR', 2], [1500, 'JPY', 0], [12340, 'KWD', 3], [500, 'ISK', 0], [150050, 'HUF', 2], [1500, 'HUF', 0]] as const) {
      expect(fromStripeAmount(toStripeAmount(minor, code, digits), code.toLowerCase(), digits)).toBe(minor);
    }
  });

  it('refuses an amount our row cannot hold: 1250 ISK cents with ISK kept in whole krónur', () => {
    expect(() => fromStripeAmount(1250, 'isk', 0)).toThrow(StripeAmountError);
  });
});

describe('stripeCurrencyRule', () => {
  it('follows Stripe’s lists, defaulting to two decimals', () => {
    expect(stripeCurrencyRule('vnd')).toEqual({ decimals: 0, step: 1 });
    expect(stripeCurrencyRule('OMR')).toEqual({ decimals: 3, step: 10 });
    expect(stripeCurrencyRule('UGX')).toEqual({ decimals: 2, step: 100 });
    expect(stripeCurrencyRule('CHF')).toEqual({ decimals: 2, step: 1 });
  });
});
