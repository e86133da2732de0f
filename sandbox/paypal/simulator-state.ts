import { randomBytes } from 'node:crypto';

// The PayPal stand-in's in-memory world. Every client id is its own merchant account, so two storefronts (or two
// tests) using different credentials never see each other's orders, tokens or webhooks.

export const PREFIX = '/paypal';

export interface Money {
  currency_code: string;
  value: string;
}

export interface PurchaseUnitState {
  reference_id: string;
  custom_id?: string;
  invoice_id?: string;
  description?: string;
  amount: Money;
}

export interface OrderState {
  id: string;
  status: 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';
  intent: 'CAPTURE';
  unit: PurchaseUnitState;
  returnUrl: string | null;
  cancelUrl: string | null;
  brandName: string;
  /** The merchant asked to vault the wallet (store_in_vault ON_SUCCESS). */
  vaultRequested: boolean;
  /** The merchant's id for the customer, echoed as the vault customer id. */
  customerId: string | null;
  /** Set when the order was created from a saved payment token (no buyer present). */
  vaultId: string | null;
  payer: { email: string; payerId: string } | null;
  /** The buyer ticked "save" on the approval page. */
  buyerAgreedToSave: boolean;
  captureId: string | null;
  /** The payment token the capture created, if any. */
  vaultedTokenId: string | null;
  createTime: string;
  updateTime: string;
}

export interface CaptureState {
  id: string;
  orderId: string;
  /** REVERSED: a dispute resolved in the buyer's favour took the money back. */
  status: 'COMPLETED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'REVERSED';
  amount: Money;
  fee: Money;
  custom_id?: string;
  invoice_id?: string;
  /** Refunded so far, in the currency's smallest PayPal unit. */
  refundedUnits: number;
  createTime: string;
  updateTime: string;
}

export interface RefundState {
  id: string;
  captureId: string;
  amount: Money;
  note: string | null;
  createTime: string;
}

export interface DisputeState {
  id: string;
  captureId: string;
  reason: string;
  status: 'WAITING_FOR_SELLER_RESPONSE' | 'UNDER_REVIEW' | 'RESOLVED';
  stage: 'INQUIRY' | 'CHARGEBACK';
  amount: Money;
  outcome: { outcome_code: 'RESOLVED_BUYER_FAVOUR' | 'RESOLVED_SELLER_FAVOUR' | 'ACCEPTED'; amount_refunded?: Money } | null;
  sellerResponseDueDate: string | null;
  createTime: string;
  updateTime: string;
}

export interface PaymentTokenState {
  id: string;
  customerId: string;
  email: string;
  payerId: string;
  createTime: string;
}

export interface SetupTokenState {
  id: string;
  status: 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'VAULTED';
  customerId: string | null;
  returnUrl: string | null;
  cancelUrl: string | null;
  brandName: string;
  payer: { email: string; payerId: string } | null;
  paymentTokenId: string | null;
}

export interface WebhookState {
  id: string;
  url: string;
  eventTypes: string[];
}

export interface PaypalEvent {
  id: string;
  event_version: string;
  create_time: string;
  resource_type: string;
  resource_version: string;
  event_type: string;
  summary: string;
  resource: Record<string, unknown>;
}

export interface DeliveryAttempt {
  at: string;
  transmissionId: string;
  status: number | null;
  error: string | null;
}

export interface DeliveryState {
  eventId: string;
  webhookId: string;
  url: string;
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

export interface Account {
  clientId: string;
  secret: string;
  /** Signs webhook transmissions; only the verify endpoint ever checks it, as with PayPal's certificates. */
  webhookSecret: string;
  orders: Map<string, OrderState>;
  captures: Map<string, CaptureState>;
  refunds: Map<string, RefundState>;
  disputes: Map<string, DisputeState>;
  paymentTokens: Map<string, PaymentTokenState>;
  setupTokens: Map<string, SetupTokenState>;
  webhooks: WebhookState[];
  events: PaypalEvent[];
  deliveries: DeliveryState[];
  /** Transmissions queued while delivery is on hold, oldest first. */
  held: DeliveryState[];
  deliveryMode: 'immediate' | 'hold';
  /** Buyer emails whose payments decline (besides any email starting with "decline"). */
  decliningBuyers: Map<string, boolean>;
  /** PayPal-Request-Id → the first response, so a retried POST answers the same. */
  idempotent: Map<string, ApiResult>;
}

export function newAccount(clientId: string, secret: string): Account {
  return {
    clientId,
    secret,
    webhookSecret: randomBytes(32).toString('hex'),
    orders: new Map(),
    captures: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    paymentTokens: new Map(),
    setupTokens: new Map(),
    webhooks: [],
    events: [],
    deliveries: [],
    held: [],
    deliveryMode: 'immediate',
    decliningBuyers: new Map(),
    idempotent: new Map(),
  };
}

const ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** PayPal-looking ids: 17 upper-case characters (orders, captures), optionally prefixed (WH-, PAYID-). */
export function paypalId(length = 17): string {
  let out = '';
  for (const b of randomBytes(length)) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buyerDeclines(account: Account, email: string): boolean {
  const marked = account.decliningBuyers.get(email.toLowerCase());
  if (marked !== undefined) return marked;
  return email.toLowerCase().startsWith('decline');
}

/** What an API handler answers; the router sends it and remembers it under the PayPal-Request-Id. */
export interface ApiResult {
  status: number;
  body?: unknown;
}

const ERROR_MESSAGES: Record<string, string> = {
  UNPROCESSABLE_ENTITY: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
  RESOURCE_NOT_FOUND: 'The specified resource does not exist.',
  INVALID_REQUEST: 'Request is not well-formed, syntactically incorrect, or violates schema.',
  NOT_AUTHORIZED: 'Authorization failed due to insufficient permissions.',
};

/** PayPal's error body: name, message, debug_id and the issue that explains it. */
export function paypalError(status: number, name: string, issue: string, description: string): ApiResult {
  return {
    status,
    body: {
      name,
      message: ERROR_MESSAGES[name] ?? name,
      debug_id: paypalId(13).toLowerCase(),
      details: [{ issue, description }],
      links: [{ href: `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${issue}`, rel: 'information_link', method: 'GET' }],
    },
  };
}
