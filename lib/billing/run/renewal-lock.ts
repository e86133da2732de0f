import { and, eq, inArray, isNull } from 'drizzle-orm';
import { services, type Service } from '@/db/schema/storefront';
import { idIn } from '@/lib/db/id-in';
import type { SfDb } from '@/lib/db/connection';
import { invoicedPeriods } from './renewal-periods';
import { FINGERPRINT, PRICED, RENEWABLE, type DueService, type PreparedChunk } from './renewal-rows';

/**
 * A chunk's services read again and locked in the writing transaction, as a payment or another pass may have
 * moved them since the batch was read; the ones no longer renewable drop out.
 */
export async function lockDueServices(db: SfDb, ids: number[]): Promise<DueService[]> {
  return db
    .select(PRICED)
    .from(services)
    .where(and(idIn(services.id, ids), inArray(services.status, [...RENEWABLE]), eq(services.autoRenew, true), isNull(services.cancellationRequestedAt)))
    .for('update');
}

const FINGERPRINT_KEYS = Object.keys(FINGERPRINT) as (keyof typeof FINGERPRINT)[];

/** Whether a service still reads as it did when priced (see FINGERPRINT). */
function sameAsSeen(seen: { service: DueService; invoiced: boolean } | undefined, now: Pick<Service, keyof typeof FINGERPRINT>, done: Set<string>): boolean {
  if (!seen || seen.invoiced !== done.has(`${now.id}|${now.nextDueOn}`)) return false;
  return FINGERPRINT_KEYS.every((k) => {
    const [a, b] = [seen.service[k], now[k]];
    if (a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime())) return true;
    // The carried coupons are a JSON array, read afresh each time.
    return Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
  });
}

/** Locks a chunk's services and tells whether every one still reads as it did when the chunk was priced. */
export async function unchangedUnderLock(tx: SfDb, chunk: PreparedChunk): Promise<boolean> {
  const ids = chunk.groups.flat().map((s) => s.id);
  // Only what the fingerprint compares: the full rows were read (and priced) ahead of this transaction.
  const locked = await tx.select(FINGERPRINT).from(services).where(and(idIn(services.id, ids), inArray(services.status, [...RENEWABLE]), isNull(services.cancellationRequestedAt))).for('update');
  const done = await invoicedPeriods(tx, locked);
  return locked.length === chunk.seen.size && locked.every((svc) => sameAsSeen(chunk.seen.get(svc.id), svc, done));
}
