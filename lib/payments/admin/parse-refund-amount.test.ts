import { describe, expect, it } from 'vitest';
import { parseRefundAmount } from './parse-refund-amount';

describe('parseRefundAmount', () => {
  it('converts major units to minor units exactly with the currency digits', () => {
    expect(parseRefundAmount('12.5', 2)).toEqual({ ok: true, minor: 1250 });
    expect(parseRefundAmount(' 0.29 ', 2)).toEqual({ ok: true, minor: 29 });
    expect(parseRefundAmount('1.005', 3)).toEqual({ ok: true, minor: 1005 });
    expect(parseRefundAmount('1500', 0)).toEqual({ ok: true, minor: 1500 });
    expect(parseRefundAmount('4.35', 2)).toEqual({ ok: true, minor: 435 });
  });

  it('reads a blank amount as "the rest"', () => {
    expect(parseRefundAmount('', 2)).toEqual({ ok: true, minor: undefined });
    expect(parseRefundAmount(null, 2)).toEqual({ ok: true, minor: undefined });
  });

  it('refuses zero, negatives, too many decimals and other text', () => {
    expect(parseRefundAmount('0.00', 2)).toEqual({ ok: false, error: 'must be more than zero' });
    expect(parseRefundAmount('-1', 2)).toEqual({ ok: false, error: 'cannot be negative' });
    expect(parseRefundAmount('1.234', 2)).toEqual({ ok: false, error: 'must have at most 2 decimals' });
    expect(parseRefundAmount('1.5', 0)).toEqual({ ok: false, error: 'must be a whole amount in this currency' });
    expect(parseRefundAmount('1,50', 2)).toEqual({ ok: false, error: 'must be an amount like 12.50' });
    expect(parseRefundAmount('1e3', 2)).toEqual({ ok: false, error: 'must be an amount like 12.50' });
  });
});
