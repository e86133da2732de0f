import { describe, expect, it } from 'vitest';
import { MAX_MINOR, minorToInput, parseMoney } from './parse-money';

describe('parseMoney', () => {
  it('parses major-unit strings into integer minor units honouring the currency exponent', () => {
    expect(parseMoney('12.50', 2)).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney('12.5', 2)).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney('12', 2)).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney(' 0.07 ', 2)).toEqual({ ok: true, minor: 7 });
    expect(parseMoney('1500', 0)).toEqual({ ok: true, minor: 1500 });
    expect(parseMoney('1.234', 3)).toEqual({ ok: true, minor: 1234 });
    expect(parseMoney('0', 2)).toEqual({ ok: true, minor: 0 });
  });

  it('treats blank as no price', () => {
    expect(parseMoney('', 2)).toEqual({ ok: true, minor: null });
    expect(parseMoney('   ', 2)).toEqual({ ok: true, minor: null });
    expect(parseMoney(undefined, 2)).toEqual({ ok: true, minor: null });
  });

  it('rejects too many decimals, negatives, letters and huge amounts', () => {
    expect(parseMoney('1.234', 2).ok).toBe(false);
    expect(parseMoney('1.5', 0).ok).toBe(false);
    expect(parseMoney('-1', 2)).toEqual({ ok: false, error: 'cannot be negative' });
    for (const bad of ['abc', '12a', '1e5', '1,50', '1.', '.5', '+1', 'NaN', 'Infinity', '0x10', '1 000']) expect(parseMoney(bad, 2).ok).toBe(false);
    expect(parseMoney('10000000000', 2)).toEqual({ ok: true, minor: MAX_MINOR });
    expect(parseMoney('10000000000.01', 2)).toEqual({ ok: false, error: 'is too large' });
    expect(parseMoney('1000000000001', 0).ok).toBe(false);
    expect(parseMoney('99999999999999999999', 2).ok).toBe(false);
  });
});

describe('minorToInput', () => {
  it('is the inverse of parseMoney', () => {
    expect(minorToInput(1250, 2)).toBe('12.50');
    expect(minorToInput(7, 2)).toBe('0.07');
    expect(minorToInput(1500, 0)).toBe('1500');
    expect(minorToInput(1, 3)).toBe('0.001');
    for (const s of ['0.00', '12.34', '99999.99']) expect(minorToInput((parseMoney(s, 2) as { minor: number }).minor, 2)).toBe(s);
  });
});
