import { bigint, char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';
import { BILLING_CYCLES } from './catalog';

export const ORDER_STATUSES = ['pending', 'active', 'cancelled', 'flagged'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = mysqlTable(
  'orders',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    customerId: ref('customer_id').notNull(),
    status: mysqlEnum('status', ORDER_STATUSES).notNull().default('pending'),
    currency: char('currency', { length: 3 }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    /** The first invoice; paying it activates the order. */
    invoiceId: ref('invoice_id'),
    couponCodes: jsonColumn<string[]>('coupon_codes').notNull(),
    ip: varchar('ip', { length: 45 }),
    /** Staff-visible reason when flagged or cancelled. */
    note: varchar('note', { length: 500 }),
    cancelledAt: timestamp('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('orders_public_id_uq').on(t.publicId), index('orders_customer_idx').on(t.customerId), index('orders_status_idx').on(t.status, t.createdAt)],
);

/** One chosen option, frozen at order time (or at the plan change that chose it). */
export interface SelectedOption {
  optionId: number;
  optionCode: string;
  optionName: string;
  valueId: number;
  valueCode: string;
  valueLabel: string;
  quantity: number;
  /** The invoice line's wording ("Extra IPv4 addresses × 2"); absent on selections frozen before renewals itemized options. */
  description?: string;
  /** Per unit per cycle in the service's currency, in catalog terms, as the service's recurring price locked it; absent likewise. */
  amountMinor?: number;
}

/** What the customer chose, frozen at order time: the option labels and the fields the plan's module asked for. */
export interface OrderItemSelection {
  options: SelectedOption[];
  locationId: number | null;
  fields: Record<string, string>;
}

export const orderItems = mysqlTable(
  'order_items',
  {
    id: id(),
    orderId: ref('order_id').notNull(),
    planId: ref('plan_id').notNull(),
    cycle: mysqlEnum('cycle', BILLING_CYCLES).notNull(),
    selection: jsonColumn<OrderItemSelection>('selection').notNull(),
    /** Recurring price per cycle after recurring discounts, and the one-off setup fees. */
    recurringMinor: bigint('recurring_minor', { mode: 'number' }).notNull(),
    setupMinor: bigint('setup_minor', { mode: 'number' }).notNull(),
    /** Stock taken from the plan by this item, given back when the order is cancelled unpaid. */
    stockTaken: int('stock_taken').notNull().default(0),
    serviceId: ref('service_id'),
    createdAt: createdAt(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId)],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
