import { and, eq, inArray } from 'drizzle-orm';
import { services, type ProvisioningStatus } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** Provisioning states a customer's service is not ready to use in yet: being set up, failed, or waiting for hardware. */
const NOT_READY: ProvisioningStatus[] = ['queued', 'provisioning', 'building', 'failed', 'awaiting_hardware'];

/** Ids of one account's services that are not ready to use yet. */
export async function listSettingUpServiceIds(db: SfDb, opts: { customerId: number }): Promise<Set<number>> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.customerId, opts.customerId), inArray(services.provisioningStatus, NOT_READY)));
  return new Set(rows.map((r) => r.id));
}
