import { describe, expect, it } from 'vitest';
import { describeInvoicePayment } from './describe-invoice-payment';

describe('describeInvoicePayment', () => {
  const at = new Date('2026-03-04T10:00:00Z');
  it('reads a payment as paid and a negative row as a chargeback that adds to the balance', () => {
    expect(describeInvoicePayment({ method: 'bank_transfer', amountMinor: 595, createdAt: at })).toEqual({ label: 'Paid (bank transfer) 2026-03-04', amountMinor: 595, reversal: false });
    expect(describeInvoicePayment({ method: 'stripe', amountMinor: -200, createdAt: at })).toEqual({ label: 'Charged back (stripe) 2026-03-04', amountMinor: 200, reversal: true });
  });
});
