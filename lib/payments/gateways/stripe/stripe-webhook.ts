import type Stripe from 'stripe';
import type { GatewayEvent } from '@/lib/payments/gateway';
import { mapStripeDispute } from './stripe-disputes';
import { idOf, metadataOf, outcomeOfPaymentIntent, toSavedMethod, type FromStripeAmount } from './stripe-mappers';

// Verified Stripe events → GatewayEvents. Stripe sends the object as it was when the event happened, without
// expansions, so facts that live on other objects (fee, saved card, refund ids) are read back from the API.
// Several events carry the same fact (payment_intent.succeeded and checkout.session.completed; setup_intent.
// succeeded and payment_method.attached): consumers must be idempotent on the gateway ids, not only on eventId.

const PI_EXPAND = ['latest_charge.balance_transaction', 'payment_method'];

async function paymentSucceeded(stripe: Stripe, eventId: string, piId: string, fromStripe: FromStripeAmount): Promise<GatewayEvent[]> {
  const pi = await stripe.paymentIntents.retrieve(piId, { expand: PI_EXPAND });
  const outcome = outcomeOfPaymentIntent(pi, fromStripe);
  if (outcome.status !== 'succeeded') return [{ type: 'ignored', eventId, gatewayType: `payment_intent.${pi.status}` }];
  const pm = pi.payment_method && typeof pi.payment_method !== 'string' ? pi.payment_method : null;
  // Only a method attached to the customer can be charged later; an unsaved one isn't worth remembering.
  const saved = pi.setup_future_usage && pm?.customer ? toSavedMethod(pm) : null;
  return [
    {
      type: 'payment.succeeded',
      eventId,
      ...metadataOf(pi),
      gatewayPaymentId: pi.id,
      gatewayChargeId: outcome.gatewayChargeId,
      gatewayCustomerId: idOf(pi.customer),
      amountMinor: outcome.amountMinor,
      currency: outcome.currency,
      feeMinor: outcome.feeMinor,
      savedMethod: saved,
    },
  ];
}

async function setupSucceeded(stripe: Stripe, eventId: string, siId: string): Promise<GatewayEvent[]> {
  const si = await stripe.setupIntents.retrieve(siId, { expand: ['payment_method'] });
  const pm = si.payment_method && typeof si.payment_method !== 'string' ? si.payment_method : null;
  const customer = idOf(si.customer);
  if (si.status !== 'succeeded' || !pm || !customer) return [{ type: 'ignored', eventId, gatewayType: `setup_intent.${si.status}` }];
  return [{ type: 'method.saved', eventId, attemptId: si.metadata?.attempt ?? null, gatewayCustomerId: customer, method: toSavedMethod(pm) }];
}

export async function mapStripeEvent(stripe: Stripe, event: Stripe.Event, fromStripe: FromStripeAmount): Promise<GatewayEvent[]> {
  const eventId = event.id;
  switch (event.type) {
    case 'payment_intent.succeeded':
      return paymentSucceeded(stripe, eventId, event.data.object.id, fromStripe);
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const err = pi.last_payment_error;
      // An off-session charge that needs 3-D Secure fails this way; chargeSaved reports it as requires_action, so do we.
      if (err?.code === 'authentication_required') return [{ type: 'payment.requires_action', eventId, ...metadataOf(pi), gatewayPaymentId: pi.id }];
      return [{ type: 'payment.failed', eventId, ...metadataOf(pi), gatewayPaymentId: pi.id, reason: err?.message ?? 'The payment failed.', code: err?.decline_code ?? err?.code ?? null }];
    }
    case 'payment_intent.requires_action': {
      const pi = event.data.object;
      return [{ type: 'payment.requires_action', eventId, ...metadataOf(pi), gatewayPaymentId: pi.id }];
    }
    case 'setup_intent.succeeded':
      return setupSucceeded(stripe, eventId, event.data.object.id);
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode === 'payment' && session.payment_status === 'paid' && session.payment_intent) {
        return paymentSucceeded(stripe, eventId, idOf(session.payment_intent) as string, fromStripe);
      }
      if (session.mode === 'setup' && session.setup_intent) return setupSucceeded(stripe, eventId, idOf(session.setup_intent) as string);
      return [{ type: 'ignored', eventId, gatewayType: event.type }];
    }
    case 'payment_method.attached': {
      const pm = event.data.object;
      const customer = idOf(pm.customer);
      if (!customer) return [{ type: 'ignored', eventId, gatewayType: event.type }];
      return [{ type: 'method.saved', eventId, attemptId: null, gatewayCustomerId: customer, method: toSavedMethod(pm) }];
    }
    case 'payment_method.detached':
      return [{ type: 'method.removed', eventId, gatewayMethodId: event.data.object.id }];
    case 'charge.refunded': {
      // Since API 2022-11-15 the charge no longer embeds its refunds, so list them; one event per refund id.
      const charge = event.data.object;
      const paymentId = idOf(charge.payment_intent) ?? charge.id;
      const refunds = await stripe.refunds.list({ charge: charge.id, limit: 100 });
      return refunds.data
        .filter((r) => r.status === 'succeeded')
        .map((r) => ({ type: 'refund.succeeded', eventId, gatewayPaymentId: paymentId, gatewayRefundId: r.id, amountMinor: fromStripe(r.amount, r.currency), currency: r.currency.toUpperCase() }));
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
      return mapStripeDispute(stripe, event, fromStripe);
    default:
      return [{ type: 'ignored', eventId, gatewayType: event.type }];
  }
}
