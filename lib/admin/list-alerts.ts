import { desc, isNotNull, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { adminAlerts } from '@/db/schema/storefront';

/** Open alerts first (all of them), then the most recent acknowledged ones. */
export async function listAlerts(db: SfDb, recentAcknowledged = 50) {
  const [open, acknowledged] = await Promise.all([
    db.select().from(adminAlerts).where(isNull(adminAlerts.acknowledgedAt)).orderBy(desc(adminAlerts.id)),
    db.select().from(adminAlerts).where(isNotNull(adminAlerts.acknowledgedAt)).orderBy(desc(adminAlerts.acknowledgedAt)).limit(recentAcknowledged),
  ]);
  return { open, acknowledged };
}
