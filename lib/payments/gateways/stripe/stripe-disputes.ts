import type Stripe from 'stripe';
import type { GatewayEvent } from '@/lib/payments/gateway';
import { idOf, type FromStripeAmount } from './stripe-mappers';

// charge.dispute.* → dispute events. Every one of them is answered from the dispute as Stripe holds it now (read
// back, not the event's snapshot), so a late or repeated event can only ever repeat the current state.

export const STRIPE_DISPUTE_EVENTS = ['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated'] as const;

type Open = 'needs_response' | 'under_review';

/** Stripe's statuses: inquiries (warning_*) and appeals are disputes like the others, just earlier or later. */
function classify(status: Stripe.Dispute.Status): { open: Open } | { closed: 'won' | 'lost' } {
  switch (status) {
    case 'warning_needs_response':
    case 'needs_response':
    case 'appeal_needs_response':
      return { open: 'needs_response' };
    case 'won':
    // An inquiry that never became a chargeback, or one stopped before it was filed (a refund, if any, comes as
    // its own charge.refunded): either way the dispute took no money.
    case 'warning_closed':
    case 'prevented':
      return { closed: 'won' };
    case 'lost':
      return { closed: 'lost' };
    default:
      // warning_under_review, under_review, appeal_under_review, and any status newer than this code: waiting on
      // the bank, with nothing for us to do.
      return { open: 'under_review' };
  }
}

export function disputeEventOf(eventId: string, eventType: string, dispute: Stripe.Dispute, asOf: Date, fromStripe: FromStripeAmount): GatewayEvent {
  const amountMinor = fromStripe(dispute.amount, dispute.currency);
  const dueBy = dispute.evidence_details?.due_by;
  const facts = {
    eventId,
    gatewayPaymentId: idOf(dispute.payment_intent) ?? (idOf(dispute.charge) as string),
    gatewayDisputeId: dispute.id,
    amountMinor,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason,
    gatewayStatus: dispute.status,
    // 0 means the bank allows no response.
    evidenceDueBy: dueBy ? new Date(dueBy * 1000) : null,
    asOf,
  };
  const state = classify(dispute.status);
  if ('closed' in state) return { ...facts, type: 'dispute.closed', outcome: state.closed, lostMinor: state.closed === 'lost' ? amountMinor : 0 };
  return { ...facts, type: eventType === 'charge.dispute.created' ? 'dispute.created' : 'dispute.updated', status: state.open };
}

export async function mapStripeDispute(stripe: Stripe, event: Stripe.Event & { data: { object: Stripe.Dispute } }, fromStripe: FromStripeAmount): Promise<GatewayEvent[]> {
  const asOf = new Date();
  const dispute = await stripe.disputes.retrieve(event.data.object.id);
  return [disputeEventOf(event.id, event.type, dispute, asOf, fromStripe)];
}
