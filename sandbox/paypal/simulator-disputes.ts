import { z } from 'zod';
import { captureJson } from './simulator-json';
import { fromUnits, toUnits } from './simulator-orders';
import { type Account, type ApiResult, type CaptureState, type DisputeState, type Money, nowIso, paypalError, paypalId } from './simulator-state';
import type { WebhookCenter } from './simulator-webhooks';

// Disputes (Customer Disputes v1): a buyer opens one on a capture (CUSTOMER.DISPUTE.CREATED, waiting for the
// seller's response, with a due date); the seller's evidence puts it under review (CUSTOMER.DISPUTE.UPDATED); PayPal
// decides (CUSTOMER.DISPUTE.RESOLVED with dispute_outcome). Lost, the capture is reversed (PAYMENT.CAPTURE.REVERSED).
// The sandbox-only adjudicate call decides a dispute under review, as PayPal's own sandbox offers; accept-claim is
// the seller giving in.

/** PayPal gives the seller about ten days to answer. */
const RESPONSE_DAYS = 10;

export const adjudicateSchema = z.object({ adjudication_outcome: z.enum(['BUYER_FAVOR', 'SELLER_FAVOR']) });
export const acceptClaimSchema = z.object({ note: z.string().max(2000).optional(), refund_amount: z.object({ currency_code: z.string().length(3), value: z.string() }).optional() }).partial();

export function disputeJson(dispute: DisputeState, capture: CaptureState | undefined, origin: string): Record<string, unknown> {
  const links: unknown[] = [{ href: `${origin}/v1/customer/disputes/${dispute.id}`, rel: 'self', method: 'GET' }];
  if (dispute.status === 'UNDER_REVIEW') links.push({ href: `${origin}/v1/customer/disputes/${dispute.id}/adjudicate`, rel: 'adjudicate', method: 'POST' });
  if (dispute.status !== 'RESOLVED') links.push({ href: `${origin}/v1/customer/disputes/${dispute.id}/accept-claim`, rel: 'accept_claim', method: 'POST' });
  return {
    dispute_id: dispute.id,
    create_time: dispute.createTime,
    update_time: dispute.updateTime,
    disputed_transactions: [
      {
        seller_transaction_id: dispute.captureId,
        ...(capture?.invoice_id !== undefined ? { invoice_number: capture.invoice_id } : {}),
        ...(capture?.custom_id !== undefined ? { custom: capture.custom_id } : {}),
        ...(capture ? { gross_amount: capture.amount } : {}),
      },
    ],
    reason: dispute.reason,
    status: dispute.status,
    dispute_amount: dispute.amount,
    ...(dispute.outcome ? { dispute_outcome: dispute.outcome } : {}),
    dispute_life_cycle_stage: dispute.stage,
    dispute_channel: 'INTERNAL',
    ...(dispute.sellerResponseDueDate ? { seller_response_due_date: dispute.sellerResponseDueDate } : {}),
    links,
  };
}

function dueDate(): string {
  return new Date(Date.now() + RESPONSE_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createDisputeOps(center: WebhookCenter) {
  function emit(account: Account, type: string, dispute: DisputeState, origin: string, summary: string): void {
    center.emit(account, type, 'dispute', disputeJson(dispute, account.captures.get(dispute.captureId), origin), summary);
  }

  /** A buyer opens a dispute on a capture (sandbox control only: real disputes come from buyers). */
  function openDispute(account: Account, capture: CaptureState, opts: { reason: string; amount?: Money }, origin: string): ApiResult {
    if (capture.status === 'DECLINED' || capture.status === 'REVERSED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'TRANSACTION_NOT_DISPUTABLE', 'This transaction cannot be disputed.');
    const gross = toUnits(capture.amount.value, capture.amount.currency_code);
    const units = opts.amount ? toUnits(opts.amount.value, capture.amount.currency_code) : gross;
    if (units <= 0n || units > gross) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'INVALID_DISPUTE_AMOUNT', 'The disputed amount must be positive and at most the captured amount.');
    const now = nowIso();
    const dispute: DisputeState = {
      id: `PP-D-${paypalId(6)}`,
      captureId: capture.id,
      reason: opts.reason,
      status: 'WAITING_FOR_SELLER_RESPONSE',
      stage: 'INQUIRY',
      amount: { currency_code: capture.amount.currency_code, value: fromUnits(units, capture.amount.currency_code) },
      outcome: null,
      sellerResponseDueDate: dueDate(),
      createTime: now,
      updateTime: now,
    };
    account.disputes.set(dispute.id, dispute);
    emit(account, 'CUSTOMER.DISPUTE.CREATED', dispute, origin, `A new dispute opened with Case # ${dispute.id}`);
    return { status: 201, body: disputeJson(dispute, capture, origin) };
  }

  /** The seller answered with evidence (or the buyer escalated it to a claim): PayPal reviews it. */
  function reviewDispute(account: Account, dispute: DisputeState, origin: string): ApiResult {
    if (dispute.status === 'RESOLVED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'DISPUTE_ALREADY_RESOLVED', 'The dispute is already resolved.');
    dispute.status = 'UNDER_REVIEW';
    dispute.stage = 'CHARGEBACK';
    dispute.sellerResponseDueDate = null;
    dispute.updateTime = nowIso();
    emit(account, 'CUSTOMER.DISPUTE.UPDATED', dispute, origin, `A dispute was updated with Case # ${dispute.id}`);
    return { status: 200, body: disputeJson(dispute, account.captures.get(dispute.captureId), origin) };
  }

  function resolveDispute(account: Account, dispute: DisputeState, code: 'RESOLVED_BUYER_FAVOUR' | 'RESOLVED_SELLER_FAVOUR' | 'ACCEPTED', origin: string): ApiResult {
    if (dispute.status === 'RESOLVED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'DISPUTE_ALREADY_RESOLVED', 'The dispute is already resolved.');
    const buyerWins = code !== 'RESOLVED_SELLER_FAVOUR';
    dispute.status = 'RESOLVED';
    dispute.outcome = buyerWins ? { outcome_code: code, amount_refunded: dispute.amount } : { outcome_code: code };
    dispute.sellerResponseDueDate = null;
    dispute.updateTime = nowIso();
    emit(account, 'CUSTOMER.DISPUTE.RESOLVED', dispute, origin, `A dispute was resolved with Case # ${dispute.id}`);
    const capture = account.captures.get(dispute.captureId);
    if (buyerWins && capture) {
      capture.status = 'REVERSED';
      capture.updateTime = dispute.updateTime;
      center.emit(account, 'PAYMENT.CAPTURE.REVERSED', 'capture', captureJson(account, capture, origin), `A ${dispute.amount.value} ${dispute.amount.currency_code} capture payment was reversed`);
    }
    return { status: 200, body: disputeJson(dispute, capture, origin) };
  }

  /** POST /v1/customer/disputes/{id}/adjudicate (sandbox only): PayPal's decision, for a dispute under review. */
  function adjudicate(account: Account, dispute: DisputeState, input: z.infer<typeof adjudicateSchema>, origin: string): ApiResult {
    if (dispute.status !== 'UNDER_REVIEW') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'ACTION_NOT_ALLOWED_IN_CURRENT_STATUS', 'The dispute must be UNDER_REVIEW to be adjudicated.');
    return resolveDispute(account, dispute, input.adjudication_outcome === 'BUYER_FAVOR' ? 'RESOLVED_BUYER_FAVOUR' : 'RESOLVED_SELLER_FAVOUR', origin);
  }

  return { openDispute, reviewDispute, resolveDispute, adjudicate };
}
