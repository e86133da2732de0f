import { desc, eq, inArray } from 'drizzle-orm';
import { customers, kasmSessions, plans, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { formatDuration } from './session-billing';

export interface RunningKasmSession {
  sessionId: number;
  service: string;
  serviceLabel: string;
  customer: string;
  customerEmail: string;
  plan: string;
  status: string;
  source: string;
  startedAt: Date;
  runningFor: string;
}

/** Every open desktop session of the storefront, across customers, longest running first (staff's view). */
export async function listRunningKasmSessions(db: SfDb, opts: { now?: Date; limit?: number } = {}): Promise<RunningKasmSession[]> {
  const now = opts.now ?? new Date();
  const rows = await db
    .select({ sessionId: kasmSessions.id, service: services.publicId, serviceLabel: services.label, customer: customers.publicId, customerEmail: customers.email, plan: plans.name, status: kasmSessions.status, source: kasmSessions.source, startedAt: kasmSessions.startedAt })
    .from(kasmSessions)
    .innerJoin(services, eq(services.id, kasmSessions.serviceId))
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .where(inArray(kasmSessions.status, ['starting', 'running']))
    .orderBy(desc(kasmSessions.startedAt))
    .limit(opts.limit ?? 500);
  return rows.reverse().map((r) => ({ ...r, runningFor: formatDuration(now.getTime() - r.startedAt.getTime()) }));
}
