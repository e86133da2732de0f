import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigitsOf } from './format';

describe('formatMoney', () => {
  it('formats minor units per currency and locale', () => {
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(-250, 'USD')).toBe('-$2.50');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(500, 'JPY', 'ja-JP')).toBe('￥500');
  });
  it('keeps amounts beyond float precision exact', () => {
    expect(formatMoney(9007199254740991, 'USD')).toBe('$90,071,992,547,409.91');
  });
  it('knows ISO exponents', () => {
    expect(minorDigitsOf('JPY')).toBe(0);
    expect(minorDigitsOf('EUR')).toBe(2);
  });
});
