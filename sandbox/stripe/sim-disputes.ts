import { z } from 'zod';
import { invalid, parseParams, type ApiRequest, type Route } from './sim-api';
import type { EventBus } from './sim-events';
import { expandSchema, list, metadataSchema, need, respond } from './sim-routes';
import { listObjects, newId, now, put, type Account, type SimBalanceTransaction, type SimDispute } from './sim-state';

// Disputes as Stripe runs them. A chargeback (needs_response) withdraws the amount plus a 15.00 dispute fee at once
// (charge.dispute.funds_withdrawn); an inquiry (warning_needs_response) moves no money. Evidence submitted
// (POST /v1/disputes/:id) puts it under review; the bank's decision closes it: won reinstates the amount
// (charge.dispute.funds_reinstated; the fee stays with Stripe), lost keeps it withdrawn. Accepting a dispute
// (POST /v1/disputes/:id/close) loses it. As in Stripe's test mode, the evidence text "winning_evidence" or
// "losing_evidence" decides at once.

/** Stripe's dispute fee in the dispute's currency (15.00; whole units for zero-decimal currencies, like the fee). */
export const DISPUTE_FEE_MINOR = 1500;
/** Stripe gives about a week to answer; due_by is the end of that day (UTC). */
const RESPONSE_DAYS = 7;

const ID = '([A-Za-z0-9_]+)';
const CLOSED = new Set<SimDispute['status']>(['won', 'lost', 'warning_closed', 'prevented']);

const disputeUpdate = z.strictObject({
  evidence: z.strictObject({ uncategorized_text: z.string().max(20_000).optional(), product_description: z.string().max(20_000).optional(), customer_email_address: z.string().max(500).optional() }).optional(),
  submit: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  metadata: metadataSchema,
  expand: expandSchema,
});

function adjustment(account: Account, dispute: SimDispute, amount: number, fee: number, description: string): SimBalanceTransaction {
  return put(account, {
    id: newId('txn'), object: 'balance_transaction', created: now(), livemode: false,
    amount, currency: dispute.currency, description, fee, net: amount - fee, type: 'adjustment', source: dispute.id, status: 'available',
    fee_details: fee ? [{ amount: fee, currency: dispute.currency, type: 'stripe_fee', description: 'Dispute fee' }] : [],
  } satisfies SimBalanceTransaction);
}

function withdraw(account: Account, bus: EventBus, dispute: SimDispute): void {
  dispute.balance_transactions.push(adjustment(account, dispute, -dispute.amount, DISPUTE_FEE_MINOR, `Chargeback withdrawal for ${dispute.charge}`));
  dispute.is_charge_refundable = false;
  bus.emit(account, 'charge.dispute.funds_withdrawn', dispute);
}

