import { desc, eq } from 'drizzle-orm';
import { provisioningLog } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** The newest provisioning log lines of a service, for the admin service page. */
export async function listProvisioningLog(db: SfDb, serviceId: number, limit = 100) {
  return db.select().from(provisioningLog).where(eq(provisioningLog.serviceId, serviceId)).orderBy(desc(provisioningLog.id)).limit(limit);
}
