import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed, PRICE_SCALE, QUANTITY_SCALE, quantityText, showQuantity } from './decimal';

describe('fixed-point decimals', () => {
  it('parses plain decimal text exactly, refusing what it cannot hold', () => {
    expect(parseFixed('7.25', QUANTITY_SCALE)).toEqual({ ok: true, value: 7_250_000n });
    expect(parseFixed('0.000001', QUANTITY_SCALE)).toEqual({ ok: true, value: 1n });
    expect(parseFixed('1.5000000000', QUANTITY_SCALE)).toEqual({ ok: true, value: 1_500_000n });
    expect(parseFixed('-0', QUANTITY_SCALE)).toEqual({ ok: true, value: 0n });
    expect(parseFixed('0.0000001', QUANTITY_SCALE)).toEqual({ ok: false, reason: 'decimals' });
    expect(parseFixed('-1', QUANTITY_SCALE)).toEqual({ ok: false, reason: 'negative' });
    for (const bad of ['', '1e3', '.5', '5.', ' 1', '1,5', 'NaN', 'Infinity', '0x10', '+1']) expect(parseFixed(bad, QUANTITY_SCALE)).toEqual({ ok: false, reason: 'format' });
    expect(parseFixed('1'.repeat(19), QUANTITY_SCALE)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseFixed('1'.repeat(15), PRICE_SCALE)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('formats for columns and for people', () => {
    expect(quantityText(7_250_000n)).toBe('7.250000');
    expect(showQuantity(7_250_000n)).toBe('7.25');
    expect(showQuantity(0n)).toBe('0');
    expect(formatFixed(4n, PRICE_SCALE)).toBe('0.0000000004');
  });

  it('round-trips every value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n - 1n }), (v) => {
        expect(parseFixed(formatFixed(v, QUANTITY_SCALE), QUANTITY_SCALE)).toEqual({ ok: true, value: v });
        expect(parseFixed(formatFixed(v, QUANTITY_SCALE, { pad: true }), QUANTITY_SCALE)).toEqual({ ok: true, value: v });
      }),
    );
  });
});
