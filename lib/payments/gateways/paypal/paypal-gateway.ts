import {
  CheckoutPaymentIntent,
  type Order,
  PaypalExperienceUserAction,
  PaypalPaymentTokenUsageType,
  PaypalWalletContextShippingPreference,
  StoreInVaultInstruction,
  VaultTokenRequestType,
} from '@paypal/paypal-server-sdk';
import { fromPaypalValue, PaypalAmountError, toPaypalValue } from '@/lib/integrations/paypal/money';
import {
  type ChargeOutcome,
  GatewayUnavailableError,
  type MinorDigitsOf,
  type PaymentGateway,
  type RefundOutcome,
  type SavedMethod,
} from '@/lib/payments/gateway';
import { createSdk, createTokenSource, type PaypalConfig, refusalOf, unavailable } from './paypal-client';
import { paypalMethod } from './paypal-events';
import { parsePaypalWebhook } from './paypal-webhook';

export type { PaypalConfig } from './paypal-client';

// PayPal behind our PaymentGateway: Orders v2 for payments (buyer approval, or a vaulted wallet for renewals),
// Payments v2 for refunds, Vault v3 for saved wallets, Notifications v1 to verify webhooks.

const PREFER = 'return=representation';
/** ISO 4217's "no currency": the outcome of a save-only flow, which moves no money. */
const NO_CURRENCY = 'XXX';

type CompleteResult = Awaited<ReturnType<PaymentGateway['completeRedirect']>>;

function vaultOf(order: Order): { method: SavedMethod | null; customerId: string | null } {
  const paypal = order.paymentSource?.paypal;
  const vault = paypal?.attributes?.vault;
  if (!vault?.id || vault.status !== 'VAULTED') return { method: null, customerId: vault?.customer?.id ?? null };
  return { method: paypalMethod(vault.id, paypal?.emailAddress ?? order.payer?.emailAddress), customerId: vault.customer?.id ?? null };
}

/** A captured (or declined) order as our outcome; the capture id is the payment id refunds and events use. */
function outcomeOf(order: Order, digitsOf: MinorDigitsOf): ChargeOutcome {
  const capture = order.purchaseUnits?.[0]?.payments?.captures?.[0];
  if (!capture?.id || !capture.amount) {
    if (order.status === 'PAYER_ACTION_REQUIRED' || order.status === 'CREATED') return { status: 'requires_action', gatewayPaymentId: null, reason: 'the buyer has not approved the payment at PayPal' };
    throw new GatewayUnavailableError(`PayPal order ${order.id ?? '?'} is ${order.status ?? '?'} without a capture`);
  }
  const currency = capture.amount.currencyCode.toUpperCase();
  switch (capture.status) {
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED': {
      const fee = capture.sellerReceivableBreakdown?.paypalFee;
      return {
        status: 'succeeded',
        gatewayPaymentId: capture.id,
        gatewayChargeId: null,
        amountMinor: fromPaypalValue(capture.amount.value, currency, digitsOf(currency)),
        currency,
        feeMinor: fee ? fromPaypalValue(fee.value, fee.currencyCode.toUpperCase(), digitsOf(fee.currencyCode)) : null,
      };
    }
    case 'PENDING':
      return { status: 'pending', gatewayPaymentId: capture.id };
    default:
      return { status: 'failed', gatewayPaymentId: capture.id, reason: `PayPal capture ${capture.status ?? 'failed'}`, code: capture.statusDetails?.reason ?? capture.status ?? null };
  }
}

/** Our invoice as PayPal carries it: the attempt in custom_id, the invoice in invoice_id, the amount from our invoice. */
function purchaseUnit(input: { invoicePublicId: string; attemptId: string; amountMinor: number }, currency: string, digitsOf: MinorDigitsOf) {
  return {
    referenceId: input.invoicePublicId,
    customId: input.attemptId,
    invoiceId: input.invoicePublicId,
    amount: { currencyCode: currency, value: toPaypalValue(input.amountMinor, currency, digitsOf(currency)) },
  };
}

