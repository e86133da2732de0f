import { and, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { CentralDb } from '@/lib/db/connection';
import { getCentralDb } from '@/lib/db/central';
import { jobRuns } from '@/db/schema/central';
import { defineJob } from './define-job';

const DAY_MS = 86_400_000;

export interface PruneJobRunsOptions {
  olderThan: Date;
  /** Rows per DELETE, so one run never holds long locks on a busy table. */
  batchSize?: number;
}

/** Deletes job_runs rows last touched before `olderThan`; running it again deletes nothing more. */
export async function pruneJobRuns(db: CentralDb, opts: PruneJobRunsOptions): Promise<number> {
  const batchSize = opts.batchSize ?? 1000;
  let deleted = 0;
  for (;;) {
    const [res] = await db
      .delete(jobRuns)
      // Naming every status lets the (status, updated_at) index serve the range instead of a full scan.
      .where(and(inArray(jobRuns.status, ['running', 'completed', 'failed']), lt(jobRuns.updatedAt, opts.olderThan)))
      .limit(batchSize);
    deleted += res.affectedRows;
    if (res.affectedRows < batchSize) return deleted;
  }
}

export const pruneHistoryJob = defineJob({
  name: 'maintenance.prune-history',
  queue: 'low',
  schema: z.object({ olderThanDays: z.number().int().min(1).max(3650).default(30) }),
  handler: async ({ olderThanDays }, { log }) => {
    // The cutoff is fixed at the start, so rows written while the loop runs never keep it going.
    const olderThan = new Date(Date.now() - olderThanDays * DAY_MS);
    const deleted = await pruneJobRuns(getCentralDb(), { olderThan });
    log(`deleted ${deleted} job_runs rows older than ${olderThanDays} days`);
    return { deleted };
  },
});
