import { describe, expect, it } from 'vitest';
import { fromPaypalValue, hasPaypalPrecision, PaypalAmountError, toPaypalValue } from './money';

describe('PayPal amounts', () => {
  it('writes minor units as PayPal decimal strings', () => {
    expect(toPaypalValue(1234, 'USD')).toBe('12.34');
    expect(toPaypalValue(5, 'EUR')).toBe('0.05');
    expect(toPaypalValue(0, 'GBP')).toBe('0.00');
    expect(toPaypalValue(100, 'USD')).toBe('1.00');
    expect(toPaypalValue(500, 'JPY')).toBe('500');
    expect(toPaypalValue(1500, 'HUF')).toBe('1500');
    // TWD has an ISO exponent of 2 but PayPal takes whole dollars only.
    expect(toPaypalValue(150000, 'TWD')).toBe('1500');
    expect(toPaypalValue(9_007_199_254_740_991, 'USD')).toBe('90071992547409.91');
  });

  it('refuses amounts PayPal cannot carry exactly', () => {
    expect(() => toPaypalValue(150050, 'TWD')).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(12.5, 'USD')).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(-1, 'USD')).toThrow(PaypalAmountError);
    expect(() => toPaypalValue(100, 'BHD')).toThrow(/does not support/);
  });

  it('reads PayPal decimal strings back into minor units', () => {
    expect(fromPaypalValue('12.34', 'USD')).toBe(1234);
    expect(fromPaypalValue('0.7', 'USD')).toBe(70);
    expect(fromPaypalValue('12', 'USD')).toBe(1200);
    expect(fromPaypalValue('500', 'JPY')).toBe(500);
    expect(fromPaypalValue('1500', 'TWD')).toBe(150000);
    expect(fromPaypalValue('1.10', 'USD')).toBe(110);
    expect(fromPaypalValue('1.230', 'USD')).toBe(123);
  });

  it('rejects malformed or over-precise values', () => {
    for (const bad of ['', '1e3', '-1.00', '1.', '.5', ' 1.00', '0x10', '1,00']) expect(() => fromPaypalValue(bad, 'USD')).toThrow(PaypalAmountError);
    expect(() => fromPaypalValue('1.234', 'USD')).toThrow(/more decimals/);
    expect(() => fromPaypalValue('5.5', 'JPY')).toThrow(/more decimals/);
  });

  it('round-trips every amount exactly', () => {
    for (const minor of [0, 1, 9, 10, 99, 101, 1999, 123456789]) {
      expect(fromPaypalValue(toPaypalValue(minor, 'USD'), 'USD')).toBe(minor);
      expect(fromPaypalValue(toPaypalValue(minor, 'JPY'), 'JPY')).toBe(minor);
      expect(fromPaypalValue(toPaypalValue(minor * 100, 'TWD'), 'TWD')).toBe(minor * 100);
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
