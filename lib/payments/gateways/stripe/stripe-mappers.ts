import type Stripe from 'stripe';
import type { ChargeOutcome, SavedMethod } from '@/lib/payments/gateway';

// Stripe objects → our vendor-neutral shapes. Stripe's amounts are in its own minor unit per currency, which need not
// be our currency row's (UGX has two decimals at Stripe), so every amount goes through the adapter's converter.

/** Stripe's amount in a currency → our minor units (lib/integrations/stripe/money.ts, with the store's digits). */
export type FromStripeAmount = (amount: number, currency: string) => number;

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

export function toSavedMethod(pm: Stripe.PaymentMethod): SavedMethod {
  return {
    gatewayMethodId: pm.id,
    kind: 'card',
    brand: pm.card?.brand ?? null,
    last4: pm.card?.last4 ?? null,
    expMonth: pm.card?.exp_month ?? null,
    expYear: pm.card?.exp_year ?? null,
    label: null,
  };
}

/**
 * The fee Stripe kept, if the charge's balance transaction was expanded (null means "not known yet"). It is in the
 * balance transaction's (settlement) currency; a fee our rows can't hold exactly is left unknown, as it moves no money.
 */
export function feeOf(charge: string | Stripe.Charge | null, fromStripe: FromStripeAmount): number | null {
  if (!charge || typeof charge === 'string') return null;
  const bt = charge.balance_transaction;
  if (!bt || typeof bt === 'string') return null;
  try {
    return fromStripe(bt.fee, bt.currency);
  } catch {
    return null;
  }
}

function failure(err: Stripe.PaymentIntent.LastPaymentError | null | undefined): { reason: string; code: string | null } {
  return { reason: err?.message ?? 'The payment failed.', code: err?.decline_code ?? err?.code ?? null };
}

/** A PaymentIntent's state as our outcome; expand latest_charge.balance_transaction to get the fee. */
export function outcomeOfPaymentIntent(pi: Stripe.PaymentIntent, fromStripe: FromStripeAmount): ChargeOutcome {
  switch (pi.status) {
    case 'succeeded':
      return {
        status: 'succeeded',
        gatewayPaymentId: pi.id,
        gatewayChargeId: idOf(pi.latest_charge),
        amountMinor: fromStripe(pi.amount_received || pi.amount, pi.currency),
        currency: pi.currency.toUpperCase(),
        feeMinor: feeOf(pi.latest_charge, fromStripe),
      };
    case 'processing':
      return { status: 'pending', gatewayPaymentId: pi.id };
    case 'requires_action':
    case 'requires_confirmation':
      return { status: 'requires_action', gatewayPaymentId: pi.id, reason: 'The customer must authenticate this payment.' };
    case 'requires_payment_method':
      if (pi.last_payment_error?.code === 'authentication_required') {
        return { status: 'requires_action', gatewayPaymentId: pi.id, reason: pi.last_payment_error.message ?? 'The card requires authentication.' };
      }
      return { status: 'failed', gatewayPaymentId: pi.id, ...failure(pi.last_payment_error) };
    case 'canceled':
      return { status: 'failed', gatewayPaymentId: pi.id, reason: 'The payment was canceled.', code: pi.cancellation_reason ?? 'canceled' };
    default:
      // requires_capture never happens: we only create automatic-capture intents.
      return { status: 'pending', gatewayPaymentId: pi.id };
  }
}

export function metadataOf(obj: { metadata?: Stripe.Metadata | null } | null | undefined): { attemptId: string | null; invoicePublicId: string | null } {
  return { attemptId: obj?.metadata?.attempt ?? null, invoicePublicId: obj?.metadata?.invoice ?? null };
}
