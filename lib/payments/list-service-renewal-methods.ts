import { and, eq, isNull } from 'drizzle-orm';
import { paymentMethods, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** Service id → the public id of the saved method it renews with; services on the account default are left out. */
export async function listServiceRenewalMethods(db: SfDb, opts: { customerId: number }): Promise<Map<number, string>> {
  const rows = await db
    .select({ serviceId: services.id, methodPublicId: paymentMethods.publicId })
    .from(services)
    .innerJoin(paymentMethods, and(eq(paymentMethods.id, services.paymentMethodId), isNull(paymentMethods.removedAt)))
    .where(eq(services.customerId, opts.customerId));
  return new Map(rows.map((r) => [r.serviceId, r.methodPublicId]));
}
