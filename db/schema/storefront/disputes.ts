import { bigint, char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from '@/lib/db/columns';

/** Open while the gateway waits for our evidence or reviews it; closed once the bank decided (see `outcome`). */
export const DISPUTE_STATUSES = ['needs_response', 'under_review', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
/** won: the money stayed with us (the bank sided with us, or the inquiry never became a chargeback); lost: it was taken back. */
export const DISPUTE_OUTCOMES = ['won', 'lost'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/**
 * A customer's dispute (chargeback, PayPal case) of one of our gateway charges, as the gateway last reported it.
 * One row per gateway dispute id, created by whichever of its events arrives first.
 */
export const paymentDisputes = mysqlTable(
  'payment_disputes',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    gateway: varchar('gateway', { length: 32 }).notNull(),
    gatewayDisputeId: varchar('gateway_dispute_id', { length: 255 }).notNull(),
    customerId: ref('customer_id').notNull(),
    /** The disputed charge (payment_transactions, kind charge). */
    transactionId: ref('transaction_id').notNull(),
    invoiceId: ref('invoice_id'),
    /** What the customer disputes, in the dispute's currency (the gateway's dispute fee is never part of it). */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    reason: varchar('reason', { length: 64 }).notNull(),
    status: mysqlEnum('status', DISPUTE_STATUSES).notNull(),
    /** The gateway's own word for the state (warning_needs_response, WAITING_FOR_SELLER_RESPONSE…), shown to staff. */
    gatewayStatus: varchar('gateway_status', { length: 40 }).notNull(),
    outcome: mysqlEnum('outcome', DISPUTE_OUTCOMES),
    /** Our answer must reach the gateway before this. */
    evidenceDueBy: timestamp('evidence_due_by'),
    /** When the snapshot we hold was taken at the gateway: an older one never overwrites it. */
    gatewayAsOf: timestamp('gateway_as_of').notNull(),
    openedAt: timestamp('opened_at').notNull(),
    closedAt: timestamp('closed_at'),
    /** What a lost dispute took off the invoice's paid amount. */
    chargedBackMinor: bigint('charged_back_minor', { mode: 'number' }).notNull().default(0),
    /** The chargeback transaction that recorded it. */
    reversalTransactionId: ref('reversal_transaction_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payment_disputes_public_id_uq').on(t.publicId),
    uniqueIndex('payment_disputes_gateway_uq').on(t.gateway, t.gatewayDisputeId),
    index('payment_disputes_invoice_idx').on(t.invoiceId),
    index('payment_disputes_status_idx').on(t.status, t.evidenceDueBy),
  ],
);

export type PaymentDispute = typeof paymentDisputes.$inferSelect;
