import { and, desc, eq, inArray } from 'drizzle-orm';
import { kasmSessions, type KasmSessionEndReason } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { writeProvisioningLog } from '@/lib/provisioning/provisioning-log';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import { closeKasmSession } from './close-kasm-session';
import { getKasmServiceOrThrow, kasmClientFor } from './kasm-service';

/**
 * The Stop button (and staff's force stop): ends the session on Kasm, then closes and bills it at now. Works on a
 * suspended desktop too, so a session is never left running because the service changed state. A session Kasm no
 * longer has is closed all the same. With `sessionId`, that session of the service; else its open one.
 */
export async function stopKasmSession(
  db: StorefrontDb,
  opts: { servicePublicId: string; customerId?: number; sessionId?: number; endReason?: KasmSessionEndReason; actor: AuditActor; now?: Date },
): Promise<{ sessionId: number; billedMinutes: number | null }> {
  const svc = await getKasmServiceOrThrow(db, opts);
  const where = [eq(kasmSessions.serviceId, svc.id), inArray(kasmSessions.status, ['starting', 'running'] as const)];
  if (opts.sessionId !== undefined) where.push(eq(kasmSessions.id, opts.sessionId));
  const [open] = await db.select({ id: kasmSessions.id, kasmId: kasmSessions.kasmId }).from(kasmSessions).where(and(...where)).orderBy(desc(kasmSessions.startedAt)).limit(1);
  if (!open) throw new AppError('conflict', 'No session is running on this desktop.');

  const calls: PanelHttpEntry[] = [];
  let error: string | null = null;
  try {
    const { client, userId } = await kasmClientFor(db, svc.id, calls);
    await client.destroyKasm(open.kasmId, userId);
  } catch (err) {
    error = cleanUntrustedText(err instanceof Error ? err.message : String(err), 500);
  } finally {
    await writeProvisioningLog(db, { serviceId: svc.id, requestId: null, action: 'kasm:stop', attempt: 1, actor: opts.actor, calls, error });
  }
  // Still running on Kasm: billing it as stopped would give the time away.
  if (error) throw new AppError('unavailable', 'The desktop server did not end the session. Please try again in a minute.');
  const now = opts.now ?? new Date();
  const r = await closeKasmSession(db, { sessionId: open.id, stoppedAt: now, endReason: opts.endReason ?? 'customer', actor: opts.actor, now });
  return { sessionId: open.id, billedMinutes: r.billedMinutes };
}
