import { usageSamples } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { driverOf } from '@/lib/db/connection';
import { bucketOf, bucketsIn } from '../usage-period';
import { parseQuantity, quantityText } from '../decimal';
import { counterKey, type UsageAggregation } from '../aggregation';

/** Counters per statement when reading percentiles: one indexed subquery each. */
const COUNTERS_PER_QUERY = 100;

/**
 * Burstable billing: the period's 5-minute samples, highest first, the top 5 % dropped and the next one billed.
 * Every bucket of the period counts, quiet ones as zero (8,640 in 30 days: the 433rd highest is billed), so before
 * a period ends its percentile is what it would be if the rest stayed quiet. Events in one bucket add up (bytes
 * from two exporters, in and out if the reporter sends both).
 */
export const p95Aggregation: UsageAggregation = {
  key: 'p95',
  label: '95th percentile of 5-minute samples',
  incrementOn: 'total',
  needsUniqueKey: false,
  // The samples are the pre-aggregate; the counter keeps only the event count.
  mergeValueSql: '`value`',
  async count(tx, events) {
    const buckets = new Map<string, { serviceId: number; meterCode: string; periodStart: string; bucketStart: Date; value: bigint }>();
    for (const e of events) {
      const bucketStart = bucketOf(e.at);
      const k = `${counterKey(e)}|${bucketStart.getTime()}`;
      const b = buckets.get(k);
      if (b) b.value += e.counted;
      else buckets.set(k, { serviceId: e.serviceId, meterCode: e.meterCode, periodStart: e.periodStart, bucketStart, value: e.counted });
    }
    const rows = [...buckets.values()].sort((a, b) => a.serviceId - b.serviceId || a.bucketStart.getTime() - b.bucketStart.getTime());
    await bulkInsert(tx, usageSamples, rows.map((r) => ({ ...r, value: quantityText(r.value) })), { onDuplicateKeyUpdate: '`value` = `value` + VALUES(`value`)' });
    return new Map(events.map((e) => [counterKey(e), 0n]));
  },
  async quantities(db, counters) {
    const out = new Map<string, bigint>(counters.map((c) => [counterKey(c), 0n]));
    const driver = driverOf(db);
    for (let i = 0; i < counters.length; i += COUNTERS_PER_QUERY) {
      const parts = counters.slice(i, i + COUNTERS_PER_QUERY).map((c) => {
        const dropped = p95Dropped(bucketsIn({ start: c.periodStart, end: c.periodEnd }));
        return `(SELECT ${driver.escape(counterKey(c))} AS k, value FROM usage_samples WHERE service_id = ${Number(c.serviceId)} AND meter_code = ${driver.escape(c.meterCode)} AND period_start = ${driver.escape(c.periodStart)} ORDER BY value DESC LIMIT 1 OFFSET ${dropped})`;
      });
      const [rows] = await driver.query(parts.join(' UNION ALL '));
      for (const r of rows as { k: string; value: string }[]) out.set(r.k, parseQuantity(r.value));
    }
    return out;
  },
};

/** Samples dropped from the top before the billed one: 5 % of the period's buckets, rounded down. */
export function p95Dropped(buckets: number): number {
  return Math.floor(buckets / 20);
}
