import { and, eq, inArray } from 'drizzle-orm';
import { kasmSessions, services, type KasmSessionEndReason } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { billKasmSessions, type KasmBillingResult } from './bill-kasm-sessions';
import { billedMinutesOf } from './session-billing';

/**
 * Ends our record of a session at `stoppedAt` (never before it started) with its billed minutes, then bills it.
 * The guarded UPDATE (status still open) lets only one closer win — the app's Stop, the tracker, staff — and the
 * audit row goes with it; billing runs for a loser too, and counts once either way.
 */
export async function closeKasmSession(
  db: StorefrontDb,
  opts: { sessionId: number; stoppedAt: Date; endReason: KasmSessionEndReason; actor: AuditActor; now?: Date },
): Promise<{ closed: boolean; billedMinutes: number | null; billing: KasmBillingResult }> {
  const closed = await db.transaction(async (tx) => {
    const [s] = await tx
      .select({ id: kasmSessions.id, kasmId: kasmSessions.kasmId, startedAt: kasmSessions.startedAt, status: kasmSessions.status, service: services.publicId })
      .from(kasmSessions)
      .innerJoin(services, eq(services.id, kasmSessions.serviceId))
      .where(eq(kasmSessions.id, opts.sessionId))
      .for('update');
    if (!s || s.status === 'stopped') return null;
    const stoppedAt = opts.stoppedAt < s.startedAt ? s.startedAt : opts.stoppedAt;
    const billedMinutes = billedMinutesOf(s.startedAt, stoppedAt);
    const [res] = await tx
      .update(kasmSessions)
      .set({ status: 'stopped', stoppedAt, billedMinutes, endReason: opts.endReason })
      .where(and(eq(kasmSessions.id, s.id), inArray(kasmSessions.status, ['starting', 'running'])));
    if (res.affectedRows !== 1) return null;
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'service.kasm.session_stopped',
      target: { type: 'service', id: s.service },
      after: { kasmId: s.kasmId, startedAt: s.startedAt.toISOString(), stoppedAt: stoppedAt.toISOString(), billedMinutes, endReason: opts.endReason },
    });
    return billedMinutes;
  });
  const billing = await billKasmSessions(db, { sessionIds: [opts.sessionId], now: opts.now });
  return { closed: closed !== null, billedMinutes: closed, billing };
}
