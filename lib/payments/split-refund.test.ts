import { describe, expect, it } from 'vitest';
import { splitRefund } from './split-refund';

// Three invoices paid by one charge, allocated oldest first: A 11.90, B 5.95, C 23.80 (4,165 in all).
const A = 1, B = 2, C = 3;
const paid = [
  { invoiceId: A, availableMinor: 1190 },
  { invoiceId: B, availableMinor: 595 },
  { invoiceId: C, availableMinor: 2380 },
];

describe('splitRefund', () => {
  it('refunds the newest invoice first', () => {
    expect(splitRefund(paid, 1000)).toEqual({ shares: [{ invoiceId: C, amountMinor: 1000 }], unallocatedMinor: 0 });
  });

  it('moves on to the invoice before when the newest has given all it can', () => {
    // 3,000 = C's 2,380 + B's 595 + 25 of A.
    expect(splitRefund(paid, 3000)).toEqual({
      shares: [
        { invoiceId: C, amountMinor: 2380 },
        { invoiceId: B, amountMinor: 595 },
        { invoiceId: A, amountMinor: 25 },
      ],
      unallocatedMinor: 0,
    });
  });

  it('skips invoices with nothing left and reports what no invoice can take', () => {
    const left = [
      { invoiceId: A, availableMinor: 1190 },
      { invoiceId: B, availableMinor: 0 },
      { invoiceId: C, availableMinor: 380 },
    ];
    expect(splitRefund(left, 1000)).toEqual({ shares: [{ invoiceId: C, amountMinor: 380 }, { invoiceId: A, amountMinor: 620 }], unallocatedMinor: 0 });
    expect(splitRefund(left, 2000)).toEqual({ shares: [{ invoiceId: C, amountMinor: 380 }, { invoiceId: A, amountMinor: 1190 }], unallocatedMinor: 430 });
  });

  it('gives every share back exactly once: the parts add up to the refund', () => {
    for (let amount = 1; amount <= 4165; amount += 97) {
      const { shares, unallocatedMinor } = splitRefund(paid, amount);
      expect(shares.reduce((s, x) => s + x.amountMinor, 0) + unallocatedMinor).toBe(amount);
      expect(unallocatedMinor).toBe(0);
      for (const s of shares) expect(s.amountMinor).toBeLessThanOrEqual(paid.find((p) => p.invoiceId === s.invoiceId)!.availableMinor);
    }
  });
});
