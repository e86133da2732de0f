import { bigint, date, index, int, mysqlEnum, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp } from '@/lib/db/columns';
import type { OrderItemSelection } from './orders';

export const SERVICE_CHANGE_KINDS = ['upgrade', 'downgrade'] as const;
export type ServiceChangeKind = (typeof SERVICE_CHANGE_KINDS)[number];
export const SERVICE_CHANGE_STATUSES = ['pending', 'applied', 'cancelled'] as const;
export type ServiceChangeStatus = (typeof SERVICE_CHANGE_STATUSES)[number];

/**
 * A plan or options change of a service, prorated over what is left of the current period. An upgrade waits
 * (pending) for its invoice to be paid; a downgrade is applied at once. `pending_service_id` is the service id
 * while the change is pending and NULL otherwise: its unique index allows one pending change per service
 * (MariaDB lets any number of rows share NULL).
 */
export const serviceChanges = mysqlTable(
  'service_changes',
  {
    id: id(),
    serviceId: ref('service_id').notNull(),
    pendingServiceId: ref('pending_service_id'),
    kind: mysqlEnum('kind', SERVICE_CHANGE_KINDS).notNull(),
    status: mysqlEnum('status', SERVICE_CHANGE_STATUSES).notNull().default('pending'),
    fromPlanId: ref('from_plan_id').notNull(),
    toPlanId: ref('to_plan_id').notNull(),
    /** Plan + options for one cycle, before coupons, in the service's currency (catalog terms). */
    fromRecurringMinor: bigint('from_recurring_minor', { mode: 'number' }).notNull(),
    toRecurringMinor: bigint('to_recurring_minor', { mode: 'number' }).notNull(),
    /** The configuration after the change; the order item keeps what was ordered. */
    newSelection: jsonColumn<OrderItemSelection>('new_selection').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    /** Exclusive: the service's next due date when the change was asked for. */
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    remainingDays: int('remaining_days').notNull(),
    totalDays: int('total_days').notNull(),
    /** The prorated difference before tax (see lib/billing/proration.ts), always positive. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** The upgrade's invoice; paying it applies the change, voiding it cancels the change. */
    invoiceId: ref('invoice_id'),
    createdAt: createdAt(),
    appliedAt: timestamp('applied_at'),
  },
  (t) => [
    uniqueIndex('service_changes_pending_uq').on(t.pendingServiceId),
    index('service_changes_service_idx').on(t.serviceId, t.createdAt),
    index('service_changes_invoice_idx').on(t.invoiceId),
  ],
);

export type ServiceChange = typeof serviceChanges.$inferSelect;
