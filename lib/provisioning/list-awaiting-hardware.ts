import { eq } from 'drizzle-orm';
import { customers, plans, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** Services waiting for hardware, oldest first, for the admin queue. */
export async function listAwaitingHardware(db: SfDb) {
  return db
    .select({ service: services, customerEmail: customers.email, planName: plans.name })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .where(eq(services.provisioningStatus, 'awaiting_hardware'))
    .orderBy(services.id);
}
