import { describe, expect, it } from 'vitest';
import { clampDiscountTax, multiplyMinor, percentOfMinor, roundHalfAwayFromZero, taxInGross, taxOnNet, toSafeInteger } from './rounding';

describe('rounding', () => {
  it('rounds halves away from zero, symmetrically', () => {
    expect([5n, 15n, 14n, 16n, -5n, -15n, -14n, -16n].map((n) => roundHalfAwayFromZero(n, 10n))).toEqual([1n, 2n, 1n, 2n, -1n, -2n, -1n, -2n]);
    expect(roundHalfAwayFromZero(7n, -2n)).toBe(-4n);
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('computes percentages and tax exactly in BigInt', () => {
    expect(percentOfMinor(2500, 1000)).toBe(250);
    expect(percentOfMinor(5, 5000)).toBe(3);
    expect(taxOnNet(400, 8_875)).toBe(36);
    expect(taxOnNet(-400, 8_875)).toBe(-36);
    expect(taxInGross(999, 19_000)).toBe(160);
    expect(taxInGross(1190, 19_000)).toBe(190);
    expect(taxOnNet(Number.MAX_SAFE_INTEGER, 1)).toBe(90_071_992_547);
    expect(multiplyMinor(150, 4)).toBe(600);
  });

  it('refuses results a double cannot hold', () => {
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(toSafeInteger(42n)).toBe(42);
  });

  it('holds discount tax between the lowest consistent value and what is left', () => {
    expect(clampDiscountTax(5, 0, 10)).toBe(5);
    expect(clampDiscountTax(5, 0, 3)).toBe(3);
    expect(clampDiscountTax(1, 2, 3)).toBe(2);
    expect(clampDiscountTax(1, -4, 3)).toBe(1);
  });
});
