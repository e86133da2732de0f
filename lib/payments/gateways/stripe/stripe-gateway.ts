import Stripe from 'stripe';
import { StripeAmountError, fromStripeAmount, toStripeAmount } from '@/lib/integrations/stripe/money';
import {
  GatewayUnavailableError,
  WebhookSignatureError,
  type ChargeOutcome,
  type MinorDigitsOf,
  type GatewayEvent,
  type PaymentGateway,
  type RefundOutcome,
  type SavedMethod,
} from '@/lib/payments/gateway';
import { idOf, outcomeOfPaymentIntent, toSavedMethod, type FromStripeAmount } from './stripe-mappers';
import { mapStripeEvent } from './stripe-webhook';

// Stripe behind our PaymentGateway. Hosted flows use Checkout (payment mode for an invoice, setup mode to save a
// card); renewals charge a saved card off-session. Every money-moving call carries an idempotency key, so a
// retried job gets Stripe's stored first answer instead of a second charge or refund. Amounts convert between our
// minor units (the currency row's digits) and Stripe's own per currency (lib/integrations/stripe/money.ts); one
// Stripe can't represent exactly is refused before Stripe is called, never rounded.

export interface StripeGatewayConfig {
  secretKey: string;
  webhookSecret: string;
  /** e.g. http://127.0.0.1:4010 for the sandbox; Stripe itself when absent. */
  apiBase?: string;
}

const REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

function sdkOptions(apiBase: string | undefined): Stripe.StripeConfig {
  // Two SDK retries cover dropped connections; the SDK reuses one idempotency key across them.
  const base: Stripe.StripeConfig = { maxNetworkRetries: 2, telemetry: false, timeout: 30_000 };
  if (!apiBase) return base;
  const url = new URL(apiBase);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { ...base, host: url.hostname, port: url.port || (protocol === 'https' ? 443 : 80), protocol };
}

function isStripeError(err: unknown): err is Stripe.errors.StripeError {
  return err instanceof Stripe.errors.StripeError;
}

/** Anything that isn't Stripe telling us "no" about this request means "try again later". */
function unavailable(what: string, err: unknown): GatewayUnavailableError {
  const detail = err instanceof Error ? err.message : String(err);
  return new GatewayUnavailableError(`Stripe ${what} failed: ${detail}`, { cause: err });
}

function checkAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new Error(`amountMinor must be a positive integer, got ${amountMinor}`);
}

