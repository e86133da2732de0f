import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { storefronts } from '@/db/schema/central';
import { provisioningRequests } from '@/db/schema/storefront';
import { getCentralDb } from '@/lib/db/central';
import { dispatchProvisioning } from '@/lib/provisioning/request-queue';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineJob } from './define-job';
import { provisioningRunSpec } from './specs';

/**
 * One provisioning request. The job is queued inside the transaction that wrote the request, so it may start
 * before that commits: it waits a few seconds for the row, and a row that never appears (rolled back) ends it.
 */
export const provisioningRunJob = defineJob({
  ...provisioningRunSpec,
  handler: async ({ storefrontId, requestId }, { job, log }) => {
    const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.id, storefrontId));
    if (!sf) return { skipped: true };
    const db = openStorefrontDb(sf);
    for (let i = 0; i < 10; i++) {
      const [row] = await db.select({ id: provisioningRequests.id }).from(provisioningRequests).where(eq(provisioningRequests.id, requestId));
      if (row) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const attempt = job.attemptsMade + 1;
    const outcome = await runProvisioningRequest(db, storefrontId, requestId, { attempt, finalAttempt: attempt >= (job.opts.attempts ?? 1) });
    log(`${sf.slug}: request ${requestId} ${outcome} (try ${attempt})`);
    return { outcome };
  },
});

/** Requests whose job was lost (a Redis flush, a crash between writing and queuing): queued again every minute. */
export const provisioningSweepJob = defineJob({
  name: 'provisioning.sweep',
  queue: 'default',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    let queued = 0;
    for (const sf of active) {
      const stuck = await openStorefrontDb(sf)
        .select({ id: provisioningRequests.id })
        .from(provisioningRequests)
        .where(and(inArray(provisioningRequests.status, ['queued', 'running']), lt(provisioningRequests.updatedAt, sql`CURRENT_TIMESTAMP(3) - INTERVAL 2 MINUTE`)))
        .limit(500);
      for (const r of stuck) await dispatchProvisioning(sf.id, r.id);
      queued += stuck.length;
    }
    log(`re-queued ${queued} provisioning request(s) across ${active.length} storefront(s)`);
    return { queued };
  },
});
