// The vendor-neutral face of a payment gateway. We are the billing system of record: our invoice decides what is
// owed, a gateway only moves money. No gateway-side subscriptions, so a retried renewal can never open a second one.
// Every amount is integer minor units plus an ISO currency, always taken from our invoice.

/**
 * The storefront's exponent for a currency (its currencies.minorDigits, lib/money/currency-book.ts), which a gateway
 * converts our minor units with: the vendor's own precision may differ (see lib/integrations/<vendor>/money.ts).
 */
export type MinorDigitsOf = (currency: string) => number;

/** Who is paying, as the gateway needs to know them. */
export interface GatewayCustomerInput {
  /** Our customer public id, stored as gateway metadata so its dashboard links back to us. */
  customerPublicId: string;
  email: string;
  name: string;
  /** The gateway's id for this customer if we already have one. */
  gatewayCustomerId: string | null;
}

/**
 * A hosted, redirect-based payment (Stripe Checkout in payment mode, PayPal order approval) of one invoice, or of
 * several in one charge (a mass payment: our allocations split it across the invoices when it settles).
 */
export interface StartInvoicePaymentInput {
  customer: GatewayCustomerInput & { gatewayCustomerId: string | null };
  /**
   * Our reference for what is paid, stored at the gateway (Stripe metadata, PayPal's invoice_id, which PayPal wants
   * unique per payment): the invoice's public id, or the attempt's id when the payment covers several invoices.
   */
  invoicePublicId: string;
  invoiceNumber: string;
  /** What the payer sees on the gateway's page; "Invoice <number>" when absent. Lists the numbers of a mass payment. */
  description?: string;
  amountMinor: number;
  currency: string;
  /** Keep the method for off-session renewals (the customer ticked "save"). */
  savePaymentMethod: boolean;
  /** Where the gateway sends the customer back: success carries our attempt id, cancel returns to the invoice. */
  returnUrl: string;
  cancelUrl: string;
  /** Our transaction public id: the gateway echoes it in metadata and webhooks. */
  attemptId: string;
}

export interface StartedRedirect {
  /** Send the browser here. */
  redirectUrl: string;
  /** The gateway's id for the hosted flow (Checkout Session id, PayPal order id). */
  gatewayRef: string;
  gatewayCustomerId: string | null;
}

/** A hosted "add a payment method" flow (Stripe Checkout in setup mode). */
export interface StartSaveMethodInput {
  customer: GatewayCustomerInput;
  currency: string;
  returnUrl: string;
  cancelUrl: string;
  attemptId: string;
}

/** A saved method as shown to the customer. */
export interface SavedMethod {
  gatewayMethodId: string;
  kind: 'card' | 'paypal';
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  /** For PayPal: the payer's email. */
  label: string | null;
}

export interface ChargeSavedInput {
  gatewayCustomerId: string;
  gatewayMethodId: string;
  amountMinor: number;
  currency: string;
  invoicePublicId: string;
  attemptId: string;
  /** One per attempt: a retry of the same attempt (a killed worker re-running) can never charge twice. */
  idempotencyKey: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; gatewayPaymentId: string; gatewayChargeId: string | null; amountMinor: number; currency: string; feeMinor: number | null }
  | { status: 'requires_action'; gatewayPaymentId: string | null; reason: string }
  | { status: 'failed'; gatewayPaymentId: string | null; reason: string; code: string | null }
  | { status: 'pending'; gatewayPaymentId: string };

export interface RefundInput {
  /** The id ChargeOutcome / events gave for the payment (PaymentIntent id, PayPal capture id). */
  gatewayPaymentId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  reason: string | null;
}

export type RefundOutcome = { status: 'succeeded' | 'pending'; gatewayRefundId: string } | { status: 'failed'; reason: string };

/**
 * A dispute (chargeback, PayPal case) as the gateway reports it now. Gateways send these out of order and more than
 * once, so each event carries the whole state, and `asOf` says how fresh it is.
 */
export interface DisputeFacts {
  eventId: string;
  /** The disputed payment (PaymentIntent or charge id, PayPal capture id). */
  gatewayPaymentId: string;
  gatewayDisputeId: string;
  /** The disputed amount; a gateway's dispute fee is never part of it. */
  amountMinor: number;
  currency: string;
  reason: string;
  /** The gateway's own status word, for staff. */
  gatewayStatus: string;
  evidenceDueBy: Date | null;
  /** When the gateway's snapshot was taken. */
  asOf: Date;
}

/** A verified webhook turned into the facts a billing system acts on. */
export type GatewayEvent =
  | {
      type: 'payment.succeeded';
      eventId: string;
      /** Our attempt id from metadata, when the payment came from one of our flows. */
      attemptId: string | null;
      invoicePublicId: string | null;
      gatewayPaymentId: string;
      gatewayChargeId: string | null;
      gatewayCustomerId: string | null;
      amountMinor: number;
      currency: string;
      feeMinor: number | null;
      /** A method the payment saved for later, if the customer agreed. */
      savedMethod: SavedMethod | null;
    }
  | { type: 'payment.failed'; eventId: string; attemptId: string | null; invoicePublicId: string | null; gatewayPaymentId: string; reason: string; code: string | null }
  | { type: 'payment.requires_action'; eventId: string; attemptId: string | null; invoicePublicId: string | null; gatewayPaymentId: string }
  | { type: 'method.saved'; eventId: string; attemptId: string | null; gatewayCustomerId: string; method: SavedMethod }
  | { type: 'method.removed'; eventId: string; gatewayMethodId: string }
  | { type: 'refund.succeeded'; eventId: string; gatewayPaymentId: string; gatewayRefundId: string; amountMinor: number; currency: string }
  | (DisputeFacts & { type: 'dispute.created' | 'dispute.updated'; status: 'needs_response' | 'under_review' })
  | (DisputeFacts & {
      type: 'dispute.closed';
      /** won: the money stays with us; lost: the bank (or PayPal) gave it back to the customer. */
      outcome: 'won' | 'lost';
      /** What the customer got back when lost (PayPal may settle for less than was disputed); 0 when won. */
      lostMinor: number;
    })
  | { type: 'ignored'; eventId: string; gatewayType: string };

export interface WebhookRequest {
  rawBody: string;
  headers: Record<string, string | undefined>;
}

export interface PaymentGateway {
  /** Its key in lib/payments/registry.ts. */
  id: string;
  /** Find-or-create the gateway's customer; returns its id. */
  ensureCustomer(input: GatewayCustomerInput): Promise<string>;
  startInvoicePayment(input: StartInvoicePaymentInput): Promise<StartedRedirect>;
  startSaveMethod(input: StartSaveMethodInput): Promise<StartedRedirect>;
  /**
   * After the customer returns from a hosted flow: what happened, read from the gateway (the webhook may arrive
   * later or not at all). PayPal captures the approved order here.
   */
  completeRedirect(input: { gatewayRef: string; attemptId: string; idempotencyKey: string }): Promise<{ outcome: ChargeOutcome; savedMethod: SavedMethod | null; gatewayCustomerId: string | null }>;
  chargeSaved(input: ChargeSavedInput): Promise<ChargeOutcome>;
  refund(input: RefundInput): Promise<RefundOutcome>;
  removeMethod(input: { gatewayCustomerId: string; gatewayMethodId: string }): Promise<void>;
  /** Verifies the signature (throws WebhookSignatureError) and normalizes the event(s). */
  parseWebhook(req: WebhookRequest): Promise<GatewayEvent[]>;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** A gateway answered in a way we can't use (network, 5xx, unexpected shape): retry later, never guess. */
export class GatewayUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayUnavailableError';
  }
}
