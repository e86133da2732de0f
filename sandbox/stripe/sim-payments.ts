import type { EventBus } from './sim-events';
import {
  getObject,
  newId,
  now,
  put,
  simulatedFee,
  type Account,
  type Metadata,
  type PaymentError,
  type SimBalanceTransaction,
  type SimCharge,
  type SimPaymentIntent,
  type SimPaymentMethod,
} from './sim-state';

// Card behaviour shared by the hosted page and the API. Stripe's documented test numbers decide the outcome;
// a saved payment method remembers its number, so an off-session charge behaves like the card it was saved from.

export type CardBehaviour = 'succeed' | 'insufficient_funds' | 'requires_authentication';

export const TEST_CARDS: Record<string, CardBehaviour> = {
  '4242424242424242': 'succeed',
  '4000000000009995': 'insufficient_funds',
  '4000002760003184': 'requires_authentication',
  // A second card that works, so a customer can save two and pick a default.
  '5555555555554444': 'succeed',
};

export function cardBehaviour(account: Account, paymentMethodId: string): CardBehaviour {
  return TEST_CARDS[account.cardNumbers.get(paymentMethodId) ?? ''] ?? 'succeed';
}

export function createPaymentMethod(account: Account, card: { number: string; expMonth: number; expYear: number; name: string | null }): SimPaymentMethod {
  const pm = put(account, {
    id: newId('pm'),
    object: 'payment_method',
    type: 'card',
    created: now(),
    livemode: false,
    customer: null,
    card: { brand: card.number.startsWith('5') ? 'mastercard' : 'visa', last4: card.number.slice(-4), exp_month: card.expMonth, exp_year: card.expYear, funding: 'credit', country: 'US' },
    billing_details: { name: card.name, email: null },
    metadata: {},
  } satisfies SimPaymentMethod);
  account.cardNumbers.set(pm.id, card.number);
  return pm;
}

export function attachPaymentMethod(account: Account, bus: EventBus, pm: SimPaymentMethod, customerId: string): void {
  if (pm.customer === customerId) return;
  pm.customer = customerId;
  bus.emit(account, 'payment_method.attached', pm);
}

export function newPaymentIntent(fields: {
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: string | null;
  description: string | null;
  metadata: Metadata;
  setupFutureUsage: SimPaymentIntent['setup_future_usage'];
}): SimPaymentIntent {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    created: now(),
    livemode: false,
    amount: fields.amount,
    amount_received: 0,
    currency: fields.currency,
    customer: fields.customer,
    payment_method: fields.paymentMethod,
    status: fields.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    latest_charge: null,
    last_payment_error: null,
    next_action: null,
    setup_future_usage: fields.setupFutureUsage,
    description: fields.description,
    metadata: fields.metadata,
    client_secret: `${id}_secret_${newId('s').slice(2)}`,
    payment_method_types: ['card'],
    capture_method: 'automatic',
    confirmation_method: 'automatic',
  };
}

export const DECLINE: PaymentError = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
};

// What real Stripe answers when a card needs 3-D Secure but the customer isn't there to do it.
export const AUTH_REQUIRED: PaymentError = {
  type: 'card_error',
  code: 'authentication_required',
  decline_code: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

export function succeedPaymentIntent(account: Account, bus: EventBus, pi: SimPaymentIntent, pm: SimPaymentMethod): SimCharge {
  const chargeId = newId('ch');
  const fee = simulatedFee(pi.amount);
  const bt = put(account, {
    id: newId('txn'),
    object: 'balance_transaction',
    created: now(),
    livemode: false,
    amount: pi.amount,
    currency: pi.currency,
    fee,
    net: pi.amount - fee,
    type: 'charge',
    source: chargeId,
    status: 'available',
    fee_details: [{ amount: fee, currency: pi.currency, type: 'stripe_fee', description: 'Stripe processing fees' }],
  } satisfies SimBalanceTransaction);
  const charge = put(account, {
    id: chargeId,
    object: 'charge',
    created: now(),
    livemode: false,
    amount: pi.amount,
    amount_captured: pi.amount,
    amount_refunded: 0,
    currency: pi.currency,
    customer: pi.customer,
    payment_intent: pi.id,
    payment_method: pm.id,
    balance_transaction: bt.id,
    status: 'succeeded',
    paid: true,
    captured: true,
    refunded: false,
    disputed: false,
    description: pi.description,
    metadata: pi.metadata,
    payment_method_details: { type: 'card', card: pm.card },
  } satisfies SimCharge);
  pi.payment_method = pm.id;
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  pi.latest_charge = charge.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  bus.emit(account, 'charge.succeeded', charge);
  bus.emit(account, 'payment_intent.succeeded', pi);
  return charge;
}

export function failPaymentIntent(account: Account, bus: EventBus, pi: SimPaymentIntent, pm: SimPaymentMethod, error: PaymentError): void {
  // Like Stripe: a failed attempt sends the intent back to requires_payment_method and detaches it from the card.
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = { ...error, payment_method: structuredClone(pm) };
  bus.emit(account, 'payment_intent.payment_failed', pi);
}

/**
 * Confirms `pi` with `pm`. On-session, a 3-D Secure card parks the intent in requires_action (the hosted page
 * shows the challenge); off-session it fails with authentication_required, as Stripe does.
 */
export function confirmPaymentIntent(account: Account, bus: EventBus, pi: SimPaymentIntent, pm: SimPaymentMethod, offSession: boolean): 'succeeded' | 'requires_action' | PaymentError {
  pi.payment_method = pm.id;
  const behaviour = cardBehaviour(account, pm.id);
  if (behaviour === 'insufficient_funds') {
    failPaymentIntent(account, bus, pi, pm, DECLINE);
    return DECLINE;
  }
  if (behaviour === 'requires_authentication') {
    if (offSession) {
      failPaymentIntent(account, bus, pi, pm, AUTH_REQUIRED);
      return AUTH_REQUIRED;
    }
    pi.status = 'requires_action';
    pi.next_action = { type: 'use_stripe_sdk' };
    bus.emit(account, 'payment_intent.requires_action', pi);
    return 'requires_action';
  }
  if (pi.setup_future_usage && pi.customer) {
    const customer = getObject(account, pi.customer, 'customer');
    if (customer) attachPaymentMethod(account, bus, pm, customer.id);
  }
  succeedPaymentIntent(account, bus, pi, pm);
  return 'succeeded';
}
