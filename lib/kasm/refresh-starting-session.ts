import { and, eq } from 'drizzle-orm';
import { kasmSessions } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { getKasmServiceOrThrow, kasmClientFor } from './kasm-service';

/**
 * While a desktop's session is still 'starting', asks Kasm once whether it runs now, so the card turns to "Running"
 * within a poll or two instead of at the tracker's next run. Only starting sessions cost a panel call; a running or
 * stopped desktop is answered from our rows alone. A panel that does not answer leaves the row as it was.
 */
export async function refreshStartingSession(db: StorefrontDb, opts: { servicePublicId: string; customerId?: number }): Promise<void> {
  const svc = await getKasmServiceOrThrow(db, opts);
  const [starting] = await db.select({ id: kasmSessions.id, kasmId: kasmSessions.kasmId }).from(kasmSessions).where(and(eq(kasmSessions.serviceId, svc.id), eq(kasmSessions.status, 'starting'))).limit(1);
  if (!starting) return;
  try {
    const { client, userId } = await kasmClientFor(db, svc.id, []);
    const status = await client.getKasmStatus(starting.kasmId, userId);
    if (status?.status.toLowerCase() === 'running') await db.update(kasmSessions).set({ status: 'running' }).where(and(eq(kasmSessions.id, starting.id), eq(kasmSessions.status, 'starting')));
  } catch {
    // The tracker reconciles it on its next run.
  }
}
