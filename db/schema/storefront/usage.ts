import { bigint, boolean, char, date, datetime, decimal, index, int, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '@/lib/db/columns';

// Usage billing (lib/usage): what a plan meters, the events reported against services, the counters kept per
// service, meter and period in the same transaction as each event, and what closing a period billed.
// Quantities are DECIMAL(24,6) and unit prices DECIMAL(24,10) in minor units, read and written as exact strings.

export const USAGE_AGGREGATIONS = ['sum', 'max', 'p95', 'unique_count'] as const;
export type UsageAggregationKey = (typeof USAGE_AGGREGATIONS)[number];

/** Quantities: six decimals (an hour to 3.6 ms, a GB to the kB). */
const quantity = (name: string) => decimal(name, { precision: 24, scale: 6, mode: 'string' });
/** Unit prices in minor units: ten decimals, so a thousandth of a cent per API call is exact. */
const unitPrice = (name: string) => decimal(name, { precision: 24, scale: 10, mode: 'string' });

/** A meter a plan bills: its code in the meter registry, how a period's events add up, the increment and allowance. */
export const planMeters = mysqlTable(
  'plan_meters',
  {
    id: id(),
    planId: ref('plan_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    aggregation: mysqlEnum('aggregation', USAGE_AGGREGATIONS).notNull(),
    /** Rounded up to a whole number of these (0.25 h = 15 minutes); null bills the exact quantity. */
    incrementStep: quantity('increment_step'),
    /** Free per period before anything is charged. */
    includedQuantity: quantity('included_quantity').notNull().default('0'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('plan_meters_plan_meter_uq').on(t.planId, t.meterCode)],
);

/** A plan meter's price per unit in each currency the plan sells in, in minor units (15 = €0.15 an hour). */
export const planMeterPrices = mysqlTable(
  'plan_meter_prices',
  {
    planMeterId: ref('plan_meter_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    unitPriceMinor: unitPrice('unit_price_minor').notNull(),
  },
  (t) => [primaryKey({ name: 'plan_meter_prices_pk', columns: [t.planMeterId, t.currency] })],
);

/**
 * Every event as reported. The unique key on (service, transaction id) is what makes a repeated report count once;
 * `ingest_token` marks the rows one ingest statement inserted, so only those move the counters.
 */
export const usageEvents = mysqlTable(
  'usage_events',
  {
    id: id(),
    serviceId: ref('service_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    transactionId: varchar('transaction_id', { length: 100 }).notNull(),
    quantity: quantity('quantity').notNull(),
    /** After the meter's per-event increment (a session rounded up to 15 minutes): what the counter added. */
    countedQuantity: quantity('counted_quantity').notNull(),
    /** What a unique-count meter counts once per period (a user id, an address). */
    uniqueKey: varchar('unique_key', { length: 191 }),
    occurredAt: datetime('occurred_at', { mode: 'date', fsp: 3 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    ingestToken: bigint('ingest_token', { mode: 'bigint', unsigned: true }).notNull(),
    receivedAt: createdAt(),
  },
  // No index beyond the unique key: every one costs the ingest path, and nothing reads events by period but a recompute.
  (t) => [uniqueIndex('usage_events_transaction_uq').on(t.serviceId, t.transactionId)],
);

/**
 * One row per service, meter and period, updated in the transaction that inserts its events: the live total a page
 * reads, and what closing bills. `unbilled` and `bill_on` say when it is next billed; `billed_*` what was billed.
 */
export const usageCounters = mysqlTable(
  'usage_counters',
  {
    serviceId: ref('service_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    /** The next period's first day (exclusive end), as service_billing_periods keeps it. */
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    aggregation: mysqlEnum('aggregation', USAGE_AGGREGATIONS).notNull(),
    /** Sum, maximum or unique count so far; p95 meters keep theirs in usage_samples. */
    value: quantity('value').notNull().default('0'),
    events: int('events').notNull().default(0),
    unbilled: boolean('unbilled').notNull().default(true),
    /** The closing date that bills it: the period's end, or for usage arriving after that, the next one. */
    billOn: date('bill_on', { mode: 'string' }).notNull(),
    closed: boolean('closed').notNull().default(false),
    lastClosedOn: date('last_closed_on', { mode: 'string' }),
    /** The aggregated quantity and the chargeable quantity (after increment and allowance) billed so far. */
    billedQuantity: quantity('billed_quantity').notNull().default('0'),
    billedChargedQuantity: quantity('billed_charged_quantity').notNull().default('0'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'usage_counters_pk', columns: [t.serviceId, t.meterCode, t.periodStart] }), index('usage_counters_due_idx').on(t.unbilled, t.billOn, t.serviceId)],
);

/** 95th-percentile meters: one row per 5-minute bucket, the bucket's events summed. */
export const usageSamples = mysqlTable(
  'usage_samples',
  {
    serviceId: ref('service_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    bucketStart: datetime('bucket_start', { mode: 'date' }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    value: quantity('value').notNull(),
  },
  (t) => [primaryKey({ name: 'usage_samples_pk', columns: [t.serviceId, t.meterCode, t.bucketStart] }), index('usage_samples_rank_idx').on(t.serviceId, t.meterCode, t.periodStart, t.value)],
);

/** Unique-count meters: each key once per period; `ingest_token` tells which keys one ingest added. */
export const usageUniqueKeys = mysqlTable(
  'usage_unique_keys',
  {
    serviceId: ref('service_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    uniqueKey: varchar('unique_key', { length: 191 }).notNull(),
    ingestToken: bigint('ingest_token', { mode: 'bigint', unsigned: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'usage_unique_keys_pk', columns: [t.serviceId, t.meterCode, t.periodStart, t.uniqueKey] })],
);

/**
 * What each closing billed of a period: one row per service, meter, period and closing date, written in the
 * transaction of the invoice it went on. Its key is what makes a closing happen once however many passes run.
 * A late row (usage that arrived after the period was billed) carries only the difference.
 */
export const usagePeriodClosings = mysqlTable(
  'usage_period_closings',
  {
    serviceId: ref('service_id').notNull(),
    meterCode: varchar('meter_code', { length: 40 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    late: boolean('late').notNull(),
    /** Null when nothing was chargeable (all within the allowance). */
    invoiceId: ref('invoice_id'),
    quantity: quantity('quantity').notNull(),
    chargedQuantity: quantity('charged_quantity').notNull(),
    unitPriceMinor: unitPrice('unit_price_minor').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'usage_period_closings_pk', columns: [t.serviceId, t.meterCode, t.periodStart, t.closedOn] }), index('usage_period_closings_invoice_idx').on(t.invoiceId)],
);

export type PlanMeter = typeof planMeters.$inferSelect;
export type UsageCounter = typeof usageCounters.$inferSelect;
