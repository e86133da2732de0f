import type { UsageAggregationKey } from '@/db/schema/storefront';
import type { UsageAggregation } from './aggregation';
import { maxAggregation } from './aggregations/max';
import { p95Aggregation } from './aggregations/p95';
import { sumAggregation } from './aggregations/sum';
import { uniqueCountAggregation } from './aggregations/unique-count';

/** Every way a period's events add up. A plan meter names one of these keys (and one its meter allows). */
export const USAGE_AGGREGATION_PLUGINS: Record<UsageAggregationKey, UsageAggregation> = {
  sum: sumAggregation,
  max: maxAggregation,
  p95: p95Aggregation,
  unique_count: uniqueCountAggregation,
};

export function aggregationFor(key: UsageAggregationKey): UsageAggregation {
  return USAGE_AGGREGATION_PLUGINS[key];
}

/** The counter's `value` as each aggregation merges an ingest into it, as one CASE on the row's aggregation. */
export const MERGE_VALUE_SQL = `CASE \`aggregation\` ${Object.values(USAGE_AGGREGATION_PLUGINS)
  .map((a) => `WHEN '${a.key}' THEN ${a.mergeValueSql}`)
  .join(' ')} END`;
