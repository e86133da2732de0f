import { randomBytes } from 'node:crypto';

// The simulator's per-account state. Every object is stored in Stripe's own JSON shape (snake_case, `object`
// field, ids with Stripe's prefixes) in one map per account, so responses, expansions and event payloads are
// just copies of what is stored.

export const SIM_API_VERSION = '2026-10-28.endive';

export type Metadata = Record<string, string>;

interface Base {
  id: string;
  created: number;
  livemode: false;
}

export interface CardDetails {
  brand: 'visa' | 'mastercard';
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: 'credit';
  country: 'US';
}

export interface SimCustomer extends Base { object: 'customer'; email: string | null; name: string | null; metadata: Metadata; description: string | null }
export interface SimPaymentMethod extends Base {
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: CardDetails;
  billing_details: { name: string | null; email: string | null };
  metadata: Metadata;
}
export interface PaymentError {
  type: 'card_error';
  code: string;
  decline_code?: string;
  message: string;
  payment_method?: SimPaymentMethod;
}
export interface SimPaymentIntent extends Base {
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  latest_charge: string | null;
  last_payment_error: PaymentError | null;
  next_action: { type: 'use_stripe_sdk' | 'redirect_to_url'; redirect_to_url?: { url: string; return_url: string } } | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  off_session?: boolean;
  description: string | null;
  metadata: Metadata;
  client_secret: string;
  payment_method_types: ['card'];
  capture_method: 'automatic';
  confirmation_method: 'automatic';
}
export interface SimCharge extends Base {
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string;
  payment_method: string;
  balance_transaction: string;
  status: 'succeeded';
  paid: true;
  captured: true;
  refunded: boolean;
  disputed: boolean;
  description: string | null;
  metadata: Metadata;
  payment_method_details: { type: 'card'; card: CardDetails };
}
export interface SimBalanceTransaction extends Base {
  object: 'balance_transaction';
  amount: number;
  currency: string;
  description?: string | null;
  fee: number;
  net: number;
  /** adjustment: a dispute's withdrawal or reinstatement. */
  type: 'charge' | 'refund' | 'adjustment';
  source: string;
  status: 'available';
  fee_details: { amount: number; currency: string; type: 'stripe_fee'; description: string }[];
}
export interface SimRefund extends Base {
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: 'succeeded';
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | null;
  metadata: Metadata;
  balance_transaction: string;
}
export interface SimSetupIntent extends Base {
  object: 'setup_intent';
  customer: string | null;
  payment_method: string | null;
  status: 'requires_payment_method' | 'requires_action' | 'succeeded' | 'canceled';
  usage: 'off_session';
  metadata: Metadata;
  last_setup_error: PaymentError | null;
  client_secret: string;
  payment_method_types: ['card'];
}
export interface SimCheckoutSession extends Base {
  object: 'checkout.session';
  mode: 'payment' | 'setup';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  amount_total: number | null;
  currency: string | null;
  customer: string | null;
  client_reference_id: string | null;
  metadata: Metadata;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  payment_intent: string | null;
  setup_intent: string | null;
  expires_at: number;
}
export type SimDisputeStatus = 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost' | 'prevented';
export interface SimDispute extends Base {
  object: 'dispute';
  amount: number;
  /** Stripe returns these expanded: the withdrawal when a chargeback opens, the reinstatement when it is won. */
  balance_transactions: SimBalanceTransaction[];
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  status: SimDisputeStatus;
  evidence: { uncategorized_text: string | null; product_description: string | null; customer_email_address: string | null };
  evidence_details: { due_by: number | null; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  metadata: Metadata;
}
export interface SimWebhookEndpoint extends Base {
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled';
  api_version: null;
  metadata: Metadata;
}
export interface SimEvent extends Base {
  object: 'event';
  type: string;
  api_version: string;
  data: { object: StoredObject; previous_attributes?: Record<string, unknown> };
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

export type StoredObject =
  | SimCustomer
  | SimPaymentMethod
  | SimPaymentIntent
  | SimCharge
  | SimBalanceTransaction
  | SimRefund
  | SimSetupIntent
  | SimCheckoutSession
  | SimDispute
  | SimWebhookEndpoint
  | SimEvent;

/** What Checkout needs to remember about a session that Stripe doesn't return on the session object. */
export interface SessionExtras {
  description: string;
  setupFutureUsage: 'off_session' | 'on_session' | null;
  intentMetadata: Metadata;
}

export interface Delivery {
  eventId: string;
  endpointId: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: string;
}

export interface Account {
  key: string;
  objects: Map<string, StoredObject>;
  /** Webhook secrets are returned only on create, like Stripe's; kept here for signing. */
  secrets: Map<string, string>;
  /** The card number behind each payment method decides how later off-session charges behave. */
  cardNumbers: Map<string, string>;
  sessionExtras: Map<string, SessionExtras>;
  idempotency: Map<string, { fingerprint: string; status: number; body: unknown }>;
  events: SimEvent[];
  deliveries: Delivery[];
  deliveryMode: 'immediate' | 'hold';
  held: SimEvent[];
}

export function newAccount(key: string): Account {
  return {
    key,
    objects: new Map(),
    secrets: new Map(),
    cardNumbers: new Map(),
    sessionExtras: new Map(),
    idempotency: new Map(),
    events: [],
    deliveries: [],
    deliveryMode: 'immediate',
    held: [],
  };
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

export function getObject<K extends StoredObject['object']>(account: Account, id: string, kind: K): Extract<StoredObject, { object: K }> | null {
  const found = account.objects.get(id);
  return found && found.object === kind ? (found as Extract<StoredObject, { object: K }>) : null;
}

export function put<T extends StoredObject>(account: Account, obj: T): T {
  account.objects.set(obj.id, obj);
  return obj;
}

export function listObjects<K extends StoredObject['object']>(account: Account, kind: K): Extract<StoredObject, { object: K }>[] {
  // Newest first, like Stripe's list endpoints; insertion order breaks ties within the same second.
  const all = [...account.objects.values()].filter((o): o is Extract<StoredObject, { object: K }> => o.object === kind);
  return all.reverse();
}

/**
 * Stripe's standard fee, simulated: 2.9% of the amount rounded half up to a whole minor unit, plus 25 minor units.
 * Integer arithmetic only: (amount * 29 + 500) / 1000 floored is 2.9% rounded half up. Zero-decimal currencies
 * (JPY) use the same formula on whole yen — real Stripe prices those differently, the sandbox doesn't care.
 */
export function simulatedFee(amountMinor: number): number {
  return Math.floor((amountMinor * 29 + 500) / 1000) + 25;
}

/**
 * Returns a deep copy of `obj` with the dotted `paths` expanded: each segment that holds an id is replaced by a
 * copy of the stored object, so `payment_intent.latest_charge.balance_transaction` works on a session.
 */
export function expand(account: Account, obj: StoredObject, paths: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(obj) as unknown as Record<string, unknown>;
  for (const path of paths) {
    let node: Record<string, unknown> | null = copy;
    for (const segment of path.split('.')) {
      if (!node) break;
      const value: unknown = node[segment];
      if (typeof value === 'string') {
        const target = account.objects.get(value);
        if (!target) break;
        const expanded = structuredClone(target) as unknown as Record<string, unknown>;
        node[segment] = expanded;
        node = expanded;
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        node = value as Record<string, unknown>;
      } else {
        break;
      }
    }
  }
  return copy;
}
