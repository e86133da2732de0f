import { z } from 'zod';
import { invalid, parseParams, type ApiRequest, type Route } from './sim-api';
import { checkStripeAmount } from './sim-amounts';
import type { EventBus } from './sim-events';
import { amountSchema, expandSchema, list, metadataSchema, need, respond } from './sim-routes';
import { listObjects, newId, now, put, type Account, type SimBalanceTransaction, type SimRefund } from './sim-state';

// Refunds, charges and balance transactions: the money-after-the-payment part of the simulated API (disputes are in
// sim-disputes.ts).

const ID = '([A-Za-z0-9_]+)';

const refundCreate = z.strictObject({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
  amount: amountSchema.refine((n) => n >= 1, 'must be at least 1').optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  metadata: metadataSchema,
  expand: expandSchema,
});

function chargeFor(account: Account, p: { payment_intent?: string; charge?: string }) {
  if (p.charge) return need(account, p.charge, 'charge', 'charge', 'charge');
  if (!p.payment_intent) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', 'payment_intent', 'parameter_missing');
  const pi = need(account, p.payment_intent, 'payment_intent', 'payment_intent', 'payment_intent');
  if (pi.status !== 'succeeded' || !pi.latest_charge) {
    throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
  }
  return need(account, pi.latest_charge, 'charge', 'charge', 'payment_intent');
}

function createRefund(req: ApiRequest, bus: EventBus): { status: number; body: unknown } {
  const p = parseParams(refundCreate, req.params);
  const { account } = req;
  const charge = chargeFor(account, p);
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const amount = p.amount ?? remaining;
  checkStripeAmount(amount, charge.currency, 'amount');
  if (amount > remaining) {
    throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount', 'amount_too_large');
  }
  const refundId = newId('re');
  // Stripe keeps its fee on refunds, so the refund's balance transaction moves the full amount and no fee.
  const bt = put(account, {
    id: newId('txn'), object: 'balance_transaction', created: now(), livemode: false,
    amount: -amount, currency: charge.currency, fee: 0, net: -amount, type: 'refund', source: refundId, status: 'available', fee_details: [],
  } satisfies SimBalanceTransaction);
  const refund = put(account, {
    id: refundId, object: 'refund', created: now(), livemode: false,
    amount, currency: charge.currency, charge: charge.id, payment_intent: charge.payment_intent, status: 'succeeded',
    reason: p.reason ?? null, metadata: p.metadata ?? {}, balance_transaction: bt.id,
  } satisfies SimRefund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  bus.emit(account, 'refund.created', refund, { idempotencyKey: req.idempotencyKey });
  bus.emit(account, 'charge.refunded', charge, { previous, idempotencyKey: req.idempotencyKey });
  return respond(req, refund);
}

export const paymentRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\/refunds$/, run: (req, ctx) => createRefund(req, ctx.bus) },
  {
    method: 'GET', pattern: /^\/v1\/refunds$/,
    run: (req) => {
      const charge = typeof req.params.charge === 'string' ? req.params.charge : null;
      const pi = typeof req.params.payment_intent === 'string' ? req.params.payment_intent : null;
      const refunds = listObjects(req.account, 'refund').filter((r) => (!charge || r.charge === charge) && (!pi || r.payment_intent === pi));
      return list('/v1/refunds', refunds, req.params.limit);
    },
  },
  { method: 'GET', pattern: new RegExp(`^/v1/refunds/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'refund', 'refund', 'id')) },
  { method: 'GET', pattern: new RegExp(`^/v1/charges/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'charge', 'charge', 'id')) },
  { method: 'GET', pattern: new RegExp(`^/v1/balance_transactions/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'balance_transaction', 'balance transaction', 'id')) },
];
