import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { disputeEventOf } from './stripe-disputes';

const asOf = new Date('2026-03-02T10:00:00Z');
// EUR has two decimals on both sides: Stripe's amount is our minor units.
const fromStripe = (amount: number) => amount;
const dispute = (status: string, dueBy: number | null = 1_773_619_199) =>
  ({ id: 'dp_1', amount: 714, currency: 'eur', charge: 'ch_1', payment_intent: 'pi_1', reason: 'fraudulent', status, evidence_details: { due_by: dueBy } }) as unknown as Stripe.Dispute;

describe('disputeEventOf', () => {
  it('maps inquiries, chargebacks and appeals onto open states, keeping Stripe\'s word for staff', () => {
    expect(disputeEventOf('evt_1', 'charge.dispute.created', dispute('warning_needs_response'), asOf, fromStripe)).toEqual({
      type: 'dispute.created', status: 'needs_response', eventId: 'evt_1', gatewayPaymentId: 'pi_1', gatewayDisputeId: 'dp_1', amountMinor: 714, currency: 'EUR', reason: 'fraudulent',
      gatewayStatus: 'warning_needs_response', evidenceDueBy: new Date(1_773_619_199_000), asOf,
    });
    expect(disputeEventOf('evt_2', 'charge.dispute.funds_withdrawn', dispute('needs_response'), asOf, fromStripe)).toMatchObject({ type: 'dispute.updated', status: 'needs_response' });
    for (const s of ['warning_under_review', 'under_review', 'appeal_under_review', 'a_status_from_the_future']) expect(disputeEventOf('e', 'charge.dispute.updated', dispute(s), asOf, fromStripe)).toMatchObject({ status: 'under_review' });
    expect(disputeEventOf('e', 'charge.dispute.updated', dispute('appeal_needs_response'), asOf, fromStripe)).toMatchObject({ status: 'needs_response' });
    // 0: the bank allows no response.
    expect(disputeEventOf('e', 'charge.dispute.updated', dispute('needs_response', 0), asOf, fromStripe)).toMatchObject({ evidenceDueBy: null });
  });

  it('closes as won when the dispute took no money, as lost with its amount otherwise, whatever event carried it', () => {
    for (const s of ['won', 'warning_closed', 'prevented']) expect(disputeEventOf('e', 'charge.dispute.created', dispute(s), asOf, fromStripe)).toMatchObject({ type: 'dispute.closed', outcome: 'won', lostMinor: 0, gatewayStatus: s });
    expect(disputeEventOf('e', 'charge.dispute.updated', dispute('lost'), asOf, fromStripe)).toMatchObject({ type: 'dispute.closed', outcome: 'lost', lostMinor: 714 });
  });
});
