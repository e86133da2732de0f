import type { UsageAggregationKey } from '@/db/schema/storefront';

export type MeterCode = 'kasm_hours' | 'bandwidth_gb' | 'bandwidth_mbps' | 'api_calls' | 'active_users';

/**
 * What a usage meter measures, whoever reports it (a panel adapter, a flow collector, an API gateway): its unit,
 * which aggregations make sense for it, and whether quantities must be whole. The price, increment and allowance
 * belong to each plan that bills it (plan_meters).
 */
export interface UsageMeter {
  code: MeterCode;
  /** What invoices and the usage page call it: "Desktop time". */
  label: string;
  unit: { one: string; many: string };
  /** The aggregations a plan may pick; the first is the default. */
  aggregations: readonly [UsageAggregationKey, ...UsageAggregationKey[]];
  /** Counts (API calls): a fraction is refused at ingest. */
  wholeUnits: boolean;
}

export const unitOf = (meter: UsageMeter, quantity: string) => (quantity === '1' ? meter.unit.one : meter.unit.many);
