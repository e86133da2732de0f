import type { UsageAggregationKey } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** An event one ingest statement has just inserted, with what its counter needs. */
export interface CountedEvent {
  serviceId: number;
  meterCode: string;
  periodStart: string;
  at: Date;
  /** The quantity after the per-event increment, for aggregations that round each event. */
  counted: bigint;
  uniqueKey: string | null;
}

/** A counter as the aggregations read it. */
export interface CounterRef {
  serviceId: number;
  meterCode: string;
  periodStart: string;
  /** The next period's first day. */
  periodEnd: string;
  /** The counter's `value` column, as the database returns it. */
  value: string;
}

export const counterKey = (c: { serviceId: number; meterCode: string; periodStart: string }) => `${c.serviceId}|${c.meterCode}|${c.periodStart}`;

/**
 * How a period's events add up to one quantity. An aggregation keeps whatever it needs pre-aggregated as events
 * are counted (in the ingest transaction, for the events that insert actually added), so a live total or a
 * closing reads a few rows, never the events.
 */
export interface UsageAggregation {
  key: UsageAggregationKey;
  /** For staff: "95th percentile of 5-minute samples". */
  label: string;
  /** Where a plan meter's increment applies: each event (a session rounded up) or the period's result. */
  incrementOn: 'event' | 'total';
  /** Events must carry a uniqueKey (what is counted once per period). */
  needsUniqueKey: boolean;
  /**
   * How the counter's `value` takes one ingest's contribution, as the SQL of ON DUPLICATE KEY UPDATE
   * (VALUES(`value`) is the contribution count() returned). Written here, never from input.
   */
  mergeValueSql: string;
  /** Writes this aggregation's own pre-aggregates for newly inserted events; returns each counter's contribution. */
  count(tx: SfDb, events: readonly CountedEvent[], ingestToken: bigint): Promise<Map<string, bigint>>;
  /** The period quantity of each counter (by counterKey), before the plan's increment, allowance and price. */
  quantities(db: SfDb, counters: readonly CounterRef[]): Promise<Map<string, bigint>>;
}

/** For aggregations whose counter value is the quantity. */
export async function valuesOf(counters: readonly CounterRef[], parse: (text: string) => bigint): Promise<Map<string, bigint>> {
  return new Map(counters.map((c) => [counterKey(c), parse(c.value)]));
}
