import { randomBytes } from 'node:crypto';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { showQuantity } from './decimal';
import { writeUsageEvents } from './ingest-usage';
import { prepareUsageEvents } from './prepare-usage-events';
import type { UsageEventInput } from './schemas';
import { lastDayOf } from './usage-period';

export interface RecordedUsage {
  transactionId: string;
  /** False when this transaction id was already recorded: it counted once, the first time. */
  recorded: boolean;
  quantity: string;
  at: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * One event, as the CLI or a single reporter sends it: a bad one throws its one AppError (400 bad input or unknown
 * meter, 404 a service this storefront does not have, 409 a service that is not active). Without a transaction id
 * one is made up and returned: a retry counts once only if it sends that id again.
 */
export async function recordUsage(db: StorefrontDb, opts: { event: Omit<UsageEventInput, 'transactionId' | 'at'> & { transactionId?: string; at?: Date | string }; now?: Date }): Promise<RecordedUsage> {
  const now = opts.now ?? new Date();
  const event = { ...opts.event, at: opts.event.at ?? now, transactionId: opts.event.transactionId ?? `usage_${randomBytes(12).toString('hex')}` };
  const { prepared, rejected } = await prepareUsageEvents(db, [event], now);
  if (rejected[0]) throw new AppError(rejected[0].code, rejected[0].message);
  const e = prepared[0]!;
  const { recorded } = await writeUsageEvents(db, prepared);
  return { transactionId: e.transactionId, recorded: recorded === 1, quantity: showQuantity(e.quantity), at: e.at.toISOString(), periodStart: e.period.start, periodEnd: lastDayOf(e.period) };
}
