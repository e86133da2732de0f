import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { pruneAuditLog } from '@/lib/audit/prune-audit-log';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { defineJob } from './define-job';

// Nightly: audit rows past AUDIT_RETENTION_DAYS are removed through the one path the database trigger allows.
// Unset keeps every row. Re-running deletes nothing more; a run killed halfway leaves whole batches behind.
export const pruneAuditLogJob = defineJob({
  name: 'maintenance.prune-audit-log',
  queue: 'low',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const days = env().AUDIT_RETENTION_DAYS;
    if (!days) {
      log('AUDIT_RETENTION_DAYS is not set: every audit row is kept');
      return { deleted: 0 };
    }
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    let deleted = 0;
    for (const sf of active) deleted += await pruneAuditLog(openStorefrontDb(sf), { olderThanDays: days });
    log(`deleted ${deleted} audit row(s) older than ${days} days across ${active.length} storefront(s)`);
    return { deleted };
  },
});
