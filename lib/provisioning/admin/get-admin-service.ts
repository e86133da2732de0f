import { eq } from 'drizzle-orm';
import { customers, panels, plans, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { moduleFor } from '../registry';

/** A service by its public id with what the admin service page shows beside it; null when there is none. */
export async function getAdminService(db: SfDb, servicePublicId: string) {
  const [row] = await db
    .select({
      service: services,
      customer: { id: customers.id, publicId: customers.publicId, email: customers.email, name: customers.name },
      plan: { id: plans.id, name: plans.name, slug: plans.slug, serviceType: plans.serviceType, provisioningModule: plans.provisioningModule },
      panel: { publicId: panels.publicId, name: panels.name, module: panels.module, url: panels.url },
    })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(panels, eq(panels.id, services.panelId))
    .where(eq(services.publicId, servicePublicId));
  if (!row) return null;
  const module = moduleFor(row.plan.provisioningModule);
  return { ...row, moduleLabel: module?.label ?? null, powerActions: module?.powerActions ?? [] };
}

export type AdminService = NonNullable<Awaited<ReturnType<typeof getAdminService>>>;
