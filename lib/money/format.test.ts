import { describe, expect, it } from 'vitest';
import { currencyBook } from './currency-book';
import { formatMoney } from './format';

describe('formatMoney', () => {
  it('formats minor units per currency and locale', () => {
    expect(formatMoney(1999, 'USD', 'en-US', 2)).toBe('$19.99');
    expect(formatMoney(-250, 'USD', 'en-US', 2)).toBe('-$2.50');
    expect(formatMoney(123456, 'EUR', 'de-DE', 2)).toBe('1.234,56\u00a0€');
    expect(formatMoney(500, 'JPY', 'ja-JP', 0)).toBe('￥500');
  });
  it('keeps amounts beyond float precision exact', () => {
    expect(formatMoney(9007199254740991, 'USD', 'en-US', 2)).toBe('$90,071,992,547,409.91');
  });
  it('uses the digits it is given, not Intl’s: HUF with fillér (Intl shows forints whole), yen kept with 2 digits', () => {
    expect(formatMoney(150050, 'HUF', 'en-US', 2)).toBe('HUF\u00a01,500.50');
    expect(formatMoney(150000, 'JPY', 'en-US', 2)).toBe('¥1,500.00');
    expect(formatMoney(12345, 'KWD', 'en-US', 3)).toBe('KWD\u00a012.345');
  });
});

describe('currencyBook', () => {
  const book = currencyBook([
    { code: 'EUR', minorDigits: 2, locale: 'de-DE' },
    { code: 'HUF', minorDigits: 0, locale: 'hu-HU' },
  ]);
  it('formats with each row’s digits and locale, or the locale asked for', () => {
    expect(book.format(123456, 'EUR')).toBe('1.234,56\u00a0€');
    expect(book.format(123456, 'eur', 'en-US')).toBe('€1,234.56');
    expect(book.format(1500, 'HUF', 'en-US')).toBe('HUF\u00a01,500');
    expect(book.digits('HUF')).toBe(0);
  });
  it('refuses digits for a currency the store does not have, and shows its amounts as plain minor units', () => {
    expect(book.has('USD')).toBe(false);
    expect(() => book.digits('USD')).toThrow(/USD is not a currency of this store/);
    expect(book.format(1999, 'usd')).toBe('1999 USD (minor units)');
  });
});
