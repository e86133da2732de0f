import { and, eq, sql } from 'drizzle-orm';
import { storefronts } from '@/db/schema/central';
import { plans, provisioningRequests, services, type ProvisioningAction } from '@/db/schema/storefront';
import { getCentralDb } from '@/lib/db/central';
import type { SfDb } from '@/lib/db/connection';
import { enqueueIdempotent } from '@/jobs/enqueue';
import { provisioningRunSpec } from '@/jobs/specs';

const storefrontOfDatabase = new Map<string, number>();

/** Which storefront a connection works on, from its current database (the billing code passes only a transaction). */
async function storefrontIdOf(tx: SfDb): Promise<number> {
  const [rows] = (await tx.execute(sql`SELECT DATABASE() AS db`)) as unknown as [{ db: string }[]];
  const dbName = rows[0]!.db;
  let id = storefrontOfDatabase.get(dbName);
  if (id === undefined) {
    const [sf] = await getCentralDb().select({ id: storefronts.id }).from(storefronts).where(eq(storefronts.dbName, dbName));
    if (!sf) throw new Error(`No storefront uses database ${dbName}`);
    id = sf.id;
    storefrontOfDatabase.set(dbName, id);
  }
  return id;
}

export function provisioningJobId(storefrontId: number, requestId: number): string {
  return `prov-${storefrontId}-${requestId}`;
}

export async function dispatchProvisioning(storefrontId: number, requestId: number): Promise<void> {
  await enqueueIdempotent(provisioningRunSpec, { storefrontId, requestId }, provisioningJobId(storefrontId, requestId));
}

/**
 * Records what the panel must do in the caller's transaction and queues the job that does it. The job is queued
 * before the commit (a queue failure rolls the state change back, so nothing is silently left undone); the job
 * waits for the row if it runs first, and a request whose transaction rolled back is never found and ends quietly.
 * Services whose plan has no provisioning module need nothing.
 */
export async function requestProvisioning(tx: SfDb, opts: { serviceId: number; action: ProvisioningAction; requestedBy?: string | null }): Promise<number | null> {
  const [row] = await tx.select({ module: plans.provisioningModule }).from(services).innerJoin(plans, eq(plans.id, services.planId)).where(eq(services.id, opts.serviceId));
  // A module that is not installed still gets a request, which fails loudly instead of doing nothing quietly.
  if (!row?.module) return null;
  const [res] = await tx.insert(provisioningRequests).values({ serviceId: opts.serviceId, action: opts.action, requestedBy: opts.requestedBy?.slice(0, 255) ?? null });
  if (opts.action === 'provision') {
    await tx.update(services).set({ provisioningStatus: 'queued', provisioningError: null }).where(and(eq(services.id, opts.serviceId)));
  }
  await dispatchProvisioning(await storefrontIdOf(tx), res.insertId);
  return res.insertId;
}
