import { describe, expect, it } from 'vitest';
import { formatScaledDecimal, parseDecimal, parseScaledDecimal } from './parse-decimal';

describe('parseDecimal', () => {
  it('scales by the digits asked for, exactly', () => {
    // 19.99 EUR is 1999 cents; 0.30 at 2 is 30, not 29.999…; 8.875 % in milli-percent is 8875; 1500 JPY is 1500.
    expect(parseDecimal('19.99', 2)).toEqual({ ok: true, value: 1999 });
    expect(parseDecimal('0.30', 2)).toEqual({ ok: true, value: 30 });
    expect(parseDecimal('8.875', 3)).toEqual({ ok: true, value: 8875 });
    expect(parseDecimal('1500', 0)).toEqual({ ok: true, value: 1500 });
    expect(parseDecimal('12.345', 3)).toEqual({ ok: true, value: 12345 });
    // 1.1 + 2.2 in floats is 3.3000000000000003; as text each is exact: 110 and 220 cents.
    expect((parseDecimal('1.1', 2) as { value: number }).value + (parseDecimal('2.2', 2) as { value: number }).value).toBe(330);
    expect(parseDecimal('-25.05', 2, { allowNegative: true })).toEqual({ ok: true, value: -2505 });
    expect(parseDecimal('-0', 2, { allowNegative: true })).toEqual({ ok: true, value: 0 });
  });

  it('says why it refuses', () => {
    expect(parseDecimal('-1', 2)).toEqual({ ok: false, reason: 'negative' });
    expect(parseDecimal('1.234', 2)).toEqual({ ok: false, reason: 'decimals' });
    expect(parseDecimal('1e3', 2)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecimal('10000000000.01', 2, { max: 1_000_000_000_000 })).toEqual({ ok: false, reason: 'too_large' });
    expect(parseDecimal('10000000000.00', 2, { max: 1_000_000_000_000 })).toEqual({ ok: true, value: 1_000_000_000_000 });
    expect(parseDecimal('9007199254740992', 0)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseDecimal('9'.repeat(31), 0)).toEqual({ ok: false, reason: 'format' });
  });

  it('in plain form takes only digits with an optional point and decimals', () => {
    for (const loose of ['.5', '7.', '+2']) {
      expect(parseDecimal(loose, 2).ok).toBe(true);
      expect(parseDecimal(loose, 2, { plain: true })).toEqual({ ok: false, reason: 'format' });
    }
    expect(parseDecimal('-3', 2, { plain: true })).toEqual({ ok: false, reason: 'negative' });
  });
});

describe('parseScaledDecimal', () => {
  it('scales with integer arithmetic', () => {
    expect(parseScaledDecimal('12.5', 2)).toBe(1250);
    expect(parseScaledDecimal('8.875', 3)).toBe(8875);
    expect(parseScaledDecimal('19.99', 2)).toBe(1999);
    expect(parseScaledDecimal('0.1', 2)).toBe(10);
    expect(parseScaledDecimal('.5', 2)).toBe(50);
    expect(parseScaledDecimal('7.', 2)).toBe(700);
    expect(parseScaledDecimal(' 100 ', 0)).toBe(100);
  });

  it('rejects junk, excess precision and unwanted signs', () => {
    for (const bad of ['', '.', 'abc', '1.2.3', '1e3', '12.345', '--1', '1 000', 'NaN', '1,25']) expect(parseScaledDecimal(bad, 2)).toBeNull();
    expect(parseScaledDecimal('-1.00', 2)).toBeNull();
    expect(parseScaledDecimal('-1.05', 2, { allowNegative: true })).toBe(-105);
    expect(parseScaledDecimal('+2', 2, { allowNegative: true })).toBe(200);
    expect(parseScaledDecimal('1.5', 0)).toBeNull();
    expect(parseScaledDecimal('999999999999999', 3)).toBeNull();
  });
});

describe('formatScaledDecimal', () => {
  it('round-trips', () => {
    expect(formatScaledDecimal(1250, 2)).toBe('12.5');
    expect(formatScaledDecimal(8875, 3)).toBe('8.875');
    expect(formatScaledDecimal(500, 2)).toBe('5');
    expect(formatScaledDecimal(5, 2, { keepZeros: true })).toBe('0.05');
    expect(formatScaledDecimal(-307, 2)).toBe('-3.07');
    expect(formatScaledDecimal(42, 0)).toBe('42');
    for (const v of [0, 1, 99, 100, 12345]) expect(parseScaledDecimal(formatScaledDecimal(v, 2), 2)).toBe(v);
    expect(() => formatScaledDecimal(12.5, 2)).toThrow();
  });
});
