import { sql } from 'drizzle-orm';
import { bigint, boolean, char, date, decimal, index, int, mysqlEnum, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';
import { BILLING_CYCLES } from './catalog';

export interface CarriedCoupon {
  couponId: number;
  cyclesRemaining: number | null;
}

export const SERVICE_STATUSES = ['pending', 'active', 'suspended', 'terminated', 'cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
/** none: nothing to set up (no module); the rest follow the provisioning pipeline. */
export const PROVISIONING_STATUSES = ['none', 'queued', 'provisioning', 'building', 'active', 'awaiting_hardware', 'failed'] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];
export const SUSPENSION_REASONS = ['overdue', 'abuse', 'staff', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
/** The exit survey's answer to "why are you cancelling"; its labels live in lib/billing/cancel-service.ts. */
export const CANCELLATION_REASON_CODES = ['too_expensive', 'not_needed', 'switching_provider', 'missing_features', 'performance', 'support', 'other'] as const;
export type CancellationReasonCode = (typeof CANCELLATION_REASON_CODES)[number];

export const services = mysqlTable(
  'services',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    customerId: ref('customer_id').notNull(),
    planId: ref('plan_id').notNull(),
    orderItemId: ref('order_item_id'),
    label: varchar('label', { length: 160 }).notNull(),
    cycle: mysqlEnum('cycle', BILLING_CYCLES).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** Locked at order time: plan and options for one cycle, before coupons. */
    recurringMinor: bigint('recurring_minor', { mode: 'number' }).notNull(),
    /** The recurring coupons the service carries, in checkout order; null cycles remaining means "for life". */
    coupons: jsonColumn<CarriedCoupon[]>('coupons').notNull().default(sql`('[]')`),
    status: mysqlEnum('status', SERVICE_STATUSES).notNull().default('pending'),
    /** Only "overdue" lifts itself when the overdue invoice is paid. */
    suspensionReason: mysqlEnum('suspension_reason', SUSPENSION_REASONS),
    /** Day of month the due dates keep (31 → 28/29 Feb → 31 Mar). */
    anchorDay: int('anchor_day'),
    nextDueOn: date('next_due_on', { mode: 'string' }),
    /** A pending cancellation stops renewal invoices; end_of_period cancels on the next due date. */
    cancellationRequestedAt: timestamp('cancellation_requested_at'),
    /** The exit survey: the reason picked, and the customer's own words. Cleared when the request is withdrawn. */
    cancellationReasonCode: mysqlEnum('cancellation_reason_code', CANCELLATION_REASON_CODES),
    cancellationReason: varchar('cancellation_reason', { length: 500 }),
    suspendedAt: timestamp('suspended_at'),
    terminatedAt: timestamp('terminated_at'),
    cancelledAt: timestamp('cancelled_at'),
    trialEndsOn: date('trial_ends_on', { mode: 'string' }),
    autoRenew: boolean('auto_renew').notNull().default(true),
    /** The saved method renewals are charged to; null means the customer's default. */
    paymentMethodId: ref('payment_method_id'),
    /** Where the service runs: the panel, the panel's id for it, and how far setting it up has got. */
    panelId: ref('panel_id'),
    panelRef: varchar('panel_ref', { length: 255 }),
    provisioningStatus: mysqlEnum('provisioning_status', PROVISIONING_STATUSES).notNull().default('none'),
    provisioningError: varchar('provisioning_error', { length: 500 }),
    /** IPs, hostname, connect address… as the module reported them; nothing secret. */
    details: jsonColumn<Record<string, unknown>>('details'),
    /** Generated login for the service, sealed with APP_KEY; shown only after the customer confirms who they are. */
    credentials: text('credentials'),
    provisionedAt: timestamp('provisioned_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('services_public_id_uq').on(t.publicId),
    uniqueIndex('services_order_item_uq').on(t.orderItemId),
    index('services_customer_idx').on(t.customerId),
    index('services_status_due_idx').on(t.status, t.nextDueOn),
    // The cancellation report reads a period of requests.
    index('services_cancellation_idx').on(t.cancellationRequestedAt),
  ],
);

/**
 * One row per service per billing period that has been invoiced. Its unique key is what makes a renewal happen
 * exactly once, however many billing passes run at the same time or are re-run after a crash.
 */
export const serviceBillingPeriods = mysqlTable(
  'service_billing_periods',
  {
    serviceId: ref('service_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    invoiceId: ref('invoice_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.periodStart] }), index('sbp_invoice_idx').on(t.invoiceId)],
);

export const INVOICE_NOTICE_KINDS = ['reminder', 'due', 'overdue_1', 'overdue_2', 'overdue_3', 'late_fee'] as const;
export type InvoiceNoticeKind = (typeof INVOICE_NOTICE_KINDS)[number];

/** Each reminder, overdue notice and late fee happens once per invoice: the primary key says so. */
export const invoiceNotices = mysqlTable(
  'invoice_notices',
  {
    invoiceId: ref('invoice_id').notNull(),
    kind: mysqlEnum('kind', INVOICE_NOTICE_KINDS).notNull(),
    /** False when a pass caught up after downtime and skipped a notice a later one supersedes. */
    sent: boolean('sent').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.kind] })],
);