export function createStripeGateway(config: StripeGatewayConfig, digitsOf: MinorDigitsOf): PaymentGateway {
  const stripe = new Stripe(config.secretKey, sdkOptions(config.apiBase));
  const toStripe = (amountMinor: number, currency: string) => toStripeAmount(amountMinor, currency, digitsOf(currency));
  const fromStripe: FromStripeAmount = (amount, currency) => fromStripeAmount(amount, currency, digitsOf(currency));

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(what, err);
    }
  }

  async function ensureCustomer(input: Parameters<PaymentGateway['ensureCustomer']>[0]): Promise<string> {
    if (input.gatewayCustomerId) return input.gatewayCustomerId;
    // Keyed by our customer id: two racing requests (or a retry) within Stripe's 24 h key window make one customer.
    const customer = await call('customer create', () =>
      stripe.customers.create(
        { email: input.email, name: input.name, metadata: { customer: input.customerPublicId } },
        { idempotencyKey: `customer-create-${input.customerPublicId}` },
      ),
    );
    return customer.id;
  }

  return {
    id: 'stripe',
    ensureCustomer,

    async startInvoicePayment(input) {
      checkAmount(input.amountMinor);
      // Refused here, before a customer or session exists at Stripe: the customer sees why (a 400), nothing is rounded.
      const unitAmount = toStripe(input.amountMinor, input.currency);
      const customerId = await ensureCustomer(input.customer);
      const metadata = { attempt: input.attemptId, invoice: input.invoicePublicId };
      const session = await call('checkout session create', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'payment',
            customer: customerId,
            client_reference_id: input.attemptId,
            line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: unitAmount, product_data: { name: input.description ?? `Invoice ${input.invoiceNumber}` } } }],
            metadata,
            payment_intent_data: { metadata, ...(input.savePaymentMethod ? { setup_future_usage: 'off_session' as const } : {}) },
            success_url: input.returnUrl,
            cancel_url: input.cancelUrl,
          },
          { idempotencyKey: `checkout-${input.attemptId}` },
        ),
      );
      if (!session.url) throw new GatewayUnavailableError(`Stripe returned checkout session ${session.id} without a url`);
      return { redirectUrl: session.url, gatewayRef: session.id, gatewayCustomerId: customerId };
    },

    async startSaveMethod(input) {
      const customerId = await ensureCustomer(input.customer);
      const session = await call('checkout session create', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'setup',
            customer: customerId,
            currency: input.currency.toLowerCase(),
            client_reference_id: input.attemptId,
            metadata: { attempt: input.attemptId },
            setup_intent_data: { metadata: { attempt: input.attemptId } },
            success_url: input.returnUrl,
            cancel_url: input.cancelUrl,
          },
          { idempotencyKey: `checkout-setup-${input.attemptId}` },
        ),
      );
      if (!session.url) throw new GatewayUnavailableError(`Stripe returned checkout session ${session.id} without a url`);
      return { redirectUrl: session.url, gatewayRef: session.id, gatewayCustomerId: customerId };
    },

    async completeRedirect({ gatewayRef, attemptId }) {
      const session = await call('checkout session retrieve', () =>
        stripe.checkout.sessions.retrieve(gatewayRef, {
          expand: ['payment_intent.latest_charge.balance_transaction', 'payment_intent.payment_method', 'setup_intent.payment_method'],
        }),
      );
      // A return URL can be replayed or forged; only the session made for this attempt may settle it.
      if (session.metadata?.attempt !== attemptId) throw new Error(`checkout session ${session.id} does not belong to attempt ${attemptId}`);
      const gatewayCustomerId = idOf(session.customer);
      if (session.status === 'expired') {
        return { outcome: { status: 'failed', gatewayPaymentId: idOf(session.payment_intent), reason: 'The checkout session expired.', code: 'checkout_expired' }, savedMethod: null, gatewayCustomerId };
      }
      if (session.mode === 'setup') {
        const si = session.setup_intent && typeof session.setup_intent !== 'string' ? session.setup_intent : null;
        const pm = si?.payment_method && typeof si.payment_method !== 'string' ? si.payment_method : null;
        if (!si || si.status !== 'succeeded' || !pm) {
          // Still open: the customer may yet finish (or the session expires and says so).
          return { outcome: { status: 'pending', gatewayPaymentId: si?.id ?? session.id }, savedMethod: null, gatewayCustomerId };
        }
        // Setup moves no money; the interface still wants a ChargeOutcome, so it reports a zero "payment" by SetupIntent id.
        const outcome: ChargeOutcome = { status: 'succeeded', gatewayPaymentId: si.id, gatewayChargeId: null, amountMinor: 0, currency: (session.currency ?? '').toUpperCase(), feeMinor: 0 };
        return { outcome, savedMethod: toSavedMethod(pm), gatewayCustomerId };
      }
      const pi = session.payment_intent && typeof session.payment_intent !== 'string' ? session.payment_intent : null;
      if (!pi) {
        return { outcome: { status: 'pending', gatewayPaymentId: session.id }, savedMethod: null, gatewayCustomerId };
      }
      const pm = pi.payment_method && typeof pi.payment_method !== 'string' ? pi.payment_method : null;
      const savedMethod: SavedMethod | null = pi.status === 'succeeded' && pi.setup_future_usage && pm?.customer ? toSavedMethod(pm) : null;
      return { outcome: outcomeOfPaymentIntent(pi, fromStripe), savedMethod, gatewayCustomerId };
    },

    async chargeSaved(input) {
      checkAmount(input.amountMinor);
      let amount: number;
      try {
        amount = toStripe(input.amountMinor, input.currency);
      } catch (err) {
        // A definite "no" for this attempt, like Stripe's own invalid-amount answer: the pass goes on, staff see why.
        if (err instanceof StripeAmountError) return { status: 'failed', gatewayPaymentId: null, reason: err.message, code: 'amount_not_representable' };
        throw err;
      }
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount,
            currency: input.currency.toLowerCase(),
            customer: input.gatewayCustomerId,
            payment_method: input.gatewayMethodId,
            off_session: true,
            confirm: true,
            metadata: { attempt: input.attemptId, invoice: input.invoicePublicId },
            expand: ['latest_charge.balance_transaction'],
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return outcomeOfPaymentIntent(pi, fromStripe);
      } catch (err) {
        if (!isStripeError(err)) throw unavailable('off-session charge', err);
        const paymentId = err.payment_intent?.id ?? null;
        if (err.type === 'StripeCardError') {
          if (err.code === 'authentication_required') {
            return { status: 'requires_action', gatewayPaymentId: paymentId, reason: err.message };
          }
          return { status: 'failed', gatewayPaymentId: paymentId, reason: err.message, code: err.decline_code ?? err.code ?? null };
        }
        // A method that was detached or belongs elsewhere is a definite "no" for this attempt, not an outage.
        if (err.type === 'StripeInvalidRequestError') return { status: 'failed', gatewayPaymentId: paymentId, reason: err.message, code: err.code ?? 'invalid_request' };
        throw unavailable('off-session charge', err);
      }
    },

    async refund(input): Promise<RefundOutcome> {
      checkAmount(input.amountMinor);
      let amount: number;
      try {
        amount = toStripe(input.amountMinor, input.currency);
      } catch (err) {
        if (err instanceof StripeAmountError) return { status: 'failed', reason: err.message };
        throw err;
      }
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.gatewayPaymentId,
            amount,
            ...(input.reason && REFUND_REASONS.has(input.reason) ? { reason: input.reason as Stripe.RefundCreateParams.Reason } : {}),
            metadata: input.reason ? { reason: input.reason.slice(0, 500) } : {},
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (refund.status === 'succeeded') return { status: 'succeeded', gatewayRefundId: refund.id };
        if (refund.status === 'failed' || refund.status === 'canceled') return { status: 'failed', reason: refund.failure_reason ?? `refund ${refund.status}` };
        return { status: 'pending', gatewayRefundId: refund.id };
      } catch (err) {
        if (isStripeError(err) && err.type === 'StripeInvalidRequestError') return { status: 'failed', reason: err.message };
        throw unavailable('refund', err);
      }
    },

    async removeMethod({ gatewayCustomerId, gatewayMethodId }) {
      let pm: Stripe.PaymentMethod;
      try {
        pm = await stripe.paymentMethods.retrieve(gatewayMethodId);
      } catch (err) {
        if (isStripeError(err) && err.code === 'resource_missing') return;
        throw unavailable('payment method retrieve', err);
      }
      const owner = idOf(pm.customer);
      // Already detached: removing twice is fine. Someone else's card: never touch it.
      if (!owner) return;
      if (owner !== gatewayCustomerId) throw new Error(`payment method ${gatewayMethodId} does not belong to customer ${gatewayCustomerId}`);
      await call('payment method detach', () => stripe.paymentMethods.detach(gatewayMethodId));
    },

    async parseWebhook(req): Promise<GatewayEvent[]> {
      const header = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'stripe-signature')?.[1];
      if (!header) throw new WebhookSignatureError('missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(req.rawBody, header, config.webhookSecret);
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : 'invalid Stripe signature');
      }
      try {
        return await mapStripeEvent(stripe, event, fromStripe);
      } catch (err) {
        throw unavailable(`reading back ${event.type} ${event.id}`, err);
      }
    },
  };
}
