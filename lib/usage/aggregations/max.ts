import { maxOf, parseQuantity } from '../decimal';
import { counterKey, valuesOf, type UsageAggregation } from '../aggregation';

/** The highest quantity reported in the period (peak storage, peak seats); rounded up to the increment. */
export const maxAggregation: UsageAggregation = {
  key: 'max',
  label: 'Highest value in the period',
  incrementOn: 'total',
  needsUniqueKey: false,
  mergeValueSql: 'GREATEST(`value`, VALUES(`value`))',
  async count(_tx, events) {
    const out = new Map<string, bigint>();
    for (const e of events) {
      const k = counterKey(e);
      out.set(k, maxOf(out.get(k) ?? 0n, e.counted));
    }
    return out;
  },
  quantities: (_db, counters) => valuesOf(counters, parseQuantity),
};
