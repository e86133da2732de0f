import { describe, expect, it } from 'vitest';
import { paypalDisputeEvent } from './paypal-disputes';

const twoDigits = () => 2;

const resource = (extra: Record<string, unknown> = {}) => ({
  dispute_id: 'PP-D-1',
  create_time: '2026-03-01T10:00:00Z',
  update_time: '2026-03-02T10:00:00Z',
  reason: 'UNAUTHORISED',
  status: 'WAITING_FOR_SELLER_RESPONSE',
  dispute_amount: { currency_code: 'EUR', value: '7.14' },
  seller_response_due_date: '2026-03-11T10:00:00Z',
  disputed_transactions: [{ seller_transaction_id: 'CAP1' }],
  ...extra,
});
const resolved = (outcome_code: string, amount_refunded?: { currency_code: string; value: string }) =>
  paypalDisputeEvent('WH-1', 'CUSTOMER.DISPUTE.RESOLVED', undefined, resource({ status: 'RESOLVED', dispute_outcome: { outcome_code, ...(amount_refunded ? { amount_refunded } : {}) } }), twoDigits);

describe('paypalDisputeEvent', () => {
  it('reads an open case with its deadline and freshness', () => {
    expect(paypalDisputeEvent('WH-1', 'CUSTOMER.DISPUTE.CREATED', undefined, resource(), twoDigits)).toEqual({
      type: 'dispute.created', status: 'needs_response', eventId: 'WH-1', gatewayPaymentId: 'CAP1', gatewayDisputeId: 'PP-D-1', amountMinor: 714, currency: 'EUR', reason: 'UNAUTHORISED',
      gatewayStatus: 'WAITING_FOR_SELLER_RESPONSE', evidenceDueBy: new Date('2026-03-11T10:00:00Z'), asOf: new Date('2026-03-02T10:00:00Z'),
    });
    expect(paypalDisputeEvent('WH-2', 'CUSTOMER.DISPUTE.UPDATED', undefined, resource({ status: 'UNDER_REVIEW', seller_response_due_date: undefined }), twoDigits)).toMatchObject({ type: 'dispute.updated', status: 'under_review', evidenceDueBy: null });
  });

  it('tells won from lost by the outcome code; a partial refund is what was lost', () => {
    expect(resolved('RESOLVED_BUYER_FAVOUR')).toMatchObject({ type: 'dispute.closed', outcome: 'lost', lostMinor: 714, gatewayStatus: 'RESOLVED_BUYER_FAVOUR' });
    expect(resolved('RESOLVED_BUYER_FAVOUR', { currency_code: 'EUR', value: '2.00' })).toMatchObject({ outcome: 'lost', lostMinor: 200 });
    expect(resolved('ACCEPTED')).toMatchObject({ outcome: 'lost' });
    for (const code of ['RESOLVED_SELLER_FAVOUR', 'RESOLVED_WITH_PAYOUT', 'CANCELED_BY_BUYER', 'DENIED', 'NONE']) expect(resolved(code)).toMatchObject({ outcome: 'won', lostMinor: 0 });
  });

  it('refuses what it cannot read rather than guess', () => {
    expect(() => resolved('SOMETHING_NEW')).toThrow(/outcome SOMETHING_NEW/);
    expect(() => paypalDisputeEvent('WH-1', 'CUSTOMER.DISPUTE.CREATED', undefined, resource({ disputed_transactions: [] }), twoDigits)).toThrow(/seller transaction/);
    expect(() => paypalDisputeEvent('WH-1', 'CUSTOMER.DISPUTE.CREATED', undefined, resource({ dispute_amount: undefined }), twoDigits)).toThrow();
  });
});
