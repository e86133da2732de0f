import { parseQuantity } from '../decimal';
import { counterKey, valuesOf, type UsageAggregation } from '../aggregation';

/** The events' quantities added up (hours, GB, requests); each event rounded up to the increment first. */
export const sumAggregation: UsageAggregation = {
  key: 'sum',
  label: 'Sum of the period’s events',
  incrementOn: 'event',
  needsUniqueKey: false,
  mergeValueSql: '`value` + VALUES(`value`)',
  async count(_tx, events) {
    const out = new Map<string, bigint>();
    for (const e of events) {
      const k = counterKey(e);
      out.set(k, (out.get(k) ?? 0n) + e.counted);
    }
    return out;
  },
  quantities: (_db, counters) => valuesOf(counters, parseQuantity),
};
