import { randomBytes } from 'node:crypto';
import { usageCounters, usageEvents } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { driverOf, type SfDb, type StorefrontDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { tupleInSql } from '@/lib/db/tuple-in';
import { MERGE_VALUE_SQL } from './aggregation-registry';
import { counterKey, type CountedEvent, type UsageAggregation } from './aggregation';
import { quantityText } from './decimal';
import { prepareUsageEvents, type PreparedEvent, type UsageRejection } from './prepare-usage-events';

/** Events per transaction: a few multi-row statements (1,000 rows each) and one commit, locks held for milliseconds. */
const EVENTS_PER_TRANSACTION = 5000;

/**
 * A counter takes an ingest's contribution as its aggregation merges it. Usage arriving for a period already
 * billed reopens the counter for the closing `bill_on` names (and never one already held: closings are keyed by
 * date).
 */
const COUNTER_MERGE = [
  `\`value\` = ${MERGE_VALUE_SQL}`,
  '`events` = `events` + VALUES(`events`)',
  '`unbilled` = 1',
  '`bill_on` = IF(`closed`, GREATEST(VALUES(`bill_on`), `last_closed_on` + INTERVAL 1 DAY), `bill_on`)',
  '`updated_at` = CURRENT_TIMESTAMP(3)',
].join(', ');

export interface IngestResult {
  received: number;
  recorded: number;
  /** Transaction ids already recorded (or repeated within the batch): counted once, never again. */
  duplicates: number;
  rejected: UsageRejection[];
}

/** A random 63-bit mark for the rows one ingest transaction inserts. */
function newToken(): bigint {
  return randomBytes(8).readBigUInt64BE() >> 1n;
}

/**
 * One transaction: the events go in with INSERT IGNORE, so the unique key on (service, transaction id) alone decides
 * which are new, however many reporters send the same event at once; only those the statement inserted (they carry
 * its token) move the counters, in the same transaction. Rows are sorted by key, so two ingests lock in one order.
 */
async function writeChunk(tx: SfDb, chunk: PreparedEvent[]): Promise<number> {
  const token = newToken();
  const inserted = await bulkInsert(
    tx,
    usageEvents,
    chunk.map((e) => ({ serviceId: e.serviceId, meterCode: e.meterCode, transactionId: e.transactionId, quantity: quantityText(e.quantity), countedQuantity: quantityText(e.counted), uniqueKey: e.uniqueKey, occurredAt: e.at, periodStart: e.period.start, ingestToken: token })),
    { ignore: true },
  );
  if (inserted === 0) return 0;
  let ours = chunk;
  if (inserted < chunk.length) {
    const driver = driverOf(tx);
    const where = tupleInSql((v) => driver.escape(v), ['service_id', 'transaction_id'], chunk.map((e) => [e.serviceId, e.transactionId]));
    const [rows] = await driver.query(`SELECT service_id AS s, transaction_id AS t FROM usage_events WHERE ingest_token = ${token} AND ${where}`);
    const mine = new Set((rows as { s: number; t: string }[]).map((r) => `${r.s}|${r.t}`));
    ours = chunk.filter((e) => mine.has(`${e.serviceId}|${e.transactionId}`));
  }

  const byAggregation = new Map<UsageAggregation, CountedEvent[]>();
  const counters = new Map<string, typeof usageCounters.$inferInsert>();
  for (const e of ours) {
    const counted: CountedEvent = { serviceId: e.serviceId, meterCode: e.meterCode, periodStart: e.period.start, at: e.at, counted: e.counted, uniqueKey: e.uniqueKey };
    const list = byAggregation.get(e.aggregation);
    if (list) list.push(counted);
    else byAggregation.set(e.aggregation, [counted]);
    const k = counterKey(counted);
    const c = counters.get(k);
    // One counter's events share a period and an arrival, so they name the same closing.
    if (c) c.events! += 1;
    else counters.set(k, { serviceId: e.serviceId, meterCode: e.meterCode, periodStart: e.period.start, periodEnd: e.period.end, aggregation: e.aggregation.key, value: '0', events: 1, billOn: e.billOn });
  }
  for (const [aggregation, events] of byAggregation) {
    for (const [k, contribution] of await aggregation.count(tx, events, token)) counters.get(k)!.value = quantityText(contribution);
  }
  const rows = [...counters.values()].sort((a, b) => a.serviceId - b.serviceId || (a.meterCode < b.meterCode ? -1 : a.meterCode > b.meterCode ? 1 : a.periodStart < b.periodStart ? -1 : 1));
  await bulkInsert(tx, usageCounters, rows, { onDuplicateKeyUpdate: COUNTER_MERGE });
  return ours.length;
}

/** Writes prepared events, a transaction per chunk; returns how many were new. Repeats within `events` count once. */
export async function writeUsageEvents(db: StorefrontDb, events: readonly PreparedEvent[]): Promise<{ recorded: number; duplicates: number }> {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const k = `${e.serviceId}|${e.transactionId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => a.serviceId - b.serviceId || (a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0));
  let recorded = 0;
  for (let i = 0; i < unique.length; i += EVENTS_PER_TRANSACTION) {
    const chunk = unique.slice(i, i + EVENTS_PER_TRANSACTION);
    recorded += await withDeadlockRetry(() => db.transaction((tx) => writeChunk(tx, chunk)));
  }
  return { recorded, duplicates: events.length - recorded };
}

/**
 * The batch path for workers and importers: validates every event, rejects the bad ones one by one (with the same
 * messages the CLI prints), and records the rest. Safe to send again: a transaction id counts once.
 */
export async function ingestUsage(db: StorefrontDb, opts: { events: readonly unknown[]; now?: Date }): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const { prepared, rejected } = await prepareUsageEvents(db, opts.events, now);
  const { recorded, duplicates } = await writeUsageEvents(db, prepared);
  return { received: opts.events.length, recorded, duplicates, rejected };
}
