import { bigint, boolean, char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from '@/lib/db/columns';

// `gateway` columns hold a gateway id from lib/payments/registry.ts, checked there at every boundary: a plain string,
// so adding a gateway needs no migration.
const gatewayColumn = () => varchar('gateway', { length: 32 }).notNull();

/** Our customer's id at a gateway (Stripe customer, PayPal vault customer): one per customer and gateway. */
export const gatewayCustomers = mysqlTable(
  'gateway_customers',
  {
    id: id(),
    customerId: ref('customer_id').notNull(),
    gateway: gatewayColumn(),
    gatewayCustomerId: varchar('gateway_customer_id', { length: 255 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gateway_customers_customer_uq').on(t.customerId, t.gateway), uniqueIndex('gateway_customers_ref_uq').on(t.gateway, t.gatewayCustomerId)],
);

export const PAYMENT_METHOD_KINDS = ['card', 'paypal'] as const;

/** A card or PayPal account saved at a gateway for payments without the customer present. */
export const paymentMethods = mysqlTable(
  'payment_methods',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    customerId: ref('customer_id').notNull(),
    gateway: gatewayColumn(),
    kind: mysqlEnum('kind', PAYMENT_METHOD_KINDS).notNull(),
    gatewayMethodId: varchar('gateway_method_id', { length: 255 }).notNull(),
    brand: varchar('brand', { length: 40 }),
    last4: char('last4', { length: 4 }),
    expMonth: int('exp_month'),
    expYear: int('exp_year'),
    /** PayPal: the payer's email. */
    label: varchar('label', { length: 255 }),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at'),
  },
  (t) => [
    uniqueIndex('payment_methods_public_id_uq').on(t.publicId),
    uniqueIndex('payment_methods_gateway_ref_uq').on(t.gateway, t.gatewayMethodId),
    index('payment_methods_customer_idx').on(t.customerId),
  ],
);

/** chargeback: money a lost dispute took back from a charge (its parent); recorded by us, never attempted. */
export const PAYMENT_TRANSACTION_KINDS = ['charge', 'refund', 'save_method', 'chargeback'] as const;
/** dispute: the cardholder's bank or PayPal moved the money, not us. */
export const PAYMENT_TRANSACTION_FLOWS = ['hosted', 'off_session', 'staff', 'dispute'] as const;
export const PAYMENT_TRANSACTION_STATUSES = ['pending', 'succeeded', 'failed', 'requires_action', 'cancelled'] as const;
export type PaymentTransactionStatus = (typeof PAYMENT_TRANSACTION_STATUSES)[number];

/**
 * Every attempt to move money through a gateway, whatever came of it. `public_id` is the attempt id the gateway
 * echoes in metadata; `idempotency_key` is sent with the gateway call, so a re-run of the same attempt (a killed
 * worker) can never charge twice.
 */
export const paymentTransactions = mysqlTable(
  'payment_transactions',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    customerId: ref('customer_id').notNull(),
    invoiceId: ref('invoice_id'),
    gateway: gatewayColumn(),
    kind: mysqlEnum('kind', PAYMENT_TRANSACTION_KINDS).notNull(),
    flow: mysqlEnum('flow', PAYMENT_TRANSACTION_FLOWS).notNull(),
    status: mysqlEnum('status', PAYMENT_TRANSACTION_STATUSES).notNull().default('pending'),
    currency: char('currency', { length: 3 }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** The gateway's fee, when it reports one. */
    feeMinor: bigint('fee_minor', { mode: 'number' }),
    /** The hosted flow's id (Checkout Session, PayPal order). */
    gatewayRef: varchar('gateway_ref', { length: 255 }),
    /** The payment's id (PaymentIntent, PayPal capture), the refund's, or a chargeback's dispute id. */
    gatewayPaymentId: varchar('gateway_payment_id', { length: 255 }),
    paymentMethodId: ref('payment_method_id'),
    /** A refund's or chargeback's original charge. */
    parentId: ref('parent_id'),
    failureReason: varchar('failure_reason', { length: 255 }),
    failureCode: varchar('failure_code', { length: 64 }),
    idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payment_transactions_public_id_uq').on(t.publicId),
    uniqueIndex('payment_transactions_idempotency_uq').on(t.idempotencyKey),
    index('payment_transactions_invoice_idx').on(t.invoiceId),
    index('payment_transactions_gateway_payment_idx').on(t.gateway, t.gatewayPaymentId),
    index('payment_transactions_gateway_ref_idx').on(t.gateway, t.gatewayRef),
    index('payment_transactions_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * One gateway charge spread over several invoices (a mass payment), and the split of each refund of such a charge.
 * A charge's rows are written when the payment starts, one per invoice in invoice order, each for its balance due
 * then; `applied_minor` is what reached the invoice when the charge settled (the rest went to account credit).
 * A refund's rows say how much of it each invoice gave back (reverse allocation order: the newest invoice first).
 */
export const paymentAllocations = mysqlTable(
  'payment_allocations',
  {
    id: id(),
    transactionId: ref('transaction_id').notNull(),
    invoiceId: ref('invoice_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** Charges only: set once when the charge settles; null before (and on refunds). */
    appliedMinor: bigint('applied_minor', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('payment_allocations_uq').on(t.transactionId, t.invoiceId), index('payment_allocations_invoice_idx').on(t.invoiceId)],
);

export type PaymentAllocation = typeof paymentAllocations.$inferSelect;

/** Each gateway event is handled once: events repeat and arrive out of order. */
export const gatewayWebhookEvents = mysqlTable(
  'gateway_webhook_events',
  {
    id: id(),
    gateway: gatewayColumn(),
    eventId: varchar('event_id', { length: 255 }).notNull(),
    type: varchar('type', { length: 100 }).notNull(),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('gateway_webhook_events_uq').on(t.gateway, t.eventId)],
);
