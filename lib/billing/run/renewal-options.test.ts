import { describe, expect, it } from 'vitest';
import { itemizeRenewal } from './renewal-options';

const option = (amountMinor: number, quantity = 1) => ({ optionId: 1, valueId: 1, description: 'Option', quantity, amountMinor, setupFeeMinor: 0 });

describe('itemizeRenewal', () => {
  it('leaves the plan what the locked price holds beyond its options', () => {
    // 31.00 locked: Windows 14.00 and two IPv4 at 3.00 leave 11.00 for the plan.
    expect(itemizeRenewal(3_100, [option(1_400), option(300, 2)])).toEqual({ planMinor: 1_100, options: [option(1_400), option(300, 2)] });
    expect(itemizeRenewal(600, [option(0)])).toEqual({ planMinor: 600, options: [option(0)] });
    expect(itemizeRenewal(600, [])).toEqual({ planMinor: 600, options: [] });
  });

  it('keeps the whole price on the plan when the options would exceed it', () => {
    expect(itemizeRenewal(1_000, [option(600, 2)])).toEqual({ planMinor: 1_000, options: [] });
  });
});
