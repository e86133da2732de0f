import { z } from 'zod';
import { fromPaypalValue } from '@/lib/integrations/paypal/money';
import type { GatewayEvent, MinorDigitsOf } from '@/lib/payments/gateway';

// CUSTOMER.DISPUTE.CREATED / UPDATED / RESOLVED → dispute events. PayPal's webhook resource is the whole dispute
// (Disputes API v1), with update_time saying how fresh it is, so the event alone is enough.

export const PAYPAL_DISPUTE_EVENTS = ['CUSTOMER.DISPUTE.CREATED', 'CUSTOMER.DISPUTE.UPDATED', 'CUSTOMER.DISPUTE.RESOLVED'] as const;

const moneySchema = z.object({ currency_code: z.string().length(3), value: z.string() });

const disputeSchema = z.object({
  dispute_id: z.string().min(1),
  create_time: z.string().optional(),
  update_time: z.string().optional(),
  reason: z.string().default('UNKNOWN'),
  status: z.string().default('OPEN'),
  dispute_amount: moneySchema,
  dispute_outcome: z.object({ outcome_code: z.string(), amount_refunded: moneySchema.optional() }).optional(),
  seller_response_due_date: z.string().optional(),
  disputed_transactions: z.array(z.object({ seller_transaction_id: z.string().optional() })).default([]),
});

/** Resolved in the buyer's favour or by the seller accepting the claim: the buyer got the money back. */
const LOST = new Set(['RESOLVED_BUYER_FAVOUR', 'ACCEPTED']);
/** The seller's favour, PayPal paying the buyer itself, the buyer giving up, a denied claim, or no decision on money. */
const WON = new Set(['RESOLVED_SELLER_FAVOUR', 'RESOLVED_WITH_PAYOUT', 'CANCELED_BY_BUYER', 'DENIED', 'NONE']);

function minor(money: z.infer<typeof moneySchema>, digitsOf: MinorDigitsOf): { amountMinor: number; currency: string } {
  const currency = money.currency_code.toUpperCase();
  return { amountMinor: fromPaypalValue(money.value, currency, digitsOf(currency)), currency };
}

function date(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Throws on a shape we can't read; the caller turns that into "retry later". */
export function paypalDisputeEvent(eventId: string, eventType: string, eventTime: string | undefined, resource: unknown, digitsOf: MinorDigitsOf): GatewayEvent {
  const d = disputeSchema.parse(resource);
  const captureId = d.disputed_transactions.find((t) => t.seller_transaction_id)?.seller_transaction_id;
  if (!captureId) throw new Error('dispute without a seller transaction');
  const asOf = date(d.update_time) ?? date(d.create_time) ?? date(eventTime);
  if (!asOf) throw new Error('dispute without a time');
  const facts = {
    eventId,
    gatewayPaymentId: captureId,
    gatewayDisputeId: d.dispute_id,
    ...minor(d.dispute_amount, digitsOf),
    reason: d.reason,
    gatewayStatus: d.status,
    evidenceDueBy: date(d.seller_response_due_date),
    asOf,
  };
  if (d.status === 'RESOLVED' || eventType === 'CUSTOMER.DISPUTE.RESOLVED') {
    const code = d.dispute_outcome?.outcome_code;
    if (!code || (!LOST.has(code) && !WON.has(code))) throw new Error(`resolved dispute with outcome ${code ?? 'none'}`);
    const lost = LOST.has(code);
    const refunded = d.dispute_outcome?.amount_refunded;
    return { ...facts, gatewayStatus: code, type: 'dispute.closed', outcome: lost ? 'lost' : 'won', lostMinor: lost ? (refunded ? minor(refunded, digitsOf).amountMinor : facts.amountMinor) : 0 };
  }
  // WAITING_FOR_SELLER_RESPONSE (and OPEN, before PayPal asks) want our answer; the rest wait on the buyer or PayPal.
  const status = d.status === 'WAITING_FOR_SELLER_RESPONSE' || d.status === 'OPEN' ? 'needs_response' : 'under_review';
  return { ...facts, type: eventType === 'CUSTOMER.DISPUTE.CREATED' ? 'dispute.created' : 'dispute.updated', status };
}
