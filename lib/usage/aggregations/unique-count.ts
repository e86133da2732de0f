import { usageUniqueKeys } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { driverOf } from '@/lib/db/connection';
import { tupleInSql } from '@/lib/db/tuple-in';
import { parseQuantity } from '../decimal';
import { counterKey, valuesOf, type UsageAggregation } from '../aggregation';

const ONE = parseQuantity('1');

/**
 * How many distinct keys (users, addresses) the period's events named. Each key is a row under the period's
 * primary key: INSERT IGNORE decides whether it is new, and the rows carrying this ingest's token are the new ones.
 */
export const uniqueCountAggregation: UsageAggregation = {
  key: 'unique_count',
  label: 'Distinct keys in the period',
  incrementOn: 'total',
  needsUniqueKey: true,
  mergeValueSql: '`value` + VALUES(`value`)',
  async count(tx, events, ingestToken) {
    const keys = new Map<string, { serviceId: number; meterCode: string; periodStart: string; uniqueKey: string }>();
    for (const e of events) if (e.uniqueKey !== null) keys.set(`${counterKey(e)}|${e.uniqueKey}`, { serviceId: e.serviceId, meterCode: e.meterCode, periodStart: e.periodStart, uniqueKey: e.uniqueKey });
    const out = new Map<string, bigint>(events.map((e) => [counterKey(e), 0n]));
    if (!keys.size) return out;
    const rows = [...keys.values()].sort((a, b) => a.serviceId - b.serviceId || (a.uniqueKey < b.uniqueKey ? -1 : 1));
    await bulkInsert(tx, usageUniqueKeys, rows.map((r) => ({ ...r, ingestToken })), { ignore: true });
    const driver = driverOf(tx);
    const where = tupleInSql((v) => driver.escape(v), ['service_id', 'meter_code', 'period_start', 'unique_key'], rows.map((r) => [r.serviceId, r.meterCode, r.periodStart, r.uniqueKey]));
    const [added] = await driver.query(`SELECT service_id AS serviceId, meter_code AS meterCode, DATE_FORMAT(period_start, '%Y-%m-%d') AS periodStart FROM usage_unique_keys WHERE ingest_token = ${ingestToken} AND ${where}`);
    for (const r of added as { serviceId: number; meterCode: string; periodStart: string }[]) {
      const k = counterKey(r);
      out.set(k, (out.get(k) ?? 0n) + ONE);
    }
    return out;
  },
  quantities: (_db, counters) => valuesOf(counters, parseQuantity),
};
