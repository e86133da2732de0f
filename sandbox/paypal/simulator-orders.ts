import { z } from 'zod';
import { hasPaypalPrecision, isPaypalCurrency, paypalDecimals } from '@/lib/integrations/paypal/money';
import { captureJson, orderJson, paymentTokenJson, refundJson } from './simulator-json';
import { type Account, type ApiResult, buyerDeclines, type CaptureState, type Money, nowIso, type OrderState, paypalError, paypalId } from './simulator-state';
import type { WebhookCenter } from './simulator-webhooks';

// Orders v2 and Payments v2: create → buyer approves (or a saved token approves it) → capture → refund. Disputes
// are in simulator-disputes.ts.

const moneySchema = z.object({
  currency_code: z.string().length(3),
  value: z.string().regex(/^\d{1,15}(\.\d{1,3})?$/, 'must be a decimal string such as "12.34"'),
});

const experienceSchema = z.object({ return_url: z.url(), cancel_url: z.url(), brand_name: z.string().max(127), user_action: z.enum(['CONTINUE', 'PAY_NOW']) }).partial();

export const createOrderSchema = z.object({
  intent: z.literal('CAPTURE'),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().max(256).optional(),
        custom_id: z.string().max(255).optional(),
        invoice_id: z.string().max(127).optional(),
        description: z.string().max(3000).optional(),
        amount: moneySchema,
      }),
    )
    .min(1)
    .max(1, 'the sandbox takes one purchase unit per order'),
  payment_source: z
    .object({
      paypal: z
        .object({
          vault_id: z.string().optional(),
          experience_context: experienceSchema.optional(),
          attributes: z
            .object({
              customer: z.object({ id: z.string().max(64).optional() }).optional(),
              vault: z.object({ store_in_vault: z.literal('ON_SUCCESS'), usage_type: z.enum(['MERCHANT', 'PLATFORM']) }).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  application_context: experienceSchema.optional(),
});

export const refundSchema = z.object({ amount: moneySchema.optional(), note_to_payer: z.string().max(255).optional(), invoice_id: z.string().optional(), custom_id: z.string().optional() });

/** A value string in PayPal's precision → integer count of the currency's smallest PayPal unit. */
export function toUnits(value: string, currency: string): bigint {
  const decimals = paypalDecimals(currency);
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(`${whole}${fraction.padEnd(decimals, '0').slice(0, decimals)}`);
}

export function fromUnits(units: bigint, currency: string): string {
  const decimals = paypalDecimals(currency);
  if (decimals === 0) return units.toString();
  const digits = units.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The sandbox's fee: 3.49 % + a fixed 0.49 (49 whole units in zero-decimal currencies is too much; 40 there), half-up. */
function feeFor(amount: Money): Money {
  const units = toUnits(amount.value, amount.currency_code);
  const fixed = paypalDecimals(amount.currency_code) === 0 ? 40n : 49n;
  const fee = (units * 349n + 5000n) / 10000n + fixed;
  return { currency_code: amount.currency_code, value: fromUnits(fee < units ? fee : units, amount.currency_code) };
}

export function createOrderOps(center: WebhookCenter) {
  function createOrder(account: Account, input: z.infer<typeof createOrderSchema>, origin: string): ApiResult {
    const unitIn = input.purchase_units[0]!;
    const currency = unitIn.amount.currency_code.toUpperCase();
    if (!isPaypalCurrency(currency)) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CURRENCY_NOT_SUPPORTED', `Currency ${currency} is not supported.`);
    if (!hasPaypalPrecision(unitIn.amount.value, currency)) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION', `${currency} takes at most ${paypalDecimals(currency)} decimals.`);
    if (toUnits(unitIn.amount.value, currency) === 0n) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CANNOT_BE_ZERO_OR_NEGATIVE', 'Amount must be greater than zero.');
    const paypal = input.payment_source?.paypal;
    const ctx = { ...input.application_context, ...paypal?.experience_context };
    const now = nowIso();
    const order: OrderState = {
      id: paypalId(17),
      status: 'PAYER_ACTION_REQUIRED',
      intent: 'CAPTURE',
      unit: { ...unitIn, reference_id: unitIn.reference_id ?? 'default', amount: { currency_code: currency, value: unitIn.amount.value } },
      returnUrl: ctx.return_url ?? null,
      cancelUrl: ctx.cancel_url ?? null,
      brandName: ctx.brand_name ?? `Sandbox merchant ${account.clientId.slice(0, 12)}`,
      vaultRequested: paypal?.attributes?.vault?.store_in_vault === 'ON_SUCCESS',
      customerId: paypal?.attributes?.customer?.id ?? null,
      vaultId: null,
      payer: null,
      buyerAgreedToSave: false,
      captureId: null,
      vaultedTokenId: null,
      createTime: now,
      updateTime: now,
    };
    if (paypal?.vault_id !== undefined) {
      // Merchant-initiated: the saved token stands in for the buyer, so there is nothing to approve.
      const token = account.paymentTokens.get(paypal.vault_id);
      if (!token) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'INVALID_RESOURCE_ID', `Payment token ${paypal.vault_id} does not exist or was deleted.`);
      order.vaultId = token.id;
      order.payer = { email: token.email, payerId: token.payerId };
      order.status = 'APPROVED';
    }
    account.orders.set(order.id, order);
    return { status: 201, body: orderJson(account, order, origin) };
  }

  function approveOrder(account: Account, order: OrderState, email: string, save: boolean, origin: string): void {
    order.payer = { email, payerId: payerIdFor(email) };
    order.buyerAgreedToSave = order.vaultRequested && save;
    order.status = 'APPROVED';
    order.updateTime = nowIso();
    center.emit(account, 'CHECKOUT.ORDER.APPROVED', 'checkout-order', orderJson(account, order, origin), `An order has been approved by buyer ${email}`);
  }

  function captureOrder(account: Account, order: OrderState, origin: string): ApiResult {
    if (order.status === 'COMPLETED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED', 'Order already captured. If intent=CAPTURE only one capture per order is allowed.');
    if (order.status !== 'APPROVED' || !order.payer) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.');
    const invoiceId = order.unit.invoice_id;
    if (invoiceId !== undefined && [...account.captures.values()].some((c) => c.invoice_id === invoiceId && c.status !== 'DECLINED')) {
      // PayPal accounts reject a second successful payment under the same invoice_id by default.
      return paypalError(422, 'UNPROCESSABLE_ENTITY', 'DUPLICATE_INVOICE_ID', 'Duplicate Invoice ID detected.');
    }
    const now = nowIso();
    const capture: CaptureState = {
      id: paypalId(17),
      orderId: order.id,
      status: 'COMPLETED',
      amount: order.unit.amount,
      fee: feeFor(order.unit.amount),
      ...(order.unit.custom_id !== undefined ? { custom_id: order.unit.custom_id } : {}),
      ...(invoiceId !== undefined ? { invoice_id: invoiceId } : {}),
      refundedUnits: 0,
      createTime: now,
      updateTime: now,
    };
    if (buyerDeclines(account, order.payer.email)) {
      capture.status = 'DECLINED';
      account.captures.set(capture.id, capture);
      center.emit(account, 'PAYMENT.CAPTURE.DENIED', 'capture', captureJson(account, capture, origin), `Payment of ${capture.amount.value} ${capture.amount.currency_code} was denied`);
      return paypalError(422, 'UNPROCESSABLE_ENTITY', 'INSTRUMENT_DECLINED', 'The instrument presented was either declined by the processor or bank, or it can\'t be used for this payment.');
    }
    account.captures.set(capture.id, capture);
    order.captureId = capture.id;
    order.status = 'COMPLETED';
    order.updateTime = now;
    if (order.buyerAgreedToSave && !order.vaultId) {
      const token = { id: paypalId(7).toLowerCase(), customerId: order.customerId ?? paypalId(10), email: order.payer.email, payerId: order.payer.payerId, createTime: now };
      account.paymentTokens.set(token.id, token);
      order.vaultedTokenId = token.id;
      center.emit(account, 'VAULT.PAYMENT-TOKEN.CREATED', 'payment_token', { ...paymentTokenJson(token, origin), metadata: { order_id: order.id } }, 'A payment token has been created.');
    }
    center.emit(account, 'PAYMENT.CAPTURE.COMPLETED', 'capture', captureJson(account, capture, origin), `Payment completed for ${capture.amount.value} ${capture.amount.currency_code}`);
    return { status: 201, body: orderJson(account, order, origin) };
  }

  function refundCapture(account: Account, capture: CaptureState, input: z.infer<typeof refundSchema>, origin: string): ApiResult {
    const currency = capture.amount.currency_code;
    if (capture.status === 'DECLINED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_NOT_REFUNDABLE', 'A declined capture cannot be refunded.');
    if (capture.status === 'REVERSED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_NOT_REFUNDABLE', 'A reversed capture cannot be refunded.');
    const total = toUnits(capture.amount.value, currency);
    const remaining = total - BigInt(capture.refundedUnits);
    if (remaining === 0n) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.');
    let units = remaining;
    if (input.amount) {
      if (input.amount.currency_code.toUpperCase() !== currency) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'REFUND_CURRENCY_MISMATCH', `Refund must be in ${currency}.`);
      if (!hasPaypalPrecision(input.amount.value, currency)) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION', `${currency} takes at most ${paypalDecimals(currency)} decimals.`);
      units = toUnits(input.amount.value, currency);
      if (units <= 0n) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'CANNOT_BE_ZERO_OR_NEGATIVE', 'Refund amount must be greater than zero.');
      if (units > remaining) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.');
    }
    capture.refundedUnits += Number(units);
    capture.status = BigInt(capture.refundedUnits) === total ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    capture.updateTime = nowIso();
    const refund = { id: paypalId(17), captureId: capture.id, amount: { currency_code: currency, value: fromUnits(units, currency) }, note: input.note_to_payer ?? null, createTime: nowIso() };
    account.refunds.set(refund.id, refund);
    const body = refundJson(refund, capture, origin);
    center.emit(account, 'PAYMENT.CAPTURE.REFUNDED', 'refund', body, `A ${refund.amount.value} ${currency} capture payment was refunded`);
    return { status: 201, body };
  }

  return { createOrder, approveOrder, captureOrder, refundCapture };
}

/** A stable sandbox payer id per email, so the same buyer always looks like the same PayPal account. */
export function payerIdFor(email: string): string {
  let hash = 2166136261;
  for (const ch of email.toLowerCase()) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += alphabet[hash % alphabet.length];
    hash = Math.imul(hash ^ i, 16777619) >>> 0;
  }
  return out;
}
