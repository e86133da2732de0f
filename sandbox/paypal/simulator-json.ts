import type { Account, CaptureState, OrderState, PaymentTokenState, RefundState, SetupTokenState } from './simulator-state';

// How the stand-in renders its resources: the field names and nesting of PayPal's REST responses, so the real
// SDK's schemas accept them. `origin` is the simulator's base (http://host/paypal), used for HATEOAS links.

export function orderJson(account: Account, order: OrderState, origin: string): Record<string, unknown> {
  const capture = order.captureId ? account.captures.get(order.captureId) : undefined;
  const token = order.vaultedTokenId ? account.paymentTokens.get(order.vaultedTokenId) : undefined;
  const paypal: Record<string, unknown> = {};
  if (order.payer) {
    paypal.email_address = order.payer.email;
    paypal.account_id = order.payer.payerId;
    paypal.account_status = 'VERIFIED';
  }
  if (token) {
    paypal.attributes = { vault: { id: token.id, status: 'VAULTED', customer: { id: token.customerId }, links: [] } };
  } else if (order.vaultRequested && order.status !== 'COMPLETED') {
    paypal.attributes = { vault: { status: 'CREATED' } };
  }
  const links: unknown[] = [{ href: `${origin}/v2/checkout/orders/${order.id}`, rel: 'self', method: 'GET' }];
  if (order.status === 'PAYER_ACTION_REQUIRED') {
    const base = origin.replace(/\/$/, '');
    links.push({ href: `${base}/checkoutnow?token=${order.id}`, rel: 'payer-action', method: 'GET' });
  }
  if (order.status === 'APPROVED') links.push({ href: `${origin}/v2/checkout/orders/${order.id}/capture`, rel: 'capture', method: 'POST' });
  return {
    id: order.id,
    intent: order.intent,
    status: order.status,
    payment_source: { paypal },
    ...(order.payer ? { payer: { email_address: order.payer.email, payer_id: order.payer.payerId } } : {}),
    purchase_units: [
      {
        reference_id: order.unit.reference_id,
        amount: order.unit.amount,
        ...(order.unit.custom_id !== undefined ? { custom_id: order.unit.custom_id } : {}),
        ...(order.unit.invoice_id !== undefined ? { invoice_id: order.unit.invoice_id } : {}),
        ...(order.unit.description !== undefined ? { description: order.unit.description } : {}),
        ...(capture ? { payments: { captures: [captureJson(account, capture, origin)] } } : {}),
      },
    ],
    create_time: order.createTime,
    update_time: order.updateTime,
    links,
  };
}

export function captureJson(_account: Account, capture: CaptureState, origin: string): Record<string, unknown> {
  const completed = capture.status !== 'DECLINED';
  return {
    id: capture.id,
    status: capture.status,
    amount: capture.amount,
    final_capture: true,
    ...(capture.custom_id !== undefined ? { custom_id: capture.custom_id } : {}),
    ...(capture.invoice_id !== undefined ? { invoice_id: capture.invoice_id } : {}),
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    ...(completed
      ? { seller_receivable_breakdown: { gross_amount: capture.amount, paypal_fee: capture.fee, net_amount: netOf(capture) } }
      : {}),
    supplementary_data: { related_ids: { order_id: capture.orderId } },
    links: [
      { href: `${origin}/v2/payments/captures/${capture.id}`, rel: 'self', method: 'GET' },
      { href: `${origin}/v2/payments/captures/${capture.id}/refund`, rel: 'refund', method: 'POST' },
      { href: `${origin}/v2/checkout/orders/${capture.orderId}`, rel: 'up', method: 'GET' },
    ],
    create_time: capture.createTime,
    update_time: capture.updateTime,
  };
}

function netOf(capture: CaptureState): { currency_code: string; value: string } {
  // Both values carry the same number of decimals, so subtracting the digit strings as integers is exact.
  const decimals = (capture.amount.value.split('.')[1] ?? '').length;
  const gross = BigInt(capture.amount.value.replace('.', ''));
  const fee = BigInt(capture.fee.value.replace('.', ''));
  const net = (gross - fee).toString().padStart(decimals + 1, '0');
  return { currency_code: capture.amount.currency_code, value: decimals ? `${net.slice(0, -decimals)}.${net.slice(-decimals)}` : net };
}

export function refundJson(refund: RefundState, capture: CaptureState, origin: string): Record<string, unknown> {
  return {
    id: refund.id,
    status: 'COMPLETED',
    amount: refund.amount,
    ...(refund.note ? { note_to_payer: refund.note } : {}),
    ...(capture.custom_id !== undefined ? { custom_id: capture.custom_id } : {}),
    ...(capture.invoice_id !== undefined ? { invoice_id: capture.invoice_id } : {}),
    seller_payable_breakdown: { gross_amount: refund.amount, net_amount: refund.amount },
    links: [
      { href: `${origin}/v2/payments/refunds/${refund.id}`, rel: 'self', method: 'GET' },
      // PayPal points a refund at its capture through the "up" link; webhook consumers read the capture id here.
      { href: `${origin}/v2/payments/captures/${capture.id}`, rel: 'up', method: 'GET' },
    ],
    create_time: refund.createTime,
    update_time: refund.createTime,
  };
}

export function paymentTokenJson(token: PaymentTokenState, origin: string): Record<string, unknown> {
  return {
    id: token.id,
    customer: { id: token.customerId },
    payment_source: {
      paypal: { email_address: token.email, payer_id: token.payerId, usage_type: 'MERCHANT', customer_type: 'CONSUMER' },
    },
    links: [
      { href: `${origin}/v3/vault/payment-tokens/${token.id}`, rel: 'self', method: 'GET' },
      { href: `${origin}/v3/vault/payment-tokens/${token.id}`, rel: 'delete', method: 'DELETE' },
    ],
  };
}

export function setupTokenJson(setup: SetupTokenState, origin: string): Record<string, unknown> {
  const links: unknown[] = [{ href: `${origin}/v3/vault/setup-tokens/${setup.id}`, rel: 'self', method: 'GET' }];
  if (setup.status === 'PAYER_ACTION_REQUIRED') links.push({ href: `${origin}/agreements/approve?approval_session_id=${setup.id}`, rel: 'approve', method: 'GET' });
  if (setup.status === 'APPROVED') links.push({ href: `${origin}/v3/vault/payment-tokens`, rel: 'confirm', method: 'POST' });
  return {
    id: setup.id,
    status: setup.status,
    ...(setup.customerId ? { customer: { id: setup.customerId } } : {}),
    payment_source: { paypal: setup.payer ? { email_address: setup.payer.email, payer_id: setup.payer.payerId, usage_type: 'MERCHANT' } : { usage_type: 'MERCHANT' } },
    links,
  };
}
