import { sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/** The floor the database trigger enforces (db/migrations/storefront/0014_audit_log_append_only.sql). */
export const AUDIT_MIN_RETENTION_DAYS = 365;

export interface PruneAuditLogOptions {
  olderThanDays: number;
  /** Rows per DELETE, so one run never holds long locks on a busy table. */
  batchSize?: number;
}

/**
 * The one path that may delete audit rows: the trigger refuses every DELETE unless the session says it is the
 * retention job, and even then any row younger than 365 days. The mark lives in a session variable, so it is set
 * and cleared inside one transaction (one pooled connection) and never leaks to another query.
 */
export async function pruneAuditLog(db: SfDb, opts: PruneAuditLogOptions): Promise<number> {
  if (!Number.isInteger(opts.olderThanDays) || opts.olderThanDays < AUDIT_MIN_RETENTION_DAYS) {
    throw new AppError('bad_request', `Audit rows are kept at least ${AUDIT_MIN_RETENTION_DAYS} days.`);
  }
  const batchSize = opts.batchSize ?? 1000;
  let deleted = 0;
  for (;;) {
    const affected = await db.transaction(async (tx) => {
      await tx.execute(sql`SET @ezscale_audit_retention = 1`);
      try {
        const [res] = (await tx.execute(
          sql`DELETE FROM audit_log WHERE created_at < NOW(3) - INTERVAL ${opts.olderThanDays} DAY ORDER BY id LIMIT ${batchSize}`,
        )) as unknown as [{ affectedRows: number }];
        return res.affectedRows;
      } finally {
        await tx.execute(sql`SET @ezscale_audit_retention = NULL`);
      }
    });
    deleted += affected;
    if (affected < batchSize) return deleted;
  }
}