export function createPaypalGateway(config: PaypalConfig, digitsOf: MinorDigitsOf): PaymentGateway {
  const sdk = createSdk(config);
  const tokens = createTokenSource(config);

  async function getOrder(id: string): Promise<Order> {
    try {
      return (await sdk.orders.getOrder({ id })).result;
    } catch (err) {
      throw unavailable(err, `reading order ${id}`);
    }
  }

  /** Captures an approved order; business refusals become outcomes, everything else is "try again later". */
  async function capture(orderId: string, requestId: string): Promise<{ outcome: ChargeOutcome; order: Order | null }> {
    try {
      const order = (await sdk.orders.captureOrder({ id: orderId, paypalRequestId: requestId, prefer: PREFER })).result;
      return { outcome: outcomeOf(order, digitsOf), order };
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal?.status === 422 && (refusal.issue === 'ORDER_ALREADY_CAPTURED' || refusal.issue === 'ORDER_NOT_APPROVED')) {
        // Already captured under another key, or not approved yet: the order itself says which.
        const order = await getOrder(orderId);
        return { outcome: outcomeOf(order, digitsOf), order };
      }
      if (refusal?.status === 422) return { outcome: { status: 'failed', gatewayPaymentId: null, reason: refusal.description, code: refusal.issue ?? refusal.name }, order: null };
      throw unavailable(err, `capturing order ${orderId}`);
    }
  }

  async function completeSetup(setupTokenId: string, idempotencyKey: string): Promise<CompleteResult> {
    let setup;
    try {
      setup = (await sdk.vault.getSetupToken(setupTokenId)).result;
    } catch (err) {
      if (refusalOf(err)?.status === 404) return { outcome: { status: 'failed', gatewayPaymentId: null, reason: 'PayPal does not know this order or setup token', code: 'RESOURCE_NOT_FOUND' }, savedMethod: null, gatewayCustomerId: null };
      throw unavailable(err, `reading setup token ${setupTokenId}`);
    }
    if (setup.status === 'PAYER_ACTION_REQUIRED' || setup.status === 'CREATED') {
      return { outcome: { status: 'requires_action', gatewayPaymentId: null, reason: 'the buyer has not approved saving PayPal' }, savedMethod: null, gatewayCustomerId: null };
    }
    try {
      const token = (
        await sdk.vault.createPaymentToken({
          body: { ...(setup.customer?.id ? { customer: { id: setup.customer.id } } : {}), paymentSource: { token: { id: setupTokenId, type: VaultTokenRequestType.SetupToken } } },
          paypalRequestId: idempotencyKey,
        })
      ).result;
      if (!token.id) throw new GatewayUnavailableError('PayPal created a payment token without an id');
      return {
        outcome: { status: 'succeeded', gatewayPaymentId: setupTokenId, gatewayChargeId: null, amountMinor: 0, currency: NO_CURRENCY, feeMinor: null },
        savedMethod: paypalMethod(token.id, token.paymentSource?.paypal?.emailAddress),
        gatewayCustomerId: token.customer?.id ?? setup.customer?.id ?? null,
      };
    } catch (err) {
      if (err instanceof GatewayUnavailableError) throw err;
      const refusal = refusalOf(err);
      if (refusal?.status === 422) return { outcome: { status: 'failed', gatewayPaymentId: null, reason: refusal.description, code: refusal.issue ?? refusal.name }, savedMethod: null, gatewayCustomerId: null };
      throw unavailable(err, `saving setup token ${setupTokenId}`);
    }
  }

  return {
    id: 'paypal',

    // PayPal has no customer object to create: the vault groups tokens under a customer id, which we seed with ours.
    async ensureCustomer(input) {
      return input.gatewayCustomerId ?? input.customerPublicId;
    },

    async startInvoicePayment(input) {
      const customerId = input.customer.gatewayCustomerId ?? input.customer.customerPublicId;
      const currency = input.currency.toUpperCase();
      let order: Order;
      try {
        order = (
          await sdk.orders.createOrder({
            body: {
              intent: CheckoutPaymentIntent.Capture,
              purchaseUnits: [{ ...purchaseUnit(input, currency, digitsOf), description: (input.description ?? `Invoice ${input.invoiceNumber}`).slice(0, 127) }],
              paymentSource: {
                paypal: {
                  experienceContext: {
                    returnUrl: input.returnUrl,
                    cancelUrl: input.cancelUrl,
                    ...(config.brandName ? { brandName: config.brandName } : {}),
                    userAction: PaypalExperienceUserAction.PayNow,
                    shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
                  },
                  ...(input.savePaymentMethod
                    ? { attributes: { customer: { id: customerId }, vault: { storeInVault: StoreInVaultInstruction.OnSuccess, usageType: PaypalPaymentTokenUsageType.Merchant } } }
                    : {}),
                },
              },
            },
            // One order per attempt, even if starting is retried.
            paypalRequestId: `${input.attemptId}:create`,
            prefer: PREFER,
          })
        ).result;
      } catch (err) {
        throw unavailable(err, 'creating an order');
      }
      const approve = order.links?.find((l) => l.rel === 'payer-action') ?? order.links?.find((l) => l.rel === 'approve');
      if (!order.id || !approve) throw new GatewayUnavailableError('PayPal created an order without an approval link');
      return { redirectUrl: approve.href, gatewayRef: order.id, gatewayCustomerId: input.savePaymentMethod ? customerId : input.customer.gatewayCustomerId };
    },

    async startSaveMethod(input) {
      const customerId = input.customer.gatewayCustomerId ?? input.customer.customerPublicId;
      let setup;
      try {
        setup = (
          await sdk.vault.createSetupToken({
            body: {
              customer: { id: customerId },
              paymentSource: {
                paypal: {
                  usageType: PaypalPaymentTokenUsageType.Merchant,
                  experienceContext: { returnUrl: input.returnUrl, cancelUrl: input.cancelUrl, ...(config.brandName ? { brandName: config.brandName } : {}) },
                },
              },
            },
            paypalRequestId: `${input.attemptId}:setup`,
          })
        ).result;
      } catch (err) {
        throw unavailable(err, 'creating a setup token');
      }
      const approve = setup.links?.find((l) => l.rel === 'approve');
      if (!setup.id || !approve) throw new GatewayUnavailableError('PayPal created a setup token without an approval link');
      return { redirectUrl: approve.href, gatewayRef: setup.id, gatewayCustomerId: customerId };
    },

    async completeRedirect({ gatewayRef, idempotencyKey }) {
      let order: Order;
      try {
        order = (await sdk.orders.getOrder({ id: gatewayRef })).result;
      } catch (err) {
        // Save-only flows hand out a setup token id, which the orders API doesn't know.
        if (refusalOf(err)?.status === 404) return completeSetup(gatewayRef, idempotencyKey);
        throw unavailable(err, `reading order ${gatewayRef}`);
      }
      if (order.status === 'PAYER_ACTION_REQUIRED' || order.status === 'CREATED') {
        return { outcome: { status: 'requires_action', gatewayPaymentId: null, reason: 'the buyer has not approved the payment at PayPal' }, savedMethod: null, gatewayCustomerId: null };
      }
      const result = order.status === 'COMPLETED' ? { outcome: outcomeOf(order, digitsOf), order } : await capture(gatewayRef, idempotencyKey);
      const vault = result.order ? vaultOf(result.order) : { method: null, customerId: null };
      return { outcome: result.outcome, savedMethod: vault.method, gatewayCustomerId: vault.customerId };
    },

    async chargeSaved(input) {
      const currency = input.currency.toUpperCase();
      let unit: ReturnType<typeof purchaseUnit>;
      try {
        unit = purchaseUnit(input, currency, digitsOf);
      } catch (err) {
        // An amount PayPal can't carry is a definite "no" for this attempt, not an outage to retry.
        if (err instanceof PaypalAmountError) return { status: 'failed', gatewayPaymentId: null, reason: err.message, code: 'amount_not_representable' };
        throw err;
      }
      let order: Order;
      try {
        order = (
          await sdk.orders.createOrder({
            body: {
              intent: CheckoutPaymentIntent.Capture,
              purchaseUnits: [unit],
              paymentSource: { paypal: { vaultId: input.gatewayMethodId } },
            },
            paypalRequestId: `${input.idempotencyKey}:create`,
            prefer: PREFER,
          })
        ).result;
      } catch (err) {
        const refusal = refusalOf(err);
        if (refusal?.status === 422 || refusal?.status === 404) return { status: 'failed', gatewayPaymentId: null, reason: refusal.description, code: refusal.issue ?? refusal.name };
        throw unavailable(err, 'creating a vaulted order');
      }
      if (!order.id) throw new GatewayUnavailableError('PayPal created an order without an id');
      // PayPal may complete a vaulted order at creation; otherwise it is APPROVED and we capture it.
      if (order.status === 'COMPLETED') return outcomeOf(order, digitsOf);
      if (order.status !== 'APPROVED') return { status: 'requires_action', gatewayPaymentId: null, reason: `PayPal wants the buyer to act (order ${order.status ?? 'unknown'})` };
      return (await capture(order.id, `${input.idempotencyKey}:capture`)).outcome;
    },

    async refund(input): Promise<RefundOutcome> {
      const currency = input.currency.toUpperCase();
      let value: string;
      try {
        value = toPaypalValue(input.amountMinor, currency, digitsOf(currency));
      } catch (err) {
        if (err instanceof PaypalAmountError) return { status: 'failed', reason: err.message };
        throw err;
      }
      try {
        const refund = (
          await sdk.payments.refundCapturedPayment({
            captureId: input.gatewayPaymentId,
            paypalRequestId: input.idempotencyKey,
            prefer: PREFER,
            body: { amount: { currencyCode: currency, value }, ...(input.reason ? { noteToPayer: input.reason.slice(0, 255) } : {}) },
          })
        ).result;
        if (!refund.id) throw new GatewayUnavailableError('PayPal created a refund without an id');
        if (refund.status === 'COMPLETED') return { status: 'succeeded', gatewayRefundId: refund.id };
        if (refund.status === 'PENDING') return { status: 'pending', gatewayRefundId: refund.id };
        return { status: 'failed', reason: `PayPal refund ${refund.status ?? 'failed'}` };
      } catch (err) {
        if (err instanceof GatewayUnavailableError) throw err;
        const refusal = refusalOf(err);
        if (refusal?.status === 422 || refusal?.status === 404) return { status: 'failed', reason: `${refusal.issue ?? refusal.name}: ${refusal.description}` };
        throw unavailable(err, `refunding capture ${input.gatewayPaymentId}`);
      }
    },

    async removeMethod({ gatewayMethodId }) {
      try {
        await sdk.vault.deletePaymentToken(gatewayMethodId);
      } catch (err) {
        // Already gone is what we wanted.
        if (refusalOf(err)?.status === 404) return;
        throw unavailable(err, `deleting payment token ${gatewayMethodId}`);
      }
    },

    parseWebhook: (req) => parsePaypalWebhook(config, tokens, req, digitsOf),
  };
}
