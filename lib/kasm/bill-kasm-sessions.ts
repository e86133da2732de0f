import { and, eq, inArray, isNull } from 'drizzle-orm';
import { kasmSessions, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { ingestUsage } from '@/lib/usage/ingest-usage';
import { KASM_METER, kasmTransactionId, minutesAsHours } from './session-billing';

export interface KasmBillingResult {
  billed: number;
  /** Sessions the usage engine refused (a service no longer active, a plan without the meter): retried next run. */
  refused: { sessionId: number; message: string }[];
}

/**
 * When the usage is dated: the stop, or the moment the service stopped being active when the session was ended
 * by (or after) that — a suspension ends its desktop's sessions, and their time up to then is still owed.
 */
function usageAt(s: { stoppedAt: Date | null; status: string; suspendedAt: Date | null; terminatedAt: Date | null; cancelledAt: Date | null }): Date {
  const stop = s.stoppedAt!;
  const left = s.status === 'suspended' ? s.suspendedAt : s.status === 'terminated' ? s.terminatedAt : s.status === 'cancelled' ? s.cancelledAt : null;
  return left && left < stop ? left : stop;
}

/**
 * Sends each stopped, not yet billed session to the usage engine as ONE event (its rounded-up hours, keyed
 * 'kasm:<kasm id>', stamped at its stop) and marks it billed. The engine's unique key decides what counts, so a
 * session sent twice — a stop seen by the app and by the tracker, a worker killed between the event and the mark —
 * bills once. Leaving `sessionIds` out bills every stopped session still waiting.
 */
export async function billKasmSessions(db: StorefrontDb, opts: { sessionIds?: number[]; now?: Date } = {}): Promise<KasmBillingResult> {
  if (opts.sessionIds && opts.sessionIds.length === 0) return { billed: 0, refused: [] };
  const conditions = [eq(kasmSessions.status, 'stopped'), isNull(kasmSessions.billedAt)];
  if (opts.sessionIds) conditions.push(inArray(kasmSessions.id, opts.sessionIds));
  const due = await db
    .select({ id: kasmSessions.id, kasmId: kasmSessions.kasmId, stoppedAt: kasmSessions.stoppedAt, billedMinutes: kasmSessions.billedMinutes, service: services.publicId, status: services.status, suspendedAt: services.suspendedAt, terminatedAt: services.terminatedAt, cancelledAt: services.cancelledAt })
    .from(kasmSessions)
    .innerJoin(services, eq(services.id, kasmSessions.serviceId))
    .where(and(...conditions))
    .limit(1000);
  if (due.length === 0) return { billed: 0, refused: [] };
  const events = due.map((s) => ({ service: s.service, meter: KASM_METER, quantity: minutesAsHours(s.billedMinutes ?? 0), at: usageAt(s), transactionId: kasmTransactionId(s.kasmId) }));
  const { rejected } = await ingestUsage(db, { events, now: opts.now });
  const refusedIdx = new Map(rejected.map((r) => [r.index, r.message]));
  const accepted = due.filter((_, i) => !refusedIdx.has(i)).map((s) => s.id);
  if (accepted.length) await db.update(kasmSessions).set({ billedAt: opts.now ?? new Date() }).where(and(inArray(kasmSessions.id, accepted), isNull(kasmSessions.billedAt)));
  return { billed: accepted.length, refused: due.flatMap((s, i) => (refusedIdx.has(i) ? [{ sessionId: s.id, message: refusedIdx.get(i)! }] : [])) };
}
