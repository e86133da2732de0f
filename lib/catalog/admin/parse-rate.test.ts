import { describe, expect, it } from 'vitest';
import { parseRatePrecise } from './parse-rate';

describe('parseRatePrecise', () => {
  it('normalises to six decimals and rejects more', () => {
    expect(parseRatePrecise('0.523456')).toEqual({ ok: true, rate: '0.523456' });
    expect(parseRatePrecise('2')).toEqual({ ok: true, rate: '2.000000' });
    expect(parseRatePrecise('')).toEqual({ ok: true, rate: null });
    expect(parseRatePrecise('0.1234567').ok).toBe(false);
    expect(parseRatePrecise('-0.5').ok).toBe(false);
    expect(parseRatePrecise('1e-3').ok).toBe(false);
  });
});
