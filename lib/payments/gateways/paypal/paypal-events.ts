import { z } from 'zod';
import { fromPaypalValue } from '@/lib/integrations/paypal/money';
import { type GatewayEvent, GatewayUnavailableError, type MinorDigitsOf, type SavedMethod } from '@/lib/payments/gateway';
import { paypalDisputeEvent } from './paypal-disputes';

// PayPal webhook events → the facts billing acts on. custom_id carries our attempt id and invoice_id our invoice
// public id (both set when the order was created).

const moneySchema = z.object({ currency_code: z.string(), value: z.string() });
const linkSchema = z.object({ rel: z.string(), href: z.string() });

export const eventSchema = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  create_time: z.string().optional(),
  resource_type: z.string().optional(),
  resource: z.record(z.string(), z.unknown()),
});

const captureSchema = z.object({
  id: z.string(),
  status: z.string().optional(),
  amount: moneySchema,
  custom_id: z.string().optional(),
  invoice_id: z.string().optional(),
  seller_receivable_breakdown: z.object({ paypal_fee: moneySchema.optional() }).optional(),
  status_details: z.object({ reason: z.string() }).optional(),
});

const refundSchema = z.object({ id: z.string(), amount: moneySchema, links: z.array(linkSchema).default([]) });


const tokenSchema = z.object({
  id: z.string(),
  customer: z.object({ id: z.string() }).optional(),
  payment_source: z.object({ paypal: z.object({ email_address: z.string().optional() }).optional() }).optional(),
});

export function paypalMethod(id: string, email: string | null | undefined): SavedMethod {
  return { gatewayMethodId: id, kind: 'paypal', brand: null, last4: null, expMonth: null, expYear: null, label: email ?? null };
}

function minor(money: { currency_code: string; value: string }, digitsOf: MinorDigitsOf): { amountMinor: number; currency: string } {
  const currency = money.currency_code.toUpperCase();
  return { amountMinor: fromPaypalValue(money.value, currency, digitsOf(currency)), currency };
}

/** The capture a refund belongs to: PayPal links it as rel "up" (…/v2/payments/captures/{id}). */
function captureIdFromLinks(links: { rel: string; href: string }[]): string | null {
  const up = links.find((l) => l.rel === 'up' && /\/v2\/payments\/captures\/[^/]+$/.test(l.href));
  return up ? decodeURIComponent(up.href.slice(up.href.lastIndexOf('/') + 1)) : null;
}

export function mapEvent(event: z.infer<typeof eventSchema>, digitsOf: MinorDigitsOf): GatewayEvent {
  try {
    return mapOrThrow(event, digitsOf);
  } catch (err) {
    // A verified event we can't read is PayPal changing shape: fail loudly so the delivery is retried, never guess.
    throw new GatewayUnavailableError(`PayPal event ${event.id} (${event.event_type}) has an unexpected shape`, { cause: err });
  }
}

function mapOrThrow(event: z.infer<typeof eventSchema>, digitsOf: MinorDigitsOf): GatewayEvent {
  const eventId = event.id;
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED': {
      const c = captureSchema.parse(event.resource);
      const fee = c.seller_receivable_breakdown?.paypal_fee;
      return {
        type: 'payment.succeeded',
        eventId,
        attemptId: c.custom_id ?? null,
        invoicePublicId: c.invoice_id ?? null,
        gatewayPaymentId: c.id,
        gatewayChargeId: null,
        gatewayCustomerId: null,
        ...minor(c.amount, digitsOf),
        feeMinor: fee ? minor(fee, digitsOf).amountMinor : null,
        // The vault token arrives as its own VAULT.PAYMENT-TOKEN.CREATED event.
        savedMethod: null,
      };
    }
    case 'PAYMENT.CAPTURE.DENIED':
    case 'PAYMENT.CAPTURE.DECLINED': {
      const c = captureSchema.parse(event.resource);
      return {
        type: 'payment.failed',
        eventId,
        attemptId: c.custom_id ?? null,
        invoicePublicId: c.invoice_id ?? null,
        gatewayPaymentId: c.id,
        reason: 'PayPal declined the payment',
        code: c.status_details?.reason ?? event.event_type,
      };
    }
    case 'PAYMENT.CAPTURE.REFUNDED': {
      const r = refundSchema.parse(event.resource);
      const captureId = captureIdFromLinks(r.links);
      if (!captureId) throw new Error('refund without a capture link');
      return { type: 'refund.succeeded', eventId, gatewayPaymentId: captureId, gatewayRefundId: r.id, ...minor(r.amount, digitsOf) };
    }
    case 'CUSTOMER.DISPUTE.CREATED':
    case 'CUSTOMER.DISPUTE.UPDATED':
    case 'CUSTOMER.DISPUTE.RESOLVED':
      return paypalDisputeEvent(eventId, event.event_type, event.create_time, event.resource, digitsOf);
    case 'VAULT.PAYMENT-TOKEN.CREATED': {
      const t = tokenSchema.parse(event.resource);
      if (!t.customer) throw new Error('payment token without a customer');
      return { type: 'method.saved', eventId, attemptId: null, gatewayCustomerId: t.customer.id, method: paypalMethod(t.id, t.payment_source?.paypal?.email_address) };
    }
    case 'VAULT.PAYMENT-TOKEN.DELETED':
      return { type: 'method.removed', eventId, gatewayMethodId: tokenSchema.parse(event.resource).id };
    default:
      // Includes CHECKOUT.ORDER.APPROVED: approval moves no money; completeRedirect (or a reconcile job) captures.
      return { type: 'ignored', eventId, gatewayType: event.event_type };
  }
}