export const INVOICE_STATUSES = ['draft', 'unpaid', 'paid', 'void', 'refunded', 'partially_refunded'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Who the invoice was addressed to and from, frozen when it was issued. */
export interface InvoiceParty {
  name: string;
  company: string | null;
  email: string | null;
  addressLines: string[];
  country: string;
  taxId: string | null;
  /** The seller's company registration ("HRB 123456", where: "Amtsgericht Berlin-Charlottenburg"); absent on older invoices. */
  registration?: { number: string; place: string | null } | null;
}

export const invoices = mysqlTable(
  'invoices',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    customerId: ref('customer_id').notNull(),
    /** Assigned from invoice_number_counters when the invoice is issued; drafts have none. */
    number: varchar('number', { length: 40 }),
    status: mysqlEnum('status', INVOICE_STATUSES).notNull().default('draft'),
    currency: char('currency', { length: 3 }).notNull(),
    taxInclusive: boolean('tax_inclusive').notNull(),
    reverseCharge: boolean('reverse_charge').notNull().default(false),
    /** Sum of line amounts excluding tax (discount lines are negative). */
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    /** Paid so far from any source, account credit included. Balance due = total - paid. */
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    /** Given back so far (to account credit, or through the gateway later); never more than paid. */
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    buyer: jsonColumn<InvoiceParty>('buyer').notNull(),
    seller: jsonColumn<InvoiceParty>('seller').notNull(),
    issuedAt: timestamp('issued_at'),
    dueOn: date('due_on', { mode: 'string' }),
    paidAt: timestamp('paid_at'),
    voidedAt: timestamp('voided_at'),
    /** A gateway reported a dispute (chargeback) on a payment of this invoice. */
    disputedAt: timestamp('disputed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_public_id_uq').on(t.publicId),
    uniqueIndex('invoices_number_uq').on(t.number),
    index('invoices_customer_idx').on(t.customerId, t.createdAt),
    index('invoices_status_due_idx').on(t.status, t.dueOn),
  ],
);

export const INVOICE_LINE_KINDS = ['plan', 'option', 'setup_fee', 'discount', 'loyalty', 'late_fee', 'usage', 'adjustment', 'credit_purchase'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

/** The tax decision for one line, kept with the line so later rule edits never change an issued invoice. */
export interface FrozenTax {
  ruleId: number | null;
  name: string;
  country: string;
  region: string;
  rateMilliPercent: number;
  /** reverse_charge, exempt, none (no rule for the place) or standard. */
  basis: 'standard' | 'reverse_charge' | 'exempt' | 'none';
}

export const invoiceLines = mysqlTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: ref('invoice_id').notNull(),
    kind: mysqlEnum('kind', INVOICE_LINE_KINDS).notNull(),
    description: varchar('description', { length: 255 }).notNull(),
    serviceId: ref('service_id'),
    orderItemId: ref('order_item_id'),
    couponId: ref('coupon_id'),
    quantity: int('quantity').notNull().default(1),
    /** Usage lines: the chargeable quantity and the price per unit in minor units, exact (`quantity` stays 1). */
    quantityPrecise: decimal('quantity_precise', { precision: 24, scale: 6, mode: 'string' }),
    unitPricePrecise: decimal('unit_price_precise', { precision: 24, scale: 10, mode: 'string' }),
    /** Net amount of the line (negative for discounts), tax excluded. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    tax: jsonColumn<FrozenTax>('tax').notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    sortOrder: int('sort_order').notNull().default(0),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.invoiceId, t.sortOrder)],
);

/** One row per numbering scope ("INV-2026"): locked FOR UPDATE while a number is taken, so numbers have no gaps. */
export const invoiceNumberCounters = mysqlTable('invoice_number_counters', {
  scope: varchar('scope', { length: 60 }).primaryKey(),
  lastValue: bigint('last_value', { mode: 'number' }).notNull(),
});

/** How an invoice payment was made offline; any other method is the id of the gateway that took it. */
export const OFFLINE_PAYMENT_METHODS = ['credit', 'bank_transfer'] as const;
/** An offline method or a gateway id (lib/payments/registry.ts): a string, so a new gateway needs no migration. */
export type PaymentMethod = string;

export const invoicePayments = mysqlTable(
  'invoice_payments',
  {
    id: id(),
    invoiceId: ref('invoice_id').notNull(),
    method: varchar('method', { length: 32 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    reference: varchar('reference', { length: 120 }),
    /**
     * The gateway transaction this payment came from: unique with the invoice, so a payment is applied once however
     * often it is reported, and one charge of several invoices (payment_allocations) pays each of them once.
     */
    transactionId: ref('transaction_id'),
    createdAt: createdAt(),
  },
  (t) => [index('invoice_payments_invoice_idx').on(t.invoiceId), uniqueIndex('invoice_payments_transaction_invoice_uq').on(t.transactionId, t.invoiceId)],
);

export const CREDIT_ENTRY_KINDS = ['staff_adjustment', 'invoice_payment', 'refund', 'overpayment', 'top_up'] as const;

/** Account credit as an append-only ledger per currency; the balance is the sum. Writers lock the customer row. */
export const creditLedger = mysqlTable(
  'credit_ledger',
  {
    id: id(),
    customerId: ref('customer_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    kind: mysqlEnum('kind', CREDIT_ENTRY_KINDS).notNull(),
    invoiceId: ref('invoice_id'),
    note: varchar('note', { length: 255 }),
    staffId: ref('staff_id'),
    createdAt: createdAt(),
  },
  (t) => [index('credit_ledger_customer_idx').on(t.customerId, t.currency)],
);

export type Service = typeof services.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