/** The cardholder's bank opens a dispute on a payment's charge; used by the control endpoint and tests. */
export function openDispute(account: Account, bus: EventBus, paymentIntentId: string, opts: { reason?: string; amount?: number; inquiry?: boolean } = {}): SimDispute {
  const pi = need(account, paymentIntentId, 'payment_intent', 'payment_intent', 'payment_intent');
  if (!pi.latest_charge) throw invalid(`PaymentIntent ${pi.id} has no charge to dispute.`, 'payment_intent');
  const charge = need(account, pi.latest_charge, 'charge', 'charge', 'payment_intent');
  // Banks dispute the charge as it was made, refunds or not; the merchant's refunds are the merchant's to net off.
  const amount = opts.amount ?? charge.amount;
  if (amount < 1 || amount > charge.amount) throw invalid(`A dispute of ${charge.id} must be between 1 and ${charge.amount}.`, 'amount');
  const dueDay = Math.floor((now() + RESPONSE_DAYS * 86_400) / 86_400);
  const dispute = put(account, {
    id: newId('dp'), object: 'dispute', created: now(), livemode: false,
    amount, balance_transactions: [], currency: charge.currency, charge: charge.id, payment_intent: pi.id, reason: opts.reason ?? 'fraudulent',
    status: opts.inquiry ? 'warning_needs_response' : 'needs_response',
    evidence: { uncategorized_text: null, product_description: null, customer_email_address: null },
    evidence_details: { due_by: dueDay * 86_400 + 86_399, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: Boolean(opts.inquiry), metadata: {},
  } satisfies SimDispute);
  charge.disputed = true;
  bus.emit(account, 'charge.dispute.created', dispute);
  if (!opts.inquiry) withdraw(account, bus, dispute);
  return dispute;
}

/** Evidence in, dispute under review (charge.dispute.updated); the test-mode texts then decide it. */
export function submitEvidence(account: Account, bus: EventBus, dispute: SimDispute, evidence: Partial<SimDispute['evidence']> = {}, submit = true): SimDispute {
  if (CLOSED.has(dispute.status)) throw invalid('This dispute is already closed.', undefined, 'dispute_already_closed');
  const previous = { status: dispute.status, evidence: structuredClone(dispute.evidence), evidence_details: structuredClone(dispute.evidence_details) };
  dispute.evidence = { ...dispute.evidence, ...evidence };
  dispute.evidence_details.has_evidence = Object.values(dispute.evidence).some((v) => v !== null);
  if (submit) {
    if (dispute.status !== 'needs_response' && dispute.status !== 'warning_needs_response') throw invalid('This dispute is under review and no longer accepts evidence.', 'submit');
    dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
    dispute.evidence_details.submission_count += 1;
  }
  bus.emit(account, 'charge.dispute.updated', dispute, { previous });
  const text = dispute.evidence.uncategorized_text;
  if (submit && text === 'winning_evidence') closeDispute(account, bus, dispute, 'won');
  if (submit && text === 'losing_evidence') closeDispute(account, bus, dispute, 'lost');
  return dispute;
}

/** The bank's decision (or the merchant accepting the dispute: lost). */
export function closeDispute(account: Account, bus: EventBus, dispute: SimDispute, outcome: 'won' | 'lost'): SimDispute {
  if (CLOSED.has(dispute.status)) throw invalid('This dispute is already closed.', undefined, 'dispute_already_closed');
  const inquiry = dispute.status.startsWith('warning_');
  const previous = { status: dispute.status };
  if (outcome === 'won') {
    dispute.status = inquiry ? 'warning_closed' : 'won';
    bus.emit(account, 'charge.dispute.closed', dispute, { previous });
    if (!inquiry) {
      dispute.balance_transactions.push(adjustment(account, dispute, dispute.amount, 0, `Chargeback reversal for ${dispute.charge}`));
      bus.emit(account, 'charge.dispute.funds_reinstated', dispute);
    }
    return dispute;
  }
  // An inquiry lost without a chargeback first becomes one: the money goes now.
  if (inquiry) withdraw(account, bus, dispute);
  dispute.status = 'lost';
  bus.emit(account, 'charge.dispute.closed', dispute, { previous });
  return dispute;
}

const find = (req: ApiRequest) => need(req.account, req.ids[0] ?? '', 'dispute', 'dispute', 'dispute');

export const disputeRoutes: Route[] = [
  {
    method: 'GET', pattern: /^\/v1\/disputes$/,
    run: (req) => {
      const charge = typeof req.params.charge === 'string' ? req.params.charge : null;
      const pi = typeof req.params.payment_intent === 'string' ? req.params.payment_intent : null;
      return list('/v1/disputes', listObjects(req.account, 'dispute').filter((d) => (!charge || d.charge === charge) && (!pi || d.payment_intent === pi)), req.params.limit);
    },
  },
  { method: 'GET', pattern: new RegExp(`^/v1/disputes/${ID}$`), run: (req) => respond(req, find(req)) },
  {
    method: 'POST', pattern: new RegExp(`^/v1/disputes/${ID}$`),
    run: (req, ctx) => {
      const p = parseParams(disputeUpdate, req.params);
      const dispute = find(req);
      if (p.metadata) dispute.metadata = { ...dispute.metadata, ...p.metadata };
      // Stripe submits the evidence unless told submit=false.
      return respond(req, submitEvidence(req.account, ctx.bus, dispute, p.evidence ?? {}, p.submit ?? true));
    },
  },
  { method: 'POST', pattern: new RegExp(`^/v1/disputes/${ID}/close$`), run: (req, ctx) => respond(req, closeDispute(req.account, ctx.bus, find(req), 'lost')) },
];
