import { describe, expect, it } from 'vitest';
import { formatScaledDecimal, parseScaledDecimal } from './parse-decimal';

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
  });
});
