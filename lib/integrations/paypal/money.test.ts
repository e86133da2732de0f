import { describe, expect, it } from 'vitest';
import { fromPaypalValue, hasPaypalPrecision, PaypalAmountError, toPaypalValue } from './money';

describe('PayPal amounts', () => {
  it('writes minor units as PayPal decimal strings', () => {
    expect(toPaypalValue(1234, 'USD', 2)).toBe('12.34');
    expect(toPaypalValue(5, 'EUR', 2)).toBe('0.05');
    expect(toPaypalValue(0, 'GBP', 2)).toBe('0.00');
    expect(toPaypalValue(100, 'USD', 2)).toBe('1.00');
    expect(toPaypalValue(500, 'JPY', 0)).toBe('500');
    expect(toPaypalValue(150000, 'HUF', 2)).toBe('1500');
    // TWD has an ISO exponent of 2 but PayPal takes whole dollars only.
    expect(toPaypalValue(150000, 'TWD', 2)).toBe('1500');
    expect(toPaypalValue(9_007_199_254_740_991, 'USD', 2)).toBe('90071992547409.91');
  });

  it('uses the digits of the store’s currency row, not the ISO exponent: HUF kept in whole forints', () => {
    expect(toPaypalValue(1500, 'HUF', 0)).toBe('1500');
    expect(fromPaypalValue('1500', 'HUF', 0)).toBe(1500);
    // A store keeping yen with two digits: 150000 is ¥1500.
    expect(toPaypalValue(150000, 'JPY', 2)).toBe('1500');
    expect(() => toPaypalValue(150050, 'JPY', 2)).toThrow(PaypalAmountError);
  });

  it('refuses amounts PayPal cannot carry exactly', () => {
    expect(() => toPaypalValue(150050, 'TWD', 2)).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(12.5, 'USD', 2)).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(-1, 'USD', 2)).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(100, 'BHD', 3)).toThrow(/does not support/);
  });

  it('reads PayPal decimal strings back into minor units', () => {
    expect(fromPaypalValue('12.34', 'USD', 2)).toBe(1234);
    expect(fromPaypalValue('0.7', 'USD', 2)).toBe(70);
    expect(fromPaypalValue('12', 'USD', 2)).toBe(1200);
    expect(fromPaypalValue('500', 'JPY', 0)).toBe(500);
    expect(fromPaypalValue('1500', 'TWD', 2)).toBe(150000);
    expect(fromPaypalValue('1.10', 'USD', 2)).toBe(110);
    expect(fromPaypalValue('1.230', 'USD', 2)).toBe(123);
  });

  it('rejects malformed or over-precise values', () => {
    for (const bad of ['', '1e3', '-1.00', '1.', '.5', ' 1.00', '0x10', '1,00']) expect(() => fromPaypalValue(bad, 'USD', 2)).toThrow(PaypalAmountError);
    expect(() => fromPaypalValue('1.234', 'USD', 2)).toThrow(/more decimals/);
    expect(() => fromPaypalValue('5.5', 'JPY', 0)).toThrow(/more decimals/);
  });

  it('round-trips every amount exactly', () => {
    for (const minor of [0, 1, 9, 10, 99, 101, 1999, 123456789]) {
      expect(fromPaypalValue(toPaypalValue(minor, 'USD', 2), 'USD', 2)).toBe(minor);
      expect(fromPaypalValue(toPaypalValue(minor, 'JPY', 0), 'JPY', 0)).toBe(minor);
      expect(fromPaypalValue(toPaypalValue(minor * 100, 'TWD', 2), 'TWD', 2)).toBe(minor * 100);
    }
  });

  it('checks PayPal precision per currency', () => {
    expect(hasPaypalPrecision('12.34', 'USD')).toBe(true);
    expect(hasPaypalPrecision('12.345', 'USD')).toBe(false);
    expect(hasPaypalPrecision('12.5', 'JPY')).toBe(false);
    expect(hasPaypalPrecision('12', 'HUF')).toBe(true);
    expect(hasPaypalPrecision('abc', 'USD')).toBe(false);
  });
});
